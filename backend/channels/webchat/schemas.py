"""Visitor API shapes (everything a visitor sends is length-limited; text is plain text, never HTML)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from backend.channels.webchat.limits import (
    MAX_ATTACHMENTS_PER_MESSAGE,
    MAX_BODY_CHARS,
    MAX_COMMENT_CHARS,
    MAX_NAME_CHARS,
)


class SessionIn(BaseModel):
    token: str = Field(default="", max_length=256)


class ProfileIn(BaseModel):
    name: str = Field(default="", max_length=MAX_NAME_CHARS)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=40)
    page: str = Field(default="", max_length=1000)


class Profile(BaseModel):
    name: str
    email: str
    phone: str


class Limits(BaseModel):
    max_attachment_bytes: int
    allowed_types: list[str]
    max_body_chars: int


class SessionOut(BaseModel):
    token: str
    visitor_id: str
    profile: Profile | None
    limits: Limits


class VisitorMessageIn(BaseModel):
    client_id: str = Field(min_length=1, max_length=64)
    body: str = Field(default="", max_length=MAX_BODY_CHARS)
    attachments: list[str] = Field(default_factory=list, max_length=MAX_ATTACHMENTS_PER_MESSAGE)
    page: str = Field(default="", max_length=1000)


class VisitorMessage(BaseModel):
    id: int
    interaction_id: int
    direction: str
    author_name: str
    body: str
    attachments: list[dict[str, Any]]
    client_id: str | None
    created_at: str


class HistoryOut(BaseModel):
    interaction_id: int | None
    status: str | None
    rated: bool
    items: list[VisitorMessage]


class RatingIn(BaseModel):
    interaction_id: int
    score: int = Field(ge=1, le=5)
    comment: str = Field(default="", max_length=MAX_COMMENT_CHARS)


class AttachmentOut(BaseModel):
    id: str
    name: str
    mime: str
    size: int
    url: str


class TypingIn(BaseModel):
    active: bool
