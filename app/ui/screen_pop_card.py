"""The card a call from an unknown number pops: the number pre-filled, a name to type, Create."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain import Customer
from app.sync.errors import SyncError
from app.sync.telephony_api import TelephonyApi, e164, new_client_id
from app.ui.background import BackgroundRunner
from app.ui.phone_format import international_phone

if TYPE_CHECKING:
    from app.sync.service import SyncService


class NewCustomerCard(QFrame):
    """Creating is idempotent: the client UUID is chosen when the card opens, so a double click or a
    retry after a lost answer makes one customer."""

    created = Signal(object)  # Customer
    dismissed = Signal()

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panelHeader")
        self._runner = runner
        self._service: SyncService | None = None
        self._client_id = new_client_id()
        self.call_id: int | None = None
        self.title = QLabel()
        self.title.setObjectName("customerName")
        self.hint = QLabel()
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.number_edit = QLineEdit()
        self.number_edit.setMinimumWidth(190)
        self.create_button = QPushButton()
        self.create_button.setObjectName("primary")
        self.dismiss_button = QPushButton()
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QHBoxLayout()
        form.addWidget(self.name_edit, 2)
        form.addWidget(self.number_edit, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.create_button.clicked.connect(self.create_customer)
        self.name_edit.returnPressed.connect(self.create_customer)
        self.dismiss_button.clicked.connect(self._dismiss)
        self.retranslate_ui()
        self.hide()

    def set_service(self, service: SyncService | None) -> None:
        self._service = service

    def show_number(self, number: str, call_id: int | None = None) -> None:
        self._client_id = new_client_id()
        self.call_id = call_id
        self.number_edit.setText(international_phone(number) if e164(number) else number)
        self.name_edit.clear()
        self.error.hide()
        self.create_button.setEnabled(True)
        self.show()
        self.name_edit.setFocus()

    def create_customer(self) -> None:
        service = self._service
        name = self.name_edit.text().strip()
        raw = self.number_edit.text().strip()
        number = e164(raw) or ""
        if not name:
            self._show_error(self.tr("Type the caller's name first."))
            return
        if raw and not number:
            self._show_error(self.tr("'%1' is not a phone number.").replace("%1", raw))
            return
        if service is None:
            return
        client_id = self._client_id
        self.create_button.setEnabled(False)
        self._runner.run(lambda: TelephonyApi(service.api).create_customer(name, number, client_id),
                         self._on_created, self._on_failed)

    def _on_created(self, customer: Customer) -> None:
        self.hide()
        self.created.emit(customer)

    def _on_failed(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        self._show_error(exc.message if isinstance(exc, SyncError) else str(exc))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("New caller"))
        self.hint.setText(self.tr("No customer has this number yet. Add their name to create one; "
                                  "the call will be kept on their timeline."))
        self.name_edit.setPlaceholderText(self.tr("Customer name"))
        self.number_edit.setPlaceholderText(self.tr("Phone number"))
        self.create_button.setText(self.tr("Create customer"))
        self.dismiss_button.setText(self.tr("Not now"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
