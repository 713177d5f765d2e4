"""reminders by email: an address and a choice per account, what was sent, a lease

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 09:00:00

`make remind` (core.reminders) emails each person what waits for them and the leaders a
weekly digest. Each account gets an address (none: the cadre's on the roster) and a choice of
which mails it wants; `reminders` keeps every reminder sent (or missed for want of an address)
under the key (kind, object, stage, account), so none is sent twice; `mail_status` when each
account was last emailed and the last failure; `leases` lets one run at a time do the work.
The demo's accounts get example addresses (username@example.org).
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE on both engines: a batch copy of the accounts table would trip the
    # foreign keys that point at it.
    op.execute("ALTER TABLE accounts ADD COLUMN email VARCHAR(200)")
    op.execute("ALTER TABLE accounts ADD COLUMN mail_mode VARCHAR(8) DEFAULT 'all' NOT NULL")
    op.execute("UPDATE accounts SET email = username || '@example.org' WHERE is_demo AND email IS NULL")
    op.create_table(
        "reminders",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("outcome IN ('sent', 'missed')", name="ck_reminders_outcome"),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"]),
        sa.PrimaryKeyConstraint("kind", "object_id", "stage", "account_id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_reminders_outcome", "reminders", ["outcome", "account_id"])
    op.create_table(
        "mail_status",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("last_sent_at", sa.DateTime(), nullable=True),
        sa.Column("last_subject", sa.String(length=300), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("last_error_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"]),
        sa.PrimaryKeyConstraint("account_id"),
    )
    op.create_table(
        "leases",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("holder", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    raise NotImplementedError("dicoso's migrations are forward-only: restore a backup instead")
