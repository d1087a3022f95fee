"""Role-play lines, saved rehearsals and item ratings.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "roleplay_lines",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("resistance_form", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.CheckConstraint(
            "resistance_form IN ('direct', 'passive', 'intellectual', 'emotional')", name="ck_roleplay_lines_resistance_form"
        ),
        sa.CheckConstraint(
            "stage IN ('guarded', 'wary', 'softening', 'open', 'concession')", name="ck_roleplay_lines_stage"
        ),
    )
    op.create_index("ix_roleplay_lines_form_stage", "roleplay_lines", ["resistance_form", "stage"])
    op.create_table(
        "rehearsals",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("resistance_form", sa.String(16), nullable=True),
        sa.Column("relationship", sa.String(16), nullable=True),
        sa.Column("turns", sa.Integer(), nullable=False),
        sa.Column("final_openness", sa.Float(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("codes", sa.Text(), nullable=False),
    )
    op.create_index("ix_rehearsals_sender_created", "rehearsals", ["sender_id", "created_at"])
    op.create_table(
        "item_ratings",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("item_id", sa.String(120), sa.ForeignKey("content_items.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("helpful", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("helpful IN (0, 1)", name="ck_item_ratings_helpful"),
    )
    op.create_index("ix_item_ratings_item", "item_ratings", ["item_id"])
    op.create_index("ix_item_ratings_sender", "item_ratings", ["sender_id"])


def downgrade() -> None:
    op.drop_table("item_ratings")
    op.drop_table("rehearsals")
    op.drop_table("roleplay_lines")
