"""Screen pop: when a call rings, find the caller's customer in the background and show them at once.

`X-Interaction-Id` is asked first, then the caller's number. The result arrives on the GUI thread as
`popped(line, customer, page)` — the desk puts it into the customer panel before the agent answers — or as
`unknown(line)` when nobody owns the number (the desk shows a pre-filled new-customer card).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.sync.errors import SyncError
from app.sync.telephony_api import resolve_caller
from app.ui.background import BackgroundRunner
from app.ui.call_lines import CallLine

if TYPE_CHECKING:
    from app.sync.service import SyncService


class ScreenPop(QObject):
    popped = Signal(object, object, object)   # CallLine, Customer, TimelinePage
    unknown = Signal(object)                  # CallLine
    failed = Signal(object, str)              # CallLine, plain-words reason

    def __init__(self, runner: BackgroundRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service: SyncService | None = None
        self.last_lookup_ms = 0.0

    def set_service(self, service: SyncService | None) -> None:
        self._service = service

    def lookup(self, line: CallLine) -> None:
        service = self._service
        if service is None:
            return
        started = time.perf_counter()
        interaction_id, number = line.interaction_id, line.remote_number

        def done(found: object) -> None:
            self.last_lookup_ms = (time.perf_counter() - started) * 1000
            if found is None:
                self.unknown.emit(line)
            else:
                assert isinstance(found, tuple)
                self.popped.emit(line, found[0], found[1])

        def failed(exc: BaseException) -> None:
            self.failed.emit(line, exc.message if isinstance(exc, SyncError) else str(exc))

        self._runner.run(lambda: resolve_caller(service, interaction_id, number), done, failed)
