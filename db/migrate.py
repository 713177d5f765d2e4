"""Bring a database to the newest schema: `python -m db.migrate` (DATABASE_URL or default)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from db.session import ROOT, database_url


def alembic_config(url: str | None = None) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "db" / "migrations"))
    # ConfigParser treats % as interpolation; URLs may carry %-escaped passwords.
    cfg.set_main_option("sqlalchemy.url", (url or database_url()).replace("%", "%%"))
    return cfg


def upgrade(url: str | None = None) -> None:
    command.upgrade(alembic_config(url), "head")


if __name__ == "__main__":
    upgrade()
    print(f"Database at the newest schema: {database_url()}")
