"""The app's pages, declared once: each page's address, the message key of its title, its icon
and the roles that open it, in the navigation's order.

app.py builds the navigation from this list, and core.permissions decides the `page.*` actions
(core.actions declares one per page) from the same roles, so a page shown is a page allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

from db.vocabulary import Role


@dataclass(frozen=True)
class Page:
    address: str  # its url path, fixed (links and bookmarks use it), and its file app_pages/<address>.py
    title_key: str  # the message key of its title in the navigation
    roles: frozenset[str]  # the roles that open it
    icon: str | None = None  # Streamlit's page icon (an emoji or ":material/…:"), none today

    @property
    def script(self) -> str:
        return f"app_pages/{self.address}.py"


_LEADERS = frozenset({Role.BAN_LEADER, Role.OFFICE_LEADER})

PAGES: tuple[Page, ...] = (
    Page("visits", "nav.visits", frozenset({Role.CADRE, Role.BAN_LEADER, Role.OFFICE_LEADER})),
    Page("progress", "nav.progress", _LEADERS),
    Page("review", "nav.review", _LEADERS),
    Page("evaluations", "nav.evaluations", _LEADERS),
    Page("admin", "nav.admin", frozenset({Role.ADMIN})),
)
ADDRESSES: tuple[str, ...] = tuple(p.address for p in PAGES)


# Where each role's work waits: a leader's is the review queue and the figures on /progress.
_HOMES: tuple[tuple[str, str], ...] = (
    (Role.OFFICE_LEADER, "progress"),
    (Role.BAN_LEADER, "progress"),
)


def home(allowed: list[str], roles: frozenset[str]) -> str | None:
    """The page opened at "/" for an account with `roles` that may open the pages `allowed`
    (addresses): where its work waits, else the first page it may open."""
    for role, address in _HOMES:
        if role in roles and address in allowed:
            return address
    return allowed[0] if allowed else None


def named(address: str) -> Page:
    """The page at `address`; KeyError for an address that is not a page."""
    for page in PAGES:
        if page.address == address:
            return page
    raise KeyError(f"no page at /{address}")
