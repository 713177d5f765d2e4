"""How dates, quarters and numbers are written: dd/mm/yyyy, "quý II/2018", 1.234.567."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.numbers import format_decimal, format_percent, get_decimal_symbol, get_group_symbol

from core.i18n import language, t
from core.periods import ROMAN, Window

_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


def date(day: dt.date | None) -> str:
    """dd/mm/yyyy in both languages: Vietnamese offices and the English version share it."""
    return day.strftime("%d/%m/%Y") if day else ""


def dates(start: dt.date, end: dt.date) -> str:
    """A trip's dates: "03/12/2018 – 07/12/2018"."""
    return f"{date(start)} – {date(end)}"


def quarter(year: int, number: int, lang: str | None = None) -> str:
    return t("period.quarter", lang, roman=ROMAN[number], number=number, year=year)


def window(w: Window, lang: str | None = None) -> str:
    return t("period.window", lang, start=date(w.start), end=date(w.end))


def number(value: float | int, lang: str | None = None, digits: int = 0) -> str:
    return _number(value, _LOCALES[lang or language()], digits)


def percent(ratio: float, lang: str | None = None) -> str:
    return _percent(ratio, _LOCALES[lang or language()])


# Babel reads its pattern and locale again on every call (some 150 µs): the meeting view writes
# some sixty figures a run, the same ones until a trip is saved (docs/performance.md).
@lru_cache(maxsize=8192, typed=True)
def _number(value: float | int, locale: str, digits: int) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=locale)


@lru_cache(maxsize=8192, typed=True)
def _percent(ratio: float, locale: str) -> str:
    return format_percent(ratio, format="#,##0.#%", locale=locale)


def number_locale(lang: str | None = None) -> dict:
    """The same way of writing numbers for the charts: a d3-format locale (Vega-Lite's
    `config.locale.number`), its separators taken from the locale `number` uses, so an axis
    reads "7.000" and "87,4%" beside a headline's "1.090" in Vietnamese, "7,000" in English."""
    locale = _LOCALES[lang or language()]
    return {
        "decimal": get_decimal_symbol(locale),
        "thousands": get_group_symbol(locale),
        "grouping": [3],
        "currency": ["", " đ"],
    }


def vnd(amount: int, lang: str | None = None) -> str:
    return f"{number(amount, lang)} đ"


def moment(at: dt.datetime | None, seconds: bool = False) -> str:
    """A date and time: "09/08/2018 14:30" (with `seconds`, "09/08/2018 14:30:05")."""
    return at.strftime("%d/%m/%Y %H:%M:%S" if seconds else "%d/%m/%Y %H:%M") if at else ""


def clock(at: dt.datetime) -> str:
    """The time of day: "14:30:05"."""
    return at.strftime("%H:%M:%S")


def file_stamp(at: dt.datetime) -> str:
    """A moment in a file's name, sorting in time order: "20180809-1430"."""
    return at.strftime("%Y%m%d-%H%M")
