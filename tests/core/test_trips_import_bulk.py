"""A large import (core.trips_import.apply's BULK_FROM trips, and at least as many as there are)
writes the trips and their rows without their indexes and, on PostgreSQL, without their foreign
keys, made again after from their own definitions: the same indexes and keys come back, every
figure is right, a second import adds nothing, and a file that turns out wrong while the keys
are away leaves the database as it was. A small import next to many trips keeps its indexes."""

from __future__ import annotations

import importlib

import pytest
from sqlalchemy import text

from core import rollups
from core.trips_import.apply import BULK_TABLES, apply
from core.trips_import.driver import Driver
from db.session import reading, writing
from tests.core.test_trips_import import (
    ADMIN,
    GOOD,
    assert_figures_right,
    everything,
    hg,  # noqa: F401 (a fixture)
    xlsx_file,
)

apply_module = importlib.import_module("core.trips_import.apply")  # the package names its function so


ROLLUP_TABLES = tuple(table.__tablename__ for table in rollups.TABLES)


def schema(url) -> dict:
    """The bulk tables' indexes and foreign keys (the kept figures' too), as the database
    describes them."""
    with reading(url) as s:
        conn = s.connection()
        if conn.dialect.name == "sqlite":
            return {
                table: sorted(
                    conn.exec_driver_sql(
                        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
                    ).all()
                )
                for table in BULK_TABLES + ROLLUP_TABLES
            }
        return {
            table: sorted(
                conn.exec_driver_sql(
                    "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index"
                    " WHERE indrelid = %s::regclass",
                    (table,),
                ).all()
            )
            + sorted(
                conn.exec_driver_sql(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass",
                    (table,),
                ).all()
            )
            for table in BULK_TABLES + ROLLUP_TABLES
        }


@pytest.fixture
def bulk(monkeypatch):
    """Every import of at least one trip counts as large; the drops are recorded."""
    monkeypatch.setattr(apply_module, "BULK_FROM", 1)
    dropped = []
    original = Driver.without_indexes

    def recording(self, *tables):
        dropped.append(tables)
        return original(self, *tables)

    monkeypatch.setattr(Driver, "without_indexes", recording)
    return dropped


def test_a_large_import_puts_back_every_index_and_key_and_every_figure_is_right(hg, bulk, monkeypatch):  # noqa: F811
    before = schema(hg)
    assert any(len(rows) > 2 for rows in before.values())  # indexes and keys to drop and make again
    with writing(hg) as s:
        assert apply(s, ADMIN, xlsx_file(GOOD), "lich-su.xlsx").added == len(GOOD)
    assert bulk == [BULK_TABLES, ROLLUP_TABLES]
    assert schema(hg) == before
    assert_figures_right(hg, monkeypatch)
    with writing(hg) as s:  # the same file again: nothing added, so nothing dropped
        assert apply(s, ADMIN, xlsx_file(GOOD), "lich-su.xlsx").added == 0
    assert len(bulk) == 2 and schema(hg) == before


def test_the_keys_put_back_still_refuse_a_row_they_would_have_refused(hg, bulk):  # noqa: F811
    if hg.startswith("sqlite"):
        pytest.skip("SQLite's foreign keys are part of its tables: never dropped")
    before, counted = schema(hg), everything(hg)
    with pytest.raises(Exception, match=r"trip_days_(trip|cadre)_id_fkey"):
        with writing(hg) as s:
            conn = s.connection()
            with Driver(conn).without_indexes(*BULK_TABLES):
                # A day row of no trip and no cadre, as a mistaken writer would write it:
                # taken while the keys are away, refused when they are made again, and the
                # whole transaction with it.
                conn.execute(
                    text(
                        "INSERT INTO trip_days (trip_id, day, cadre_id, ban_id, is_workday)"
                        " SELECT 999999, DATE '2023-01-02', 999999, id, true FROM bans LIMIT 1"
                    )
                )
    assert schema(hg) == before and everything(hg) == counted


def test_a_small_import_beside_many_trips_keeps_the_indexes(hg, bulk, monkeypatch):  # noqa: F811
    with writing(hg) as s:
        apply(s, ADMIN, xlsx_file(GOOD[:-1]), "lich-su.xlsx")
    assert len(bulk) == 2
    with writing(hg) as s:  # one new trip beside the file's others: not large
        assert apply(s, ADMIN, xlsx_file(GOOD), "lich-su.xlsx").added == 1
    assert len(bulk) == 2
    assert_figures_right(hg, monkeypatch)
