"""Topics and concerns come from the registry (kernel/registry.yml): drop their CHECK constraints.

The content loader validates both against the registry, so a new topic or concern needs no migration.

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("content_items") as batch:
        batch.drop_constraint("ck_content_items_topic", type_="check")
        batch.drop_constraint("ck_content_items_concern", type_="check")


def downgrade() -> None:
    with op.batch_alter_table("content_items") as batch:
        batch.create_check_constraint(
            "ck_content_items_topic",
            "topic IN ('refusal', 'resentment', 'bring_up', 'exhaustion', 'boundaries', 'why_resist', 'enabling', 'support', 'progress')",
        )
        batch.create_check_constraint(
            "ck_content_items_concern",
            "concern IN ('depression', 'anxiety', 'substance_use', 'trauma', 'grief', 'stress', 'anger', 'any')",
        )
