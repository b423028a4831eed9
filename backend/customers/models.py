"""The `customers`, `identities` and `customer_merges` tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.db import Base, JSONType, UTCDateTime, utcnow


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), default=None, index=True)
    client_id: Mapped[str | None] = mapped_column(String(36), unique=True, default=None)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)

    identities: Mapped[list[Identity]] = relationship(
        back_populates="customer", foreign_keys="Identity.customer_id", order_by="Identity.id")


class Identity(Base):
    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("kind", "value", name="uq_identities_kind_value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    origin_customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(255), index=True)
    display_value: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    customer: Mapped[Customer] = relationship(back_populates="identities", foreign_keys=[customer_id])


class CustomerMerge(Base):
    __tablename__ = "customer_merges"

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    merged_by: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    identity_ids: Mapped[list[int]] = mapped_column(JSONType, default=list)
    event_seqs: Mapped[list[int]] = mapped_column(JSONType, default=list)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
