"""Steps the inbox UI tests share: sign in and show the Inbox; open one conversation."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.ui.desk_controller import DeskController
from app.ui.inbox_page import InboxPage
from app.ui.navigation import Page
from tests.ui.conftest import sign_in, wait_connected

LIVE_MS = 20_000  # another process's commit reaches the live hub by its poll (≤ 5 s)


def open_inbox(qtbot: QtBot, desk: DeskController, height: int = 820) -> InboxPage:
    sign_in(qtbot, desk)
    wait_connected(qtbot, desk)
    desk.window.resize(1400, height)
    desk.window.show_page(Page.INBOX)
    page = desk.window.inbox_page
    assert page is not None
    qtbot.waitUntil(lambda: page.agent is not None and not page.model.loading, timeout=10_000)
    return page


def open_conversation(qtbot: QtBot, page: InboxPage, interaction_id: int, rows: int) -> None:
    qtbot.waitUntil(lambda: page.model.get(interaction_id) is not None, timeout=LIVE_MS)
    assert page.open_interaction(interaction_id)
    qtbot.waitUntil(lambda: page.conversation.model.rowCount() >= rows, timeout=10_000)
