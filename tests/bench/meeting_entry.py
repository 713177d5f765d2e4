"""Bench only: /progress served already logged in, for tests/bench/load.py.

Many websocket sessions of the meeting view are opened at once; logging each in through the
login form would measure bcrypt, not the dashboard. This script is never served by the app
(app.py keeps its login): it runs only with DICOSO_BENCH=1, started by tests/bench/load.py on
127.0.0.1 against a copy of a synthetic database, as the account named in DICOSO_BENCH_USER.
"""

import os

import streamlit as st

from core import i18n
from core.accounts import load_actor
from db.session import ROOT, reading

if os.environ.get("DICOSO_BENCH") != "1":
    st.stop()
st.set_page_config(page_title="bench", layout="wide")
i18n.set_language(i18n.DEFAULT_LANGUAGE)
with reading() as session:
    st.session_state["actor"] = load_actor(session, os.environ["DICOSO_BENCH_USER"])
st.navigation(
    [st.Page(ROOT / "app_pages" / "progress.py", url_path="progress", default=True)], position="hidden"
).run()
