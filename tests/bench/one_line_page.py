"""The floor of tests/bench/arrival.py: a one-line Streamlit page, served and measured beside the app."""

import streamlit as st

st.write("Trang thử")
