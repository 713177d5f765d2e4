"""dicoso entry: page config, login, and the pages of the user's roles. Nothing else."""

from __future__ import annotations

import streamlit as st

from core import i18n
from core.i18n import t
from core.pages import ADDRESSES, PAGES, home, named
from core.permissions import pages_for
from db.session import writing
from ui import auth, guard, login_cookie, style, todo
from ui.navigation import page
from ui.text import md, tm

# The projector's link (?mode=meeting) opens with the sidebar folded: the charts get its width.
st.set_page_config(
    page_title="Đi cơ sở",
    page_icon="🏕️",
    layout="wide",
    initial_sidebar_state="collapsed" if st.query_params.get("mode") == "meeting" else "auto",
)
i18n.set_language(st.session_state.get("lang", i18n.DEFAULT_LANGUAGE))
style.apply()


ASKED = "_asked_page"  # (page address, query) of a deep link opened while logged out


def landing(pages: list[st.Page], home_address: str | None = None) -> st.Page:
    """The default page, served at "/". Streamlit gives the default page the root address
    instead of its own, so no real page is the default: each keeps its address, and a deep
    link such as /visits works. It opens the page a deep link asked for before login (should
    one of the login's reruns have come without the address), else the user's home page
    (core.pages.home: a leader's is /progress, where the queue waits)."""

    def go():
        if not login_cookie.written():
            # The re-login cookie is still being written by the browser: a switch now would
            # lose it. Its writer's answer reruns the app, which then switches.
            st.caption(t("login.opening"))
            return
        asked, query = st.session_state.pop(ASKED, (None, None))
        first = next((p for p in pages if p.url_path == home_address), pages[0] if pages else None)
        target = next((p for p in pages if p.url_path == asked), first)
        if target is not None:
            st.switch_page(target, query_params=query if target.url_path == asked else None)

    return st.Page(go, title=t("app.title"), url_path="home", default=True, visibility="hidden")


def language_switch() -> None:
    """Vietnamese or English, for this session and, once logged in, for the account: stored
    when chosen, and used again by its next session (ui.auth)."""
    # The switch shows the session's language: after a login that brought the account's
    # own, the widget's state from the login page would otherwise choose the old one back.
    if st.session_state.get("lang_switch") != i18n.language():
        st.session_state["lang_switch"] = i18n.language()
    st.sidebar.segmented_control(
        t("nav.language"),
        i18n.LANGUAGES,
        key="lang_switch",
        format_func=lambda code: t(f"language.{code}"),
        required=True,
        on_change=_language_chosen,
    )


def _language_chosen() -> None:
    """Runs before the script, so the whole run that follows speaks the language chosen."""
    choice = st.session_state.get("lang_switch")
    if choice not in i18n.LANGUAGES:
        return
    st.session_state["lang"] = choice
    i18n.set_language(choice)
    actor = st.session_state.get("actor")
    if actor is not None:
        from core import accounts

        with writing(bump_version=False) as session:
            accounts.set_language(session, actor.username, choice)


def login_heading() -> None:
    """The login page's heading, above the form (ui.auth draws it only where the form may be)."""
    st.header(md(auth.title()), anchor=False)
    st.caption(t("app.tagline"))


try:
    actor = auth.authenticate(login_heading)
except auth.CookieKeyMissing:
    st.error(
        "Thiếu khoá ký cookie đăng nhập (DICOSO_COOKIE_KEY hoặc [auth] cookie_key trong "
        ".streamlit/secrets.toml, ít nhất 32 ký tự). / The login cookie key is missing or "
        "too short (DICOSO_COOKIE_KEY, or [auth] cookie_key in .streamlit/secrets.toml, "
        "32 characters at least)."
    )
    st.stop()

st.session_state["actor"] = actor
if actor is not None:
    guard.read_by_app(actor)  # a fragment drawn in this run need not read it again
# A login brings the account's stored language (ui.auth): this run already speaks it.
i18n.set_language(st.session_state.get("lang", i18n.DEFAULT_LANGUAGE))
language_switch()

if actor is None:
    # Keep the address asked for (a deep link) without running any page: after login the
    # same address opens the page, if the roles allow it.
    st.caption(t("login.prompt"))
    if auth.demo_data():  # the demo's accounts and password, on the demo's data only
        st.caption(t("login.demo_hint"))
    asked = st.navigation([landing([])] + [page(p) for p in PAGES], position="hidden")
    if asked.url_path in ADDRESSES:
        st.session_state[ASKED] = (asked.url_path, st.query_params.to_dict())
    st.stop()

allowed = pages_for(actor)
if not allowed:
    st.warning(t("login.no_pages"))
    st.stop()

# The office, the person and their roles in one element: each element is a message at every run.
st.sidebar.markdown(
    f"### {md(auth.title())}\n\n{tm('nav.signed_in_as', name=actor.name)}  \n"
    f":small[:gray[{tm('nav.roles', roles=', '.join(t(f'role.{r}') for r in sorted(actor.roles)))}]]",
    anchors=False,
)
pages = [page(named(address)) for address in allowed]
if auth.must_change_password(actor):
    # A one-time password (first login, or reset by an admin): nothing else until it is changed.
    st.navigation([landing(pages)] + pages, position="hidden")
    auth.change_password_form(actor)
    st.stop()
todo.mail_choice(actor)
current = st.navigation([landing(pages, home(allowed, actor.roles))] + pages)
if current.url_path in ADDRESSES:
    st.session_state.pop(ASKED, None)  # the address was kept: nothing to restore
guard.run_page(current)  # a refusal of core no page caught is shown as its message
