"""Vietnam's administrative units: the official register since 1 July 2025 (34 provinces and
their communes, from the package vietnam-provinces), the 63 provinces before it (each merged
whole into one of the 34, Resolution 202/2025/QH15: provinces_before_2025.csv), and the one
way a typed name becomes a code.

A trip keeps the names of its own date; every figure groups it under today's province code.
`province_code` is the one resolver of a typed province name (the trip form, the trips import,
the migration of stored places by the same rules, the admin's list of names left unmatched).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

# The day the 34 provinces and the communes without districts took effect (Resolution
# 202/2025/QH15, Resolution 1656/NQ-UBTVQH15 and the others of that June).
REGISTER_START = dt.date(2025, 7, 1)

_HERE = Path(__file__).parent

# Names people write that no register spells (checked after normalising, see `key`).
_ALIASES = {
    "hcm": "79",
    "tphcm": "79",
    "sai gon": "79",
    "saigon": "79",
    "tp hcm": "79",
    "brvt": "79",
    "ba ria vung tau": "79",
    "tt hue": "46",
    "thua thien": "46",
    "dak lak": "66",
    "dac lac": "66",
    "dak nong": "68",
}
# Leading words that say the kind of unit, not which one: "Tỉnh Cà Mau", "TP. Huế".
_PROVINCE_PREFIXES = ("tinh ", "thanh pho ", "tp ", "t p ")
_COMMUNE_PREFIXES = ("xa ", "phuong ", "dac khu ", "thi tran ")


@dataclass(frozen=True)
class Unit:
    """A unit of the register: its official code and name."""

    code: str
    name: str

    @property
    def short(self) -> str:
        """The name without "Thành phố" (a tile of the map, a narrow column)."""
        return self.name.removeprefix("Thành phố ")


def key(text: str) -> str:
    """A name as compared: no diacritics, lower case, punctuation as spaces, single spaced.
    "Tỉnh Cà  Mau", "ca mau" and "CÀ MAU" give the same key."""
    text = unicodedata.normalize("NFD", (text or "").lower()).replace("đ", "d")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _without(prefixes: tuple[str, ...], text: str) -> str:
    """`text` without the kind words it starts with ("tinh thanh pho ha noi" → "ha noi")."""
    stripped = True
    while stripped:
        stripped = False
        for prefix in prefixes:
            if text.startswith(prefix) and len(text) > len(prefix):
                text, stripped = text[len(prefix) :], True
    return text


@functools.cache
def _register() -> dict:
    with open(NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as f:
        provinces = json.load(f)
    out = {}
    for p in provinces:
        code = f"{p['code']:02d}"
        communes = tuple(
            sorted((Unit(f"{w['code']:05d}", w["name"]) for w in p["wards"]), key=lambda u: _sort_key(u.name))
        )
        out[code] = (Unit(code, p["name"]), communes)
    return dict(sorted(out.items()))


def _sort_key(name: str) -> tuple[str, str]:
    # Alphabetical by the name itself ("Xã An Bình" among the A's), diacritics breaking ties.
    return key(_without(_COMMUNE_PREFIXES, key(name))), name


@functools.cache
def old_provinces() -> tuple[tuple[str, str], ...]:
    """(name before 1 July 2025, code of today's province) for the 63 former provinces."""
    with open(_HERE / "provinces_before_2025.csv", encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return tuple((row["old_name"], row["new_code"]) for row in rows)


def provinces() -> tuple[Unit, ...]:
    """The 34 provinces of today, in code order (north to south, as the codes run)."""
    return tuple(unit for unit, _ in _register().values())


def province(code: str) -> Unit:
    return _register()[code][0]


def communes(code: str) -> tuple[Unit, ...]:
    """The communes, wards and special zones of a province today, alphabetical."""
    return _register()[code][1]


def in_register(day: dt.date | None) -> bool:
    """Whether a trip starting on `day` names today's units (else those of its time)."""
    return day is None or day >= REGISTER_START


@functools.cache
def _province_keys() -> dict[str, str]:
    keys = dict(_ALIASES)
    for old_name, new_code in old_provinces():
        keys[key(old_name)] = new_code
    for unit in provinces():
        keys[_without(_PROVINCE_PREFIXES, key(unit.name))] = unit.code
    return keys


def province_code(name: str) -> str | None:
    """Today's province of a province named the way people write it, of either register:
    "Tỉnh Cà Mau", "ca mau", "TP. Hồ Chí Minh", "Bạc Liêu" (merged into Cà Mau) — None if the
    name is none of them."""
    text = key(name)
    keys = _province_keys()
    return keys.get(text) or keys.get(_without(_PROVINCE_PREFIXES, text)) or keys.get(text.replace(" ", ""))


@functools.cache
def _commune_keys(code: str) -> dict[str, str | None]:
    keys: dict[str, str | None] = {}
    for unit in communes(code):
        for k in (unit.name.lower(), key(unit.name), _without(_COMMUNE_PREFIXES, key(unit.name))):
            # A key two communes share names neither (e.g. "Xã Vân Lang" and "Xã Văn Lang"
            # without their diacritics): the finer keys, tried first, tell them apart.
            keys[k] = None if keys.get(k, unit.code) != unit.code else unit.code
    return keys


def commune_code(province: str | None, name: str) -> str | None:
    """The code of a commune of today's province `province`, by name; None if the name is not
    one of its communes (or names two)."""
    if not province or province not in _register() or not name:
        return None
    keys = _commune_keys(province)
    for k in (name.lower().strip(), key(name), _without(_COMMUNE_PREFIXES, key(name))):
        if k in keys:
            return keys[k]
    return None


@functools.cache
def tile_grid() -> dict[str, tuple[int, int]]:
    """The map's hand-placed (column, row) of each province code (tile_grid.csv)."""
    with open(_HERE / "tile_grid.csv", encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {row["code"]: (int(row["col"]), int(row["row"])) for row in rows}
