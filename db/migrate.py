"""Bring a database to the newest schema: `python -m db.migrate` (DATABASE_URL or default).

dicoso's migrations go forward only. Going back would have to undo data migrations (the kept
figures, the places) that cannot be undone faithfully, and SQLite rebuilds tables under
foreign keys to drop columns: the way back to an earlier state is a backup taken before the
upgrade (`/admin` → backup). `python -m db.migrate downgrade …` refuses with that message,
and so does Alembic itself (db/migrations/env.py stops any step down).
"""

from __future__ import annotations

import sys

from alembic import command
from alembic.config import Config

from db.session import ROOT, database_url

FORWARD_ONLY = (
    "dicoso's migrations go forward only: a downgrade is refused. To go back, "
    "restore the backup taken before the upgrade. / Các bản nâng cấp cơ sở dữ liệu "
    "chỉ đi một chiều: không hạ cấp được; hãy khôi phục bản sao lưu trước khi nâng cấp."
)


class DowngradeRefused(RuntimeError):
    def __init__(self) -> None:
        super().__init__(FORWARD_ONLY)


def alembic_config(url: str | None = None) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "db" / "migrations"))
    # ConfigParser treats % as interpolation; URLs may carry %-escaped passwords.
    cfg.set_main_option("sqlalchemy.url", (url or database_url()).replace("%", "%%"))
    return cfg


def upgrade(url: str | None = None) -> None:
    command.upgrade(alembic_config(url), "head")


def main(argv: list[str]) -> int:
    if argv and argv[0] not in ("upgrade", "head"):
        print(
            FORWARD_ONLY if argv[0] == "downgrade" else "usage: python -m db.migrate [upgrade]",
            file=sys.stderr,
        )
        return 2
    upgrade()
    print(f"Database at the newest schema: {database_url()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
