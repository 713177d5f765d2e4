"""login attempts counted per username and per client address

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 08:00:00

Failed logins were counted on the account: a name that is no account was never counted, so
the form's answers told which names exist, and one password tried across every account was
never slowed. The counts move to a table of their own, keyed by username or client address.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_throttles",
        sa.Column("scope", sa.String(length=8), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("scope IN ('user', 'address')", name="ck_login_throttles_scope"),
        sa.PrimaryKeyConstraint("scope", "key"),
    )
    op.create_index("ix_login_throttles_updated_at", "login_throttles", ["updated_at"])
    # Plain ALTER TABLE on both engines (SQLite 3.35+): a batch copy of the accounts table
    # would trip the foreign keys that point at it.
    op.execute("ALTER TABLE accounts DROP COLUMN failed_logins")
    op.execute("ALTER TABLE accounts DROP COLUMN locked_until")


def downgrade() -> None:
    raise NotImplementedError("dicoso's migrations are forward-only: restore a backup instead")
