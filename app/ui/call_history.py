"""The Calls page: this agent's recent calls (local cache and unsent outbox); double-click redials, and a
recorded call plays back (fetched from the server into a private folder, opened by the system player)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.sync.paths import default_cache_dir
from app.sync.telephony_api import HistoryEntry, download_recording, recent_calls
from app.ui.background import BackgroundRunner
from app.ui.call_labels import display_number, outcome_label
from app.ui.call_lines import format_duration
from app.ui.error_messages import operation_error_text

if TYPE_CHECKING:
    from app.sync.service import SyncService

NumberRole = Qt.ItemDataRole.UserRole + 1
CustomerRole = Qt.ItemDataRole.UserRole + 2
RecordingRole = Qt.ItemDataRole.UserRole + 3


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
        self.play_button = QPushButton()
        self.play_button.setEnabled(False)
        self.played: Path | None = None  # the last recording handed to the system's player
        self.list = QListWidget()
        self.list.setObjectName("callHistory")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.play_button)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        self.list.itemDoubleClicked.connect(self._redial)
        self.list.itemActivated.connect(self._redial)
        self.refresh_button.clicked.connect(self.refresh)
        self.play_button.clicked.connect(self.play_selected)
        self.list.currentItemChanged.connect(self._selection_changed)
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
            item.setData(RecordingRole, None if entry.pending else entry.record.recording)
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
        if record.recording:
            parts.append(self.tr("recorded"))
        if entry.pending:
            parts.append(self.tr("waiting to send"))
        return "   ·   ".join(parts)

    def _redial(self, item: QListWidgetItem) -> None:
        number = str(item.data(NumberRole) or "")
        if number:
            self.redial.emit(number, item.data(CustomerRole))

    def _selection_changed(self, item: QListWidgetItem | None) -> None:
        self.play_button.setEnabled(item is not None and bool(item.data(RecordingRole)))

    def play_selected(self) -> None:
        item, service = self.list.currentItem(), self._service
        recording = str(item.data(RecordingRole) or "") if item is not None else ""
        if not recording or service is None:
            return
        folder = default_cache_dir() / "played-recordings"
        self.play_button.setEnabled(False)
        self.hint.setText(self.tr("Fetching the recording…"))
        self._runner.run(lambda: download_recording(service.api, recording, folder), self._play,
                         self._play_failed)

    def _play(self, path: Path) -> None:
        self.played = path
        self.play_button.setEnabled(True)
        self._update_hint()
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _play_failed(self, exc: BaseException) -> None:
        self.play_button.setEnabled(True)
        reason = operation_error_text(exc)
        self.hint.setText(self.tr("The recording cannot be played: %1").replace("%1", reason))

    def _update_hint(self) -> None:
        self.hint.setText(self.tr("Your recent calls, newest first. Double-click one to call back.")
                          if self.entries else self.tr("No calls yet. Calls you make or take appear here."))

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Calls"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.play_button.setText(self.tr("Play recording"))
        self._show(self.entries)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
