"""Keeps the inbox filter bar's counts (`app.sync.inbox_counts`) fresh: fetched once on sign-in, after live
events that change unread / assignment / status, and when the live connection comes back after it was lost
(or after a fetch failed) -- not on the first connect after sign-in, which the sign-in fetch already covers.
A burst of events is coalesced (`COALESCE_MS`) and fetches start at most once per `REFRESH_MS`. At sign-in
the counts stored by the last session are shown (as from their time) until the server answers; a failed
fetch (offline) keeps the last counts shown."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from app.domain import Agent, ConnectionState, TimelineEvent
from app.sync.inbox_counts import InboxCounts, InboxCountsSync, affects_counts
from app.ui.background import BackgroundRunner
from app.ui.inbox_filters import InboxFilters
from app.ui.sync_bridge import SyncBridge

if TYPE_CHECKING:
    from app.sync.service import SyncService

REFRESH_MS = 500
COALESCE_MS = 50  # the events of one change (created + its first message) arrive together


class InboxCountsController(QObject):
    def __init__(self, filters: InboxFilters, service: SyncService, runner: BackgroundRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filters, self._runner = filters, runner
        self._agent: Agent | None = None
        self._issued = 0  # fetches started; an answer older than the newest shown one is dropped
        self._shown = 0
        self.fetches = 0  # answers received (for tests and diagnostics)
        self._last_start = -1e9  # time.monotonic() of the last fetch started
        self._behind = False  # the live link was lost, or a fetch failed, since the last fetch started
        self._service: SyncService | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._fetch)
        self._bridge = SyncBridge(self)
        self._bridge.timeline_event.connect(self.on_event)
        self._bridge.connection_state.connect(self._connection_state)
        self.set_service(service)

    def set_service(self, service: SyncService) -> None:
        if service is self._service:
            return  # listening twice would deliver every state and event twice
        self._service = service
        self._sync = InboxCountsSync.of(service)
        service.add_listener(self._bridge)

    def set_agent(self, agent: Agent | None) -> None:
        self._agent = agent
        self._issued += 1  # answers for the previous agent are dropped
        self._shown = self._issued
        self._sync.forget()
        self._filters.set_counts(None)
        self._behind = False
        if agent is not None:
            number, sync = self._issued, self._sync
            self._runner.run(sync.saved, lambda counts: self._restored(number, counts))
            self.refresh_now()

    def on_event(self, event: TimelineEvent) -> None:
        if self._agent is not None and affects_counts(event):
            self.refresh_soon()

    def refresh_soon(self) -> None:
        """A fetch soon (`COALESCE_MS`, or `REFRESH_MS` after the last start); calls meanwhile join it."""
        if not self._timer.isActive():
            since_ms = (time.monotonic() - self._last_start) * 1000
            self._timer.start(int(max(COALESCE_MS, REFRESH_MS - since_ms)))

    def refresh_now(self) -> None:
        self._timer.stop()
        self._fetch()

    def _connection_state(self, state: ConnectionState, _detail: str) -> None:
        if self._agent is None:
            return
        if state in (ConnectionState.RECONNECTING, ConnectionState.OFFLINE):
            self._behind = True
        elif state is ConnectionState.CONNECTED and self._behind:
            self._behind = False
            self.refresh_soon()  # what changed while the socket was down

    def _fetch(self) -> None:
        if self._agent is None:
            return
        self._issued += 1
        self._last_start = time.monotonic()
        number, sync = self._issued, self._sync
        self._runner.run(sync.fetch, lambda counts: self._fetched(number, counts),
                         lambda _exc: self._failed(number))

    def _restored(self, number: int, counts: InboxCounts | None) -> None:
        """Last session's counts: shown, marked as from their time, unless anything newer is shown."""
        if counts is not None and number == self._shown and self._filters.counts is None:
            self._filters.set_counts(counts, stale=True)

    def _fetched(self, number: int, counts: InboxCounts) -> None:
        self.fetches += 1
        if number > self._shown:
            self._shown = number
            self._filters.set_counts(counts)

    def _failed(self, number: int) -> None:
        self._behind = True  # the next (re)connect fetches again
        if number > self._shown and self._filters.counts is not None:
            self._filters.set_counts(self._filters.counts, stale=True)
