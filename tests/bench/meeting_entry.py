"""Bench only: /progress served already logged in, for tests/bench/load.py.

Many websocket sessions of the meeting view are opened at once; logging each in through the
login form would measure bcrypt, not the dashboard. This script is never served by the app
(app.py keeps its login): it runs only with DICOSO_BENCH=1, started by tests/bench/load.py on
127.0.0.1 against a copy of a synthetic database, as the account named in DICOSO_BENCH_USER.
"""

import os

import streamlit as st

from core import i18n
from core.signed_in import signed_in
from db.session import ROOT, reading

if os.environ.get("DICOSO_BENCH") != "1":
    st.stop()
st.set_page_config(page_title="bench", layout="wide")
i18n.set_language(i18n.DEFAULT_LANGUAGE)
with reading() as session:
    found = signed_in(session, os.environ["DICOSO_BENCH_USER"])
# What ui.auth leaves for a signed-in session: ui.guard re-reads the account at every
# fragment run and would run the whole app again without it.
st.session_state.update(
    actor=found.actor,
    authentication_status=True,
    username=found.actor.username,
    _login_recorded=found.actor.username,
    _session_version=found.session_version,
)
st.navigation(
    [st.Page(ROOT / "app_pages" / "progress.py", url_path="progress", default=True)], position="hidden"
).run()
