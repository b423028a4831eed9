"""The inbox filter bar: whose (mine / unassigned / all), which channel, which status; the unread total."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.sync.inbox import InboxFilter
from app.ui.inbox_labels import channel_choices, scope_choices, status_choices


class InboxFilters(QWidget):
    changed = Signal(object)  # InboxFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.unread_label = QLabel()
        self.unread_label.setObjectName("muted")
        self.scope, self.channel, self.status = QComboBox(), QComboBox(), QComboBox()
        self.scope.setObjectName("inboxScope")
        self.channel.setObjectName("inboxChannel")
        self.status.setObjectName("inboxStatus")
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.unread_label)
        row = QHBoxLayout()
        for combo in (self.scope, self.channel, self.status):
            row.addWidget(combo, 1)
            combo.currentIndexChanged.connect(self._emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(row)
        self._unread = 0
        self._filling = False
        self.retranslate_ui()

    def current(self) -> InboxFilter:
        return InboxFilter(scope=self.scope.currentData() or "all", channel=self.channel.currentData(),
                           status=self.status.currentData() or "open")

    def set_filter(self, flt: InboxFilter) -> None:
        self._filling = True
        for combo, value in ((self.scope, flt.scope), (self.channel, flt.channel), (self.status, flt.status)):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self._filling = False
        self._emit()

    def set_unread(self, count: int) -> None:
        self._unread = count
        self.unread_label.setText(self.tr("%n unread", "", count) if count else self.tr("All read"))

    def retranslate_ui(self) -> None:
        self._filling = True
        for combo, choices in ((self.scope, scope_choices()), (self.channel, channel_choices()),
                               (self.status, status_choices())):
            current = combo.currentData()
            combo.clear()
            for value, label in choices:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
        self._filling = False
        self.title.setText(self.tr("Inbox"))
        self.set_unread(self._unread)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _emit(self) -> None:
        if not self._filling:
            self.changed.emit(self.current())
