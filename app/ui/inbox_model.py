"""The inbox as a Qt list model: conversations newest activity first, pages fetched on demand, live upserts.

Built for 100,000 rows: one Python list of frozen `Interaction`s plus an id → Interaction dict, no per-row
objects in Qt, fixed-height rows (`InboxList`: no per-row layout), and moves instead of resets when a
conversation's activity brings it to the top.

Garbage collection: every `Interaction` is a GC-tracked object, and a full (generation 2) collection walks
all of them: ~27 ms of CPU at 100,000 rows, a dropped frame whenever one falls in the middle of a scroll.
Rows are acyclic (ints, strings, datetimes and a JSON `attributes` dict; reference counting frees them), so
the model takes the rows it holds, and the list and dict that hold them, out of the collector's lists
(`PyObject_GC_UnTrack`, as CPython itself does for tuples and dicts of atomic values): a full collection
no longer touches the rows at all (even visiting them through a tracked list costs a cache miss per row).
Not `gc.freeze()` per page: that would also freeze whatever else is alive at that moment (the softphone's
pjsua2 objects, which it relies on `gc.collect()` to free), leaking them once they become cyclic garbage.
The rest of the heap (imports, the window: ~64,000 objects, 30+ ms a full collection) is the business of
`app.ui.gc_policy`: a bounded freeze while no pjsua2 object lives, full collections while the agent idles.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain import Interaction

InteractionRole = Qt.ItemDataRole.UserRole + 1
PageLoader = Callable[[int], None]  # (before cursor); answers via append_page()
AnyIndex = QModelIndex | QPersistentModelIndex


_untrack = ctypes.pythonapi.PyObject_GC_UnTrack  # safe on an untracked object; dealloc copes too
_untrack.argtypes = [ctypes.py_object]
_untrack.restype = None


def untrack_rows(items: Iterable[Interaction]) -> None:
    """Keep acyclic rows out of the cyclic garbage collector's walks (see the module docstring)."""
    for item in items:
        _untrack(item)


class InboxModel(QAbstractListModel):
    def __init__(self, load_page: PageLoader | None = None, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._load_page = load_page
        self._rows: list[Interaction] = []
        self._by_id: dict[int, Interaction] = {}
        self._next_before: int | None = None
        self._loading = False
        self._unread = 0

    # --- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        interaction = self._rows[row]
        if role == InteractionRole:
            return interaction
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{interaction.customer_name} — {interaction.subject or interaction.preview}"
        return None

    def canFetchMore(self, parent: AnyIndex) -> bool:  # noqa: N802
        return not parent.isValid() and self._next_before is not None and not self._loading \
            and self._load_page is not None

    def fetchMore(self, parent: AnyIndex) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        assert self._load_page is not None
        assert self._next_before is not None
        self._loading = True
        self._load_page(self._next_before)

    # --- reading ------------------------------------------------------------------------------
    def interaction(self, row: int) -> Interaction:
        return self._rows[row]

    def get(self, interaction_id: int) -> Interaction | None:
        return self._by_id.get(interaction_id)

    def row_of(self, interaction_id: int) -> int:
        """-1 when absent. A binary search on last_seq (rows are sorted by it), never an equality scan:
        comparing 100k dataclasses field by field would cost a frame or more."""
        found = self._by_id.get(interaction_id)
        if found is None:
            return -1
        lo, hi = 0, len(self._rows)
        while lo < hi:  # first row whose last_seq <= found.last_seq
            mid = (lo + hi) // 2
            if self._rows[mid].last_seq > found.last_seq:
                lo = mid + 1
            else:
                hi = mid
        for row in range(lo, len(self._rows)):
            if self._rows[row] is found:
                return row
            if self._rows[row].last_seq < found.last_seq:
                break
        return next(i for i, r in enumerate(self._rows) if r is found)  # unsorted input: still correct

    @property
    def total_unread(self) -> int:
        return self._unread

    @property
    def loading(self) -> bool:
        return self._loading

    # --- feeding ------------------------------------------------------------------------------
    def reset(self, items: Iterable[Interaction] = (), next_before: int | None = None) -> None:
        self.beginResetModel()
        self._rows, self._by_id = [], {}
        for item in items:
            if item.id not in self._by_id:
                self._rows.append(item)
                self._by_id[item.id] = item
        self._next_before, self._loading = next_before, False
        self._unread = sum(i.unread for i in self._rows)
        untrack_rows(self._rows)
        self._untrack_store()
        self.endResetModel()

    def append_page(self, items: Iterable[Interaction], next_before: int | None) -> None:
        """An older page (the cursor walks last_seq down); rows already shown live are skipped."""
        fresh = [i for i in items if i.id not in self._by_id]
        self._next_before, self._loading = next_before, False
        if not fresh:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._rows.extend(fresh)
        for item in fresh:
            self._by_id[item.id] = item
        self._unread += sum(i.unread for i in fresh)
        untrack_rows(fresh)
        self._untrack_store()
        self.endInsertRows()

    def page_failed(self) -> None:
        self._loading = False

    def upsert(self, item: Interaction, *, belongs: bool = True) -> str:
        """Apply a fresh copy of one conversation: 'added', 'updated', 'removed' (no longer matches the
        filter) or 'ignored'. A row whose activity moved on goes to its place by last_seq (the top)."""
        old = self._by_id.get(item.id)
        if belongs:
            _untrack(item)
        if old is None:
            if not belongs:
                return "ignored"
            position = self._position_for(item)
            self.beginInsertRows(QModelIndex(), position, position)
            self._rows.insert(position, item)
            self._by_id[item.id] = item
            self._untrack_store()
            self._unread += item.unread
            self.endInsertRows()
            return "added"
        row = self.row_of(item.id)
        if not belongs:
            self.remove_row(row)
            return "removed"
        self._unread += item.unread - old.unread
        self._by_id[item.id] = item
        self._untrack_store()
        self._rows[row] = item
        target = self._position_for(item, skip=row)  # its place in the list without it
        if target != row:
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target if target < row else target + 1)
            self._rows.pop(row)
            self._rows.insert(target, item)
            self.endMoveRows()
            row = target
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)
        return "updated"

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        item = self._rows.pop(row)
        del self._by_id[item.id]
        self._unread -= item.unread
        self.endRemoveRows()

    def _untrack_store(self) -> None:
        """The row list and the id dict hold only untracked rows; a dict tracks itself again on insertion."""
        _untrack(self._rows)
        _untrack(self._by_id)

    def _position_for(self, item: Interaction, skip: int = -1) -> int:
        """Where `item` belongs by last_seq (newest first) in the rows without row `skip`. Binary search."""
        lo, hi = 0, len(self._rows) - (1 if skip >= 0 else 0)
        while lo < hi:
            mid = (lo + hi) // 2
            real = mid if skip < 0 or mid < skip else mid + 1
            if self._rows[real].last_seq > item.last_seq:
                lo = mid + 1
            else:
                hi = mid
        return lo
