"""The inbox's list of conversations: a one-column table of fixed-height rows that keeps its place.

Why a `QTableView` and not a `QListView`: a list view lays every row out again after any insert or move
(`QListView::rowsInserted` clears its layout), and that layout asks the Python model for `rowCount()` twice
per row: about a second at 100,000 rows in one pass, or, in batched mode, hundreds of event-loop turns
during which the scroll range shrinks and the view jumps back towards the top. A table with fixed row
heights has no per-row layout: its header holds the row positions, an insert is a memmove in C++.

Keeping its place: while the agent is scrolled down, a conversation arriving or moving to the top must
not shift the rows they are looking at. Before rows are inserted, moved or removed the first visible row
is remembered (a persistent index plus its pixel offset); afterwards the scroll position is moved by
however far that row went. At the very top nothing is pinned, so new conversations come into view.
The selection is by persistent index and follows its row on its own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QPersistentModelIndex, QPoint, Qt, SignalInstance
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.ui.inbox_delegate import ROW_HEIGHT, InboxDelegate
from app.ui.theme import BORDER, SURFACE

# A flat scroll bar: the default (Fusion) one is drawn with gradients and dozens of fills and lines per
# repaint, each over the bar's full height, which Qt's raster engine splits across its thread pool; on
# every scroll step that was the largest part of a frame's drawing (measured with the inbox benchmark).
_STYLE = f"""
QTableView {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 4px; }}
QScrollBar:vertical {{ background: {SURFACE}; width: 10px; margin: 0; border: none; }}
QScrollBar::handle:vertical {{ background: #c3cad1; border-radius: 3px; min-height: 28px; margin: 2px; }}
QScrollBar::handle:vertical:hover {{ background: #9aa5b1; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; border: none; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
"""


class InboxList(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(InboxDelegate(self))
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(ROW_HEIGHT)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet(_STYLE)
        self._anchor: QPersistentModelIndex | None = None
        self._anchor_y = 0

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802
        old = self.model()
        if old is not None:
            for signal, slot in self._anchor_signals(old):
                signal.disconnect(slot)
        super().setModel(model)
        if model is not None:
            for signal, slot in self._anchor_signals(model):
                signal.connect(slot)

    def _anchor_signals(self, model: QAbstractItemModel) -> list[tuple[SignalInstance, Callable[..., None]]]:
        return [(model.rowsAboutToBeInserted, self._pin), (model.rowsInserted, self._restore),
                (model.rowsAboutToBeMoved, self._pin), (model.rowsMoved, self._restore),
                (model.rowsAboutToBeRemoved, self._pin), (model.rowsRemoved, self._restore)]

    def first_visible_row(self) -> int:
        """The row at the top edge of the viewport (-1 when empty)."""
        return self.indexAt(QPoint(1, 0)).row()

    def _pin(self, *_args: object) -> None:
        self._anchor = None
        if self.verticalScrollBar().value() <= 0:
            return  # at the top: let new conversations come into view
        top = self.indexAt(QPoint(1, 0))
        if top.isValid():
            self._anchor = QPersistentModelIndex(top)
            self._anchor_y = self.rowViewportPosition(top.row())

    def _restore(self, *_args: object) -> None:
        anchor, self._anchor = self._anchor, None
        if anchor is None or not anchor.isValid():
            return
        delta = self.rowViewportPosition(anchor.row()) - self._anchor_y
        if delta:
            self.updateGeometries()  # the scroll range must already include the new rows
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + delta)
