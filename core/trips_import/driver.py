"""Many rows written straight through the database's driver for a trips import: executemany
on SQLite, COPY on PostgreSQL; and on PostgreSQL, a large load without the tables' indexes and
foreign keys, and the planner's statistics taken again after it."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

ANALYZE_FROM = 1000  # trips added, from which PostgreSQL's statistics are taken again
# Trips added, from which (and from as many as the office holds) the day rows are written
# without their secondary indexes and foreign keys, rebuilt once after (without_indexes).
BULK_FROM = 10_000


class Driver:
    """Many rows handed straight to the database's driver (executemany on SQLite, COPY on
    PostgreSQL): for the day rows (a trip of five days has five), SQLAlchemy's work on each
    row's parameters cost more than the insert. Values go as SQLAlchemy would store them: on
    SQLite dates and times as its ISO text; JSON as text."""

    def __init__(self, conn):
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"
        self.sequences: dict[str, str] = {}  # PostgreSQL: each table's id sequence

    def ids(self, table: str, n: int) -> list[int]:
        """`n` new ids of `table`, taken before its rows are written: on SQLite after the
        largest (the transaction holds the database's write lock, as SQLite itself would number
        them), on PostgreSQL from the table's sequence."""
        if self.sqlite:
            first = self.conn.exec_driver_sql(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").scalar()
            return list(range(first, first + n))
        if table not in self.sequences:
            # Looked up once: in the statement below it was looked up again for every id.
            self.sequences[table] = self.conn.exec_driver_sql(
                f"SELECT pg_get_serial_sequence('{table}', 'id')"
            ).scalar()
        return list(
            self.conn.exec_driver_sql(
                "SELECT nextval(%s::regclass) FROM generate_series(1, %s)", (self.sequences[table], int(n))
            ).scalars()
        )

    def value(self, v):
        if self.sqlite:
            if isinstance(v, dt.datetime):
                return v.strftime("%Y-%m-%d %H:%M:%S.%f")
            if isinstance(v, dt.date):
                return v.isoformat()
        return v

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if not rows:
            return
        if self.sqlite:
            marks = ", ".join("?" * len(columns))
            self.conn.exec_driver_sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
            return
        # PostgreSQL: COPY, in the transaction's own connection (an INSERT per row, even
        # pipelined, had the server run 400,000 statements for 100,000 trips' days).
        with self.conn.connection.dbapi_connection.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    @contextmanager
    def without_indexes(self, *tables: str):
        """On PostgreSQL, the tables' secondary indexes and foreign keys dropped while
        the block writes their rows, then made again from their own definitions, as read from
        the database's catalogue: building an index once from 400,000 rows (sorted) costs a
        fraction of updating it 400,000 times, and a foreign key added back checks every row
        with one join instead of a lookup per row (PostgreSQL's advice for loading a
        database, "Populating a Database"). All in the caller's transaction: an error drops
        nothing. Primary keys and unique indexes stay. While it runs, others cannot read the
        tables (the pages wait for the import: only a large import, BULK_FROM, does this).
        On SQLite, which updates its indexes cheaply, this measured slower: nothing is done."""
        if self.sqlite:
            yield
            return
        # Every table locked in one statement before anything is dropped: the import waits
        # for the readers there are, then holds all the tables, instead of holding some
        # while it waits for a reader of the next (a narrower window for a deadlock, which
        # PostgreSQL would break by failing one side; the import's would write nothing).
        self.conn.exec_driver_sql(f"LOCK TABLE {', '.join(tables)} IN ACCESS EXCLUSIVE MODE")
        indexes, keys = [], []
        for table in tables:
            indexes += self._indexes(table)
            keys += self._foreign_keys(table)
        for table, name, _ in keys:
            self.conn.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            self.conn.exec_driver_sql(f'DROP INDEX "{name}"')
        yield
        for _, definition in indexes:
            self.conn.exec_driver_sql(definition)
        for table, name, definition in keys:
            self.conn.exec_driver_sql(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')

    def _indexes(self, table: str) -> list[tuple[str, str]]:
        """(name, the statement making it) of the table's indexes but unique ones (its
        primary key among them)."""
        return self.conn.exec_driver_sql(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i"
            " JOIN pg_class c ON c.oid = i.indexrelid"
            " WHERE i.indrelid = %s::regclass AND NOT i.indisunique",
            (table,),
        ).all()

    def _foreign_keys(self, table: str) -> list[tuple[str, str, str]]:
        """(table, name, definition) of the table's foreign keys."""
        return [
            (table, name, definition)
            for name, definition in self.conn.exec_driver_sql(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                " WHERE conrelid = %s::regclass AND contype = 'f'",
                (table,),
            )
        ]

    def analyze(self, added: int) -> None:
        """On PostgreSQL, the planner's statistics of the tables just filled, before the kept
        figures are counted from them: autovacuum has not seen the rows yet (they are not
        committed), so the planner took tables of 100,000 trips for nearly empty ones and
        counted each year's figures by a nested loop over them (ANALYZE samples a bounded
        number of rows: a fraction of a second). Below ANALYZE_FROM new trips the old
        statistics serve."""
        if self.sqlite or added < ANALYZE_FROM:
            return
        self.conn.exec_driver_sql("ANALYZE trips, trip_days, trip_content_types, places")

    def trip_days(self, trip_ids: list[int]) -> None:
        """The day rows of the trips `trip_ids` (written in this transaction), counted out by
        the database itself from each trip's start and end: one statement, where building
        them in Python and sending them cost more than the insert. A working day is Monday to
        Friday (core.periods.is_workday)."""
        if not trip_ids:
            return
        if self.sqlite:
            # The ids were numbered here one after another (ids()), under the write lock.
            self.conn.exec_driver_sql(
                "WITH RECURSIVE d(trip_id, day, end_date, cadre_id, ban_id) AS ("
                " SELECT id, start_date, end_date, cadre_id, ban_id FROM trips WHERE id BETWEEN ? AND ?"
                " UNION ALL SELECT trip_id, date(day, '+1 day'), end_date, cadre_id, ban_id"
                " FROM d WHERE day < end_date)"
                " INSERT INTO trip_days (trip_id, day, cadre_id, ban_id, is_workday)"
                " SELECT trip_id, day, cadre_id, ban_id, strftime('%w', day) NOT IN ('0', '6') FROM d",
                (trip_ids[0], trip_ids[-1]),
            )
            return
        self.conn.exec_driver_sql(
            "INSERT INTO trip_days (trip_id, day, cadre_id, ban_id, is_workday)"
            " SELECT t.id, d::date, t.cadre_id, t.ban_id, extract(isodow FROM d) < 6"
            " FROM trips t, generate_series(t.start_date, t.end_date, interval '1 day') AS d"
            " WHERE t.id = ANY(%s)",
            (list(trip_ids),),
        )
