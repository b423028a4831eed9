"""The ringing notification: a small always-on-top card with the caller, their customer, Answer and Reject."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.call_labels import display_number
from app.ui.call_lines import CallLine


class CallToast(QFrame):
    answer_clicked = Signal(int)
    reject_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("callToast")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setStyleSheet("QFrame#callToast { background: #ffffff; border: 2px solid #2f6f9f; "
                           "border-radius: 8px; }")
        self.call_id: int | None = None
        self.title = QLabel()
        self.title.setObjectName("muted")
        self.caller_label = QLabel()
        self.caller_label.setObjectName("customerName")
        self.caller_label.setTextFormat(Qt.TextFormat.PlainText)
        self.customer_label = QLabel()
        self.customer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.answer_button = QPushButton()
        self.answer_button.setObjectName("primary")
        self.reject_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.answer_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.caller_label)
        layout.addWidget(self.customer_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(300)
        self.answer_button.clicked.connect(lambda: self._clicked(self.answer_clicked))
        self.reject_button.clicked.connect(lambda: self._clicked(self.reject_clicked))
        self._line: CallLine | None = None
        self.retranslate_ui()

    def ring(self, line: CallLine) -> None:
        self.call_id, self._line = line.call_id, line
        self.caller_label.setText(display_number(line.remote_number))
        self.update_customer(line)
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()

    def update_customer(self, line: CallLine) -> None:
        if line.call_id != self.call_id:
            return
        self.customer_label.setText(line.customer_name or self.tr("Looking up the customer…"))

    def unknown_caller(self, line: CallLine) -> None:
        if line.call_id == self.call_id:
            self.customer_label.setText(self.tr("New caller — no customer has this number"))

    def stop_ringing(self, call_id: int) -> None:
        if call_id == self.call_id:
            self.call_id, self._line = None, None
            self.hide()

    def _clicked(self, signal: object) -> None:
        if self.call_id is not None:
            signal.emit(self.call_id)  # type: ignore[attr-defined]

    def _place(self) -> None:
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        self.move(QPoint(area.right() - self.width() - 24, area.bottom() - self.height() - 24))

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Incoming call"))
        self.answer_button.setText(self.tr("Answer"))
        self.reject_button.setText(self.tr("Reject"))
        if self._line is not None:
            self.update_customer(self._line)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
