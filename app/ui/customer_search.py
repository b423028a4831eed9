"""Search customers by name, phone or e-mail: debounced, run in the background, newest answer wins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.domain import Customer
from app.ui.background import BackgroundRunner
from app.ui.error_messages import operation_error_text
from app.ui.identity_list import identity_text

if TYPE_CHECKING:
    from app.sync.service import SyncService

DEBOUNCE_MS = 250
CustomerIdRole = Qt.ItemDataRole.UserRole + 1


def result_line(customer: Customer) -> str:
    first = next(iter(customer.identities), None)
    return f"{customer.display_name}  —  {identity_text(first)}" if first else customer.display_name


class CustomerSearch(QWidget):
    customer_chosen = Signal(int)
    status_message = Signal(str)

    def __init__(self, service: SyncService, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._generation = 0
        self.results: list[Customer] = []
        self.field = QLineEdit()
        self.field.setObjectName("customerSearchField")
        self.field.setClearButtonEnabled(True)
        self.hint = QLabel()
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("searchResults")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.field.returnPressed.connect(self._choose_first)
        self.list.itemActivated.connect(self._choose)
        self.list.itemClicked.connect(self._choose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 0, 12)
        layout.setSpacing(8)
        layout.addWidget(self.field)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        self.retranslate_ui()

    def set_service(self, service: SyncService) -> None:
        self._service = service

    def search_now(self) -> None:
        self._timer.stop()
        query = self.field.text().strip()
        self._generation += 1
        generation = self._generation
        if not query:
            self._show([])
            return
        self.hint.setText(self.tr("Searching…"))
        service = self._service
        self._runner.run(lambda: service.search_customers(query),
                         lambda found: self._on_results(generation, found),
                         lambda exc: self._on_failed(generation, exc))

    def _on_results(self, generation: int, found: list[Customer]) -> None:
        if generation == self._generation:
            self._show(found)

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.hint.setText(operation_error_text(exc))

    def _show(self, found: list[Customer]) -> None:
        self.results = list(found)
        self.list.clear()
        for customer in self.results:
            item = QListWidgetItem(result_line(customer))
            item.setData(CustomerIdRole, customer.id)
            self.list.addItem(item)
        self._update_hint()

    def _update_hint(self) -> None:
        if not self.field.text().strip():
            self.hint.setText(self.tr("Type a name, phone number or e-mail address. Ctrl+F jumps here."))
        elif not self.results:
            self.hint.setText(self.tr("No customer matches."))
        else:
            self.hint.setText(self.tr("%n customer(s) found", "", len(self.results)))

    def _choose_first(self) -> None:
        self.search_now() if not self.results else self._choose(self.list.item(0))

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.list.setCurrentItem(item)
            self.customer_chosen.emit(int(item.data(CustomerIdRole)))

    def retranslate_ui(self) -> None:
        self.field.setPlaceholderText(self.tr("Search customers"))
        self._update_hint()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
