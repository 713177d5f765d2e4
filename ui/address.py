"""The values a page reads from its address (the query string), checked in one place.

A link reproduces a view (`?from=2018-06-01&to=2018-07-31&ban=TC&tab=cadres`, `?year=2018`,
`?mode=meeting`), and anyone can type any address. Every value a page reads from the query
string comes through here: a date must be an ISO date between FIRST_DAY and LAST_DAY, a
year one of the years offered, a code one of the known codes. A value that is not is named
in a message in the reader's language (the value itself is not repeated: it could carry
markup) and the page falls back to its default view; a value that only this module reads is
also taken out of the address, so a reload does not say it again.

The year is bound to its widget (`bind="query-params"`): Streamlit drops a bound value that
does not parse or is not one of its options, so the warning said here and the value Streamlit
keeps agree. The window's two days are typed as dd/mm/yyyy and written back here as ISO dates
by ui/window_field.py (a bound text field would put what is typed into the link), so a bad
date is taken out of the address here (`bound=False`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import streamlit as st

from core import formatting
from core.i18n import t
from ui.text import tm

FIRST_DAY = dt.date(2000, 1, 1)  # core.periods and the figures are sound for these years
LAST_DAY = dt.date(2100, 12, 31)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WARNED = "_address_warned"  # (page run, names) already named in a message this run


def _raw(name: str) -> str | None:
    value = st.query_params.get(name)
    return None if value is None else str(value)


def _warn(name: str, key: str, **values) -> None:
    """Name the parameter `name` and what it should be, once per address."""
    address = tuple(sorted((k, str(v)) for k, v in st.query_params.to_dict().items()))
    warned = st.session_state.setdefault(_WARNED, set())
    if (name, address) in warned:
        return
    warned.add((name, address))
    message = tm("address.bad_value", name=name, rule=t(key, **values))
    st.warning(message)
    # Said in a toast as well: the run that dropped the value rewrites the address, and the
    # rerun that follows (a bound widget, the login cookie) draws the page without the warning;
    # a toast stays on screen across those reruns.
    st.toast(message, icon=":material/warning:", duration="long")


def _drop(name: str, bound: bool) -> None:
    if not bound and name in st.query_params:
        del st.query_params[name]


def date(name: str, *, bound: bool = True) -> dt.date | None:
    """The ISO date in `?name=`, if there is one and it lies between FIRST_DAY and LAST_DAY."""
    raw = _raw(name)
    if raw is None:
        return None
    value = None
    if _ISO_DATE.fullmatch(raw.strip()):
        try:
            value = dt.date.fromisoformat(raw.strip())
        except ValueError:
            value = None
    if value is None or not FIRST_DAY <= value <= LAST_DAY:
        _warn(name, "address.rule.date", first=formatting.date(FIRST_DAY), last=formatting.date(LAST_DAY))
        _drop(name, bound)
        return None
    return value


def year(name: str, years: Iterable[int], *, bound: bool = True) -> int | None:
    """The year in `?name=`, if it is one of `years`."""
    raw = _raw(name)
    if raw is None:
        return None
    years = sorted(set(years))
    value = int(raw) if re.fullmatch(r"\d{4}", raw.strip()) else None
    if value not in years:
        _warn(name, "address.rule.year", first=years[0], last=years[-1])
        _drop(name, bound)
        return None
    return value


def choice(name: str, options: Iterable[str], *, bound: bool = False) -> str | None:
    """The code in `?name=`, if it is one of `options` (a ban's code, a section, a mode)."""
    raw = _raw(name)
    if raw is None:
        return None
    options = list(options)
    if raw not in options:
        _warn(name, "address.rule.choice", options=", ".join(o for o in options if o) or "–")
        _drop(name, bound)
        return None
    return raw
