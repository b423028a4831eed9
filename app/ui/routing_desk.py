"""Puts routing into the desk: the state selector in a toolbar, offers (`routing_offers.OfferDesk`), my work
with End / Transfer / Wrap up (`routing_work.WorkDialogs`), queue figures (a panel, and the Supervisor page
for supervisors), the softphone's queue calls (`routing_calls.QueueCalls`) and Transfer… in the inbox's
conversation header.

State, offers and figures arrive as live frames (`topics=routing` on the live socket; a new connection gets
them at once); interaction events about my work refresh it; a slow poll is only a safety net.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QPushButton, QToolBar

from app.domain import Agent, Interaction, TimelineEvent
from app.sync.errors import ApiError
from app.sync.routing_api import (
    QueueFigures,
    RoutingApi,
    RoutingCode,
    RoutingQueue,
    RoutingState,
    parse_frame,
)
from app.ui.background import BackgroundRunner
from app.ui.dock_fit import DockScroll
from app.ui.navigation import Page
from app.ui.offer_card import ACCEPT_KEYS, DECLINE_KEYS, OfferToast
from app.ui.queue_figures import QueueFiguresTable
from app.ui.routing_calls import QueueCalls
from app.ui.routing_labels import routing_error_text
from app.ui.routing_offers import OfferDesk
from app.ui.routing_panel import RoutingPanel
from app.ui.routing_state import StateSelector
from app.ui.routing_work import WorkDialogs
from app.ui.transfer_dialog import TransferDialog
from app.ui.wrap_up_dialog import WrapUpDialog

if TYPE_CHECKING:
    from app.sync.service import SyncService
    from app.ui.call_lines import CallLine
    from app.ui.main_window import MainWindow
    from app.ui.softphone_controller import SoftphoneController

POLL_MS = 30_000  # a safety net only: state, offers and figures come as live frames
OPEN_RETRIES = 20  # × 250 ms: the inbox learns about an accepted conversation from the live stream
ENDS_OFFER = ("offer_expired", "declined", "accepted", "transferred", "closed", "abandoned")


class RoutingDesk(QObject):
    message = Signal(str)
    refreshed = Signal()
    frame_received = Signal(object)  # emitted on the live thread, delivered on the GUI thread

    def __init__(self, window: MainWindow, runner: BackgroundRunner) -> None:
        super().__init__(window)
        self.window, self.runner = window, runner
        self.api: RoutingApi | None = None
        self.agent: Agent | None = None
        self.state: RoutingState | None = None
        self.queues: dict[int, RoutingQueue] = {}
        self.dispositions: list[RoutingCode] = []
        self.generation = 0
        self._stamp = 0  # bumped whenever newer state arrived: older poll answers must not undo it
        self._services: set[int] = set()
        self.selector = StateSelector()
        self.toolbar = QToolBar(window)
        self.toolbar.setObjectName("routingToolBar")
        self.toolbar.setMovable(False)
        self.toolbar.addWidget(self.selector)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.panel = RoutingPanel()
        self.dock = QDockWidget(window)
        self.dock.setObjectName("routingDock")
        self.dock.setWidget(DockScroll(self.panel))  # a short screen scrolls the work panel
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.work = WorkDialogs(self)
        self.offers = OfferDesk(self)
        self.calls = QueueCalls(self)
        self.supervisor_figures = self._install_supervisor_page()
        self.inbox_transfer = QPushButton()
        self.inbox_transfer.setObjectName("inboxTransfer")
        self.inbox_transfer.clicked.connect(self._transfer_from_inbox)
        self._inbox_hooked = False
        self.accept_action = self._shortcut(ACCEPT_KEYS, lambda: self.offers.first_card(self.accept))
        self.decline_action = self._shortcut(DECLINE_KEYS, lambda: self.offers.first_card(self.decline))
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self.refresh)
        self._soon = QTimer(self, singleShot=True, interval=150)
        self._soon.timeout.connect(self.refresh)
        self.frame_received.connect(self.on_frame)
        self.selector.state_requested.connect(self.set_state)
        self.panel.end_requested.connect(self.end)
        self.panel.transfer_requested.connect(self.open_transfer)
        self.panel.wrap_up_requested.connect(self.open_wrap_up)
        self.panel.open_requested.connect(self.open_by_id)
        self.message.connect(lambda text: window.statusBar().showMessage(text, 8000))
        self.dock.installEventFilter(self)
        self.toolbar.hide()
        self.dock.hide()
        self.inbox_transfer.hide()
        self.retranslate_ui()

    def _install_supervisor_page(self) -> QueueFiguresTable:
        """The Supervisor page's placeholder becomes the queues' figures (supervisors only see that page)."""
        table = QueueFiguresTable()
        table.setObjectName("supervisorFigures")
        pages = self.window.pages
        old = pages.widget(Page.SUPERVISOR)
        pages.insertWidget(Page.SUPERVISOR, table)
        if old is not None:
            pages.removeWidget(old)
            old.deleteLater()
        pages.setCurrentIndex(self.window.navigation.currentRow())
        return table

    def _shortcut(self, keys: str, handler: Any) -> QAction:
        action = QAction(self.window, shortcut=QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(handler)
        self.window.addAction(action)
        return action

    # ---- session ------------------------------------------------------------------------------
    def start(self, service: SyncService, agent: Agent) -> None:
        self.generation += 1
        self.api, self.agent = RoutingApi(service.api), agent
        if id(service) not in self._services:
            self._services.add(id(service))
            service.add_frame_listener(self.frame_received.emit)
        self._hook_inbox()
        self.toolbar.show()
        self.dock.show()
        self.inbox_transfer.show()
        api, gen = self.api, self.generation
        self.runner.run(lambda: (api.reasons(), api.dispositions(), api.queues()),
                        lambda r: self._catalogues(gen, *r), self.report_failure)
        self.refresh()
        self._poll.start()

    def stop(self) -> None:
        self.generation += 1
        self._poll.stop()
        self.api, self.agent, self.state = None, None, None
        self.selector.show_state(None)
        self.offers.clear()
        self.work.close_all()
        self.toolbar.hide()
        self.dock.hide()
        self.inbox_transfer.hide()

    def _hook_inbox(self) -> None:
        inbox = self.window.inbox_page
        if inbox is not None and not self._inbox_hooked:
            inbox.add_conversation_action(self.inbox_transfer)
            self._inbox_hooked = True

    def attach_phone(self, phone: SoftphoneController) -> None:
        self.calls.attach(phone)

    def _catalogues(self, gen: int, reasons: list[RoutingCode], dispositions: list[RoutingCode],
                    queues: list[RoutingQueue]) -> None:
        if gen == self.generation:
            self.selector.set_reasons(reasons)
            self.dispositions = dispositions
            self.queues = {q.id: q for q in queues}

    # ---- live frames and the safety-net poll --------------------------------------------------
    def on_frame(self, msg: object) -> None:
        if self.agent is None or not isinstance(msg, dict):
            return
        parsed = parse_frame(msg, self.agent.id)
        if isinstance(parsed, RoutingState):
            self._apply_state(parsed)
        elif parsed is not None:
            self._show_figures(parsed)

    def refresh(self) -> None:
        api, gen, stamp = self.api, self.generation, self._stamp
        if api is None:
            return

        def work() -> tuple[RoutingState, list[QueueFigures], list[Interaction]]:
            return api.me(), api.figures(), api.my_work()

        self.runner.run(work, lambda r: self._refreshed(gen, stamp, *r), self.poll_failed)

    def refresh_soon(self) -> None:
        self._soon.start()

    def _refreshed(self, gen: int, stamp: int, state: RoutingState, figures: list[QueueFigures],
                   work: list[Interaction]) -> None:
        if gen != self.generation:
            return
        self._show_figures(figures)
        self.panel.set_work(work)
        if stamp == self._stamp:
            self._apply_state(state, bump=False)
        self.refreshed.emit()

    def _show_figures(self, figures: list[QueueFigures]) -> None:
        self.panel.figures.set_figures(figures)
        self.supervisor_figures.set_figures(figures)

    def _apply_state(self, state: RoutingState, *, bump: bool = True) -> None:
        if bump:
            self._stamp += 1
        self.state = state
        self.selector.show_state(state)
        self.work.show_acw(state.acw_until if state.state == "after_call_work" else None)
        self.offers.reconcile(state.offers)

    def poll_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ApiError):  # offline: the connection indicator says so; the next try heals it
            self.report_failure(exc)

    def report_failure(self, exc: BaseException) -> None:
        self.message.emit(routing_error_text(exc))

    def on_event(self, event: TimelineEvent) -> None:
        if event.kind != "interaction" or self.agent is None:
            return
        p = event.payload
        iid, action, me = p.get("interaction_id"), p.get("action"), self.agent.id
        mine = me in (p.get("offered_agent_id"), p.get("assigned_agent_id"), p.get("to_agent_id"),
                      p.get("from_agent_id"))
        carded = action in ENDS_OFFER and self.offers.drop_for(iid, p.get("offer_id"))
        if mine or carded:
            self._soon.start()  # my work list (state and offers come as frames too)
        if action == "wrap_up" and p.get("assigned_agent_id") == me and isinstance(iid, int):
            self.open_wrap_up(iid)

    # ---- offers (see OfferDesk) ---------------------------------------------------------------
    @property
    def toast(self) -> OfferToast | None:
        return self.offers.toast

    def accept(self, offer_id: int) -> None:
        self.offers.accept(offer_id)

    def decline(self, offer_id: int) -> None:
        self.offers.decline(offer_id)

    # ---- opening accepted work ----------------------------------------------------------------
    def open_by_id(self, interaction_id: int) -> None:
        api = self.api
        if api is not None:
            self.runner.run(lambda: api.interaction(interaction_id), self.open_interaction,
                            self.report_failure)

    def open_interaction(self, item: Interaction) -> None:
        """Chat / e-mail / SMS / social in the inbox; a call (or without an inbox) in the customer panel."""
        inbox = self.window.inbox_page
        if item.channel != "voice" and inbox is not None:
            self.window.show_page(Page.INBOX)
            self._open_in_inbox(item, OPEN_RETRIES)
            return
        customers = self.window.customers_page
        if customers is not None:
            self.window.show_page(Page.CUSTOMERS)
            customers.panel.open_customer(item.customer_id)

    def _open_in_inbox(self, item: Interaction, tries: int) -> None:
        inbox = self.window.inbox_page
        if inbox is None or inbox.open_interaction(item.id):
            return
        if tries > 0:
            QTimer.singleShot(250, lambda: self._open_in_inbox(item, tries - 1))
        else:
            inbox.customer_panel.open_customer(item.customer_id)

    # ---- state --------------------------------------------------------------------------------
    def set_state(self, state: str, reason: object) -> None:
        api, gen = self.api, self.generation
        if api is None:
            return
        code = reason if isinstance(reason, str) else None
        self.runner.run(lambda: api.set_state(state, code), lambda s: self._state_set(gen, s),
                        self.report_failure)

    def _state_set(self, gen: int, state: RoutingState) -> None:
        if gen == self.generation:
            self._apply_state(state)

    # ---- end, wrap-up, transfer ---------------------------------------------------------------
    def end(self, interaction_id: int) -> None:
        api = self.api
        if api is not None:
            self.runner.run(lambda: (api.end(interaction_id), api.me()), lambda r: self._ended(*r),
                            self.report_failure)

    def _ended(self, item: Interaction, state: RoutingState) -> None:
        self._apply_state(state)
        self.open_wrap_up(item.id, item)
        self.refresh()

    def open_wrap_up(self, interaction_id: int, item: Interaction | None = None) -> None:
        self.work.open_wrap_up(interaction_id, item)

    def open_transfer(self, interaction_id: int) -> None:
        self.work.open_transfer(interaction_id)

    def _transfer_from_inbox(self) -> None:
        inbox = self.window.inbox_page
        item = inbox.conversation.interaction if inbox is not None else None
        if item is not None:
            self.open_transfer(item.id)

    @property
    def wrap_dialogs(self) -> dict[int, WrapUpDialog]:
        return self.work.wrap_dialogs

    @property
    def transfer_dialog(self) -> TransferDialog | None:
        return self.work.transfer_dialog

    # ---- the softphone's queue calls (see QueueCalls) -----------------------------------------
    def call_answered(self, line: CallLine) -> None:
        self.calls.call_answered(line)

    def call_ended(self, line: CallLine) -> None:
        self.calls.call_ended(line)

    # ---- language -----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.dock.setWindowTitle(self.tr("Work"))
        self.toolbar.setWindowTitle(self.tr("Routing state"))
        self.inbox_transfer.setText(self.tr("Transfer…"))
        self.inbox_transfer.setToolTip(self.tr("Transfer this conversation to another agent or a queue"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.dock and event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False
