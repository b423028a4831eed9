"""The wrap-up form after an interaction ends: disposition (required where the queue says so), a note,
and the after-call-work countdown. Submitting is idempotent: the form keeps one client id for its life,
so a retry after a lost answer never wraps up twice."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import Interaction
from app.sync.routing_api import RoutingCode
from app.ui.routing_labels import channel_name, duration_text

NOTE_LIMIT = 10_000


class WrapUpDialog(QDialog):
    submitted = Signal(int, str, object, str)  # interaction id, client id, disposition or None, note

    def __init__(self, interaction: Interaction, dispositions: list[RoutingCode], *, required: bool,
                 acw_until: datetime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wrapUpDialog")
        self.interaction = interaction
        self.required = required
        self.acw_until = acw_until
        self.client_id = str(uuid.uuid4())
        self.heading = QLabel()
        self.heading.setObjectName("customerName")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.acw_label = QLabel()
        self.acw_label.setObjectName("muted")
        self.disposition = QComboBox()
        self.disposition.setObjectName("dispositionCombo")
        self._codes = list(dispositions)
        self.note = QPlainTextEdit()
        self.note.setObjectName("wrapUpNote")
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(90)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setStyleSheet("color: #c2413b;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox()
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("primary")
        self.submit_button.setDefault(True)
        self.buttons.addButton(self.submit_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.disposition_label, self.note_label = QLabel(), QLabel()
        self.form = QFormLayout()
        self.form.addRow(self.disposition_label, self.disposition)
        self.form.addRow(self.note_label, self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.acw_label)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.submit_button.clicked.connect(self._submit)
        self.later_button.clicked.connect(self.reject)
        self.disposition.currentIndexChanged.connect(lambda _i: self._update_enabled())
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self._show_acw)
        self._timer.start()
        self.setMinimumWidth(420)
        self.retranslate_ui()

    def _fill_codes(self) -> None:
        current = self.selected_code()
        self.disposition.blockSignals(True)
        self.disposition.clear()
        empty = self.tr("Choose a disposition…") if self.required else self.tr("(none)")
        self.disposition.addItem(empty, None)
        for code in self._codes:
            self.disposition.addItem(code.label, code.code)
        index = self.disposition.findData(current)
        self.disposition.setCurrentIndex(max(index, 0))
        self.disposition.blockSignals(False)

    def selected_code(self) -> str | None:
        data = self.disposition.currentData()
        return str(data) if data else None

    def choose(self, code: str) -> None:
        self.disposition.setCurrentIndex(max(self.disposition.findData(code), 0))

    def _update_enabled(self) -> None:
        self.submit_button.setEnabled(not self.required or self.selected_code() is not None)

    def _submit(self) -> None:
        note = self.note.toPlainText().strip()
        if self.required and self.selected_code() is None:
            self.show_error(self.tr("This queue needs a disposition."))
            return
        if len(note) > NOTE_LIMIT:
            self.show_error(self.tr("The note is too long (at most %1 characters).")
                            .replace("%1", str(NOTE_LIMIT)))
            return
        self.error.hide()
        self.set_busy(True)
        self.submitted.emit(self.interaction.id, self.client_id, self.selected_code(), note)

    def set_busy(self, busy: bool) -> None:
        self.submit_button.setEnabled(not busy)
        self.disposition.setEnabled(not busy)
        self.note.setReadOnly(busy)
        if not busy:
            self._update_enabled()

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.error.setText(text)
        self.error.show()

    def _show_acw(self) -> None:
        if self.acw_until is None:
            self.acw_label.setText(self.tr("No after-call-work time for this channel."))
            return
        left = (self.acw_until - datetime.now(UTC)).total_seconds()
        if left > 0:
            self.acw_label.setText(self.tr("After-call work: %1 left").replace("%1", duration_text(left)))
        else:
            self.acw_label.setText(self.tr("After-call work is over: you are available again."))

    def set_acw_until(self, until: datetime | None) -> None:
        self.acw_until = until
        self._show_acw()

    def retranslate_ui(self) -> None:
        i = self.interaction
        self.setWindowTitle(self.tr("Wrap up"))
        who = i.customer_name or self.tr("Customer #%1").replace("%1", str(i.customer_id))
        self.heading.setText(self.tr("%1 with %2").replace("%1", channel_name(i.channel)).replace("%2", who))
        self.disposition_label.setText(self.tr("Disposition (required)") if self.required
                                       else self.tr("Disposition"))
        self.note_label.setText(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("What happened, what was promised…"))
        self.submit_button.setText(self.tr("Submit"))
        self.later_button.setText(self.tr("Later"))
        self._fill_codes()
        self._update_enabled()
        self._show_acw()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
