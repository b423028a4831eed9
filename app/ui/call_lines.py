"""The softphone's lines as the UI sees them: who, which state, since when, and how the call ended.

Plain data kept on the GUI thread; `CallLine.record()` turns a finished line into the timeline's
`CallRecord` (direction, numbers, times, outcome).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from app.sync.telephony_api import CallRecord

MAX_LINES = 3
RINGING_STATES = ("incoming", "early")
TALKING_STATES = ("connecting", "confirmed")


@dataclass
class CallLine:
    call_id: int
    direction: str                      # inbound | outbound
    remote_number: str
    remote_uri: str = ""
    state: str = "calling"              # an app.telephony.events.CallState value
    interaction_id: str | None = None
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    started_mono: float = field(default_factory=time.monotonic)
    answered_at: datetime | None = None
    answered_mono: float | None = None
    ended_at: datetime | None = None
    held: bool = False
    muted: bool = False
    rejected_by_agent: bool = False
    transferred: bool = False
    customer_id: int | None = None
    customer_name: str | None = None
    end_code: int = 0
    end_reason: str = ""
    connected_seconds: float = 0.0
    recording: str | None = None

    @property
    def ringing(self) -> bool:
        return self.direction == "inbound" and self.state in RINGING_STATES

    @property
    def talking(self) -> bool:
        return self.answered_mono is not None and self.ended_at is None

    def mark_answered(self) -> None:
        if self.answered_mono is None:
            self.answered_mono = time.monotonic()
            self.answered_at = datetime.now(UTC)

    def duration(self, now: float | None = None) -> float:
        """Seconds talking (or ringing, before the answer), for the line's timer."""
        now = time.monotonic() if now is None else now
        since = self.answered_mono if self.answered_mono is not None else self.started_mono
        return max(0.0, now - since)

    def outcome(self) -> str:
        if self.answered_mono is not None:
            return "transferred" if self.transferred else "answered"
        if self.direction == "inbound":
            return "rejected" if self.rejected_by_agent else "missed"
        if self.end_code in (486, 600, 603):
            return "rejected"
        if self.end_code in (0, 408, 480, 487):
            return "missed"
        return "failed"

    def record(self, *, agent: str, local_number: str, recording: str | None = None) -> CallRecord:
        ended = self.ended_at or datetime.now(UTC)
        talked = self.connected_seconds if self.answered_mono is not None else 0.0
        return CallRecord(direction=self.direction, local_number=local_number,
                          remote_number=self.remote_number, agent=agent,
                          started_at=_iso(self.started_at),
                          answered_at=_iso(self.answered_at) if self.answered_at else None,
                          ended_at=_iso(ended), duration_s=talked, outcome=self.outcome(),
                          recording=recording, sip_code=self.end_code, interaction_id=self.interaction_id)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def format_duration(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
