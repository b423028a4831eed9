"""The Customers page: search on the left, the unified customer panel on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QWidget

from app.domain import TimelineEvent
from app.ui.background import BackgroundRunner
from app.ui.customer_panel import CustomerPanel
from app.ui.customer_search import CustomerSearch

if TYPE_CHECKING:
    from app.sync.service import SyncService


class CustomersPage(QWidget):
    status_message = Signal(str)

    def __init__(self, service: SyncService, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = CustomerSearch(service, runner)
        self.panel = CustomerPanel(service, runner)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.search)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 780])
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.search.customer_chosen.connect(self.panel.open_customer)
        self.search.status_message.connect(self.status_message)
        self.panel.status_message.connect(self.status_message)

    def set_service(self, service: SyncService) -> None:
        self.search.set_service(service)
        self.panel.set_service(service)

    def focus_search(self) -> None:
        self.search.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.field.selectAll()

    def on_event(self, event: TimelineEvent) -> None:
        self.panel.on_event(event)
