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
        conn.execute(text("INSERT INTO bans (id, code, name, sort_order, active) VALUES (1, 'TC', 'Ban Tổ chức', 0, 1)"))
        conn.execute(text("INSERT INTO cadres (id, code, full_name, ban_id, position, subject_to_rule, active) "
                          "VALUES (1, 'A', 'Nguyễn Văn A', 1, '', 1, 1)"))
        conn.execute(text("INSERT INTO places (id, province, district, commune, host_unit) VALUES (1, 'Hà Giang', '', '', '')"))
    return url


def test_the_trips_made_before_0005_get_their_day_counts(tmp_path):
    """Migration 0005 counts the day rows of the trips already stored."""
    from alembic import command
    from sqlalchemy import text

    from db.migrate import alembic_config

    url = _old_office(tmp_path, "0004")
    with engine(url).begin() as conn:
        for trip_id, state in ((1, "done"), (2, "planned")):
            conn.execute(text("INSERT INTO trips (id, cadre_id, ban_id, place_id, start_date, end_date, state, tags, "
                              "co_travellers, funding_vnd, purpose, version, created_at) VALUES (:id, 1, 1, 1, "
                              "'2018-06-08', '2018-06-10', :state, '[]', '', 0, '', 1, '2018-06-11 08:00:00')"),
                         {"id": trip_id, "state": state})
        for day, workday in (("2018-06-08", 1), ("2018-06-09", 0), ("2018-06-10", 0)):
            conn.execute(text("INSERT INTO trip_days (trip_id, day, cadre_id, ban_id, is_workday) "
                              "VALUES (1, :day, 1, 1, :w)"), {"day": day, "w": workday})
    command.upgrade(alembic_config(url), "head")
    with engine(url).connect() as conn:
        assert conn.execute(text("SELECT id, days, workdays FROM trips ORDER BY id")).all() == [(1, 3, 1), (2, 0, 0)]
    dispose_all()


def test_the_proposals_and_days_stored_before_0009_are_kept_for_the_dashboards(tmp_path):
    """Migration 0009 gives each proposal of a report sent its trip's end (a draft's keep
    none); 0010 counts the trip days per calendar day and ban, 0011 per cadre and month."""
    from alembic import command
    from sqlalchemy import text

    from db.migrate import alembic_config

    url = _old_office(tmp_path, "0008")
    with engine(url).begin() as conn:
        for trip_id, start, end, report in ((1, "2018-06-08", "2018-06-10", "accepted"),
                                            (2, "2018-06-10", "2018-06-11", "draft")):
            conn.execute(text("INSERT INTO trips (id, cadre_id, ban_id, place_id, start_date, end_date, state, tags, "
                              "co_travellers, funding_vnd, purpose, version, created_at) VALUES (:id, 1, 1, 1, "
                              ":start, :end, 'done', '[]', '', 0, '', 1, '2018-06-12 08:00:00')"),
                         {"id": trip_id, "start": start, "end": end})
            conn.execute(text("INSERT INTO trip_reports (id, trip_id, findings, good_models, difficulties, state, "
                              "return_reason, version) VALUES (:id, :id, '', '', '', :state, '', 1)"),
                         {"id": trip_id, "state": report})
            conn.execute(text("INSERT INTO proposals (id, report_id, text, state, follow_up, updated_at) "
                              "VALUES (:id, :id, 'Kinh phí', 'open', '', '2018-06-12 08:00:00')"), {"id": trip_id})
        # Trip 1: Friday to Sunday; trip 2 (a second cadre's day would be the same row): Sunday, Monday.
        for trip_id, day, workday in ((1, "2018-06-08", 1), (1, "2018-06-09", 0), (1, "2018-06-10", 0),
                                      (2, "2018-06-10", 0), (2, "2018-06-11", 1)):
            conn.execute(text("INSERT INTO trip_days (trip_id, day, cadre_id, ban_id, is_workday) "
                              "VALUES (:trip, :day, 1, 1, :w)"), {"trip": trip_id, "day": day, "w": workday})
    command.upgrade(alembic_config(url), "head")
    with engine(url).connect() as conn:
        assert conn.execute(text("SELECT id, trip_end FROM proposals ORDER BY id")).all() == [(1, "2018-06-10"), (2, None)]
        assert conn.execute(text("SELECT day, ban_id, days, workdays FROM ban_days ORDER BY day")).all() == [
            ("2018-06-08", 1, 1, 1), ("2018-06-09", 1, 1, 0), ("2018-06-10", 1, 2, 0), ("2018-06-11", 1, 1, 1)]
        assert conn.execute(text("SELECT month, cadre_id, days, workdays FROM cadre_months")).all() == [
            ("2018-06-01", 1, 5, 2)]
    dispose_all()
