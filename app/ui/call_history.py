"""The Calls page: this agent's recent calls (local cache and unsent outbox); double-click redials."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.sync.telephony_api import HistoryEntry, recent_calls
from app.ui.background import BackgroundRunner
from app.ui.call_labels import display_number, outcome_label
from app.ui.call_lines import format_duration

if TYPE_CHECKING:
    from app.sync.service import SyncService

NumberRole = Qt.ItemDataRole.UserRole + 1
CustomerRole = Qt.ItemDataRole.UserRole + 2


class CallHistoryPage(QWidget):
    redial = Signal(str, object)  # number, customer id

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service: SyncService | None = None
        self._agent_id: int | None = None
        self.entries: list[HistoryEntry] = []
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.hint = QLabel()
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.list = QListWidget()
        self.list.setObjectName("callHistory")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        self.list.itemDoubleClicked.connect(self._redial)
        self.list.itemActivated.connect(self._redial)
        self.refresh_button.clicked.connect(self.refresh)
        self.retranslate_ui()

    def set_session(self, service: SyncService | None, agent_id: int | None) -> None:
        self._service, self._agent_id = service, agent_id
        if service is None:
            self._show([])
        else:
            self.refresh()

    def refresh(self) -> None:
        service, agent_id = self._service, self._agent_id
        if service is None or agent_id is None:
            return
        self._runner.run(lambda: recent_calls(service, agent_id), self._show)

    def _show(self, entries: list[HistoryEntry]) -> None:
        self.entries = list(entries)
        self.list.clear()
        for entry in self.entries:
            item = QListWidgetItem(self.entry_text(entry))
            item.setData(NumberRole, entry.record.remote_number)
            item.setData(CustomerRole, entry.customer_id)
            item.setToolTip(self.tr("Double-click to call back"))
            self.list.addItem(item)
        self._update_hint()

    def entry_text(self, entry: HistoryEntry) -> str:
        record = entry.record
        arrow = "←" if record.direction == "inbound" else "→"
        try:
            when = datetime.fromisoformat(record.started_at).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            when = record.started_at
        parts = [when, f"{arrow} {display_number(record.remote_number)}", outcome_label(record.outcome)]
        if record.outcome in ("answered", "transferred"):
            parts.append(format_duration(record.duration_s))
        if entry.pending:
            parts.append(self.tr("waiting to send"))
        return "   ·   ".join(parts)

    def _redial(self, item: QListWidgetItem) -> None:
        number = str(item.data(NumberRole) or "")
        if number:
            self.redial.emit(number, item.data(CustomerRole))

    def _update_hint(self) -> None:
        self.hint.setText(self.tr("Your recent calls, newest first. Double-click one to call back.")
                          if self.entries else self.tr("No calls yet. Calls you make or take appear here."))

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Calls"))
        self.refresh_button.setText(self.tr("Refresh"))
        self._show(self.entries)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
