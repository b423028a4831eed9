"""E-mail API shapes. Passwords are write-only: they go in, never come out."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Security = Literal["ssl", "starttls", "none"]
ADDRESS = r"^[^@\s<>]+@[^@\s<>]+$"


class MailboxPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=200)
    address: str | None = Field(default=None, max_length=320, pattern=ADDRESS)
    display_name: str | None = Field(default=None, max_length=200)
    imap_host: str | None = Field(default=None, min_length=1, max_length=255)
    imap_port: int | None = Field(default=None, ge=1, le=65535)
    imap_security: Security | None = None
    imap_username: str | None = Field(default=None, min_length=1, max_length=320)
    imap_folder: str | None = Field(default=None, min_length=1, max_length=255)
    smtp_host: str | None = Field(default=None, min_length=1, max_length=255)
    smtp_port: int | None = Field(default=None, ge=1, le=65535)
    smtp_security: Security | None = None
    smtp_username: str | None = Field(default=None, max_length=320)
    password: str | None = Field(default=None, max_length=1000)
    smtp_password: str | None = Field(default=None, max_length=1000)
    tls_verify: bool | None = None
    use_idle: bool | None = None
    poll_seconds: int | None = Field(default=None, ge=1, le=3600)
    queue_id: int | None = None
    active: bool | None = None


class MailboxIn(MailboxPatch):
    name: str = Field(min_length=1, max_length=200)
    address: str = Field(max_length=320, pattern=ADDRESS)
    imap_host: str = Field(min_length=1, max_length=255)
    imap_username: str = Field(min_length=1, max_length=320)
    smtp_host: str = Field(min_length=1, max_length=255)
    password: str = Field(min_length=1, max_length=1000)


class MailboxOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    address: str
    display_name: str
    imap_host: str
    imap_port: int
    imap_security: str
    imap_username: str
    imap_folder: str
    smtp_host: str
    smtp_port: int
    smtp_security: str
    smtp_username: str
    tls_verify: bool
    use_idle: bool
    poll_seconds: int
    queue_id: int | None
    active: bool
    has_password: bool = False
    uidvalidity: int
    last_uid: int
    last_error: str
    last_fetch_at: datetime | None
    created_at: datetime


class MailboxList(BaseModel):
    items: list[MailboxOut]


class HtmlOut(BaseModel):
    message_id: int
    html: str | None
    remote_images_blocked: int
    remote_images_allowed: bool
