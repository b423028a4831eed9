"""One conversation's messages as a Qt list model, oldest first, with the agent's unsent replies at the end.

A reply shows the moment the agent sends it: a local row keyed by its client_id ("sending" while in the
outbox, "failed" if the server refused it). The server's answer (or the live echo, whichever comes first)
replaces it by the real message, and delivery events move its state on: sending → sent → delivered → read.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain import Message, TimelineEvent

MessageRole = Qt.ItemDataRole.UserRole + 1
ExpandedRole = Qt.ItemDataRole.UserRole + 2
DeliveryRole = Qt.ItemDataRole.UserRole + 3  # what to show: the local outbox state or the server's
AnyIndex = QModelIndex | QPersistentModelIndex
LOCAL_PENDING, LOCAL_REFUSED = "sending", "failed"


@dataclass
class _Row:
    message: Message
    local: str | None = None  # None once the server has it; else LOCAL_PENDING / LOCAL_REFUSED
    expanded: bool = False
    error: str = ""


class ConversationModel(QAbstractListModel):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[_Row] = []
        self.interaction_id: int | None = None
        self.older_cursor: int | None = None
        self._local_ids = itertools.count(1)

    # --- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == MessageRole:
            return row.message
        if role == ExpandedRole:
            return row.expanded
        if role == DeliveryRole:
            return row.local or row.message.delivery
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.message.body
        return None

    # --- reading ------------------------------------------------------------------------------
    def message(self, row: int) -> Message:
        return self._rows[row].message

    def delivery(self, row: int) -> str:
        return self._rows[row].local or self._rows[row].message.delivery

    def is_local(self, row: int) -> bool:
        return self._rows[row].local is not None

    def row_of_message(self, message_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.message.id == message_id), -1)

    def row_of_client_id(self, client_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.message.client_id == client_id), -1)

    def deliveries(self) -> list[str]:
        return [self.delivery(i) for i in range(len(self._rows))]

    # --- feeding ------------------------------------------------------------------------------
    def reset(self, interaction_id: int | None, messages: Iterable[Message] = (),
              older_cursor: int | None = None) -> None:
        self.beginResetModel()
        self.interaction_id, self.older_cursor = interaction_id, older_cursor
        self._rows = [_Row(m) for m in sorted(messages, key=lambda m: m.id)]
        self.endResetModel()

    def prepend(self, messages: Iterable[Message], older_cursor: int | None) -> int:
        """An older page (scrolled to the top): rows not shown yet go before the first; returns how many."""
        known = {r.message.id for r in self._rows}
        first = next((r.message.id for r in self._rows if r.local is None), None)
        older = sorted((m for m in messages if m.interaction_id == self.interaction_id and m.id not in known
                        and (first is None or m.id < first)), key=lambda m: m.id)
        self.older_cursor = older_cursor
        if older:
            self.beginInsertRows(QModelIndex(), 0, len(older) - 1)
            self._rows[:0] = [_Row(m) for m in older]
            self.endInsertRows()
        return len(older)

    def merge(self, messages: Iterable[Message]) -> None:
        """Fresh copies from the server: update known rows, settle local ones by client_id, add the rest."""
        for message in sorted(messages, key=lambda m: m.id):
            if message.interaction_id != self.interaction_id:
                continue
            row = self.row_of_message(message.id)
            if row >= 0:
                self._rows[row].message = message
                self._changed(row)
                continue
            local = self.row_of_client_id(message.client_id) if message.client_id else -1
            if local >= 0:
                self._remove(local)
            self._insert_sorted(_Row(message))

    def add_from_event(self, event: TimelineEvent) -> None:
        """A live message event, shown at once; the full message (headers, attachments) is merged later."""
        message_id = event.payload.get("message_id")
        interaction_id = event.payload.get("interaction_id")
        if not isinstance(message_id, int) or not isinstance(interaction_id, int) \
                or interaction_id != self.interaction_id:
            return
        if self.row_of_message(message_id) >= 0:
            return
        direction = str(event.payload.get("direction") or "in")
        if direction != "in":
            return  # our own replies are settled through their client_id, not guessed from the echo
        self._insert_sorted(_Row(Message(
            id=message_id, interaction_id=interaction_id, direction=direction, body=event.body,
            delivery=str(event.payload.get("delivery") or "received"), created_at=event.created_at,
            author_name=str(event.payload.get("author_name") or event.author_name or ""))))

    def add_local(self, client_id: str, body: str, author_name: str, *, html: str | None = None,
                  internal: bool = False, state: str = LOCAL_PENDING, error: str = "") -> None:
        """An unsent reply (just written, or found in the outbox after a restart), shown at the end."""
        if self.interaction_id is None or self.row_of_client_id(client_id) >= 0:
            return
        message = Message(id=-next(self._local_ids), interaction_id=self.interaction_id,
                          direction="internal" if internal else "out", body=body, delivery=state,
                          created_at=datetime.now(UTC), author_name=author_name, html=html,
                          client_id=client_id)
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(_Row(message, local=state, error=error))
        self.endInsertRows()

    def sent(self, client_id: str, message: Message) -> None:
        """The outbox has the server's answer for a local row."""
        self.merge([replace(message, client_id=message.client_id or client_id)])

    def refused(self, client_id: str, reason: str) -> None:
        row = self.row_of_client_id(client_id)
        if row >= 0 and self._rows[row].local is not None:
            self._rows[row].local, self._rows[row].error = LOCAL_REFUSED, reason
            self._changed(row)

    def retrying(self, client_id: str) -> None:
        row = self.row_of_client_id(client_id)
        if row >= 0 and self._rows[row].local is not None:
            self._rows[row].local, self._rows[row].error = LOCAL_PENDING, ""
            self._changed(row)

    def set_delivery(self, message_id: int, delivery: str) -> None:
        row = self.row_of_message(message_id)
        if row >= 0:
            self._rows[row].message = replace(self._rows[row].message, delivery=delivery)
            self._changed(row)

    def toggle_expanded(self, row: int) -> None:
        self._rows[row].expanded = not self._rows[row].expanded
        self._changed(row)

    # --- internals ----------------------------------------------------------------------------
    def _insert_sorted(self, row: _Row) -> None:
        position = 0
        for position, existing in enumerate(self._rows):  # noqa: B007 - short lists, new rows near the end
            if existing.local is not None or existing.message.id > row.message.id:
                break
        else:
            position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        self.endInsertRows()

    def _remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        self._rows.pop(row)
        self.endRemoveRows()

    def _changed(self, row: int) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)
