"""Inbox counts from the server (`GET /api/v1/interactions/counts`): conversations and unread per filter,
right however few conversations the client has loaded.

The server answers with cells (whose x channel x status); `InboxCounts.figure` adds up the cells a filter
holds, so the filter bar recomputes every choice locally when the agent changes filters. `InboxCountsSync`
fetches (blocking, for the UI's worker pool) and keeps the last answer, which stays shown while offline;
it also stores it in the agent's local cache (`LocalCache.put_inbox_counts`, per server and agent) so the
next start shows it (`saved`) before the server answers, or while it cannot. `affects_counts` says which
live events can change the figures (so only those trigger a refresh).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.domain import TimelineEvent
from app.sync.api_client import API, ApiClient
from app.sync.cache import LocalCache
from app.sync.inbox import InboxFilter, interaction_of, is_inbound_message

if TYPE_CHECKING:
    from app.sync.service import SyncService

log = logging.getLogger(__name__)

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

    def to_json(self) -> dict[str, Any]:
        """The cells as the server sends them (what `from_json` reads back)."""
        return {"cells": [{"whose": c.whose, "channel": c.channel, "status": c.status,
                           "conversations": c.figure.conversations,
                           "unread_conversations": c.figure.unread_conversations,
                           "unread": c.figure.unread} for c in self.cells]}

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
    """Fetches the counts and remembers the last answer (thread-safe; `last` survives going offline), in
    memory and in the signed-in agent's cache (`cache` gives it, None while signed out)."""

    def __init__(self, api: ApiClient, cache: Callable[[], LocalCache | None] = lambda: None,
                 agent: Callable[[], str | None] = lambda: None) -> None:
        self._api, self._cache, self._agent = api, cache, agent
        self._lock = threading.Lock()
        self._last: InboxCounts | None = None

    @classmethod
    def of(cls, service: SyncService) -> InboxCountsSync:
        """Bound to a `SyncService`: its API client, and its cache and agent as they are at each call."""
        return cls(service.api, lambda: service.cache,
                   lambda: service.agent.username if service.agent is not None else None)

    @property
    def last(self) -> InboxCounts | None:
        with self._lock:
            return self._last

    def fetch(self) -> InboxCounts:
        """Blocking; raises the sync layer's errors (offline, signed out) and keeps `last` as it was."""
        cache, agent = self._cache(), self._agent()  # whose counts these are, before the request
        counts = InboxCounts.from_json(self._api._request("GET", f"{API}/interactions/counts"))
        with self._lock:
            self._last = counts
        if cache is not None and agent is not None:
            self._store(cache, agent, counts)
        return counts

    def saved(self) -> InboxCounts | None:
        """Blocking: the counts stored by the last fetch for this server and agent (None if none or bad)."""
        cache, agent = self._cache(), self._agent()
        if cache is None or agent is None:
            return None
        try:
            row = cache.get_inbox_counts(self._api.server_url, agent)
            return None if row is None else InboxCounts.from_json(json.loads(row[0]), row[1])
        except Exception:  # a damaged row or a cache closed meanwhile: no counts rather than a crash
            log.warning("stored inbox counts unreadable", exc_info=True)
            return None

    def _store(self, cache: LocalCache, agent: str, counts: InboxCounts) -> None:
        try:
            data = json.dumps(counts.to_json())
            cache.put_inbox_counts(self._api.server_url, agent, data, counts.fetched_at)
        except Exception:  # the figures are shown anyway; only the next start goes without them
            log.warning("inbox counts not stored", exc_info=True)

    def forget(self) -> None:
        """Signed out: another agent's figures must not show (the stored copy stays with its agent)."""
        with self._lock:
            self._last = None
