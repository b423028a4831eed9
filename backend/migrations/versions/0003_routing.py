"""routing: queues, channel rules, agent state and its log, codes, queue entries, offers

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# channel: (after-call work s, SLA answer s, SLA first response s, offer countdown s)
CHANNEL_DEFAULTS = {"voice": (30, 20, 20, 20), "chat": (0, 30, 60, 30), "email": (0, 3600, 14400, 60),
                    "sms": (0, 300, 600, 60), "social": (0, 300, 600, 60)}


def upgrade() -> None:
    op.create_table('routing_channels',
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('acw_seconds', sa.Integer(), nullable=False),
    sa.Column('sla_answer_seconds', sa.Integer(), nullable=False),
    sa.Column('sla_first_response_seconds', sa.Integer(), nullable=False),
    sa.Column('offer_timeout_seconds', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('channel')
    )
    op.create_table('routing_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kind', 'code', name='uq_routing_codes_kind_code')
    )
    op.create_table('routing_queues',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('channels', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=True),
    sa.Column('strategy', sa.String(length=16), nullable=False),
    sa.Column('skills', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('overflow_queue_id', sa.Integer(), nullable=True),
    sa.Column('overflow_after_seconds', sa.Integer(), nullable=True),
    sa.Column('sticky_seconds', sa.Integer(), nullable=False),
    sa.Column('ageing_seconds', sa.Integer(), nullable=False),
    sa.Column('disposition_required', sa.Boolean(), nullable=False),
    sa.Column('round_robin_cursor', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name'),
    sa.UniqueConstraint('number')
    )
    op.create_table('routing_writer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('turns', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('agent_routing',
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('reason_code', sa.String(length=64), nullable=True),
    sa.Column('state_since', sa.DateTime(timezone=True), nullable=False),
    sa.Column('acw_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('skills', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('capacity', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('last_work_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], ),
    sa.PrimaryKeyConstraint('agent_id')
    )
    op.create_table('agent_state_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('reason_code', sa.String(length=64), nullable=True),
    sa.Column('previous_state', sa.String(length=16), nullable=True),
    sa.Column('changed_by', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('agent_state_log', schema=None) as batch_op:
        batch_op.create_index('ix_agent_state_log_agent_started', ['agent_id', 'started_at'], unique=False)

    op.create_table('queue_entries',
    sa.Column('interaction_id', sa.Integer(), nullable=False),
    sa.Column('queue_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('order_key', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('enqueued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('excluded', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('sticky_agent_id', sa.Integer(), nullable=True),
    sa.Column('target_agent_id', sa.Integer(), nullable=True),
    sa.Column('overflowed_from', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_by', sa.Integer(), nullable=True),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('context', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['interaction_id'], ['interactions.id'], ),
    sa.PrimaryKeyConstraint('interaction_id')
    )
    with op.batch_alter_table('queue_entries', schema=None) as batch_op:
        batch_op.create_index('ix_queue_entries_queue_status', ['queue_id', 'status'], unique=False)
        batch_op.create_index('ix_queue_entries_status_order', ['status', 'order_key'], unique=False)

    op.create_table('routing_offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('interaction_id', sa.Integer(), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('queue_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], ),
    sa.ForeignKeyConstraint(['interaction_id'], ['interactions.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('routing_offers', schema=None) as batch_op:
        batch_op.create_index('ix_routing_offers_agent_status', ['agent_id', 'status'], unique=False)
        batch_op.create_index('ix_routing_offers_status_expires', ['status', 'expires_at'], unique=False)
        batch_op.create_index('uq_routing_offers_one_pending', ['interaction_id'], unique=True, sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))

    op.bulk_insert(sa.table('routing_writer', sa.column('id', sa.Integer()), sa.column('turns', sa.Integer())),
                   [{'id': 1, 'turns': 0}])
    channels = sa.table('routing_channels', sa.column('channel', sa.String()),
                        sa.column('acw_seconds', sa.Integer()), sa.column('sla_answer_seconds', sa.Integer()),
                        sa.column('sla_first_response_seconds', sa.Integer()),
                        sa.column('offer_timeout_seconds', sa.Integer()))
    op.bulk_insert(channels, [{'channel': c, 'acw_seconds': a, 'sla_answer_seconds': s,
                               'sla_first_response_seconds': f, 'offer_timeout_seconds': o}
                              for c, (a, s, f, o) in CHANNEL_DEFAULTS.items()])


def downgrade() -> None:
    with op.batch_alter_table('routing_offers', schema=None) as batch_op:
        batch_op.drop_index('uq_routing_offers_one_pending', sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))
        batch_op.drop_index('ix_routing_offers_status_expires')
        batch_op.drop_index('ix_routing_offers_agent_status')

    op.drop_table('routing_offers')
    with op.batch_alter_table('queue_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_queue_entries_status_order')
        batch_op.drop_index('ix_queue_entries_queue_status')

    op.drop_table('queue_entries')
    with op.batch_alter_table('agent_state_log', schema=None) as batch_op:
        batch_op.drop_index('ix_agent_state_log_agent_started')

    op.drop_table('agent_state_log')
    op.drop_table('agent_routing')
    op.drop_table('routing_writer')
    op.drop_table('routing_queues')
    op.drop_table('routing_codes')
    op.drop_table('routing_channels')
