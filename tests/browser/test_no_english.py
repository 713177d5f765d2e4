"""No English on a Vietnamese screen, as a browser shows it: the text drawn (Material icons'
ligatures left out: they show as icons), the placeholders and the hover titles, on every
section of /admin at a desk, of /review and of the projector's meeting view. Streamlit's own
widgets write English where they are not told otherwise ("Choose an option", "Select all",
"Upload", the date picker's months), and a label may pull an English text in."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import login, open_section, screenshot, wait_idle

# What a reader sees, per visible element: text nodes (not icons), placeholders and titles.
SHOWN = """() => {
  const out = [];
  const roots = document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebar"]');
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, el = node.parentElement;
      if (!el || !node.textContent.trim() || !el.checkVisibility()) continue;
      if (el.closest('[data-testid="stIconMaterial"], [aria-hidden="true"][translate="no"], style')) continue;
      out.push(node.textContent);
    }
    for (const el of root.querySelectorAll('[placeholder], [title]')) {
      if (!el.checkVisibility()) continue;
      for (const name of ['placeholder', 'title']) if (el.getAttribute(name)) out.push(el.getAttribute(name));
    }
  }
  return out;
}"""
# A Vietnamese syllable written without marks ("cho", "khi", "xem", "nghi"): onset, vowels, final.
SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?[aeiouy]{1,3}(?:ng|nh|ch|c|m|n|p|t)?",
    re.I,
)
# Names that are the same in both languages: file kinds, the other language's own name, tools.
NAMES = {
    "Excel",
    "Word",
    "English",
    "Email",
    "email",
    "README",
    "cron",
    "systemd",
    "make",
    "remind",
    "csv",
    "xlsx",
    "docx",
}
NAMES |= {"Zalo", "SQLite", "Facebook"}  # proper names, in the demo's reports too


def english_words(page: Page) -> set[str]:
    found = set()
    for text in page.evaluate(SHOWN):
        for word in re.findall(r"[^\W\d_]+", text):
            if len(word) < 3 or not word.isascii() or word.isupper() or word in NAMES:
                continue
            if not SYLLABLE.fullmatch(word):
                found.add(word)
    return found


def test_the_check_tells_english_from_vietnamese_written_without_marks():
    assert not [w for w in "cho khi xem nghi tin sao thanh quan Chuyen".split() if not SYLLABLE.fullmatch(w)]
    assert [w for w in "Choose option Upload Select file Monday".split() if not SYLLABLE.fullmatch(w)] == [
        "Choose",
        "option",
        "Upload",
        "Select",
        "file",
        "Monday",
    ]


def _sections(page: Page) -> list[str]:
    group = page.get_by_test_id("stMain").get_by_test_id("stButtonGroup").first
    return group.get_by_role("radio").all_inner_texts()


def _walk(page: Page, name: str) -> dict[str, list[str]]:
    """Every section of the page shown, its English words by section."""
    found = {}
    for section in _sections(page):
        page.get_by_test_id("stMain").get_by_test_id("stButtonGroup").first.get_by_role(
            "radio", name=section, exact=True
        ).click()
        wait_idle(page)
        page.wait_for_timeout(300)
        words = english_words(page)
        if words:
            found[section] = sorted(words)
            screenshot(page, f"english-{name}-{section}")
    return found


@pytest.mark.parametrize("width", [390, 1366])
def test_no_section_of_admin_shows_english(app_server, chromium_browser, width):
    context = chromium_browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    try:
        page = context.new_page()
        login(page, app_server.url, "quantri", path="/admin")
        expect(page.get_by_role("heading", name="Quản trị")).to_be_visible()
        assert len(_sections(page)) >= 10
        assert _walk(page, f"admin-{width}") == {}
    finally:
        context.close()


def test_review_and_the_meeting_view_show_no_english(app_server, chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    try:
        page = context.new_page()
        login(page, app_server.url, "lanhdao", path="/review?from=2018-06-01&to=2018-07-31")
        expect(
            page.get_by_role("heading", name="97/111 cán bộ đã tham gia đi công tác cơ sở")
        ).to_be_visible()
        # The window's days are typed as dd/mm/yyyy; the address keeps ISO dates.
        expect(page.get_by_label("Từ ngày", exact=True)).to_have_value("01/06/2018")
        assert _walk(page, "review") == {}
        page.goto(app_server.url + "/progress?from=2018-06-01&to=2018-07-31&mode=meeting")
        expect(page.locator(".st-key-meeting")).to_be_visible(timeout=30_000)
        assert _walk(page, "meeting") == {}
    finally:
        context.close()


# The tooltip on hover: what it draws (its paragraph's own words, or those the app puts after
# them when it hides them, ui/toolbar_words.py).
TOOLTIP = """() => {
  const p = document.querySelector('#stFloatingOverlayPortal [data-testid="stTooltipContent"] p');
  if (!p) return null;
  const after = getComputedStyle(p, '::after').content;
  return parseFloat(getComputedStyle(p).fontSize) ? p.innerText : after.replace(/^"|"$/g, '');
}"""


def test_the_tables_toolbar_says_its_buttons_in_vietnamese_on_hover(app_server, chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    try:
        page = context.new_page()
        login(page, app_server.url, "quantri", path="/admin")
        open_section(page, "Tài khoản")
        grid = page.get_by_test_id("stDataFrame").first
        expect(grid).to_be_visible()
        wait_idle(page)
        grid.scroll_into_view_if_needed()
        grid.hover()
        buttons = page.get_by_test_id("stElementToolbarButton")
        expect(buttons.first).to_be_visible()
        said = []
        for i in range(buttons.count()):
            grid.hover()
            buttons.nth(i).hover()
            page.wait_for_function(f"({TOOLTIP})() !== null")
            page.wait_for_timeout(300)
            said.append(page.evaluate(TOOLTIP))
        assert "Tải về dạng CSV" in said and "Toàn màn hình" in said, said
        assert not [s for s in said if english_words_in(s)], said
    finally:
        context.close()


def english_words_in(text: str) -> list[str]:
    return [
        w
        for w in re.findall(r"[^\W\d_]+", text)
        if len(w) >= 3 and w.isascii() and not w.isupper() and w not in NAMES and not SYLLABLE.fullmatch(w)
    ]
