"""The routing desk and the softphone's queue calls: answering accepts the call's offer, rejecting declines
it, hanging up ends it (wrap-up follows); Transfer on a routed call opens routing's Transfer dialog, and a
transfer REFERs the live call to the target agent's SIP user or the queue's number (the record moved first,
so the caller's new call continues the same interaction)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.domain import Interaction
from app.sync.routing_api import Offer

if TYPE_CHECKING:
    from app.ui.call_lines import CallLine
    from app.ui.routing_desk import RoutingDesk
    from app.ui.softphone_controller import SoftphoneController


class QueueCalls(QObject):
    def __init__(self, desk: RoutingDesk) -> None:
        super().__init__(desk)
        self.desk = desk
        self.phone: SoftphoneController | None = None
        self._accepted: set[str] = set()
        self._moving: set[str] = set()  # interactions whose call is being transferred away from us

    def attach(self, phone: SoftphoneController) -> None:
        if self.phone is phone:
            return
        self.phone = phone
        phone.lines_changed.connect(self._lines_changed)
        phone.call_ended.connect(lambda line, _record: self.call_ended(line))
        phone.routed_transfer = self.open_transfer
        phone.transfer_failed.connect(self.transfer_failed)

    def ringing_line(self, interaction_id: int) -> CallLine | None:
        if self.phone is None:
            return None
        return next((line for line in self.phone.lines.values()
                     if line.ringing and line.interaction_id == str(interaction_id)), None)

    def live_line(self, interaction_id: int) -> CallLine | None:
        """The answered call of this routed interaction, if it is on my softphone now."""
        if self.phone is None:
            return None
        return next((line for line in self.phone.lines.values()
                     if line.talking and line.interaction_id == str(interaction_id)), None)

    def open_transfer(self, line: CallLine) -> bool:
        """The softphone's Transfer on a routed call: routing's dialog (True = handled)."""
        ref = line.interaction_id
        if self.desk.api is None or not ref or not ref.isdigit():
            return False
        self.desk.open_transfer(int(ref))
        return True

    def refer(self, interaction_id: int, target: str) -> bool:
        """Blind-transfers the live call of this interaction to `target` (SIP user or queue number)."""
        line = self.live_line(interaction_id)
        if line is None or self.phone is None:
            return False
        self._moving.add(str(interaction_id))
        self.phone.transfer(line.call_id, target)
        return True

    def transfer_failed(self, call_id: int) -> None:
        """The REFER of a routed call failed: the caller is still here, so the record comes back too."""
        line = self.phone.lines.get(call_id) if self.phone is not None else None
        api, ref = self.desk.api, line.interaction_id if line is not None else None
        if api is None or not ref or ref not in self._moving:
            return
        self._moving.discard(ref)
        iid = int(ref)

        def done(_item: Interaction) -> None:
            self.desk.message.emit(self.tr("The call stays with you, and so does its record."))
            self.desk.refresh()

        self.desk.runner.run(lambda: api.reclaim(iid), done, self.desk.report_failure)

    def _lines_changed(self) -> None:
        if self.phone is None:
            return
        for line in list(self.phone.lines.values()):
            if line.interaction_id and line.talking and line.interaction_id not in self._accepted:
                self.call_answered(line)

    def call_answered(self, line: CallLine) -> None:
        """The agent answered a queue call: accept its offer (the server then knows who took it)."""
        api, ref = self.desk.api, line.interaction_id
        if api is None or not ref or not ref.isdigit() or ref in self._accepted:
            return
        self._accepted.add(ref)
        iid = int(ref)

        def done(offer: Offer | None) -> None:
            if offer is not None:
                self.desk.offers.forget(offer.id)
            self.desk.refresh()

        self.desk.runner.run(lambda: api.accept_interaction(iid), done, self.desk.report_failure)

    def call_ended(self, line: CallLine) -> None:
        """Rejected while ringing: decline; answered and over: end it and open the wrap-up form — unless
        the call was transferred away (the interaction lives on with the next agent)."""
        api, ref = self.desk.api, line.interaction_id
        if api is None or not ref or not ref.isdigit():
            return
        iid = int(ref)
        self._accepted.discard(ref)
        if line.transferred or ref in self._moving:
            self._moving.discard(ref)
            self.desk.refresh()
        elif line.answered_at is not None:
            self.desk.end(iid)
        elif line.rejected_by_agent:
            self.desk.runner.run(lambda: api.decline_interaction(iid), lambda _o: self.desk.refresh(),
                                 self.desk.report_failure)
