"""The status-bar connection indicator: a coloured dot and a word (connected / reconnecting / offline)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.domain import ConnectionState
from app.ui.theme import STATE_COLOURS


class _Dot(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour = QColor(STATE_COLOURS["offline"])
        self.setFixedSize(QSize(12, 12))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802, ARG002 - Qt signature
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        painter.drawEllipse(1, 1, 10, 10)


class ConnectionIndicator(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionIndicator")
        self.state = ConnectionState.OFFLINE
        self.detail = ""
        self._dot = _Dot(self)
        self._label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self._dot)
        layout.addWidget(self._label)
        self._refresh()

    def set_state(self, state: ConnectionState, detail: str = "") -> None:
        self.state = state
        self.detail = detail
        self._refresh()

    @property
    def text(self) -> str:
        return self._label.text()

    def _refresh(self) -> None:
        words = {
            ConnectionState.CONNECTED: self.tr("Connected"),
            ConnectionState.CONNECTING: self.tr("Connecting…"),
            ConnectionState.RECONNECTING: self.tr("Reconnecting…"),
            ConnectionState.OFFLINE: self.tr("Offline"),
        }
        self._label.setText(words[self.state])
        self.setToolTip(self.detail)
        self._dot.colour = QColor(STATE_COLOURS[self.state.value])
        self._dot.update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._refresh()
        super().changeEvent(event)
