"""web chat visitors and attachments

Revision ID: 0005_webchat
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_webchat'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('webchat_visitors',
    sa.Column('visitor_id', sa.String(length=64), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], ),
    sa.PrimaryKeyConstraint('visitor_id')
    )
    with op.batch_alter_table('webchat_visitors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_webchat_visitors_customer_id'), ['customer_id'], unique=False)

    op.create_table('webchat_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('visitor_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token')
    )
    with op.batch_alter_table('webchat_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_webchat_attachments_visitor_id'), ['visitor_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('webchat_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_webchat_attachments_visitor_id'))
    op.drop_table('webchat_attachments')
    with op.batch_alter_table('webchat_visitors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_webchat_visitors_customer_id'))
    op.drop_table('webchat_visitors')
