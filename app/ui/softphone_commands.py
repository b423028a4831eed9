"""The agent's call commands on the softphone (GUI thread): dial, answer, hold, transfer, conference…

A mixin of SoftphoneController: each command checks the line's state, keeps one conversation at a time
(a new or resumed call holds the others), and hands the work to the engine; a failed command is said on
the controller's message signal.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from app.ui.call_lines import MAX_LINES, CallLine
from app.ui.softphone_engine_bridge import DialFailed

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from app.telephony.engine import SoftphoneEngine
    from app.ui.softphone_engine_bridge import EngineBridge


class CallCommands:
    if TYPE_CHECKING:
        engine: SoftphoneEngine | None
        lines: dict[int, CallLine]
        conference: tuple[int, ...]
        state: str

        @property
        def state_text(self) -> str: ...
        bridge: EngineBridge
        _dialing: deque[tuple[str, int | None]]
        message: SignalInstance
        lines_changed: SignalInstance

        def tr(self, text: str) -> str: ...

    def supports(self, command: str) -> bool:
        from app.telephony.engine import SoftphoneEngine

        return callable(getattr(SoftphoneEngine, command, None))

    def dial(self, number: str, customer_id: int | None = None) -> bool:
        target = number.strip()
        if target.lower().startswith("tel:"):
            target = target[4:]
        if not target:
            return False
        if self.engine is None or self.state != "registered":
            self.message.emit(self.tr("The phone is not ready yet: %1").replace("%1", self.state_text))
            return False
        if len(self.lines) >= MAX_LINES:
            self.message.emit(self.tr("All %1 lines are busy.").replace("%1", str(MAX_LINES)))
            return False
        for other in self.lines.values():  # a new call puts the current conversation on hold
            if other.talking and not other.held:
                self.hold(other.call_id)
        self._dialing.append((target, customer_id))
        future = self.engine.dial(target)
        future.add_done_callback(lambda f: self._dial_done(f, target, customer_id))
        return True

    def _dial_done(self, future: Future[int], target: str, customer_id: int | None) -> None:
        exc = future.exception()
        if exc is not None:
            self.bridge.command_failed.emit(self.tr("Could not call %1: %2").replace("%1", target)
                                            .replace("%2", str(exc)))
            self.bridge.delivered.emit(DialFailed(target, customer_id))

    def answer(self, call_id: int) -> None:
        line = self.lines.get(call_id)
        if line is not None and line.ringing and self.engine is not None:
            for other in self.lines.values():  # answering a second call puts the first on hold
                if other.call_id != call_id and other.talking and not other.held:
                    self.hold(other.call_id)
            self._watch(self.engine.answer(call_id))

    def reject(self, call_id: int) -> None:
        line = self.lines.get(call_id)
        if line is not None and line.ringing and self.engine is not None:
            line.rejected_by_agent = True
            self._watch(self.engine.reject(call_id))

    def hangup(self, call_id: int) -> None:
        if call_id in self.lines and self.engine is not None:
            self._watch(self.engine.hangup(call_id))

    def hold(self, call_id: int) -> None:
        line = self.lines.get(call_id)
        if line is not None and line.talking and not line.held and self.engine is not None:
            line.held = True
            self._watch(self.engine.hold(call_id))
            self.lines_changed.emit()

    def resume(self, call_id: int) -> None:
        line = self.lines.get(call_id)
        if line is not None and line.held and self.engine is not None:
            for other in self.lines.values():  # one conversation at a time (outside a conference)
                if other.call_id != call_id and other.talking and not other.held and not self.conference:
                    self.hold(other.call_id)
            line.held = False
            self._watch(self.engine.resume(call_id))
            self.lines_changed.emit()

    def set_mute(self, call_id: int, muted: bool) -> None:
        line = self.lines.get(call_id)
        if line is not None and line.talking and self.engine is not None:
            line.muted = muted
            self._watch(self.engine.set_mute(call_id, muted))
            self.lines_changed.emit()

    def send_dtmf(self, call_id: int, digits: str) -> None:
        line = self.lines.get(call_id)
        if line is not None and line.talking and self.engine is not None:
            self._watch(self.engine.send_dtmf(call_id, digits))

    def transfer(self, call_id: int, target: str) -> None:
        """Blind transfer to a number; the call's outcome becomes "transferred" once the target answers."""
        line = self.lines.get(call_id)
        if line is not None and line.talking and self.engine is not None and target.strip():
            self._watch(self.engine.transfer(call_id, target.strip()))
            self.message.emit(self.tr("Transferring to %1…").replace("%1", target.strip()))

    def transfer_attended(self, call_id: int, to_call_id: int) -> None:
        """Consult transfer: connects the customer on `call_id` with the party on `to_call_id`."""
        if call_id in self.lines and to_call_id in self.lines and self.engine is not None:
            self.lines[call_id].transferred = True
            self._watch(self.engine.transfer_attended(call_id, to_call_id))

    def start_conference(self) -> None:
        ids = [line.call_id for line in self.lines.values() if line.talking]
        if len(ids) >= 2 and self.engine is not None:
            for line in self.lines.values():
                line.held = False
            self._watch(self.engine.conference(*ids))

    def end_conference(self) -> None:
        if self.engine is not None and self.conference:
            self._watch(self.engine.split())

    def _watch(self, future: Future[Any]) -> None:
        def done(f: Future[Any]) -> None:
            exc = f.exception()
            if exc is not None:
                self.bridge.command_failed.emit(str(exc))

        future.add_done_callback(done)

    def set_customer(self, call_id: int, customer_id: int, name: str) -> None:
        line = self.lines.get(call_id)
        if line is not None:
            line.customer_id, line.customer_name = customer_id, name
            self.lines_changed.emit()
