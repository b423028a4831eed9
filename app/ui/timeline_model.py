"""The customer timeline as a Qt list model: newest first, older pages fetched on demand, live inserts."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain import BOOKKEEPING_EVENT_KINDS, TimelineEvent, TimelinePage

EventRole = Qt.ItemDataRole.UserRole + 1
PendingRole = Qt.ItemDataRole.UserRole + 2
OlderLoader = Callable[[int, int], None]  # (customer_id, before_seq); answers via append_older()
_PENDING_SEQ_BASE = 2**62  # pending notes sort above every real seq until the server confirms them
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass
class _Row:
    event: TimelineEvent
    pending: bool = False


class TimelineModel(QAbstractListModel):
    """Rows are TimelineEvents sorted by seq, descending. Scales to 100k rows: no per-row widgets,
    the view asks only for what it paints, and older pages arrive through fetchMore()."""

    def __init__(self, load_older: OlderLoader, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._load_older = load_older
        self._rows: list[_Row] = []
        self._seqs: set[int] = set()
        self._customer_id: int | None = None
        self._next_before: int | None = None
        self._loading_older = False
        self._local_ids = itertools.count(1)

    # --- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == EventRole:
            return row.event
        if role == PendingRole:
            return row.pending
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.event.body
        return None

    def canFetchMore(self, parent: AnyIndex) -> bool:  # noqa: N802
        return (not parent.isValid() and self._customer_id is not None and self._next_before is not None
                and not self._loading_older)

    def fetchMore(self, parent: AnyIndex) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        assert self._customer_id is not None
        assert self._next_before is not None
        self._loading_older = True
        self._load_older(self._customer_id, self._next_before)

    # --- feeding the model --------------------------------------------------------------------
    @property
    def customer_id(self) -> int | None:
        return self._customer_id

    @property
    def loading_older(self) -> bool:
        return self._loading_older

    def reset(self, customer_id: int | None, page: TimelinePage | None) -> None:
        """Replaces everything (open a customer, or re-fetch after a merge); keeps unsent notes."""
        keep = [r for r in self._rows if r.pending and r.event.customer_id == customer_id]
        self.beginResetModel()
        self._customer_id = customer_id
        self._rows = list(keep)
        self._seqs = set()
        self._next_before = None
        self._loading_older = False
        if page is not None:
            self._next_before = page.next_before
            for event in page.items:
                if event.kind in BOOKKEEPING_EVENT_KINDS:
                    continue
                if event.seq not in self._seqs and not self._confirms_pending(event, notify=False):
                    self._rows.append(_Row(event))
                    self._seqs.add(event.seq)
        self.endResetModel()

    def append_older(self, customer_id: int, page: TimelinePage) -> None:
        if customer_id != self._customer_id:
            return
        self._loading_older = False
        fresh = [e for e in page.items if e.seq not in self._seqs and e.kind not in BOOKKEEPING_EVENT_KINDS]
        self._next_before = page.next_before
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(_Row(e) for e in fresh)
            self._seqs.update(e.seq for e in fresh)
            self.endInsertRows()
        elif page.items and self._next_before is not None:
            self.fetchMore(QModelIndex())  # a page of bookkeeping only: nothing to show, the view won't ask

    def older_failed(self) -> None:
        self._loading_older = False

    def add_live(self, event: TimelineEvent) -> bool:
        """Inserts a live event at its place (normally the top) without touching other rows."""
        if event.customer_id != self._customer_id or event.seq in self._seqs \
                or event.kind in BOOKKEEPING_EVENT_KINDS:
            return False
        if self._confirms_pending(event, notify=True):
            return True
        position = 0
        for position, row in enumerate(self._rows):  # noqa: B007 - new events land near the top
            if row.pending or row.event.seq > event.seq:
                continue
            break
        else:
            position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, _Row(event))
        self._seqs.add(event.seq)
        self.endInsertRows()
        return True

    def add_pending_note(self, customer_id: int, body: str, author_name: str | None) -> str:
        """Shows a note at the top, marked pending; returns a local key to bind to its client_id."""
        local_key = f"local-{next(self._local_ids)}"
        event = TimelineEvent(seq=_PENDING_SEQ_BASE + len(self._rows), customer_id=customer_id, kind="note",
                              channel="internal", body=body, created_at=datetime.now(UTC),
                              author_name=author_name, client_id=local_key)
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, _Row(event, pending=True))
        self.endInsertRows()
        return local_key

    def bind_client_id(self, local_key: str, client_id: str) -> None:
        """The outbox accepted the note; its live echo will carry client_id."""
        for i, row in enumerate(self._rows):
            if row.pending and row.event.client_id == local_key:
                if any(r.event.client_id == client_id for r in self._rows if not r.pending):
                    self._remove_row(i)  # the echo overtook the outbox's answer
                else:
                    row.event = replace(row.event, client_id=client_id)
                return

    def _confirms_pending(self, event: TimelineEvent, *, notify: bool) -> bool:
        if event.client_id is None:
            return False
        for i, row in enumerate(self._rows):
            if row.pending and row.event.client_id == event.client_id:
                if notify:
                    self._remove_row(i)
                    self.add_live(event)
                else:
                    row.event, row.pending = event, False
                    self._seqs.add(event.seq)
                return True
        return False

    def _remove_row(self, i: int) -> None:
        self.beginRemoveRows(QModelIndex(), i, i)
        row = self._rows.pop(i)
        self._seqs.discard(row.event.seq)
        self.endRemoveRows()

    def pending_count(self) -> int:
        return sum(1 for r in self._rows if r.pending)
