"""The inbox filter bar: whose (mine / unassigned / all), which channel, which status; the unread total.

Once the server's counts are known (`set_counts`, `app.sync.inbox_counts`) the unread total is the server's
figure for the current filter, and each whose / channel / status choice shows how many conversations it
holds ("Mine (3)", "Open (12)") with the other two filters as they are. Until then the total is the sum over
the loaded rows (`set_unread`). Counts that could not be refreshed (offline, or last session's shown at
start) stay shown; the tooltip says from when (with the date when not today)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.sync.inbox import InboxFilter
from app.sync.inbox_counts import InboxCounts
from app.ui.inbox_labels import channel_choices, scope_choices, status_choices


def _when(timestamp: float) -> str:
    """Local time of day; with the date in front when it was not today."""
    moment = datetime.fromtimestamp(timestamp)
    return moment.strftime("%H:%M" if moment.date() == datetime.now().date() else "%Y-%m-%d %H:%M")


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
        # whose and status on the first line, the channel under them: in one line the three choices made
        # the inbox column (and so the window) ~150 px wider; each may also shrink below its text
        row = QGridLayout()
        row.addWidget(self.scope, 0, 0)
        row.addWidget(self.status, 0, 1)
        row.addWidget(self.channel, 1, 0, 1, 2)
        row.setColumnStretch(0, 3)
        row.setColumnStretch(1, 2)
        for combo in (self.scope, self.channel, self.status):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
            combo.currentIndexChanged.connect(self._emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(row)
        self._unread = 0
        self._counts: InboxCounts | None = None
        self._stale = False
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
        """The unread total of the loaded rows: shown only while the server's counts are unknown."""
        self._unread = count
        self._show_counts()

    def set_counts(self, counts: InboxCounts | None, *, stale: bool = False) -> None:
        """The server's counts (None: unknown, e.g. signed out); `stale`: the last refresh failed."""
        self._counts, self._stale = counts, stale and counts is not None
        self._show_counts()

    @property
    def counts(self) -> InboxCounts | None:
        return self._counts

    def _show_counts(self) -> None:
        counts = self._counts
        if counts is None:
            count = self._unread
            self.unread_label.setToolTip("")
        else:
            current = self.current()
            count = counts.figure(current).unread
            shown = counts.figure(current)
            tip = self.tr("%n conversation(s), %1 with unread messages", "", shown.conversations) \
                .replace("%1", str(shown.unread_conversations))
            if self._stale:
                when = _when(counts.fetched_at)
                tip += "\n" + self.tr("Counted at %1; the server cannot be reached now.").replace("%1", when)
            self.unread_label.setToolTip(tip)
        self.unread_label.setText(self.tr("%n unread", "", count) if count else self.tr("All read"))
        self._label_choices(counts)

    def _label_choices(self, counts: InboxCounts | None) -> None:
        current = self.current()
        rows: list[tuple[QComboBox, list[tuple[str, InboxFilter]]]] = [
            (self.scope, [(label, replace(current, scope=value)) for value, label in scope_choices()]),
            (self.channel, [(label, replace(current, channel=value)) for value, label in channel_choices()]),
            (self.status, [(label, replace(current, status=value)) for value, label in status_choices()])]
        for combo, choices in rows:
            for index, (label, choice) in enumerate(choices):
                if index >= combo.count():
                    break
                text = label
                if counts is not None:
                    number = counts.figure(choice).conversations
                    text = self.tr("%1 (%2)", "a filter choice and its conversations") \
                        .replace("%1", label).replace("%2", str(number))
                if combo.itemText(index) != text:
                    combo.setItemText(index, text)

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
        self._show_counts()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _emit(self) -> None:
        if not self._filling:
            self._show_counts()
            self.changed.emit(self.current())
