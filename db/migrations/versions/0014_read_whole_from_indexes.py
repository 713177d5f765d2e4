"""kept figures and registrations read whole from their indexes

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 08:10:00

A year's figures look up every cadre's kept row (cadre_years) and read every row of the
year's content per cadre (cadre_year_contents, 200,000 rows at the bench's large size), each
row found in the key's index and then fetched from the table; indexes holding the whole row
are read alone. Who registered for every quarter of a window was counted per cadre from an
index by quarter, which had the rows sorted by cadre first; by cadre, they are counted as
they come.
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_cadre_years_read", "cadre_years", ["year", "cadre_id", "days", "workdays"], unique=False
    )
    op.create_index(
        "ix_cadre_year_contents_read",
        "cadre_year_contents",
        ["year", "content_type", "ban_id", "cadre_id", "trips", "days", "working_trips", "workdays"],
        unique=False,
    )
    op.drop_index("ix_registrations_period", table_name="registrations")
    op.create_index(
        "ix_registrations_year_cadre", "registrations", ["year", "cadre_id", "quarter"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_registrations_year_cadre", table_name="registrations")
    op.create_index("ix_registrations_period", "registrations", ["year", "quarter", "cadre_id"], unique=False)
    op.drop_index("ix_cadre_year_contents_read", table_name="cadre_year_contents")
    op.drop_index("ix_cadre_years_read", table_name="cadre_years")
