"""GET /api/v1/audit (admin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from backend.audit import service
from backend.audit.schemas import AuditEntryOut, AuditList
from backend.deps import AdminAgent, SessionDep

router = APIRouter(prefix="/api/v1", tags=["audit"])


@router.get("/audit")
def list_audit(session: SessionDep, _agent: AdminAgent,
               limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> AuditList:
    entries = service.list_entries(session, limit=limit)
    return AuditList(items=[AuditEntryOut.model_validate(e) for e in entries])
