"""The migrations build exactly the schema the models describe, on each engine: a column,
index or constraint added to one and not the other fails here, not in production."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from db.models import Base
from db.session import dispose_all, engine


def test_migrated_schema_matches_the_models(db_url):
    with engine(db_url).connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_the_leaders_queue_has_its_own_small_index(db_url):
    """Only the registrations waiting for a leader are in it (a partial index on both engines)."""
    from sqlalchemy import inspect

    with engine(db_url).connect() as conn:
        indexes = {i["name"]: i for i in inspect(conn).get_indexes("registrations")}
    waiting = indexes["ix_registrations_waiting"]
    assert waiting["column_names"] == ["year", "quarter"]
    where = waiting.get("dialect_options", {})
    assert "submitted" in str(where.get("sqlite_where", where.get("postgresql_where", "")))


def _old_office(tmp_path, revision: str) -> str:
    """A database migrated up to `revision` holding one ban, one cadre and one place."""
    from alembic import command
    from sqlalchemy import text

    from db.migrate import alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(url), revision)
    with engine(url).begin() as conn:
        conn.execute(
            text(
                "INSERT INTO bans (id, code, name, sort_order, active) VALUES (1, 'TC', 'Ban Tổ chức', 0, 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO cadres (id, code, full_name, ban_id, position, subject_to_rule, active) "
                "VALUES (1, 'A', 'Nguyễn Văn A', 1, '', 1, 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO places (id, province, district, commune, host_unit) VALUES (1, 'Hà Giang', '', '', '')"
            )
        )
    return url


def test_the_trips_made_before_0005_get_their_day_counts(tmp_path):
    """Migration 0005 counts the day rows of the trips already stored."""
    from alembic import command
    from sqlalchemy import text

    from db.migrate import alembic_config

    url = _old_office(tmp_path, "0004")
    with engine(url).begin() as conn:
        for trip_id, state in ((1, "done"), (2, "planned")):
            conn.execute(
                text(
                    "INSERT INTO trips (id, cadre_id, ban_id, place_id, start_date, end_date, state, tags, "
                    "co_travellers, funding_vnd, purpose, version, created_at) VALUES (:id, 1, 1, 1, "
                    "'2018-06-08', '2018-06-10', :state, '[]', '', 0, '', 1, '2018-06-11 08:00:00')"
                ),
                {"id": trip_id, "state": state},
            )
        for day, workday in (("2018-06-08", 1), ("2018-06-09", 0), ("2018-06-10", 0)):
            conn.execute(
                text(
                    "INSERT INTO trip_days (trip_id, day, cadre_id, ban_id, is_workday) "
                    "VALUES (1, :day, 1, 1, :w)"
                ),
                {"day": day, "w": workday},
            )
    command.upgrade(alembic_config(url), "head")
    with engine(url).connect() as conn:
        assert conn.execute(text("SELECT id, days, workdays FROM trips ORDER BY id")).all() == [
            (1, 3, 1),
            (2, 0, 0),
        ]
    dispose_all()


def test_the_proposals_and_days_stored_before_0009_are_kept_for_the_dashboards(tmp_path):
    """Migration 0009 gives each proposal of a report sent its trip's end (a draft's keep
    none); 0010 counts the trip days per calendar day and ban, 0011 per cadre and month."""
    from alembic import command
    from sqlalchemy import text

    from db.migrate import alembic_config

    url = _old_office(tmp_path, "0008")
    with engine(url).begin() as conn:
        for trip_id, start, end, report in (
            (1, "2018-06-08", "2018-06-10", "accepted"),
            (2, "2018-06-10", "2018-06-11", "draft"),
        ):
            conn.execute(
                text(
                    "INSERT INTO trips (id, cadre_id, ban_id, place_id, start_date, end_date, state, tags, "
                    "co_travellers, funding_vnd, purpose, version, created_at) VALUES (:id, 1, 1, 1, "
                    ":start, :end, 'done', '[]', '', 0, '', 1, '2018-06-12 08:00:00')"
                ),
                {"id": trip_id, "start": start, "end": end},
            )
            conn.execute(
                text(
                    "INSERT INTO trip_reports (id, trip_id, findings, good_models, difficulties, state, "
                    "return_reason, version) VALUES (:id, :id, '', '', '', :state, '', 1)"
                ),
                {"id": trip_id, "state": report},
            )
            conn.execute(
                text(
                    "INSERT INTO proposals (id, report_id, text, state, follow_up, updated_at) "
                    "VALUES (:id, :id, 'Kinh phí', 'open', '', '2018-06-12 08:00:00')"
                ),
                {"id": trip_id},
            )
        # Trip 1: Friday to Sunday; trip 2 (a second cadre's day would be the same row): Sunday, Monday.
        for trip_id, day, workday in (
            (1, "2018-06-08", 1),
            (1, "2018-06-09", 0),
            (1, "2018-06-10", 0),
            (2, "2018-06-10", 0),
            (2, "2018-06-11", 1),
        ):
            conn.execute(
                text(
                    "INSERT INTO trip_days (trip_id, day, cadre_id, ban_id, is_workday) "
                    "VALUES (:trip, :day, 1, 1, :w)"
                ),
                {"trip": trip_id, "day": day, "w": workday},
            )
    command.upgrade(alembic_config(url), "head")
    with engine(url).connect() as conn:
        assert conn.execute(text("SELECT id, trip_end FROM proposals ORDER BY id")).all() == [
            (1, "2018-06-10"),
            (2, None),
        ]
        assert conn.execute(text("SELECT day, ban_id, days, workdays FROM ban_days ORDER BY day")).all() == [
            ("2018-06-08", 1, 1, 1),
            ("2018-06-09", 1, 1, 0),
            ("2018-06-10", 1, 2, 0),
            ("2018-06-11", 1, 1, 1),
        ]
        assert conn.execute(text("SELECT month, cadre_id, days, workdays FROM cadre_months")).all() == [
            ("2018-06-01", 1, 5, 2)
        ]
    dispose_all()


def test_no_migration_imports_the_application_code():
    """A migration carries the SQL it needs: importing core would change an old migration's
    behaviour whenever core changes."""
    import ast

    from db.session import ROOT

    offenders = []
    for path in sorted((ROOT / "db" / "migrations").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [
                f"{path.relative_to(ROOT)}:{node.lineno} {name}"
                for name in names
                if name == "core" or name.startswith("core.")
            ]
    assert offenders == []


# What migrations 0007 to 0011 (and 0019, the funding per day and ban) count for the rows
# already stored.
KEPT = {
    "cadre_years": "SELECT year, cadre_id, days, workdays FROM cadre_years",
    "cadre_year_contents": "SELECT year, content_type, ban_id, cadre_id, trips, days, working_trips, workdays "
    "FROM cadre_year_contents",
    "place_years": "SELECT year, place_id, trips, cadres FROM place_years",
    "province_years": "SELECT year, province_code, trips, cadres FROM province_years",
    "places": "SELECT id, province, province_code FROM places",
    "trips.reported_at": "SELECT id, reported_at FROM trips",
    "proposals.trip_end": "SELECT id, trip_end FROM proposals",
    "ban_days": "SELECT day, ban_id, days, workdays, funding_vnd FROM ban_days",
    "cadre_months": "SELECT month, cadre_id, days, workdays FROM cadre_months",
}


def _kept(url: str) -> dict[str, list]:
    from sqlalchemy import text

    with engine(url).connect() as conn:
        return {
            name: sorted(tuple(str(v) for v in row) for row in conn.execute(text(query)))
            for name, query in KEPT.items()
        }


def _copy_rows(source: str, target: str) -> None:
    """Every row of `source` into the tables `target` has (with the columns both have; a
    column that later migrations dropped takes its default), in place of the rows the
    migrations wrote there."""
    from sqlalchemy import MetaData, delete, insert, select

    old, new = MetaData(), MetaData()
    with engine(source).connect() as src, engine(target).begin() as dst:
        old.reflect(src)
        new.reflect(dst)
        tables = [table for table in new.sorted_tables if table.name != "alembic_version"]
        for table in reversed(tables):
            dst.execute(delete(table))
        for table in tables:
            stored = old.tables[table.name]
            shared = [stored.c[c.name] for c in table.columns if c.name in stored.c]
            dropped = {c.name: 0 for c in table.columns if c.name not in stored.c and not c.nullable}
            rows = src.execute(select(*shared)).mappings().all()
            if rows:
                dst.execute(insert(table), [{**dropped, **r} for r in rows])


def test_upgrading_the_demo_from_0006_counts_what_core_keeps(demo_url, engine_name, request, tmp_path):
    """The demo's figures that core kept as its trips and reports were saved are the ones
    migrations 0007 to 0011 count when a database at 0006 holding the same rows is upgraded."""
    from alembic import command

    from db.migrate import alembic_config

    if engine_name == "postgresql":
        from tests.pg import drop_pg_database, new_pg_database

        old = new_pg_database(request.getfixturevalue("pg_server"))
        request.addfinalizer(lambda: drop_pg_database(old))
    else:
        old = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(old), "0006")
    _copy_rows(demo_url, old)
    command.upgrade(alembic_config(old), "head")
    kept = _kept(demo_url)
    assert all(kept.values())
    assert _kept(old) == kept
    dispose_all()


def test_0016_admits_a_removed_trip_and_keeps_every_trip_and_day(tmp_path):
    """Migration 0016 widens the trips' CHECK of states in place (SQLite edits the table's
    definition rather than copying the table, whose DROP would delete the trip days through
    their ON DELETE CASCADE): the trips and their days stay, "removed" is admitted, a state
    that is none still refused."""
    import pytest
    from alembic import command
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from db.migrate import alembic_config

    url = _old_office(tmp_path, "0015")
    with engine(url).begin() as conn:
        conn.execute(
            text(
                "INSERT INTO trips (id, cadre_id, ban_id, place_id, start_date, end_date, state, tags, "
                "co_travellers, funding_vnd, purpose, version, created_at, days, workdays) VALUES (1, 1, 1, "
                "1, '2018-06-08', '2018-06-09', 'done', '[]', '', 0, '', 1, '2018-06-11 08:00:00', 2, 1)"
            )
        )
        for day, workday in (("2018-06-08", 1), ("2018-06-09", 0)):
            conn.execute(
                text(
                    "INSERT INTO trip_days (trip_id, day, cadre_id, ban_id, is_workday) "
                    "VALUES (1, :day, 1, 1, :w)"
                ),
                {"day": day, "w": workday},
            )
        conn.execute(text("INSERT INTO trip_content_types (trip_id, content_type) VALUES (1, 'inspection')"))
    command.upgrade(alembic_config(url), "head")
    dispose_all()
    with engine(url).begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM trip_days")).scalar() == 2
        assert conn.execute(text("SELECT count(*) FROM trip_content_types")).scalar() == 1
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        conn.execute(text("UPDATE trips SET state = 'removed', removed_reason = 'Ghi nhầm' WHERE id = 1"))
    with pytest.raises(IntegrityError), engine(url).begin() as conn:
        conn.execute(text("UPDATE trips SET state = 'deleted' WHERE id = 1"))
    dispose_all()


def test_the_trip_states_the_database_admits_are_the_vocabulary(db_url):
    """On each engine, the migrated CHECK of trip states admits every state of the vocabulary
    and nothing else (the comparison with the models above does not read CHECK constraints)."""
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from db.vocabulary import TRIP_STATES

    with engine(db_url).begin() as conn:
        conn.execute(
            text(
                "INSERT INTO bans (id, code, name, sort_order, active) VALUES (1, 'TC', 'Ban Tổ chức', 0, true)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO cadres (id, code, full_name, ban_id, position, subject_to_rule, active) "
                "VALUES (1, 'A', 'Nguyễn Văn A', 1, '', true, true)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO places (id, province, district, commune, host_unit) VALUES (1, 'Hà Giang', '', '', '')"
            )
        )
        for n, state in enumerate(TRIP_STATES, start=1):
            conn.execute(
                text(
                    "INSERT INTO trips (id, cadre_id, ban_id, place_id, start_date, end_date, state, tags, "
                    "co_travellers, funding_vnd, purpose, version, created_at) VALUES (:id, 1, 1, 1, "
                    "'2018-06-08', '2018-06-09', :state, '[]', '', 0, '', 1, '2018-06-11 08:00:00')"
                ),
                {"id": n, "state": state},
            )
    with pytest.raises(IntegrityError), engine(db_url).begin() as conn:
        conn.execute(text("UPDATE trips SET state = 'deleted' WHERE id = 1"))
    dispose_all()


def test_0021_keeps_the_sessions_epoch_the_cookies_were_signed_with(tmp_path):
    """The epoch was the sum of the session versions less one: the cookies written before the
    upgrade were signed with it, and stay valid after it."""
    from alembic import command
    from sqlalchemy import text

    from core.accounts import sessions_epoch
    from db.migrate import alembic_config
    from db.session import reading

    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(url), "0020")
    with engine(url).begin() as conn:
        for i, version in enumerate((1, 3, 2), 1):
            conn.execute(
                text(
                    "INSERT INTO accounts (id, username, display_name, password_hash, active, is_demo, "
                    "language, session_version, must_change_password, created_at) "
                    "VALUES (:i, :u, 'Người dùng', 'x', 1, 0, 'vi', :v, 0, '2026-01-01 08:00:00')"
                ),
                {"i": i, "u": f"user{i}", "v": version},
            )
    dispose_all()
    command.upgrade(alembic_config(url), "head")
    with reading(url) as s:
        assert sessions_epoch(s) == "3"  # (1 - 1) + (3 - 1) + (2 - 1)
    dispose_all()
