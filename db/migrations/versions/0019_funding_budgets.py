"""funding: a budget per ban in each year's policy, each day's funding kept per ban

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 12:00:00

/progress, /review and the exports show the funding of the trips made in a window per ban,
against the ban's budget of the year pro-rated to the window. The budgets are a column of the
year's policy ({ban id: VND}); the funding is kept with the trip days per calendar day and ban
(core.rollups: a trip's funding on the day it ends), so any window's spending is a range of
the `ban_days` key, summed. Here it is counted once for the trips already stored.
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("policies", sa.Column("ban_budgets", sa.JSON(), nullable=True))
    op.add_column("ban_days", sa.Column("funding_vnd", sa.BigInteger(), nullable=False, server_default="0"))
    # Counted as core.rollups.rebuild_ban_days did when this was written (copied here: a
    # migration keeps its behaviour whatever the application's code becomes). A made trip's
    # end day is one of its days, so its (end day, ban) row exists.
    op.execute(
        "UPDATE ban_days SET funding_vnd = COALESCE(("
        "SELECT SUM(trips.funding_vnd) FROM trips WHERE trips.state = 'done' "
        "AND trips.end_date = ban_days.day AND trips.ban_id = ban_days.ban_id), 0)"
    )


def downgrade() -> None:
    raise NotImplementedError("dicoso's migrations are forward-only: restore a backup instead")
