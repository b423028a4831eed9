"""Inbox counts from the server (`GET /api/v1/interactions/counts`): conversations and unread per filter,
right however few conversations the client has loaded.

The server answers with cells (whose x channel x status); `InboxCounts.figure` adds up the cells a filter
holds, so the filter bar recomputes every choice locally when the agent changes filters. `InboxCountsSync`
fetches (blocking, for the UI's worker pool) and keeps the last answer, which stays shown while offline.
`affects_counts` says which live events can change the figures (so only those trigger a refresh).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from app.domain import TimelineEvent
from app.sync.api_client import API, ApiClient
from app.sync.inbox import InboxFilter, interaction_of, is_inbound_message

CLOSED_STATUSES = ("closed", "abandoned")


@dataclass(frozen=True, slots=True)
class Figure:
    conversations: int = 0
    unread_conversations: int = 0
    unread: int = 0

    def __add__(self, other: Figure) -> Figure:
        return Figure(self.conversations + other.conversations,
                      self.unread_conversations + other.unread_conversations, self.unread + other.unread)


@dataclass(frozen=True, slots=True)
class Cell:
    whose: str  # mine | unassigned | other
    channel: str
    status: str
    figure: Figure

    def within(self, flt: InboxFilter) -> bool:
        """The same rule as `InboxFilter.matches` (and the server's list), on a cell."""
        if flt.scope not in ("all", self.whose):
            return False
        if flt.channel is not None and self.channel != flt.channel:
            return False
        if flt.status == "open":
            return self.status not in CLOSED_STATUSES
        return self.status in CLOSED_STATUSES if flt.status == "closed" else True


@dataclass(frozen=True, slots=True)
class InboxCounts:
    cells: tuple[Cell, ...]
    fetched_at: float  # time.time() of the server's answer

    @classmethod
    def from_json(cls, data: dict[str, Any], fetched_at: float | None = None) -> InboxCounts:
        cells = tuple(Cell(str(c["whose"]), str(c["channel"]), str(c["status"]),
                           Figure(int(c["conversations"]), int(c["unread_conversations"]), int(c["unread"])))
                      for c in data.get("cells", []))
        return cls(cells, time.time() if fetched_at is None else fetched_at)

    def figure(self, flt: InboxFilter) -> Figure:
        out = Figure()
        for cell in self.cells:
            if cell.within(flt):
                out = out + cell.figure
        return out


def affects_counts(event: TimelineEvent) -> bool:
    """A conversation created, assigned, read, closed or reopened, or a customer's message arriving."""
    if interaction_of(event) is None:
        return False
    return event.kind == "interaction" or is_inbound_message(event)


class InboxCountsSync:
    """Fetches the counts and remembers the last answer (thread-safe; `last` survives going offline)."""

    def __init__(self, api: ApiClient) -> None:
        self._api = api
        self._lock = threading.Lock()
        self._last: InboxCounts | None = None

    @property
    def last(self) -> InboxCounts | None:
        with self._lock:
            return self._last

    def fetch(self) -> InboxCounts:
        """Blocking; raises the sync layer's errors (offline, signed out) and keeps `last` as it was."""
        counts = InboxCounts.from_json(self._api._request("GET", f"{API}/interactions/counts"))
        with self._lock:
            self._last = counts
        return counts

    def forget(self) -> None:
        """Signed out: another agent's figures must not show."""
        with self._lock:
            self._last = None
