"""Many rows written straight through the database's driver for a trips import: executemany
on SQLite, COPY on PostgreSQL."""

from __future__ import annotations

import datetime as dt


class Driver:
    """Many rows handed straight to the database's driver (executemany on SQLite, COPY on
    PostgreSQL): for the day rows (a trip of five days has five), SQLAlchemy's work on each
    row's parameters cost more than the insert. Values go as SQLAlchemy would store them: on
    SQLite dates and times as its ISO text; JSON as text."""

    def __init__(self, conn):
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"

    def ids(self, table: str, n: int) -> list[int]:
        """`n` new ids of `table`, taken before its rows are written: on SQLite after the
        largest (the transaction holds the database's write lock, as SQLite itself would number
        them), on PostgreSQL from the table's sequence."""
        if self.sqlite:
            first = self.conn.exec_driver_sql(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").scalar()
            return list(range(first, first + n))
        return list(
            self.conn.exec_driver_sql(
                f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, {int(n)})"
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
