"""Web chat visitor rate limits shared by server processes (token buckets, used on PostgreSQL).

Revision ID: 0015_webchat_rate_buckets
Revises: 0005_webchat
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_webchat_rate_buckets"
down_revision = "0005_webchat"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "webchat_rate_buckets",
        sa.Column("name", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(128), primary_key=True),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("stamp", sa.Float(), nullable=False),
        sa.Column("allowed", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_webchat_rate_buckets_stamp", "webchat_rate_buckets", ["stamp"])


def downgrade() -> None:
    op.drop_index("ix_webchat_rate_buckets_stamp", table_name="webchat_rate_buckets")
    op.drop_table("webchat_rate_buckets")
