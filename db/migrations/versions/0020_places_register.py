"""places carry the official codes: today's province, and the commune of the register

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05 08:00:00

Provinces, districts and communes were free text, so "Cà Mau", "Tỉnh Cà Mau" and "ca mau"
were three provinces in every figure, and the 63 provinces of before 1 July 2025 were never
grouped under the 34 of today. A place keeps the names it was typed with and gains:
- `province_code`: today's province (code of the register, vietnam-provinces), for a name of
  either register, "" while nobody has matched it (listed on /admin to be mapped, never lost);
- `commune_code`: the commune's code in today's register, for a place of a trip made since
  1 July 2025 (set by the app from then on; the places stored before were typed, and keep none).
The stored places are matched here by the rules of core.admin_units, copied as they stand
today (a migration never imports the application: it must behave the same in five years).
`province_years` is kept per province code from now on, counted again from the trips.
"""

import datetime as dt
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

# core.admin_units' province keys as of this migration: the 63 former provinces (Resolution
# 202/2025/QH15), the 34 of today and a few common spellings, each with today's code.
PROVINCE_KEYS = {
    "an giang": "91", "ba ria vung tau": "79", "bac giang": "24", "bac kan": "19", "bac lieu": "96",
    "bac ninh": "24", "ben tre": "86", "binh dinh": "52", "binh duong": "79", "binh phuoc": "75",
    "binh thuan": "68", "brvt": "79", "ca mau": "96", "can tho": "92", "cao bang": "04",
    "da nang": "48", "dac lac": "66", "dak lak": "66", "dak nong": "68", "dien bien": "11",
    "dong nai": "75", "dong thap": "82", "gia lai": "52", "ha giang": "08", "ha nam": "37",
    "ha noi": "01", "ha tinh": "42", "hai duong": "31", "hai phong": "31", "hau giang": "92",
    "hcm": "79", "ho chi minh": "79", "hoa binh": "25", "hue": "46", "hung yen": "33",
    "khanh hoa": "56", "kien giang": "91", "kon tum": "51", "lai chau": "12", "lam dong": "68",
    "lang son": "20", "lao cai": "15", "long an": "80", "nam dinh": "37", "nghe an": "40",
    "ninh binh": "37", "ninh thuan": "56", "phu tho": "25", "phu yen": "66", "quang binh": "44",
    "quang nam": "48", "quang ngai": "51", "quang ninh": "22", "quang tri": "44", "sai gon": "79",
    "saigon": "79", "soc trang": "92", "son la": "14", "tay ninh": "80", "thai binh": "33",
    "thai nguyen": "19", "thanh hoa": "38", "thua thien": "46", "thua thien hue": "46",
    "tien giang": "82", "tp hcm": "79", "tphcm": "79", "tra vinh": "86", "tt hue": "46",
    "tuyen quang": "08", "vinh long": "86", "vinh phuc": "25", "yen bai": "15",
}  # fmt: skip
PREFIXES = ("tinh ", "thanh pho ", "tp ", "t p ")
REGISTER_START = dt.date(2025, 7, 1)
MAX_TRIP_DAYS = 367


def _key(text: str) -> str:
    text = unicodedata.normalize("NFD", (text or "").lower()).replace("đ", "d")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _province_code(name: str) -> str:
    text = _key(name)
    bare = text
    while prefix := next((p for p in PREFIXES if bare.startswith(p) and len(bare) > len(p)), None):
        bare = bare[len(prefix) :]
    return (
        PROVINCE_KEYS.get(text) or PROVINCE_KEYS.get(bare) or PROVINCE_KEYS.get(text.replace(" ", "")) or ""
    )


def upgrade() -> None:
    conn = op.get_bind()
    # Plain ALTER TABLE on both engines: a batch copy of the places would trip the trips'
    # foreign keys.
    op.execute("ALTER TABLE places ADD COLUMN province_code VARCHAR(2) DEFAULT '' NOT NULL")
    op.execute("ALTER TABLE places ADD COLUMN commune_code VARCHAR(5)")
    places = sa.table(
        "places", sa.column("id", sa.Integer), sa.column("province", sa.String), sa.column("province_code")
    )
    matched = [
        {"place_id": place_id, "code": code}
        for place_id, name in conn.execute(sa.select(places.c.id, places.c.province))
        if (code := _province_code(name))
    ]
    if matched:
        conn.execute(
            places.update()
            .where(places.c.id == sa.bindparam("place_id"))
            .values(province_code=sa.bindparam("code")),
            matched,
        )
    op.create_index("ix_places_province_code", "places", ["province_code"])
    op.drop_table("province_years")
    op.create_table(
        "province_years",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("trips", sa.Integer(), nullable=False),
        sa.Column("cadres", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "province_code"),
    )
    _count_years(conn)


def downgrade() -> None:
    raise NotImplementedError("dicoso's migrations are forward-only: restore a backup instead")


TRIPS = sa.table(
    "trips",
    sa.column("id", sa.Integer),
    sa.column("cadre_id", sa.Integer),
    sa.column("place_id", sa.Integer),
    sa.column("start_date", sa.Date),
    sa.column("end_date", sa.Date),
    sa.column("state", sa.String),
)
PLACES = sa.table("places", sa.column("id", sa.Integer), sa.column("province_code", sa.String))
PROVINCE_YEARS = sa.table(
    "province_years",
    sa.column("year", sa.Integer),
    sa.column("province_code", sa.String),
    sa.column("trips", sa.Integer),
    sa.column("cadres", sa.Integer),
)


def _count_years(conn) -> None:
    """Trips and cadres per province code of every calendar year, from the trips made in it."""
    first, last = conn.execute(
        sa.select(sa.func.min(TRIPS.c.start_date), sa.func.max(TRIPS.c.end_date)).where(
            TRIPS.c.state == "done"
        )
    ).one()
    for year in range(first.year, last.year + 1) if first else ():
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        made = sa.and_(
            TRIPS.c.state == "done",
            TRIPS.c.end_date.between(start, end + dt.timedelta(days=MAX_TRIP_DAYS - 1)),
            TRIPS.c.start_date <= end,
        )
        conn.execute(
            sa.insert(PROVINCE_YEARS).from_select(
                ["year", "province_code", "trips", "cadres"],
                sa.select(
                    sa.literal(year),
                    PLACES.c.province_code,
                    sa.func.count(),
                    sa.func.count(sa.func.distinct(TRIPS.c.cadre_id)),
                )
                .join(PLACES, PLACES.c.id == TRIPS.c.place_id)
                .where(made)
                .group_by(PLACES.c.province_code),
            )
        )
