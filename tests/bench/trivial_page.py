"""The bench's yardstick: a page that does almost nothing (a title, a figure, a small table)."""

import streamlit as st

st.title("Trang thử")
st.metric("Đã đi", "97/111")
st.dataframe({"ban": ["A", "B", "C"], "days": [1, 2, 3]}, hide_index=True)
