"""Queue figures for agents: waiting, longest wait, agents available / staffed, answered and SLA %."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.sync.routing_api import QueueFigures
from app.ui.routing_labels import duration_text

LONG_WAIT_S = 60.0
SLA_WARN = 80.0


class QueueFiguresTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None, *, fit_rows: bool = False) -> None:
        super().__init__(0, 6, parent)
        self.setObjectName("queueFigures")
        self.figures: list[QueueFigures] = []
        self.fit_rows = fit_rows  # in a side panel: exactly as tall as its rows, no scroll bars
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().hide()
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if fit_rows:
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.retranslate_ui()
        self._fit()

    def set_figures(self, figures: list[QueueFigures]) -> None:
        self.figures = list(figures)
        self.setRowCount(len(self.figures))
        for row, f in enumerate(self.figures):
            sla = "—" if f.sla_answer_percent is None else f"{f.sla_answer_percent:.0f} %"
            cells = [f.name, str(f.waiting), duration_text(f.longest_wait_seconds) if f.waiting else "—",
                     f"{f.agents_available} / {f.agents_staffed}", str(f.answered), sla]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                warn = (col == 2 and f.waiting and f.longest_wait_seconds >= LONG_WAIT_S) or \
                    (col == 5 and f.sla_answer_percent is not None and f.sla_answer_percent < SLA_WARN)
                if warn:
                    item.setForeground(QColor("#c2413b"))
                self.setItem(row, col, item)
        self._fit()

    def _fit(self) -> None:
        if self.fit_rows:
            rows = max(self.rowCount(), 1)
            self.setFixedHeight(self.horizontalHeader().sizeHint().height()
                                + rows * self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth())

    def cell_text(self, queue_id: int, column: int) -> str:
        row = next((r for r, f in enumerate(self.figures) if f.queue_id == queue_id), -1)
        item = self.item(row, column) if row >= 0 else None
        return item.text() if item is not None else ""

    def retranslate_ui(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Queue"), self.tr("Waiting"), self.tr("Longest"),
                                        self.tr("Agents"), self.tr("Answered"), self.tr("SLA")])
        tips = [self.tr("Queue"), self.tr("Conversations and calls waiting now"),
                self.tr("Longest wait"), self.tr("Available / staffed"),
                self.tr("Answered in the last 24 hours"),
                self.tr("Share answered within the channel's target, last 24 hours")]
        for col, tip in enumerate(tips):
            self.horizontalHeaderItem(col).setToolTip(tip)  # type: ignore[union-attr]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
