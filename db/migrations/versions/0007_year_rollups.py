"""a calendar year's figures kept per cadre and per place

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 23:05:00

A year of the dashboards grouped a third of all trips into distinct counts on every read
(who went per ban, content type, place and province). These tables hold a year's figures per
cadre (days; trips and days per ban and content type) and per place and province (trips and
cadres), kept by core.rollups as each trip is made; here they are counted once for the trips
already stored.
"""
import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'cadre_years',
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('cadre_id', sa.Integer(), sa.ForeignKey('cadres.id'), nullable=False),
        sa.Column('days', sa.Integer(), nullable=False),
        sa.Column('workdays', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('year', 'cadre_id'),
    )
    op.create_table(
        'cadre_year_contents',
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('content_type', sa.String(length=32), nullable=False),
        sa.Column('ban_id', sa.Integer(), sa.ForeignKey('bans.id'), nullable=False),
        sa.Column('cadre_id', sa.Integer(), sa.ForeignKey('cadres.id'), nullable=False),
        sa.Column('trips', sa.Integer(), nullable=False),
        sa.Column('days', sa.Integer(), nullable=False),
        sa.Column('working_trips', sa.Integer(), nullable=False),
        sa.Column('workdays', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('year', 'content_type', 'ban_id', 'cadre_id'),
    )
    op.create_table(
        'place_years',
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('place_id', sa.Integer(), sa.ForeignKey('places.id'), nullable=False),
        sa.Column('trips', sa.Integer(), nullable=False),
        sa.Column('cadres', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('year', 'place_id'),
    )
    op.create_table(
        'province_years',
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('province', sa.String(length=100), nullable=False),
        sa.Column('trips', sa.Integer(), nullable=False),
        sa.Column('cadres', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('year', 'province'),
    )
    # The rows are counted by the same statements that keep them (they read trips, trip days,
    # content types and places, whose columns this migration leaves as they are).
    from core import rollups
    rollups.rebuild_years(op.get_bind())


def downgrade() -> None:
    for table in ('province_years', 'place_years', 'cadre_year_contents', 'cadre_years'):
        op.drop_table(table)
