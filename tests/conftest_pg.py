"""pytest plugin: a throwaway PostgreSQL 15 server for the test session.

Enable it with `pytest_plugins = ["tests.conftest_pg"]` in tests/conftest.py.

Fixtures
    pg_server        (session) base URL "postgresql+psycopg://postgres@127.0.0.1:<port>/"
    pg_database_url  (function) URL of a fresh, empty database on that server
    pg_migrated_url  (function) the same, migrated to the newest schema (dropped afterwards)
Function
    new_pg_database(pg_server) -> url   (re-exported from tests.pg)

Environment
    DICOSO_TEST_PG_URL=<base url>  use an existing server instead of starting one
    DICOSO_REQUIRE_PG=1            fail instead of skipping when PostgreSQL is not installed

Tests that use `pg_server` get the `pg` marker automatically (`-m "not pg"` skips them).
"""

from __future__ import annotations

import os

import pytest

from tests.pg import PgCluster, PgUnavailable, new_pg_database

__all__ = ["new_pg_database"]


@pytest.fixture(scope="session")
def pg_server():
    external = os.environ.get("DICOSO_TEST_PG_URL")
    if external:
        yield external if external.endswith("/") else external + "/"
        return
    try:
        cluster = PgCluster()
    except PgUnavailable as exc:
        if os.environ.get("DICOSO_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL required (DICOSO_REQUIRE_PG=1): {exc}")
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    url = cluster.start()  # a failure to start is an error, not a skip
    try:
        yield url
    finally:
        cluster.stop()


@pytest.fixture
def pg_database_url(pg_server):
    return new_pg_database(pg_server)


@pytest.fixture
def pg_migrated_url(pg_server):
    """URL of a fresh database on the test server, migrated to the newest schema."""
    from db.migrate import upgrade
    from db.session import dispose_all
    from tests.pg import drop_pg_database

    url = new_pg_database(pg_server)
    upgrade(url)
    yield url
    dispose_all()
    drop_pg_database(url)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "pg_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.pg)
