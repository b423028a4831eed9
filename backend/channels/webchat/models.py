"""The `webchat_visitors` (pre-chat profile → customer), `webchat_attachments` (uploaded files) and
`webchat_rate_buckets` (visitor rate limits shared by server processes on PostgreSQL) tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.db import Base, UTCDateTime, utcnow


class WebchatVisitor(Base):
    """One browser's signed visitor id and the customer it resolved to."""

    __tablename__ = "webchat_visitors"

    visitor_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class WebchatAttachment(Base):
    """A file a visitor uploaded; served by an unguessable token (a capability URL)."""

    __tablename__ = "webchat_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    visitor_id: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class WebchatRateBucket(Base):
    """A visitor rate limit's token bucket shared by all server processes (PostgreSQL only).

    `tokens` left at `stamp` (seconds since the epoch, the database's clock); a row absent or older than a
    full refill means a full bucket, so old rows are simply deleted.
    """

    __tablename__ = "webchat_rate_buckets"

    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float)
    stamp: Mapped[float] = mapped_column(Float, index=True)
    allowed: Mapped[bool] = mapped_column(Boolean, default=True)
