"""No address and no account shape gives a traceback: every page is opened as each role that
has it, with every query-string parameter the pages read set to values nobody should send
(far dates, words, huge numbers, markup), and as accounts of unusual shapes (a ban leader with
no cadre, a cadre whose ban was closed, an account with only the admin role…). A value that
cannot be used is named in a message (ui/address.py) and the page shows its default view."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from core.i18n import t
from db.models import Account, AccountRole, Ban, Cadre
from db.session import reading, writing

# Reading the address is the same code on both engines: SQLite alone.
pytestmark = pytest.mark.parametrize("engine_name", ["sqlite"])

BAD_DATES = [
    "9999-12-31",
    "0001-01-01",
    "2018-02-30",
    "abc",
    "",
    "2018-13-01",
    "20180601",
    "-2018-01-01",
    "2018-06-01T00:00",
    "1" * 400,
    "1999-12-31",
    "2101-01-01",
]
BAD_NUMBERS = [
    "-1",
    "0",
    "99999",
    "1e9",
    "abc",
    "",
    "2018.5",
    "9" * 400,
    "1999",
    "2101",
    "<b>2018</b>",
    "2018-06",
]
BAD_WORDS = [
    "",
    "KHONG-CO",
    "<script>alert(1)</script>",
    "[x](https://evil.example)",
    "' OR 1=1 --",
    "\u202e",
    "x" * 5000,
    "**bold**",
    "tc",
    "../admin",
    "meeting ",
    "null",
]
BAD_BANS = [w for w in BAD_WORDS if w]  # `?ban=` (empty) means every ban

# What each page reads from its address (grep st.query_params, bind="query-params" and
# ui/address.py's callers), and who opens the page.
PAGES = {
    "visits": (["canbo", "truongban", "lanhdao"], {"year": BAD_NUMBERS, "tab": BAD_WORDS}),
    "progress": (
        ["truongban", "lanhdao"],
        {"from": BAD_DATES, "to": BAD_DATES, "ban": BAD_BANS, "tab": BAD_WORDS, "mode": BAD_WORDS},
    ),
    "review": (["truongban", "lanhdao"], {"from": BAD_DATES, "to": BAD_DATES, "tab": BAD_WORDS}),
    "evaluations": (["truongban", "lanhdao"], {"year": BAD_NUMBERS, "ban": BAD_BANS}),
    "admin": (["quantri"], {"tab": BAD_WORDS}),
}
# Read by no page: whatever they say is ignored.
IGNORED = {"page": BAD_NUMBERS, "trip": BAD_NUMBERS, "report": BAD_NUMBERS, "embed_options": BAD_WORDS}
# A ban leader's /evaluations shows the own ban: `?ban=` is not read there.
NOT_READ = {("evaluations", "truongban", "ban")}
CASES = [(page, user) for page, (users, _) in PAGES.items() for user in users]


def _page_shown(at, page: str) -> bool:
    return t(f"{page}.title", "vi") in [el.value for el in at.title]


def _named(at, name: str) -> bool:
    start = t("address.bad_value", "vi", name=name, rule="").split("(")[0]
    return any(w.value.startswith(start) for w in at.warning)


@pytest.mark.parametrize("page, username", CASES, ids=["-".join(c) for c in CASES])
def test_a_bad_query_string_value_never_gives_a_traceback_and_is_named(app_as, page, username):
    """Each run sets every parameter of the page to one of its bad values at once."""
    params = {
        name: values for name, values in PAGES[page][1].items() if (page, username, name) not in NOT_READ
    }
    broken = {}
    for i in range(max(map(len, params.values()))):
        query = {name: values[i % len(values)] for name, values in {**params, **IGNORED}.items()}
        at = app_as(username, page=page, query=query)
        shown = {name: query[name][:30] for name in params}
        if at.exception:
            broken[str(shown)] = at.exception[0].message
        elif not _page_shown(at, page):
            broken[str(shown)] = "the page is not shown"
        else:
            unnamed = [name for name in params if not _named(at, name)]
            if unnamed:
                broken[str(shown)] = f"not named: {unnamed}"
    assert broken == {}


GOOD = {
    "visits": {"year": "2018", "tab": "report"},
    "progress": {"from": "2018-06-01", "to": "2018-07-31", "ban": None, "tab": "cadres", "mode": "meeting"},
    "review": {"from": "2018-06-01", "to": "2018-07-31", "tab": "meetings"},
    "evaluations": {"year": "2018", "ban": None},
    "admin": {"tab": "policy"},
}


@pytest.mark.parametrize("page, username", CASES, ids=["-".join(c) for c in CASES])
def test_a_good_address_is_shown_without_a_warning(app_as, demo_url, page, username):
    with reading(demo_url) as s:
        code = s.scalar(select(Ban.code).where(Ban.active.is_(True)).order_by(Ban.id))
    query = {k: v if v is not None else code for k, v in GOOD[page].items()}
    at = app_as(username, page=page, query=query)
    assert not at.exception, at.exception
    assert _page_shown(at, page)
    assert not [
        w.value for w in at.warning if w.value.startswith(t("address.bad_value", "vi", name="", rule="")[:12])
    ]


@pytest.mark.parametrize(
    "query", [{"from": "9999-12-31"}, {"to": "0001-01-01"}, {"from": "2018-07-31", "to": "2018-06-01"}]
)
@pytest.mark.parametrize("page", ["progress", "review"])
def test_a_window_that_cannot_be_shown_is_named_in_a_message(app_as, page, query):
    at = app_as("lanhdao", page=page, query=query)
    assert not at.exception
    assert _page_shown(at, page)
    assert at.error or at.warning


@pytest.mark.parametrize("page", ["progress", "review"])
def test_the_widest_window_allowed_is_shown(app_as, page):
    at = app_as("lanhdao", page=page, query={"from": "2000-01-01", "to": "2100-12-31", "tab": "bans"})
    assert not at.exception, at.exception
    assert _page_shown(at, page)


# --- Account shapes -----------------------------------------------------------------------------


def _no_cadre(url, username):
    with writing(url) as s:
        s.execute(update(Account).where(Account.username == username).values(cadre_id=None))


def _ban_closed(url, username):
    with writing(url) as s:
        ban_id = s.scalar(
            select(Cadre.ban_id)
            .join(Account, Account.cadre_id == Cadre.id)
            .where(Account.username == username)
        )
        s.execute(update(Ban).where(Ban.id == ban_id).values(active=False))


def _cadre_left(url, username):
    with writing(url) as s:
        cadre_id = s.scalar(select(Account.cadre_id).where(Account.username == username))
        s.execute(update(Cadre).where(Cadre.id == cadre_id).values(active=False))


def _only_admin(url, username):
    with writing(url) as s:
        account_id = s.scalar(select(Account.id).where(Account.username == username))
        s.execute(AccountRole.__table__.delete().where(AccountRole.account_id == account_id))
        s.execute(AccountRole.__table__.insert().values(account_id=account_id, role="admin"))


SHAPES = {
    "ban_leader_without_cadre": ("truongban", _no_cadre),
    "ban_leader_whose_ban_closed": ("truongban", _ban_closed),
    "ban_leader_whose_cadre_left": ("truongban", _cadre_left),
    "office_leader_without_cadre": ("lanhdao", _no_cadre),
    "cadre_without_cadre": ("canbo", _no_cadre),
    "cadre_whose_ban_closed": ("canbo", _ban_closed),
    "cadre_who_left": ("canbo", _cadre_left),
    "leader_with_only_the_admin_role": ("truongban", _only_admin),
}
SHAPE_CASES = [(shape, page) for shape in SHAPES for page in PAGES]


@pytest.mark.parametrize("shape, page", SHAPE_CASES, ids=["-".join(c) for c in SHAPE_CASES])
def test_every_account_shape_gets_a_page_or_a_message_never_a_traceback(app_as, demo_url, shape, page):
    username, change = SHAPES[shape]
    change(demo_url, username)
    query = {"year": "2018", "from": "2018-06-01", "to": "2018-07-31"}
    for tab in {
        "visits": ["progress", "trip", "report", "registration"],
        "progress": ["bans", "cadres", "places"],
        "review": ["summary", "proposals", "meetings"],
    }.get(page, [None]):
        at = app_as(username, page=page, query={**query, **({"tab": tab} if tab else {})})
        assert not at.exception, (tab, at.exception)
        assert at.title or at.error or at.warning or at.info, tab


def _page_refused_by_core():
    from core.errors import PermissionDenied
    from ui import guard

    class Page:
        def run(self):
            import streamlit as st

            st.title("PAGE")
            raise PermissionDenied()

    guard.run_page(Page())


def test_a_refusal_no_page_caught_is_shown_as_its_message_not_a_traceback(demo_url):
    from streamlit.testing.v1 import AppTest

    from core.errors import PermissionDenied

    at = AppTest.from_function(_page_refused_by_core, default_timeout=30).run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == PermissionDenied().messages()
