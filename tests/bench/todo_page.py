"""The bench's page of "Việc cần làm" alone (tests/bench/remind.py): the list of the account
named by BENCH_TODO_USER, as of BENCH_TODO_DAY, drawn as the first page of each role draws it
(the app's pages are declared, as app.py does, for the list's links to point at)."""

import datetime as dt
import os

import streamlit as st

from core.accounts import load_actor
from core.pages import PAGES
from db.session import ROOT, reading
from ui.todo import todo_list

st.navigation([st.Page(ROOT / p.script, url_path=p.address) for p in PAGES], position="hidden")
with reading() as session:
    me = load_actor(session, os.environ["BENCH_TODO_USER"])
todo_list(me, dt.date.fromisoformat(os.environ["BENCH_TODO_DAY"]))
