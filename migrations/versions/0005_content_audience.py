"""Who a content item is for: the user, the loved one or any (content files' `for`).

Checked by the loader against the registry (kernel/registry.yml), like topic and concern: no CHECK constraint.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("content_items") as batch:
        batch.add_column(sa.Column("audience", sa.String(16), nullable=False, server_default="any"))


def downgrade() -> None:
    with op.batch_alter_table("content_items") as batch:
        batch.drop_column("audience")
