"""The routing desk's dialogs for work in hand: the wrap-up form (disposition, note, after-call-work
countdown) and the transfer dialog (to an agent or a queue, with a note). A call on my softphone follows its
record: once the server has moved the interaction, the live call is REFERred to the agent's SIP user or
the queue's number."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from app.domain import Interaction
from app.sync.routing_api import RoutingQueue
from app.ui.routing_labels import routing_error_text
from app.ui.transfer_dialog import TransferDialog
from app.ui.wrap_up_dialog import WrapUpDialog

if TYPE_CHECKING:
    from app.ui.routing_desk import RoutingDesk


class WorkDialogs(QObject):
    def __init__(self, desk: RoutingDesk) -> None:
        super().__init__(desk)
        self.desk = desk
        self.wrap_dialogs: dict[int, WrapUpDialog] = {}
        self.transfer_dialog: TransferDialog | None = None
        self._sip_users: dict[int, str] = {}
        self._queue_numbers: dict[int, str] = {}

    def close_all(self) -> None:
        for dialog in list(self.wrap_dialogs.values()):
            dialog.close()
        self.wrap_dialogs.clear()

    def show_acw(self, until: datetime | None) -> None:
        for dialog in self.wrap_dialogs.values():
            dialog.set_acw_until(until)

    def open_wrap_up(self, interaction_id: int, item: Interaction | None = None) -> None:
        api = self.desk.api
        if api is None or interaction_id in self.wrap_dialogs:
            return
        if item is None:
            self.desk.runner.run(lambda: api.interaction(interaction_id),
                             lambda i: self.open_wrap_up(interaction_id, i), self.desk.report_failure)
            return
        if item.status not in ("active", "wrap_up") or (item.attributes or {}).get("wrap_up"):
            return
        queue = self.desk.queues.get(item.queue_id or -1)
        state = self.desk.state
        acw = state.acw_until if state is not None and state.state == "after_call_work" else None
        required = bool(queue and queue.disposition_required)
        dialog = WrapUpDialog(item, self.desk.dispositions, required=required, acw_until=acw,
                              parent=self.desk.window)
        dialog.submitted.connect(self._submit_wrap_up)
        dialog.finished.connect(lambda _r, i=interaction_id: self.wrap_dialogs.pop(i, None))
        self.wrap_dialogs[interaction_id] = dialog
        dialog.show()

    def _submit_wrap_up(self, interaction_id: int, client_id: str, disposition: object, note: str) -> None:
        api, dialog = self.desk.api, self.wrap_dialogs.get(interaction_id)
        if api is None or dialog is None:
            return
        code = disposition if isinstance(disposition, str) else None

        def done(_item: Interaction) -> None:
            dialog.accept()
            self.desk.message.emit(self.tr("Wrapped up."))
            self.desk.refresh()

        def work() -> Interaction:
            return api.wrap_up(interaction_id, client_id=client_id, disposition=code, note=note)

        self.desk.runner.run(work, done, lambda exc: dialog.show_error(routing_error_text(exc)))

    def open_transfer(self, interaction_id: int) -> None:
        api, agent = self.desk.api, self.desk.agent
        if api is None or agent is None:
            return
        self.desk.runner.run(lambda: (api.interaction(interaction_id), api.agents(), api.queues()),
                         lambda r: self._show_transfer(*r), self.desk.report_failure)

    def _show_transfer(self, item: Interaction, agents: list[Any], queues: list[RoutingQueue]) -> None:
        if self.transfer_dialog is not None:
            self.transfer_dialog.close()
        self._sip_users = {a.id: a.username for a in agents if getattr(a, "username", "")}
        self._queue_numbers = {q.id: q.number for q in queues if q.number}
        dialog = TransferDialog(item, agents, queues, me=self.desk.agent.id if self.desk.agent else None,
                                parent=self.desk.window)
        dialog.submitted.connect(self._submit_transfer)
        self.transfer_dialog = dialog
        dialog.show()

    def _submit_transfer(self, interaction_id: int, agent_id: object, queue_id: object, note: str) -> None:
        api, dialog = self.desk.api, self.transfer_dialog
        if api is None or dialog is None:
            return
        to_agent = agent_id if isinstance(agent_id, int) else None
        to_queue = queue_id if isinstance(queue_id, int) else None
        call = self.desk.calls.live_line(interaction_id)
        target = (self._sip_users.get(to_agent) if to_agent is not None
                  else self._queue_numbers.get(to_queue) if to_queue is not None else None)
        if call is not None and not target:
            dialog.show_error(self.tr("This queue has no phone number, so the call cannot be sent there. "
                                      "Pick an agent or another queue."))
            return

        def done(_item: Interaction) -> None:
            dialog.accept()
            if call is not None and target and self.desk.calls.refer(interaction_id, target):
                self.desk.message.emit(self.tr("Transferring the call…"))
            else:
                self.desk.message.emit(self.tr("Transferred."))
            self.desk.refresh()

        def work() -> Interaction:
            return api.transfer(interaction_id, agent_id=to_agent, queue_id=to_queue, note=note)

        self.desk.runner.run(work, done, lambda exc: dialog.show_error(routing_error_text(exc)))

