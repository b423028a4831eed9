"""Timeline API shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

ClientEventKind = Literal["call", "chat", "email", "sms", "social", "note", "ticket"]


class EventIn(BaseModel):
    client_id: UUID
    kind: ClientEventKind
    channel: str = Field(default="", max_length=32)
    body: str = Field(default="", max_length=100_000)
    payload: dict[str, Any] = Field(default_factory=dict)


class EventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int
    customer_id: int
    kind: str
    channel: str
    author_id: int | None
    author_name: str
    body: str
    payload: dict[str, Any]
    created_at: datetime
    client_id: str | None


class EventPage(BaseModel):
    items: list[EventOut]
    next_before: int | None
