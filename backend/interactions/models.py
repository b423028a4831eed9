"""The `interactions` and `messages` tables.

An interaction is the unit the routing engine queues and offers, and the unit the inbox lists: a call,
a web chat, an e-mail thread, an SMS or social conversation. Messages are the written turns of a
digital interaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.db import Base, JSONType, UTCDateTime, utcnow

SeqRef = BigInteger().with_variant(Integer(), "sqlite")

CHANNELS = ("voice", "chat", "email", "sms", "social")
OPEN_STATUSES = ("queued", "offered", "active", "wrap_up")
CLOSED_STATUSES = ("closed", "abandoned")
STATUSES = OPEN_STATUSES + CLOSED_STATUSES
DIRECTIONS = ("in", "out", "internal")
DELIVERY_STATES = ("received", "sending", "sent", "delivered", "read", "failed")


class Interaction(Base):
    __tablename__ = "interactions"
    __table_args__ = (
        Index("ix_interactions_last_seq", "last_seq"),
        Index("ix_interactions_assignee_status", "assigned_agent_id", "status"),
        Index("ix_interactions_channel_ref", "channel", "external_ref"),
        Index("ix_interactions_counts", "channel", "status", "assigned_agent_id", "unread"),  # 0016
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    queue_id: Mapped[int | None] = mapped_column(Integer, default=None)
    assigned_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), default=None)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    subject: Mapped[str] = mapped_column(String(500), default="")
    external_ref: Mapped[str | None] = mapped_column(String(255), default=None)
    client_id: Mapped[str | None] = mapped_column(String(36), unique=True, default=None)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    unread: Mapped[int] = mapped_column(Integer, default=0)
    preview: Mapped[str] = mapped_column(String(200), default="")
    last_seq: Mapped[int] = mapped_column(SeqRef, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_interaction_id", "interaction_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id"))
    direction: Mapped[str] = mapped_column(String(8))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), default=None)
    author_name: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str | None] = mapped_column(Text, default=None)
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    delivery: Mapped[str] = mapped_column(String(12), default="received")
    external_id: Mapped[str | None] = mapped_column(String(998), default=None, index=True)
    client_id: Mapped[str | None] = mapped_column(String(36), unique=True, default=None)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
