"""Fixtures shared by every suite: a fresh database per test, the demo loaded, and
one-line logins for page tests.

Migrating and loading the demo take seconds, so each is done once per test session into a
template SQLite file, and every test gets its own copy of the file.
"""

from __future__ import annotations

import os
import shutil

import pytest

from core.accounts import load_actor
from db.migrate import upgrade
from db.session import ROOT, dispose_all, reading, writing

pytest_plugins = ["tests.conftest_pg"]

# The engines every database-facing test runs on. `make test` asks for both; a bare pytest
# run uses SQLite only, which is quicker while working.
ENGINES = [e for e in os.environ.get("DICOSO_TEST_ENGINES", "sqlite").split(",") if e]


def _sqlite_url(path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def _empty_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("templates") / "empty.db"
    upgrade(_sqlite_url(path))
    dispose_all()
    return path


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory, _empty_template):
    from seed.loader import load

    path = tmp_path_factory.mktemp("templates") / "demo.db"
    shutil.copy(_empty_template, path)
    with writing(_sqlite_url(path)) as session:
        load(session, "central-2018")
    dispose_all()
    return path


@pytest.fixture(scope="session")
def _pg_templates(pg_server):
    """Template databases on the test PostgreSQL server: migrated, and with the demo."""
    from seed.loader import load
    from tests.pg import new_pg_database

    empty = new_pg_database(pg_server)
    upgrade(empty)
    dispose_all()
    demo = new_pg_database(pg_server, template=empty.rsplit("/", 1)[1])
    with writing(demo) as session:
        load(session, "central-2018")
    dispose_all()
    return {"empty": empty.rsplit("/", 1)[1], "demo": demo.rsplit("/", 1)[1]}


@pytest.fixture(params=ENGINES)
def engine_name(request):
    return request.param


def _fresh(kind: str, engine_name, request, tmp_path, monkeypatch):
    if engine_name == "postgresql":
        from tests.pg import drop_pg_database, new_pg_database

        templates = request.getfixturevalue("_pg_templates")
        url = new_pg_database(request.getfixturevalue("pg_server"), template=templates[kind])
        request.addfinalizer(lambda: drop_pg_database(url))
    else:
        template = request.getfixturevalue(f"_{kind}_template")
        path = tmp_path / "dicoso.db"
        shutil.copy(template, path)
        url = _sqlite_url(path)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def db_url(engine_name, request, tmp_path, monkeypatch):
    """A fresh, migrated, empty database (also set as DATABASE_URL), on each test engine."""
    url = _fresh("empty", engine_name, request, tmp_path, monkeypatch)
    yield url
    dispose_all()


@pytest.fixture
def demo_url(engine_name, request, tmp_path, monkeypatch):
    """A fresh copy of the default demo data (also set as DATABASE_URL), on each test engine."""
    url = _fresh("demo", engine_name, request, tmp_path, monkeypatch)
    yield url
    dispose_all()


@pytest.fixture
def actor_of(demo_url):
    """`actor_of("canbo")`: the actor of a demo account, loaded from the database."""

    def load(username: str):
        with reading(demo_url) as session:
            return load_actor(session, username)

    return load


@pytest.fixture
def app_as(demo_url):
    """`app_as("canbo", page="review", query={...})`: an AppTest of app.py, logged in as a
    demo account (no login form), already run once on the page asked for."""
    from streamlit.testing.v1 import AppTest

    def make(
        username: str | None, page: str | None = None, query: dict | None = None, lang: str | None = None
    ):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        if username:
            with reading(demo_url) as session:
                actor = load_actor(session, username)
            at.session_state["authentication_status"] = True
            at.session_state["username"] = actor.username
            at.session_state["name"] = actor.name
            at.session_state["roles"] = sorted(actor.roles)
            at.session_state["logout"] = False
        if lang:
            at.session_state["lang"] = lang
        for key, value in (query or {}).items():
            at.query_params[key] = value
        if page:
            at.switch_page(f"app_pages/{page}.py")
        at.run()
        return at

    return make
