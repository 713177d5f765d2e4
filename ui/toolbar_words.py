"""The tables' toolbar (st.dataframe: columns, download, search, full screen) names its buttons
in English in the tooltip shown on hover ("Download as CSV"), whatever the app's language, and
Streamlit 1.67 has no parameter for it. On a Vietnamese screen, while one of these buttons is
hovered, the tooltip's words are shrunk to nothing and the app's own written after them in the
same paragraph (which keeps the tooltip's size); other tooltips (the fields' help) are left
alone. Literal CSS per language: st.html is given nothing but constant text
(tests/reliability/test_bad_input.py). The labels matched are the buttons' aria-labels:
"Show/hide columns", "Download as CSV", "Search", "Fullscreen", "Close fullscreen"."""

from __future__ import annotations

TOOLBAR_CSS = {
    "vi": """<style>
body:has([data-testid="stElementToolbar"] [aria-label="Show/hide columns"]:hover) #stFloatingOverlayPortal [data-testid="stTooltipContent"] [data-testid="stMarkdownContainer"] p { font-size: 0; }
body:has([data-testid="stElementToolbar"] [aria-label="Show/hide columns"]:hover) #stFloatingOverlayPortal [data-testid="stTooltipContent"] [data-testid="stMarkdownContainer"] p::after { content: "Hiện/ẩn cột"; font-size: 0.875rem; }
body:has([data-testid="stElementToolbar"] [aria-label="Download as CSV"]:hover) #stFloatingOverlayPortal [data-testid="stTooltipContent"] [data-testid="stMarkdownContainer"] p { font-size: 0; }
body:has([data-testid="stElementToolbar"] [aria-label="Download as CSV"]:hover) #stFloatingOverlayPortal [data-testid="stTooltipContent"] [data-testid="stMarkdownContainer"] p::after { content: "Tải về dạng CSV"; font-size: 0.875rem; }
body:has([data-testid="stElementToolbar"] [aria-label="Search"]:hover) #stFloatingOverlayPortal [data-testid="stTooltipContent"] [data-testid="stMarkdownContainer"] p { font-size: 0; }
body:has([data-testid="stElementToolbar"] [aria-label="Search"]:hover) #stFloatingOverlayPortal [data-testid="stTooltipContent"] [data-testid="stMarkdownContainer"] p::after { content: "Tìm trong bảng"; font-size: 0.875rem; }
body:has([data-testid="stElementToolbar"] [aria-label="Fullscreen"]:hover) #stFloatingOverlayPortal [data-testid="stTooltipContent"] [data-testid="stMarkdownContainer"] p { font-size: 0; }
body:has([data-testid="stElementToolbar"] [aria-label="Fullscreen"]:hover) #stFloatingOverlayPortal [data-testid="stTooltipContent"] [data-testid="stMarkdownContainer"] p::after { content: "Toàn màn hình"; font-size: 0.875rem; }
body:has([data-testid="stElementToolbar"] [aria-label="Close fullscreen"]:hover) #stFloatingOverlayPortal [data-testid="stTooltipContent"] [data-testid="stMarkdownContainer"] p { font-size: 0; }
body:has([data-testid="stElementToolbar"] [aria-label="Close fullscreen"]:hover) #stFloatingOverlayPortal [data-testid="stTooltipContent"] [data-testid="stMarkdownContainer"] p::after { content: "Thoát toàn màn hình"; font-size: 0.875rem; }
</style>""",
    "en": "",
}
