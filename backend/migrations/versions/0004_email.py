"""e-mail channel: mailboxes and the raw message store

Revision ID: 0004_email
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_email"
down_revision = "0002"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "email_mailboxes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("imap_host", sa.String(length=255), nullable=False),
        sa.Column("imap_port", sa.Integer(), nullable=False),
        sa.Column("imap_security", sa.String(length=8), nullable=False),
        sa.Column("imap_username", sa.String(length=320), nullable=False),
        sa.Column("imap_folder", sa.String(length=255), nullable=False),
        sa.Column("smtp_host", sa.String(length=255), nullable=False),
        sa.Column("smtp_port", sa.Integer(), nullable=False),
        sa.Column("smtp_security", sa.String(length=8), nullable=False),
        sa.Column("smtp_username", sa.String(length=320), nullable=False),
        sa.Column("password_encrypted", sa.Text(), nullable=False),
        sa.Column("smtp_password_encrypted", sa.Text(), nullable=False),
        sa.Column("tls_verify", sa.Boolean(), nullable=False),
        sa.Column("use_idle", sa.Boolean(), nullable=False),
        sa.Column("poll_seconds", sa.Integer(), nullable=False),
        sa.Column("queue_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("uidvalidity", BigId, nullable=False),
        sa.Column("last_uid", BigId, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("last_fetch_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("address"),
    )
    op.create_table(
        "email_raw",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mailbox_id", sa.Integer(), nullable=False),
        sa.Column("uidvalidity", BigId, nullable=False),
        sa.Column("uid", BigId, nullable=False),
        sa.Column("message_id", sa.String(length=998), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("parsed_ok", sa.Boolean(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("interaction_message_id", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["interaction_message_id"], ["messages.id"]),
        sa.ForeignKeyConstraint(["mailbox_id"], ["email_mailboxes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mailbox_id", "uidvalidity", "uid", name="uq_email_raw_uid"),
    )
    with op.batch_alter_table("email_raw", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_email_raw_mailbox_id"), ["mailbox_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_email_raw_message_id"), ["message_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("email_raw", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_email_raw_message_id"))
        batch_op.drop_index(batch_op.f("ix_email_raw_mailbox_id"))
    op.drop_table("email_raw")
    op.drop_table("email_mailboxes")
