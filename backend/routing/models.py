"""Routing tables: queues, channel rules, agents' profiles and state log, codes, queue entries, offers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from backend.db import Base, JSONType, UTCDateTime, utcnow

OFFER_STATUSES = ("pending", "accepted", "declined", "expired", "cancelled")
ENTRY_STATUSES = ("waiting", "offered", "answered", "abandoned", "left")
CODE_KINDS = ("reason", "disposition")


class RoutingQueue(Base):
    __tablename__ = "routing_queues"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    channels: Mapped[list[str]] = mapped_column(JSONType, default=list)
    number: Mapped[str | None] = mapped_column(String(32), unique=True, default=None)  # voice queue number
    strategy: Mapped[str] = mapped_column(String(16), default="longest_idle")
    skills: Mapped[dict[str, int]] = mapped_column(JSONType, default=dict)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    overflow_queue_id: Mapped[int | None] = mapped_column(Integer, default=None)
    overflow_after_seconds: Mapped[int | None] = mapped_column(Integer, default=None)
    sticky_seconds: Mapped[int] = mapped_column(Integer, default=0)
    ageing_seconds: Mapped[int] = mapped_column(Integer, default=60)
    disposition_required: Mapped[bool] = mapped_column(Boolean, default=False)
    round_robin_cursor: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ChannelRules(Base):
    """Per channel: after-call-work timer, SLA targets, offer countdown."""

    __tablename__ = "routing_channels"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    acw_seconds: Mapped[int] = mapped_column(Integer, default=0)
    sla_answer_seconds: Mapped[int] = mapped_column(Integer, default=20)
    sla_first_response_seconds: Mapped[int] = mapped_column(Integer, default=60)
    offer_timeout_seconds: Mapped[int] = mapped_column(Integer, default=20)


class AgentRouting(Base):
    __tablename__ = "agent_routing"

    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String(16), default="offline")
    reason_code: Mapped[str | None] = mapped_column(String(64), default=None)
    state_since: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    acw_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    skills: Mapped[dict[str, int]] = mapped_column(JSONType, default=dict)
    capacity: Mapped[dict[str, int]] = mapped_column(JSONType, default=dict)
    last_work_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AgentStateChange(Base):
    """Every state change, timestamped, for reports (duration = next row's started_at − this one's)."""

    __tablename__ = "agent_state_log"
    __table_args__ = (Index("ix_agent_state_log_agent_started", "agent_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    state: Mapped[str] = mapped_column(String(16))
    reason_code: Mapped[str | None] = mapped_column(String(64), default=None)
    previous_state: Mapped[str | None] = mapped_column(String(16), default=None)
    changed_by: Mapped[int | None] = mapped_column(Integer, default=None)  # None: the system (timer, routing)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RoutingCode(Base):
    """Admin-defined codes: break reasons (`reason`) and wrap-up dispositions (`disposition`)."""

    __tablename__ = "routing_codes"
    __table_args__ = (UniqueConstraint("kind", "code", name="uq_routing_codes_kind_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class QueueEntry(Base):
    """One interaction's place in a queue, kept after it is answered for SLA figures."""

    __tablename__ = "queue_entries"
    __table_args__ = (Index("ix_queue_entries_status_order", "status", "order_key"),
                      Index("ix_queue_entries_queue_status", "queue_id", "status"))

    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id"), primary_key=True)
    queue_id: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[int] = mapped_column(Integer)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    order_key: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(12), default="waiting")
    enqueued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    excluded: Mapped[list[list[float]]] = mapped_column(JSONType, default=list)  # [agent, when] refused
    sticky_agent_id: Mapped[int | None] = mapped_column(Integer, default=None)
    target_agent_id: Mapped[int | None] = mapped_column(Integer, default=None)
    overflowed_from: Mapped[int | None] = mapped_column(Integer, default=None)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    answered_by: Mapped[int | None] = mapped_column(Integer, default=None)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    context: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)


class Offer(Base):
    __tablename__ = "routing_offers"
    __table_args__ = (
        Index("ix_routing_offers_agent_status", "agent_id", "status"),
        Index("ix_routing_offers_status_expires", "status", "expires_at"),
        # The database itself refuses a second pending offer of one interaction.
        Index("uq_routing_offers_one_pending", "interaction_id", unique=True,
              sqlite_where=text("status = 'pending'"), postgresql_where=text("status = 'pending'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    queue_id: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(16), default="")
    status: Mapped[str] = mapped_column(String(12), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class RoutingWriter(Base):
    """One row. On SQLite every routing write updates it first, so routing has a single writer."""

    __tablename__ = "routing_writer"

    id: Mapped[int] = mapped_column(primary_key=True)
    turns: Mapped[int] = mapped_column(Integer, default=0)
