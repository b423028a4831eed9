"""Writing and reading audit rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.audit.models import AuditEntry


def record(session: Session, *, action: str, actor_id: int | None = None, actor_name: str = "",
           target: str = "", address: str = "", detail: dict[str, Any] | None = None) -> AuditEntry:
    """Adds an audit row to the session's transaction (the caller commits)."""
    entry = AuditEntry(action=action, actor_id=actor_id, actor_name=actor_name, target=target,
                       address=address, detail=detail or {})
    session.add(entry)
    return entry


def list_entries(session: Session, *, limit: int = 100) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))
