"""The app's own CSS, on top of Streamlit's theme (.streamlit/config.toml): what the theme
cannot say. Mostly for a cadre on a phone: touch targets of 24–44 px, no empty band above
the title, lines that wrap instead of being cut off. Streamlit has no media query in Python;
the CSS here has, and flows with the width."""

from __future__ import annotations

import streamlit as st

from core.i18n import language
from ui import projector, toolbar_words

CSS = """
<style>
/* The page starts under the header bar, not ~130 px below it. */
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
[data-testid="stHeading"] h1 { font-size: clamp(1.75rem, 7vw, 2.75rem); line-height: 1.2; padding-top: 0.25rem; }
/* The login cookie's reader and writer are frames of no height: no row of the page either
   (hidden frames still load and write the cookie). */
[data-testid="stElementContainer"]:has(iframe[title*="cookie_manager"]) { display: none; }

/* Touch targets: a checkbox's box of 24 px in a 44 px row, help icons in 32 px. */
[data-testid="stCheckbox"] label { min-height: 44px; align-items: center; }
[data-testid="stCheckbox"] label > span + div { width: 24px; height: 24px; min-width: 24px; }
[data-testid="stTooltipHoverTarget"] {
  min-width: 32px; min-height: 32px;
  display: inline-flex; align-items: center; justify-content: center;
}
[data-testid="stTooltipHoverTarget"] svg { width: 20px; height: 20px; }
[data-testid="stButtonGroup"] button { min-height: 40px; }

/* The to-do list's lines wrap rather than stop mid-word. */
.st-key-todo [data-testid="stPageLink"] * { white-space: normal; overflow: visible; text-overflow: clip; }

@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 3.25rem; padding-left: 0.75rem; padding-right: 0.75rem; }
  /* A table's toolbar floats above it, over the section buttons: a phone goes without. */
  [data-testid="stElementToolbar"] { display: none; }
}
</style>
"""


# Streamlit's file uploader says "Upload" and "10MB per file" in English whatever the app's
# language, and has no parameter for either: its words are hidden and the app's own shown in
# their place (the label above it already names the cap and the types). Literal CSS per
# language: st.html is given nothing but constant text (tests/reliability/test_bad_input.py).
UPLOADER_CSS = {
    "vi": """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span { display: none; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after { content: "Chọn tệp"; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {
  content: "Kéo thả tệp vào đây, hoặc bấm «Chọn tệp»"; font-size: 0.875rem;
}
</style>""",
    "en": """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span { display: none; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after { content: "Choose files"; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {
  content: "Drag and drop files here, or press «Choose files»"; font-size: 0.875rem;
}
</style>""",
}


def apply() -> None:
    """Once per run, from app.py (after the language is set): the app's style sheets as one
    style-only st.html, which takes no room on the page. One message, not one per sheet: each
    costs Streamlit's per-element work at every run of every page (docs/performance.md)."""
    lang = language()
    st.html(CSS + UPLOADER_CSS[lang] + toolbar_words.TOOLBAR_CSS[lang] + projector.CSS)
