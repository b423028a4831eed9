"""Desktop notifications for new conversations and messages: the system tray balloon when the desktop has
a tray, and always a small toast inside the window (bottom right, fades after a few seconds)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QStyle, QSystemTrayIcon, QVBoxLayout, QWidget

TOAST_MS = 5000


class Toast(QFrame):
    clicked = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setStyleSheet("QFrame#toast { background: #263544; border-radius: 8px; }"
                           "QFrame#toast QLabel { color: white; }")
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self.setFixedWidth(340)
        self._timer = QTimer(self, singleShot=True, interval=TOAST_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, title: str, body: str) -> None:
        self.title.setText(title)
        self.body.setText(body if len(body) <= 120 else body[:119] + "…")
        layout = self.layout()
        self.setFixedHeight(layout.totalHeightForWidth(self.width()) if layout is not None else 80)
        parent = self.parentWidget()
        if parent is not None:
            self.move(parent.width() - self.width() - 18, parent.height() - self.height() - 40)
        self.show()
        self.raise_()
        self._timer.start()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.hide()
        self.clicked.emit()
        super().mousePressEvent(event)


class Notifier(QObject):
    """`notify(title, body, key)`; `activated(key)` when the agent clicks the toast or the balloon."""

    activated = Signal(object)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.toast = Toast(window)
        self.history: list[tuple[str, str]] = []
        self._last_key: object = None
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.messageClicked.connect(lambda: self.activated.emit(self._last_key))
            self.tray.show()
        self.toast.clicked.connect(lambda: self.activated.emit(self._last_key))
        window.installEventFilter(self)

    def notify(self, title: str, body: str, key: object = None) -> None:
        self.history.append((title, body))
        self._last_key = key
        if self.tray is not None and self.tray.supportsMessages() and not self._window.isActiveWindow():
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, TOAST_MS)
        self.toast.show_message(title, body)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._window and event.type() == QEvent.Type.Resize and self.toast.isVisible():
            self.toast.show_message(self.toast.title.text(), self.toast.body.text())
        return False

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()
