"""A filterable list of canned replies that pops up over the composer ("/" at the start, or Ctrl+K)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.sync.inbox_canned import CannedReply, filter_replies


class CannedPicker(QFrame):
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("cannedPicker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.replies: list[CannedReply] = []
        self.search = QLineEdit()
        self.list = QListWidget()
        self.list.setObjectName("cannedList")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.resize(420, 260)
        self.search.textChanged.connect(self._refilter)
        self.search.returnPressed.connect(self.choose_current)
        self.search.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.choose_current())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Type to filter canned replies; Enter inserts"))

    def set_replies(self, replies: list[CannedReply]) -> None:
        self.replies = list(replies)
        self._refilter(self.search.text())

    def open_at(self, anchor: QWidget, text: str = "") -> None:
        self.search.setText(text)
        self._refilter(text)
        pos = anchor.mapToGlobal(anchor.rect().topLeft())
        self.move(pos.x(), max(pos.y() - self.height(), 0))
        self.show()
        self.search.setFocus(Qt.FocusReason.PopupFocusReason)

    def visible_shortcuts(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(self.list.count())]

    def _refilter(self, text: str) -> None:
        self.list.clear()
        for reply in filter_replies(self.replies, text):
            item = QListWidgetItem(f"/{reply.shortcut} — {reply.title}\n{' '.join(reply.body.split())[:90]}")
            item.setData(Qt.ItemDataRole.UserRole, reply.body)
            item.setData(Qt.ItemDataRole.UserRole + 1, reply.shortcut)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def choose_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.search and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = min(max(self.list.currentRow() + step, 0), self.list.count() - 1)
                self.list.setCurrentRow(row)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.hide()
                return True
        return super().eventFilter(watched, event)
