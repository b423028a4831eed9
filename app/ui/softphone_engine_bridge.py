"""The softphone engine's listener: called on the engine thread, it delivers each event on the GUI thread."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal

from app.telephony import events as ev


class EngineBridge(QObject):
    """One queued Qt signal per engine event; remembers when each INVITE reached us (screen-pop figure)."""

    delivered = Signal(object)
    command_failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.arrivals: dict[int, float] = {}  # call id → perf_counter when its INVITE reached us

    def __call__(self, event: object) -> None:
        if isinstance(event, ev.CallDidArrive):
            self.arrivals[event.call_id] = time.perf_counter()
            if len(self.arrivals) > 64:
                self.arrivals.pop(next(iter(self.arrivals)))
        self.delivered.emit(event)


class DialFailed:
    """A dial that never became a call (bad number, not registered): forget its pending line."""

    def __init__(self, target: str, customer_id: int | None) -> None:
        self.target, self.customer_id = target, customer_id
