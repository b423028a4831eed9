"""Inbox pieces without a server: the list model's live ordering, the list keeping its place while
conversations arrive live, the row painting, quote folding, the refcount guard."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain import Interaction
from app.ui.conversation_quotes import split_quoted
from app.ui.inbox_delegate import ROW_HEIGHT
from app.ui.inbox_list import InboxList
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
    assert model.upsert(replace(_get(model, 60), last_seq=5000, unread=4)) == "updated"
    assert model.interaction(0).id == 60
    assert model.total_unread == 50 - 0 + 4
    assert model.upsert(_item(500, 10)) == "added"
    assert model.interaction(model.rowCount() - 1).id == 500
    assert model.upsert(_item(7, 993), belongs=False) == "removed"
    assert model.row_of(7) == -1
    seqs = [model.interaction(r).last_seq for r in range(model.rowCount())]
    assert seqs == sorted(seqs, reverse=True)
    assert all(model.row_of(model.interaction(r).id) == r for r in range(model.rowCount()))


def _scrolled_list(qtbot: QtBot, rows: int) -> tuple[InboxList, InboxModel]:
    model = InboxModel()
    view = InboxList()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(360, 10 * ROW_HEIGHT)
    view.show()
    qtbot.waitExposed(view)
    model.reset([replace(_item(i, 10 * (rows - i), unread=i % 3), customer_name=f"Customer {i}")
                 for i in range(rows)])
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0 or rows * ROW_HEIGHT < view.height())
    return view, model


def _get(model: InboxModel, interaction_id: int) -> Interaction:
    found = model.get(interaction_id)
    assert found is not None
    return found


def _first_visible(view: InboxList, model: InboxModel) -> tuple[int, int]:
    """(conversation id, pixel offset) of the row at the top edge of the list."""
    row = view.first_visible_row()
    return model.interaction(row).id, view.rowViewportPosition(row)


def test_live_arrivals_while_scrolled_neither_move_the_view_nor_the_selection(qtbot: QtBot) -> None:
    view, model = _scrolled_list(qtbot, 2000)
    bar = view.verticalScrollBar()
    bar.setValue(700 * ROW_HEIGHT + 23)  # mid-list, the top row partly scrolled out
    selected = model.index(view.first_visible_row() + 3, 0)
    view.setCurrentIndex(selected)
    chosen = model.interaction(selected.row()).id
    before = _first_visible(view, model)
    assert before[1] == -23
    top = model.interaction(0).last_seq

    model.upsert(_item(5000, top + 1, unread=1))  # a new conversation arrives
    model.upsert(replace(_get(model, 1500), last_seq=top + 2, unread=2))  # one from below moves to the top
    model.upsert(replace(_get(model, 100), last_seq=top + 3, unread=1))  # one from above moves to the top
    model.upsert(replace(_get(model, chosen), last_seq=top + 4))  # even the selected one gets a message
    model.upsert(replace(_get(model, 1200), unread=0))  # one is read elsewhere (stays in place)
    model.upsert(_get(model, 50), belongs=False)  # one above the view is taken by a colleague
    qtbot.wait(50)

    assert [model.interaction(0).id, model.interaction(1).id] == [chosen, 100]
    assert _first_visible(view, model) == before  # the rows the agent was reading did not move
    assert {model.interaction(i.row()).id for i in view.selectionModel().selectedRows()} == {chosen}
    assert model.interaction(view.currentIndex().row()).id == chosen


def test_at_the_top_new_conversations_come_into_view(qtbot: QtBot) -> None:
    view, model = _scrolled_list(qtbot, 50)
    view.setCurrentIndex(model.index(2, 0))
    model.upsert(_item(9000, 10_000, unread=1))
    qtbot.wait(50)
    assert view.verticalScrollBar().value() == 0
    assert model.interaction(view.indexAt(QPoint(5, 5)).row()).id == 9000
    assert model.interaction(view.currentIndex().row()).id == 2


def test_scrolling_to_the_end_loads_the_next_page_once(qtbot: QtBot) -> None:
    asked: list[int] = []
    model = InboxModel(asked.append)
    view = InboxList()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(360, 10 * ROW_HEIGHT)
    view.show()
    model.reset([_item(i, 1000 - i) for i in range(40)], next_before=961)
    qtbot.wait(50)
    assert asked == []  # the first screen is full: nothing more yet
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: asked == [961])
    view.verticalScrollBar().setValue(0)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.wait(50)
    assert asked == [961]  # still loading: not asked twice
    model.append_page([_item(i, 1000 - i) for i in range(40, 80)], next_before=None)
    qtbot.wait(50)
    assert model.rowCount() == 80
    assert view.verticalScrollBar().maximum() == 80 * ROW_HEIGHT - view.viewport().height()


def test_unread_rows_show_a_pill_and_read_rows_do_not(qtbot: QtBot) -> None:
    view, model = _scrolled_list(qtbot, 30)
    model.upsert(replace(_get(model, 0), customer_name="<b>王芳</b>", preview="<i>hi</i>", unread=120))
    model.upsert(replace(_get(model, 3), unread=0))
    qtbot.wait(20)
    image = view.viewport().grab().toImage()
    accent = QColor("#2f6f9f").rgb()

    def accent_on_the_right(row: int) -> bool:
        top = view.rowViewportPosition(row)
        return any(image.pixelColor(x, y).rgb() == accent
                   for y in range(top, top + ROW_HEIGHT) for x in range(image.width() // 2, image.width()))

    assert accent_on_the_right(0)  # "99+"
    assert not accent_on_the_right(3)


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
