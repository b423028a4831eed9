"""Interaction API shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

Channel = Literal["voice", "chat", "email", "sms", "social"]


class InteractionCreate(BaseModel):
    client_id: UUID
    channel: Channel
    customer_id: int
    subject: str = Field(default="", max_length=500)
    attributes: dict[str, Any] = Field(default_factory=dict)


class InteractionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    channel: str
    customer_id: int
    status: str
    queue_id: int | None
    assigned_agent_id: int | None
    priority: int
    subject: str
    external_ref: str | None
    attributes: dict[str, Any]
    unread: int
    preview: str
    last_seq: int
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    customer_name: str = ""


class InteractionPage(BaseModel):
    items: list[InteractionOut]
    next_before: int | None


class Attachment(BaseModel):
    name: str = Field(max_length=255)
    mime: str = Field(max_length=255)
    size: int = Field(ge=0)
    url: str = Field(default="", max_length=2000)


class MessageIn(BaseModel):
    client_id: UUID
    body: str = Field(max_length=100_000)
    html: str | None = Field(default=None, max_length=1_000_000)
    internal: bool = False
    attachments: list[Attachment] = Field(default_factory=list, max_length=20)


class MessageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    interaction_id: int
    direction: str
    author_id: int | None
    author_name: str
    body: str
    html: str | None
    attachments: list[dict[str, Any]]
    delivery: str
    external_id: str | None
    client_id: str | None
    payload: dict[str, Any]
    created_at: datetime


class MessagePage(BaseModel):
    items: list[MessageOut]
    next_before: int | None


class StatusIn(BaseModel):
    status: Literal["active", "closed"]


class CountOut(BaseModel):
    """Conversations in a filter, those with unread messages, and the unread messages summed."""

    conversations: int = 0
    unread_conversations: int = 0
    unread: int = 0


class CountCell(CountOut):
    whose: Literal["mine", "unassigned", "other"]
    channel: str
    status: str


class InboxCountsOut(BaseModel):
    """`GET /interactions/counts`: the cells, and for the asked filter its total and each choice's figures."""

    scope: str
    channel: str | None
    status: str
    total: CountOut
    scopes: dict[str, CountOut]
    channels: dict[str, CountOut]
    statuses: dict[str, CountOut]
    cells: list[CountCell]
