"""The tray icon (where the desktop has a tray): phone state in its tooltip, a message when a call rings."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from app.ui.call_labels import display_number
from app.ui.call_lines import CallLine


class SoftphoneTray(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            style = QApplication.style()
            self.icon = QSystemTrayIcon(style.standardIcon(QStyle.StandardPixmap.SP_ComputerIcon), self)
            self.icon.setToolTip(self.tr("Huitong"))
            self.icon.show()

    def set_state(self, text: str) -> None:
        if self.icon is not None:
            self.icon.setToolTip(self.tr("Huitong — %1").replace("%1", text) if text else self.tr("Huitong"))

    def ring(self, line: CallLine) -> None:
        if self.icon is not None:
            who = line.customer_name or display_number(line.remote_number)
            self.icon.showMessage(self.tr("Incoming call"), who, QSystemTrayIcon.MessageIcon.Information,
                                  15000)

    def hide(self) -> None:
        if self.icon is not None:
            self.icon.hide()
