"""Fixtures of the reliability suite: a fresh migrated database on either engine, a small
office of cadres with their own accounts, and the figures each test measured, printed in
pytest's terminal summary (no `-s` needed)."""

from __future__ import annotations

import shutil

import pytest

from db.session import dispose_all, writing
from tests import factories

FIGURES: list[str] = []


@pytest.fixture
def figures():
    """`figures("sqlite: 20 writers …")` adds a line to the run's summary."""
    return FIGURES.append


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("reliability figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def fresh_url(request, tmp_path, _empty_template):
    """A fresh, migrated, empty database on SQLite and on PostgreSQL (whatever
    DICOSO_TEST_ENGINES says: these tests are about the engines themselves)."""
    if request.param == "postgresql":
        yield request.getfixturevalue("pg_migrated_url")
        return
    path = tmp_path / "dicoso.db"
    shutil.copy(_empty_template, path)
    yield f"sqlite:///{path}"
    dispose_all()


def build_office(url: str, cadres: int) -> list[tuple]:
    """One ban of `cadres` cadres, each with an own cadre account; returns (actor, cadre id)."""
    with writing(url) as s:
        ban = factories.ban(s, "TC")
        out = []
        for i in range(cadres):
            person = factories.cadre(s, ban, f"CB{i:03d}")
            acc = factories.account(s, f"canbo{i:03d}", ("cadre",), person)
            out.append((factories.actor(acc, ban.id), person.id))
    return out
