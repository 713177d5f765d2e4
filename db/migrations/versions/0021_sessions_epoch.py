"""the sessions epoch kept in one row, never brought back to a value it had

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 08:00:00

The re-login cookie is signed with the sessions epoch (ui.auth), which changes whenever any
account's sessions end. It was the sum of every account's session version less one, counted
on each arrival and each run of the login page: a read of every account (3–12 ms at 50,000
accounts), and a value that went back when accounts were deleted: after a database was
emptied (`seed --reset`) it was 0 again, so a cookie signed at 0 for a name that came back
logged in to the new account of that name. It is now `data_version.sessions_epoch`, one row
read by its key, set to a new random value whenever sessions end (core.accounts) and when an
office's data is emptied (core.office). It starts as the sum it replaces, so the cookies
already written stay valid.
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "data_version", sa.Column("sessions_epoch", sa.String(32), nullable=False, server_default="0")
    )
    conn = op.get_bind()
    epoch = conn.execute(sa.text("SELECT COALESCE(SUM(session_version - 1), 0) FROM accounts")).scalar()
    conn.execute(
        sa.text("UPDATE data_version SET sessions_epoch = :epoch WHERE id = 1"), {"epoch": str(epoch)}
    )


def downgrade() -> None:
    raise NotImplementedError("dicoso's migrations are forward-only: restore a backup instead")
