"""Puts the softphone into the desk: a dock with the panel, the Calls page, the status bar, the ringing
toast and tray, the screen pop into the customer panel, and click-to-dial wherever numbers are shown.

The controller builds this after sign-in (`start`), so none of it costs first-window time.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QVBoxLayout

from app.domain import Agent, Customer, TimelineEvent, TimelinePage
from app.ui.background import BackgroundRunner
from app.ui.call_history import CallHistoryPage
from app.ui.call_lines import CallLine
from app.ui.call_toast import CallToast
from app.ui.dock_fit import DockScroll
from app.ui.navigation import Page
from app.ui.phone_link import dial_hub, install_search_dialing, install_timeline_dialing
from app.ui.screen_pop import ScreenPop
from app.ui.screen_pop_card import NewCustomerCard
from app.ui.softphone_controller import CredentialSource, SoftphoneController
from app.ui.softphone_panel import SoftphonePanel
from app.ui.softphone_tray import SoftphoneTray
from app.ui.timeline_model import EventRole

if TYPE_CHECKING:
    from app.sync.service import SyncService
    from app.ui.main_window import MainWindow


def null_audio_wanted() -> bool:
    """No sound card (CI, a server without audio): HUITONG_NULL_AUDIO=1."""
    return os.environ.get("HUITONG_NULL_AUDIO", "") in ("1", "true", "yes")


class _HistoryListener(QObject):
    """A SyncListener (background threads) that asks for a history refresh when calls are sent or arrive."""

    changed = Signal()

    def on_connection_state(self, state: object, detail: str) -> None:
        pass

    def on_event(self, event: TimelineEvent) -> None:
        if event.kind == "call":
            self.changed.emit()

    def on_session_lost(self, reason: str) -> None:
        pass

    def on_outbox_changed(self, pending: int) -> None:  # noqa: ARG002 - any change may be a call sent
        self.changed.emit()

PHONE_SHARE = 0.6  # of the right-hand column, at most, when the screen is short


class SoftphoneDesk(QObject):
    def __init__(self, window: MainWindow, runner: BackgroundRunner, *,
                 credentials: CredentialSource | None = None, null_audio: bool | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.phone = SoftphoneController(runner, credentials=credentials,
                                         null_audio=null_audio_wanted() if null_audio is None else null_audio,
                                         parent=self)
        self.panel = SoftphonePanel(self.phone)
        self.dock = QDockWidget(window)
        self.dock.setObjectName("softphoneDock")
        self.scroll = DockScroll(self.panel)  # a short screen scrolls the phone instead of hiding it
        self.dock.setWidget(self.scroll)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        # the phone gets the height it needs first (its call buttons in view); the Work dock scrolls
        QTimer.singleShot(0, self._give_phone_its_height)
        self.panel.install_shortcuts(window)
        self.history = CallHistoryPage(runner)
        old = window.pages.widget(Page.CALLS)  # the "comes later" placeholder
        window.pages.insertWidget(Page.CALLS, self.history)
        if old is not None:
            window.pages.removeWidget(old)
            old.deleteLater()
        window.pages.setCurrentIndex(window.navigation.currentRow())
        self.status = QLabel()
        self.status.setObjectName("softphoneStatusBar")
        window.statusBar().addPermanentWidget(self.status)
        self.toast = CallToast(window)
        self.tray = SoftphoneTray(self)
        self.pop = ScreenPop(runner, self)
        self.card = NewCustomerCard(runner)
        self._installed_on: object = None
        self._listener = _HistoryListener(self)
        self._listener.changed.connect(self.history.refresh)
        self._listening: list[SyncService] = []
        self.last_pop_ms: float | None = None  # INVITE at the client → customer panel filled
        self._wire()
        self.dock.installEventFilter(self)
        self.retranslate_ui()

    def _wire(self) -> None:
        phone = self.phone
        phone.registration_changed.connect(self._on_registration)
        phone.call_arrived.connect(self._on_arrived)
        phone.call_started.connect(self.pop.lookup)
        phone.lines_changed.connect(self._on_lines_changed)
        phone.call_ended.connect(lambda line, _record: self.toast.stop_ringing(line.call_id))
        phone.call_recorded.connect(self.history.refresh)
        phone.message.connect(lambda text: self.window.statusBar().showMessage(text, 8000))
        self.toast.answer_clicked.connect(phone.answer)
        self.toast.reject_clicked.connect(phone.reject)
        self.pop.popped.connect(self._on_popped)
        self.pop.unknown.connect(self._on_unknown)
        self.card.created.connect(self._on_customer_created)
        self.history.redial.connect(self.dial)
        dial_hub().dial_requested.connect(self.dial)
        self.window.navigation.currentRowChanged.connect(
            lambda row: self.history.refresh() if row == Page.CALLS else None)

    # ---- session -----------------------------------------------------------------------------
    def start(self, service: SyncService, agent: Agent) -> None:
        self.pop.set_service(service)
        self.card.set_service(service)
        self.history.set_session(service, agent.id)
        if not any(s is service for s in self._listening):
            service.add_listener(self._listener)
            self._listening.append(service)
        self._install_on_customers_page()
        self.phone.start(service, agent)

    def stop(self) -> None:
        self.phone.stop()
        self.pop.set_service(None)
        self.card.set_service(None)
        self.card.hide()
        self.history.set_session(None, None)

    def shutdown(self) -> None:
        self.phone.shutdown()
        self.toast.hide()
        self.tray.hide()

    def _install_on_customers_page(self) -> None:
        page = self.window.customers_page
        if page is None or self._installed_on is page:
            return
        self._installed_on = page
        panel_layout = page.panel.layout()
        if isinstance(panel_layout, QVBoxLayout):
            panel_layout.insertWidget(0, self.card)
        install_timeline_dialing(page.panel.timeline, EventRole)
        install_search_dialing(page.search.list, lambda: page.search.results)

    # ---- calls -------------------------------------------------------------------------------
    def dial(self, number: str, customer_id: object = None) -> None:
        self.dock.show()
        self.panel.set_number(number)
        self.phone.dial(number, customer_id if isinstance(customer_id, int) else None)

    def _give_phone_its_height(self) -> None:
        """The phone's whole panel when the screen has room, else 60 % of the column (the Work dock keeps
        the rest): both docks scroll rather than push the window past the screen."""
        central = self.window.centralWidget()
        room = int(central.height() * PHONE_SHARE) if central is not None else self.scroll.sizeHint().height()
        height = min(self.scroll.sizeHint().height(), room)
        self.window.resizeDocks([self.dock], [height], Qt.Orientation.Vertical)

    def _on_arrived(self, line: CallLine) -> None:
        self.dock.show()
        self.scroll.reveal(self.panel.answer_button)
        self.toast.ring(line)
        self.tray.ring(line)
        self.pop.lookup(line)

    def _on_popped(self, line: CallLine, customer: Customer, page: TimelinePage) -> None:
        self.phone.set_customer(line.call_id, customer.id, customer.display_name)
        self.toast.update_customer(line)
        if line.direction != "inbound" or line.call_id not in self.phone.lines:
            return
        customers = self.window.customers_page
        if customers is not None:
            self.card.hide()
            customers.panel.show_loaded(customer, page)
            self.window.show_page(Page.CUSTOMERS)
            arrived = self.phone.bridge.arrivals.pop(line.call_id, None)
            if arrived is not None:
                self.last_pop_ms = (time.perf_counter() - arrived) * 1000

    def _on_unknown(self, line: CallLine) -> None:
        self.toast.unknown_caller(line)
        customers = self.window.customers_page
        if line.direction != "inbound" or customers is None or line.call_id not in self.phone.lines:
            return
        customers.panel.clear_customer()
        self.card.show_number(line.remote_number, line.call_id)
        self.window.show_page(Page.CUSTOMERS)
        arrived = self.phone.bridge.arrivals.pop(line.call_id, None)
        if arrived is not None:
            self.last_pop_ms = (time.perf_counter() - arrived) * 1000

    def _on_customer_created(self, customer: Customer) -> None:
        if self.card.call_id is not None:
            self.phone.set_customer(self.card.call_id, customer.id, customer.display_name)
        customers = self.window.customers_page
        if customers is not None:
            customers.panel.open_customer(customer.id)

    def _on_lines_changed(self) -> None:
        call_id = self.toast.call_id
        if call_id is not None:
            line = self.phone.lines.get(call_id)
            if line is None or not line.ringing:
                self.toast.stop_ringing(call_id)
            else:
                self.toast.update_customer(line)

    def _on_registration(self, _state: str, text: str) -> None:
        self.status.setText(text)
        self.tray.set_state(text)

    def retranslate_ui(self) -> None:
        self.dock.setWindowTitle(self.tr("Phone"))
        self._on_registration(self.phone.state, self.phone.state_text)  # "Phone: ready" in the new language

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.dock and event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False
