"""What the recordings API answers."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class RecordingOut(BaseModel):
    client_id: str
    size_bytes: int
    duration_seconds: float
    sha256: str
    agent_id: int
    created_at: datetime
    url: str
