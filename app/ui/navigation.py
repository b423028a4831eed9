"""The left navigation list: Inbox, Calls, Customers and (for supervisors) Supervisor."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget


class Page(IntEnum):
    INBOX = 0
    CALLS = 1
    CUSTOMERS = 2
    SUPERVISOR = 3


def page_title(page: Page) -> str:
    titles = {
        Page.INBOX: QCoreApplication.translate("Navigation", "Inbox"),
        Page.CALLS: QCoreApplication.translate("Navigation", "Calls"),
        Page.CUSTOMERS: QCoreApplication.translate("Navigation", "Customers"),
        Page.SUPERVISOR: QCoreApplication.translate("Navigation", "Supervisor"),
    }
    return titles[page]


class Navigation(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setFixedWidth(150)
        self.setIconSize(QSize(18, 18))
        self.setSpacing(2)
        for page in Page:
            item = QListWidgetItem(page_title(page))
            item.setSizeHint(QSize(132, 40))
            self.addItem(item)
        self.set_supervisor_visible(False)

    def set_supervisor_visible(self, visible: bool) -> None:
        item = self.item(Page.SUPERVISOR)
        if item is not None:
            item.setHidden(not visible)

    def supervisor_visible(self) -> bool:
        item = self.item(Page.SUPERVISOR)
        return item is not None and not item.isHidden()

    def visible_titles(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count()) if not self.item(i).isHidden()]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            for page in Page:
                self.item(page).setText(page_title(page))
        super().changeEvent(event)
