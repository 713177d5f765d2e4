"""each cadre's days kept per calendar month

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 07:10:00

"Who went" and each cadre's days in a window (a quarter, a meeting's two months) grouped the
window's trip days by cadre on every read: 20,000 rows for two months of the bench's office.
These rows hold each cadre's days per calendar month, kept by core.rollups as each trip is
made; here they are counted once for the trips already stored.
"""
import sqlalchemy as sa
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'cadre_months',
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('cadre_id', sa.Integer(), sa.ForeignKey('cadres.id'), nullable=False),
        sa.Column('days', sa.Integer(), nullable=False),
        sa.Column('workdays', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('month', 'cadre_id'),
        sqlite_with_rowid=False,  # stored in key order: a range is read without lookups
    )
    # Counted by the statements that keep them (they read trip days only).
    from core import rollups
    rollups.rebuild_months(op.get_bind())


def downgrade() -> None:
    op.drop_table('cadre_months')
