"""Customer API shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

IdentityKind = Literal["phone", "email", "web", "wechat", "whatsapp", "messenger", "telegram", "sms"]


class IdentityIn(BaseModel):
    kind: IdentityKind
    value: str = Field(min_length=1, max_length=255)


class IdentityOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    value: str
    display_value: str


class CustomerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    display_name: str
    created_at: datetime
    merged_into_id: int | None
    identities: list[IdentityOut]
    attributes: dict[str, Any]


class CustomerCreate(BaseModel):
    client_id: UUID
    display_name: str = Field(min_length=1, max_length=200)
    identities: list[IdentityIn] = Field(default_factory=list, max_length=50)


class CustomerList(BaseModel):
    items: list[CustomerOut]


class ResolveIn(BaseModel):
    kind: IdentityKind
    value: str = Field(min_length=1, max_length=255)
    display_name: str | None = Field(default=None, max_length=200)


class ResolveOut(BaseModel):
    customer: CustomerOut
    created: bool


class MergeIn(BaseModel):
    source_id: int


class MergeOut(BaseModel):
    merge_id: int
    customer: CustomerOut


class UndoOut(BaseModel):
    customer: CustomerOut
    restored: CustomerOut
