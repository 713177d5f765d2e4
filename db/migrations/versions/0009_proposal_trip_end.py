"""the end of its trip kept on each proposal sent

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 06:30:00

A period's proposals (those of the trips that ended in it, and the earlier ones not done yet)
were found by walking the period's trips to their reports: a year of the bench's office is
31,000 trips for 2,500 proposals. Each proposal now keeps its trip's end once its report is
sent (core.reports.mark), indexed by end date and by state.
"""
import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('trip_end', sa.Date(), nullable=True))
    # Filled by the statement bulk loads use (it reads trips' end and trip_reports' state).
    from core import reports
    reports.mark_proposals(op.get_bind())
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.create_index('ix_proposals_trip_end', ['trip_end', 'state'], unique=False)
        batch_op.create_index('ix_proposals_open', ['state', 'trip_end'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_index('ix_proposals_open')
        batch_op.drop_index('ix_proposals_trip_end')
        batch_op.drop_column('trip_end')
