"""The agent's desk: navigation, pages, menus, and a status bar with the connection indicator."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QMenu, QStackedWidget, QWidget

from app.domain import Agent, ConnectionState, TimelineEvent
from app.ui.connection_indicator import ConnectionIndicator
from app.ui.dock_fit import first_size
from app.ui.language import LANGUAGES
from app.ui.navigation import Navigation, Page
from app.ui.placeholder_page import PlaceholderPage

if TYPE_CHECKING:
    from app.sync.service import SyncService
    from app.ui.background import BackgroundRunner
    from app.ui.customers_page import CustomersPage
    from app.ui.inbox_page import InboxPage


FIRST_PAINT_FALLBACK_MS = 500


class MainWindow(QMainWindow):
    """Built before any service exists so the first window appears fast; attach_service() fills it in."""

    logout_requested = Signal()
    language_chosen = Signal(str)
    closed = Signal()

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.resize(first_size(self))  # never taller or wider than the screen it opens on
        self.customers_page: CustomersPage | None = None
        self.inbox_page: InboxPage | None = None
        self.navigation = Navigation()
        self.pages = QStackedWidget()
        self._customers_slot = PlaceholderPage(lambda: self.tr("Customers"),
                                               lambda: self.tr("Signing in…"))
        self._inbox_slot = PlaceholderPage(lambda: self.tr("Inbox"), lambda: self.tr("Signing in…"))
        for page in (
            self._inbox_slot,
            PlaceholderPage(lambda: self.tr("Calls"),
                            lambda: self.tr("The softphone and call history come in a later release.")),
            self._customers_slot,
            PlaceholderPage(lambda: self.tr("Supervisor"),
                            lambda: self.tr("The live wall of agents and queues comes in a later release.")),
        ):
            self.pages.addWidget(page)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setCurrentRow(Page.CUSTOMERS)

        self.agent_label = QLabel()
        self.outbox_label = QLabel()
        self.connection = ConnectionIndicator()
        self.statusBar().addWidget(self.agent_label)
        self.statusBar().addPermanentWidget(self.outbox_label)
        self.statusBar().addPermanentWidget(self.connection)
        self._agent: Agent | None = None
        self._pending = 0
        self._after_paint: list[Callable[[], None]] = []
        self._build_menus(language)
        self.retranslate_ui()

    def _build_menus(self, language: str) -> None:
        self._session_menu = QMenu(self)
        self.menuBar().addMenu(self._session_menu)
        self._search_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Find))
        self._search_action.triggered.connect(self.focus_search)
        self._logout_action = QAction(self)
        self._logout_action.triggered.connect(self.logout_requested)
        self._quit_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        self._quit_action.triggered.connect(self.close)
        self._session_menu.addActions([self._search_action, self._logout_action, self._quit_action])
        self._language_menu = QMenu(self)
        self.menuBar().addMenu(self._language_menu)
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, native_name in LANGUAGES:
            action = QAction(native_name, self, checkable=True, checked=code == language)
            action.triggered.connect(lambda _checked=False, c=code: self.language_chosen.emit(c))
            group.addAction(action)
            self._language_menu.addAction(action)
            self.language_actions[code] = action
        for page in Page:
            shortcut = QAction(self, shortcut=QKeySequence(f"Ctrl+{page.value + 1}"))
            shortcut.triggered.connect(lambda _checked=False, p=page: self.show_page(p))
            self.addAction(shortcut)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Huitong — agent desk"))
        self._session_menu.setTitle(self.tr("&Session"))
        self._language_menu.setTitle(self.tr("&Language"))
        self._search_action.setText(self.tr("Find customer"))
        self._logout_action.setText(self.tr("Sign out"))
        self._quit_action.setText(self.tr("Quit"))
        self.agent_label.setText(self.tr("Signed in as %1").replace("%1", self._agent_text())
                                 if self._agent else self.tr("Not signed in"))
        self.outbox_label.setText(self.tr("%n item(s) waiting to send", "", self._pending)
                                  if self._pending else "")

    def _agent_text(self) -> str:
        assert self._agent is not None
        return f"{self._agent.display_name} ({self._agent.username})"

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def after_first_paint(self, callback: Callable[[], None],
                          fallback_ms: int = FIRST_PAINT_FALLBACK_MS) -> None:
        """Run `callback` once on the GUI thread, just after the window's first paint (or after
        `fallback_ms` if it never paints, e.g. minimised), so start-up work does not compete with it."""
        done = False

        def once() -> None:
            nonlocal done
            if not done:
                done = True
                callback()

        self._after_paint.append(once)
        QTimer.singleShot(fallback_ms, once)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        pending, self._after_paint = self._after_paint, []
        for callback in pending:
            QTimer.singleShot(0, callback)  # after this paint has been flushed to the screen

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.closed.emit()
        super().closeEvent(event)

    # --- wiring from the controller -----------------------------------------------------------
    def attach_service(self, service: SyncService, runner: BackgroundRunner) -> None:
        if self.customers_page is None:
            from app.ui.customers_page import CustomersPage  # after the first window: keeps start-up lean

            self.customers_page = CustomersPage(service, runner)
            self.customers_page.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            self.pages.insertWidget(Page.CUSTOMERS, self.customers_page)
            self.pages.removeWidget(self._customers_slot)
            self.pages.setCurrentIndex(self.navigation.currentRow())
        else:
            self.customers_page.set_service(service)
        self._attach_inbox(service, runner)

    def _attach_inbox(self, service: SyncService, runner: BackgroundRunner) -> None:
        if self.inbox_page is not None:
            self.inbox_page.set_service(service)
            return
        from app.ui.inbox_page import InboxPage

        self.inbox_page = InboxPage(service, runner, self)
        self.inbox_page.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.pages.insertWidget(Page.INBOX, self.inbox_page)
        self.pages.removeWidget(self._inbox_slot)
        self.pages.setCurrentIndex(self.navigation.currentRow())

    def set_agent(self, agent: Agent | None) -> None:
        self._agent = agent
        self.navigation.set_supervisor_visible(bool(agent and agent.is_supervisor))
        if self.inbox_page is not None:
            self.inbox_page.set_agent(agent)
        self.retranslate_ui()

    def set_language(self, code: str) -> None:
        if code in self.language_actions:
            self.language_actions[code].setChecked(True)

    def set_connection_state(self, state: ConnectionState, detail: str) -> None:
        self.connection.set_state(state, detail)

    def set_outbox_pending(self, pending: int) -> None:
        self._pending = pending
        self.retranslate_ui()

    def on_event(self, event: TimelineEvent) -> None:
        if self.customers_page is not None:
            self.customers_page.on_event(event)
        if self.inbox_page is not None:
            self.inbox_page.on_event(event)

    def show_page(self, page: Page) -> None:
        if not self.navigation.item(page).isHidden():
            self.navigation.setCurrentRow(page)

    def focus_search(self) -> None:
        self.show_page(Page.CUSTOMERS)
        if self.customers_page is not None:
            self.customers_page.focus_search()
