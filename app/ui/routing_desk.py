"""Puts routing into the desk: the state selector in a toolbar, offers (in-window cards and a toast) with
their countdown and keyboard shortcuts, my work with End / Transfer / Wrap up, queue figures (a panel, and
the Supervisor page for supervisors), and the softphone's queue calls (answer = accept, reject = decline,
hang-up = end and wrap up).

Offers arrive live as `interaction` events; agent state does not, so `/routing/me`, my work and the figures
are polled every few seconds while signed in and asked again after every action.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QToolBar

from app.domain import Agent, Interaction, TimelineEvent
from app.sync.errors import ApiError
from app.sync.routing_api import Offer, RoutingApi, RoutingCode, RoutingQueue, RoutingState
from app.ui.background import BackgroundRunner
from app.ui.navigation import Page
from app.ui.offer_card import ACCEPT_KEYS, DECLINE_KEYS, OfferCard, OfferToast, OfferView
from app.ui.queue_figures import QueueFiguresTable
from app.ui.routing_labels import routing_error_text
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

POLL_MS = 5000
OPEN_RETRIES = 20  # × 250 ms: the inbox learns about an accepted conversation from the live stream
ENDS_OFFER = ("offer_expired", "declined", "accepted", "transferred", "closed", "abandoned")
GONE_CODES = ("offer_gone", "offer_expired", "offer_not_found", "not_your_offer")


class RoutingDesk(QObject):
    message = Signal(str)
    refreshed = Signal()

    def __init__(self, window: MainWindow, runner: BackgroundRunner) -> None:
        super().__init__(window)
        self.window, self.runner = window, runner
        self.api: RoutingApi | None = None
        self.agent: Agent | None = None
        self.state: RoutingState | None = None
        self.queues: dict[int, RoutingQueue] = {}
        self.dispositions: list[RoutingCode] = []
        self.work = WorkDialogs(self)
        self.toast: OfferToast | None = None
        self.phone: SoftphoneController | None = None
        self._generation = 0
        self._loading_offers: set[int] = set()
        self._gone_offers: set[int] = set()
        self._accepted_calls: set[str] = set()
        self._stamp = 0  # bumped whenever an action's answer sets the state: older polls must not undo it
        self.selector = StateSelector()
        self.toolbar = QToolBar(window)
        self.toolbar.setObjectName("routingToolBar")
        self.toolbar.setMovable(False)
        self.toolbar.addWidget(self.selector)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.panel = RoutingPanel()
        self.dock = QDockWidget(window)
        self.dock.setObjectName("routingDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.supervisor_figures = self._install_supervisor_page()
        self.accept_action = self._shortcut(ACCEPT_KEYS, lambda: self._first_card(self.accept))
        self.decline_action = self._shortcut(DECLINE_KEYS, lambda: self._first_card(self.decline))
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self.refresh)
        self._soon = QTimer(self, singleShot=True, interval=150)
        self._soon.timeout.connect(self.refresh)
        self.selector.state_requested.connect(self.set_state)
        self.panel.end_requested.connect(self.end)
        self.panel.transfer_requested.connect(self.open_transfer)
        self.panel.wrap_up_requested.connect(self.open_wrap_up)
        self.panel.open_requested.connect(self._open_by_id)
        self.message.connect(lambda text: window.statusBar().showMessage(text, 8000))
        self.dock.installEventFilter(self)
        self.toolbar.hide()
        self.dock.hide()
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
        self._generation += 1
        self.api, self.agent = RoutingApi(service.api), agent
        self.toolbar.show()
        self.dock.show()
        api, gen = self.api, self._generation
        self.runner.run(lambda: (api.reasons(), api.dispositions(), api.queues()),
                         lambda r: self._catalogues(gen, *r), self.report_failure)
        self.refresh()
        self._poll.start()

    def stop(self) -> None:
        self._generation += 1
        self._poll.stop()
        self.api, self.agent, self.state = None, None, None
        self.selector.show_state(None)
        for offer_id in list(self.panel.cards):
            self._drop_card(offer_id)
        self.work.close_all()
        self.toolbar.hide()
        self.dock.hide()

    def attach_phone(self, phone: SoftphoneController) -> None:
        """Queue calls: answering accepts the call's offer, rejecting declines it, hanging up ends it."""
        if self.phone is phone:
            return
        self.phone = phone
        phone.lines_changed.connect(self._lines_changed)
        phone.call_ended.connect(lambda line, _record: self.call_ended(line))

    def _catalogues(self, gen: int, reasons: list[RoutingCode], dispositions: list[RoutingCode],
                    queues: list[RoutingQueue]) -> None:
        if gen == self._generation:
            self.selector.set_reasons(reasons)
            self.dispositions = dispositions
            self.queues = {q.id: q for q in queues}

    def refresh(self) -> None:
        api, gen, stamp = self.api, self._generation, self._stamp
        if api is None:
            return

        def work() -> tuple[RoutingState, list[Any], list[Interaction]]:
            return api.me(), api.figures(), api.my_work()

        self.runner.run(work, lambda r: self._refreshed(gen, stamp, *r), self._poll_failed)

    def _refreshed(self, gen: int, stamp: int, state: RoutingState, figures: list[Any],
                   work: list[Interaction]) -> None:
        if gen != self._generation:
            return
        self.panel.figures.set_figures(figures)
        self.supervisor_figures.set_figures(figures)
        self.panel.set_work(work)
        if stamp == self._stamp:
            self._apply_state(state, bump=False)
        self.refreshed.emit()

    def _apply_state(self, state: RoutingState, *, bump: bool = True) -> None:
        if bump:
            self._stamp += 1
        self.state = state
        self.selector.show_state(state)
        self.work.show_acw(state.acw_until if state.state == "after_call_work" else None)
        self._reconcile(state.offers)

    def _poll_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ApiError):
            return  # offline: the connection indicator says so; the next poll tries again
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
        carded = any(c.view.offer.interaction_id == iid for c in self.panel.cards.values())
        if action in ENDS_OFFER and carded:
            for card in list(self.panel.cards.values()):
                if card.view.offer.interaction_id == iid and (p.get("offer_id") in (None, card.offer_id)):
                    self._drop_card(card.offer_id)
        if mine or carded:
            self._soon.start()
        if action == "wrap_up" and p.get("assigned_agent_id") == me and isinstance(iid, int):
            self.open_wrap_up(iid)

    # ---- offers -------------------------------------------------------------------------------
    def _reconcile(self, offers: tuple[Offer, ...]) -> None:
        live = {o.id for o in offers}
        for offer_id, card in list(self.panel.cards.items()):
            if offer_id not in live and not card.busy:
                self._drop_card(offer_id)
        for offer in offers:
            known = offer.id in self.panel.cards or offer.id in self._loading_offers
            if known or offer.id in self._gone_offers or offer.seconds_left() <= 0:
                continue
            self._load_offer(offer)

    def _load_offer(self, offer: Offer) -> None:
        api, gen = self.api, self._generation
        if api is None:
            return
        self._loading_offers.add(offer.id)

        def done(item: Interaction) -> None:
            self._loading_offers.discard(offer.id)
            if gen != self._generation or offer.id in self._gone_offers or offer.seconds_left() <= 0:
                return
            queue = self.queues.get(offer.queue_id)
            self._show_offer(OfferView(offer, item.customer_name, item.subject, queue.name if queue else ""))

        def failed(exc: BaseException) -> None:
            self._loading_offers.discard(offer.id)
            if gen == self._generation:
                self._show_offer(OfferView(offer))
                self._poll_failed(exc)

        self.runner.run(lambda: api.interaction(offer.interaction_id), done, failed)

    def _show_offer(self, view: OfferView) -> None:
        if view.offer.id in self.panel.cards:
            return
        card = OfferCard(view)
        self._wire_card(card)
        self.panel.add_card(card)
        self.dock.show()
        self.dock.raise_()
        if self.toast is not None:
            self.toast.hide()
            self.toast.deleteLater()
        self.toast = OfferToast(view, self.window)
        self._wire_card(self.toast)
        self.toast.pop()

    def _wire_card(self, card: OfferCard) -> None:
        card.accept_clicked.connect(self.accept)
        card.decline_clicked.connect(self.decline)
        card.ran_out.connect(self._ran_out)

    def _drop_card(self, offer_id: int) -> None:
        self.panel.remove_card(offer_id)
        if self.toast is not None and self.toast.offer_id == offer_id:
            self.toast.hide()
            self.toast.deleteLater()
            self.toast = None

    def _ran_out(self, offer_id: int) -> None:
        self._gone_offers.add(offer_id)
        self._drop_card(offer_id)
        self._soon.start()

    def _first_card(self, handler: Any) -> None:
        cards = sorted(self.panel.cards.values(), key=lambda c: c.view.offer.expires_at)
        if cards:
            handler(cards[0].offer_id)

    def _set_busy(self, offer_id: int, busy: bool) -> None:
        for card in (self.panel.cards.get(offer_id), self.toast):
            if card is not None and card.offer_id == offer_id:
                card.set_busy(busy)

    def accept(self, offer_id: int) -> None:
        card, api = self.panel.cards.get(offer_id), self.api
        if card is None or api is None or card.busy:
            return
        offer = card.view.offer
        line = self._ringing_line(offer.interaction_id)
        if offer.channel == "voice" and line is not None and self.phone is not None:
            self.phone.answer(line.call_id)  # answering accepts the offer (see _lines_changed)
            self._set_busy(offer_id, True)
            return
        self._set_busy(offer_id, True)
        self.runner.run(lambda: api.accept(offer_id), lambda _o: self._accepted(card.view),
                         lambda exc: self._decision_failed(offer_id, exc))

    def decline(self, offer_id: int) -> None:
        card, api = self.panel.cards.get(offer_id), self.api
        if card is None or api is None or card.busy:
            return
        line = self._ringing_line(card.view.offer.interaction_id)
        if line is not None and self.phone is not None:
            self.phone.reject(line.call_id)
        self._set_busy(offer_id, True)
        self.runner.run(lambda: api.decline(offer_id), lambda _o: self._declined(offer_id),
                         lambda exc: self._decision_failed(offer_id, exc))

    def _accepted(self, view: OfferView) -> None:
        self._gone_offers.add(view.offer.id)
        self._drop_card(view.offer.id)
        self.refresh()
        self._open_by_id(view.offer.interaction_id)

    def _declined(self, offer_id: int) -> None:
        self._gone_offers.add(offer_id)
        self._drop_card(offer_id)
        self.refresh()

    def _decision_failed(self, offer_id: int, exc: BaseException) -> None:
        self.report_failure(exc)
        if isinstance(exc, ApiError) and exc.code in GONE_CODES:
            self._gone_offers.add(offer_id)
            self._drop_card(offer_id)
        else:
            self._set_busy(offer_id, False)
        self.refresh()

    # ---- opening accepted work ----------------------------------------------------------------
    def _open_by_id(self, interaction_id: int) -> None:
        api = self.api
        if api is None:
            return
        self.runner.run(lambda: api.interaction(interaction_id), self.open_interaction, self.report_failure)

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
        api, gen = self.api, self._generation
        if api is None:
            return
        code = reason if isinstance(reason, str) else None
        self.runner.run(lambda: api.set_state(state, code), lambda s: self._state_set(gen, s),
                        self.report_failure)

    def _state_set(self, gen: int, state: RoutingState) -> None:
        if gen == self._generation:
            self._apply_state(state)
            self.refresh()

    # ---- end, wrap-up, transfer ---------------------------------------------------------------
    def end(self, interaction_id: int) -> None:
        api = self.api
        if api is None:
            return
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

    @property
    def wrap_dialogs(self) -> dict[int, WrapUpDialog]:
        return self.work.wrap_dialogs

    @property
    def transfer_dialog(self) -> TransferDialog | None:
        return self.work.transfer_dialog

    # ---- the softphone's queue calls ----------------------------------------------------------
    def _ringing_line(self, interaction_id: int) -> CallLine | None:
        if self.phone is None:
            return None
        return next((line for line in self.phone.lines.values()
                     if line.ringing and line.interaction_id == str(interaction_id)), None)

    def _lines_changed(self) -> None:
        if self.phone is None:
            return
        for line in list(self.phone.lines.values()):
            if line.interaction_id and line.talking and line.interaction_id not in self._accepted_calls:
                self.call_answered(line)

    def call_answered(self, line: CallLine) -> None:
        """The agent answered a queue call: accept its offer (the server then knows who took it)."""
        api, ref = self.api, line.interaction_id
        if api is None or not ref or not ref.isdigit() or ref in self._accepted_calls:
            return
        self._accepted_calls.add(ref)
        iid = int(ref)

        def done(offer: Offer | None) -> None:
            if offer is not None:
                self._gone_offers.add(offer.id)
                self._drop_card(offer.id)
            self.refresh()

        self.runner.run(lambda: api.accept_interaction(iid), done, self.report_failure)

    def call_ended(self, line: CallLine) -> None:
        """Rejected while ringing: decline; answered and over: end it and open the wrap-up form."""
        api, ref = self.api, line.interaction_id
        if api is None or not ref or not ref.isdigit():
            return
        iid = int(ref)
        if line.answered_at is not None:
            self._accepted_calls.discard(ref)
            self.end(iid)
        elif line.rejected_by_agent:
            self.runner.run(lambda: api.decline_interaction(iid), lambda _o: self.refresh(),
                            self.report_failure)

    # ---- language -----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.dock.setWindowTitle(self.tr("Work"))
        self.toolbar.setWindowTitle(self.tr("Routing state"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.dock and event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False
