"""Turns SyncListener callbacks (made on background threads) into queued Qt signals for the GUI."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.domain import ConnectionState, TimelineEvent


class SyncBridge(QObject):
    """A SyncListener living on the GUI thread: emitting from another thread queues the delivery."""

    connection_state = Signal(object, str)
    timeline_event = Signal(object)
    session_lost = Signal(str)
    outbox_changed = Signal(int)

    def on_connection_state(self, state: ConnectionState, detail: str) -> None:
        self.connection_state.emit(state, detail)

    def on_event(self, event: TimelineEvent) -> None:
        self.timeline_event.emit(event)

    def on_session_lost(self, reason: str) -> None:
        self.session_lost.emit(reason)

    def on_outbox_changed(self, pending: int) -> None:
        self.outbox_changed.emit(pending)
