"""indexes for the figures per ban

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 07:50:00

The figures per ban read every cadre (who is counted) and a window's trips per ban (reports
in and overdue). The cadres' index on their ban now carries what those figures test, so
they read the index alone; and the trips made are indexed by ban, so each ban's reports are
counted along its own range instead of sorting a year's trips by ban (310,000 at the
bench's large size).
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_cadres_ban_id", table_name="cadres")
    op.create_index(
        "ix_cadres_counted",
        "cadres",
        ["ban_id", "subject_to_rule", "joined_on", "left_on", "active"],
        unique=False,
    )
    op.create_index(
        "ix_trips_reports_by_ban", "trips", ["state", "ban_id", "end_date", "reported_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_trips_reports_by_ban", table_name="trips")
    op.drop_index("ix_cadres_counted", table_name="cadres")
    op.create_index("ix_cadres_ban_id", "cadres", ["ban_id"], unique=False)
