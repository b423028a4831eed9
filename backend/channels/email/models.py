"""Mailboxes (IMAP in / SMTP out, encrypted password, UID position) and the raw message store.

Every message fetched is kept raw in `email_raw`, keyed by (mailbox, UIDVALIDITY, UID), so a restart never
fetches it twice and a message that cannot be parsed is still there to show as it came.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.db import Base, UTCDateTime, utcnow

BigId = BigInteger().with_variant(Integer(), "sqlite")
SECURITY_MODES = ("ssl", "starttls", "none")


class Mailbox(Base):
    __tablename__ = "email_mailboxes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    imap_host: Mapped[str] = mapped_column(String(255))
    imap_port: Mapped[int] = mapped_column(Integer, default=993)
    imap_security: Mapped[str] = mapped_column(String(8), default="ssl")
    imap_username: Mapped[str] = mapped_column(String(320))
    imap_folder: Mapped[str] = mapped_column(String(255), default="INBOX")
    smtp_host: Mapped[str] = mapped_column(String(255))
    smtp_port: Mapped[int] = mapped_column(Integer, default=465)
    smtp_security: Mapped[str] = mapped_column(String(8), default="ssl")
    smtp_username: Mapped[str] = mapped_column(String(320), default="")
    password_encrypted: Mapped[str] = mapped_column(Text, default="")
    smtp_password_encrypted: Mapped[str] = mapped_column(Text, default="")
    tls_verify: Mapped[bool] = mapped_column(Boolean, default=True)
    use_idle: Mapped[bool] = mapped_column(Boolean, default=True)
    poll_seconds: Mapped[int] = mapped_column(Integer, default=60)
    queue_id: Mapped[int | None] = mapped_column(Integer, default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    uidvalidity: Mapped[int] = mapped_column(BigId, default=0)
    last_uid: Mapped[int] = mapped_column(BigId, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    last_fetch_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RawEmail(Base):
    __tablename__ = "email_raw"
    __table_args__ = (UniqueConstraint("mailbox_id", "uidvalidity", "uid", name="uq_email_raw_uid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mailbox_id: Mapped[int] = mapped_column(ForeignKey("email_mailboxes.id", ondelete="CASCADE"), index=True)
    uidvalidity: Mapped[int] = mapped_column(BigId, default=0)
    uid: Mapped[int] = mapped_column(BigId, default=0)
    message_id: Mapped[str] = mapped_column(String(998), default="", index=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer, default=0)
    parsed_ok: Mapped[bool] = mapped_column(Boolean, default=True)
    error: Mapped[str] = mapped_column(Text, default="")
    interaction_message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), default=None)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
