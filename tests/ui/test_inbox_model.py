"""Inbox pieces without a server: the list model's live ordering, quote folding, the refcount guard."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication

from app.domain import Interaction
from app.ui.conversation_quotes import split_quoted
from app.ui.inbox_model import InboxModel
from app.ui.pyside_refcount_guard import keep_none_alive


def _item(i: int, seq: int, unread: int = 0) -> Interaction:
    now = datetime.now(UTC)
    return Interaction(id=i, channel="chat", customer_id=1, status="active", last_seq=seq, created_at=now,
                       updated_at=now, unread=unread)


def test_live_upserts_keep_rows_sorted_by_activity_and_unread_totals_right(qapp: QApplication) -> None:
    model = InboxModel()
    model.reset([_item(i, 1000 - i, unread=i % 2) for i in range(100)])
    assert model.total_unread == 50
    assert model.upsert(replace(model.get(60), last_seq=5000, unread=4)) == "updated"  # type: ignore[type-var]
    assert model.interaction(0).id == 60
    assert model.total_unread == 50 - 0 + 4
    assert model.upsert(_item(500, 10)) == "added"
    assert model.interaction(model.rowCount() - 1).id == 500
    assert model.upsert(_item(7, 993), belongs=False) == "removed"
    assert model.row_of(7) == -1
    seqs = [model.interaction(r).last_seq for r in range(model.rowCount())]
    assert seqs == sorted(seqs, reverse=True)
    assert all(model.row_of(model.interaction(r).id) == r for r in range(model.rowCount()))


def test_quoted_history_is_folded_in_english_and_chinese_mail() -> None:
    assert split_quoted("Thanks!\n\nOn Mon, 1 Jan 2024 Bob <b@x.org> wrote:\n> old") == \
        ("Thanks!", "On Mon, 1 Jan 2024 Bob <b@x.org> wrote:\n> old")
    assert split_quoted("好的\n\n在 2024年1月1日 张三 写道：\n> 旧") == \
        ("好的", "在 2024年1月1日 张三 写道：\n> 旧")
    assert split_quoted("Sure\n\nFrom: A\nSent: Monday\nSubject: x\n\nold")[0] == "Sure"
    assert split_quoted("Reply\n> a\n> b") == ("Reply", "> a\n> b")
    assert split_quoted("> all quote") == ("> all quote", "")
    assert split_quoted("no quotes") == ("no quotes", "")


def test_painting_does_not_wear_down_none(qapp: QApplication) -> None:
    """PySide6 6.12 on Python 3.11 drops a reference to None per void call; the guard must outlast it."""
    keep_none_alive()
    before = sys.getrefcount(None)
    pixmap = QPixmap(40, 40)
    painter = QPainter(pixmap)
    for _ in range(200_000):  # far more than None's natural count: without the guard this aborts
        painter.setPen(QColor("white"))
        painter.drawRect(QRect(0, 0, 4, 4))
    painter.end()
    assert sys.getrefcount(None) > 2**38
    assert before > 2**38
