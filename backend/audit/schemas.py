"""Audit API shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class AuditEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    created_at: datetime
    actor_id: int | None
    actor_name: str
    action: str
    target: str
    address: str
    detail: dict[str, Any]


class AuditList(BaseModel):
    items: list[AuditEntryOut]
