"""The migrations build exactly the schema the models describe, on each engine: a column,
index or constraint added to one and not the other fails here, not in production."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from db.models import Base
from db.session import engine


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
