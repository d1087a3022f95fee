"""Curated content items.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ANY = "'any'"


def _one_of(column: str, allowed: list[str]) -> sa.CheckConstraint:
    quoted = ", ".join(f"'{value}'" for value in allowed)
    return sa.CheckConstraint(f"{column} IN ({quoted})", name=f"ck_content_items_{column}")


def upgrade() -> None:
    op.create_table(
        "content_items",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("topic", sa.String(32), nullable=False),
        sa.Column("relationship", sa.String(16), nullable=False, server_default=sa.text(ANY)),
        sa.Column("resistance_form", sa.String(16), nullable=False, server_default=sa.text(ANY)),
        sa.Column("concern", sa.String(16), nullable=False, server_default=sa.text(ANY)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("grounding", sa.String(200), nullable=False),
        sa.Column("alternative", sa.Text(), nullable=True),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        _one_of("kind", ["reframe", "phrasing", "avoid", "tip", "resource"]),
        _one_of(
            "topic",
            ["refusal", "resentment", "bring_up", "exhaustion", "boundaries", "why_resist", "enabling", "support", "progress"],
        ),
        _one_of("relationship", ["partner", "parent", "child", "sibling", "friend", "any"]),
        _one_of("resistance_form", ["direct", "passive", "intellectual", "emotional", "any"]),
        _one_of("concern", ["depression", "anxiety", "substance_use", "trauma", "grief", "stress", "anger", "any"]),
        sa.CheckConstraint("(kind = 'avoid') = (alternative IS NOT NULL)", name="ck_content_items_avoid_has_alternative"),
    )
    op.create_index("ix_content_items_lookup", "content_items", ["topic", "kind", "relationship"])


def downgrade() -> None:
    op.drop_index("ix_content_items_lookup", table_name="content_items")
    op.drop_table("content_items")
