"""The unified inbox in the agent client, against a real server: live arrival with unread counts, chat
bubbles and the customer panel, Enter sends with delivery states, e-mail headers and folded quotes,
filters. (QTest types ASCII only, so the agent's typed replies are in English.)"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain import BOOKKEEPING_EVENT_KINDS
from app.sync.inbox import InboxFilter
from app.ui.timeline_model import EventRole
from tests.fixtures.server import ServerProcess
from tests.sync.test_inbox_support import arrive, new_customer
from tests.ui.conftest import DeskFactory
from tests.ui.inbox_steps import LIVE_MS, open_conversation, open_inbox


def _screenshot_dir(tmp_path: Path) -> Path:
    out = Path(os.environ.get("HUITONG_SCREENSHOT_DIR") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    return out


def test_inbound_chat_arrives_live_then_enter_sends_and_delivery_moves_on(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory, tmp_path: Path) -> None:
    customer = new_customer(live_server, "王芳", "wang.fang@example.cn")
    page = open_inbox(qtbot, desk_factory(live_server.url))
    ids = arrive(live_server.database_url, customer, "你好，我的订单什么时候发货？")
    iid = ids["interaction_id"]
    arrive(live_server.database_url, customer, "订单号 HT-20931", interaction_id=iid)

    # Live, with its unread count, at the top of the list, and announced.
    qtbot.waitUntil(lambda: (i := page.model.get(iid)) is not None and i.unread == 2, timeout=LIVE_MS)
    assert page.model.interaction(0).id == iid
    assert page.model.total_unread >= 2
    # The label is the server's count (app.sync.inbox_counts), fetched just after the live events.
    qtbot.waitUntil(lambda: page.filters.unread_label.text() == "2 unread", timeout=5000)
    qtbot.waitUntil(lambda: any("王芳" in body for _t, body in page.notifier.history), timeout=5000)
    assert page.notifier.toast.isVisible()

    # Opening it: bubbles for both messages, the customer's timeline beside it, unread cleared.
    open_conversation(qtbot, page, iid, 2)
    conv = page.conversation
    bodies = [conv.model.message(r).body for r in range(2)]
    assert bodies == ["你好，我的订单什么时候发货？", "订单号 HT-20931"]
    assert not conv.delegate.email
    assert conv.composer.chat_editor.isVisible()
    assert not conv.composer.email_editor.isVisible()
    panel = page.customer_panel
    qtbot.waitUntil(lambda: panel.customer is not None and panel.customer.id == customer, timeout=10_000)
    kinds = [panel.model.index(r, 0).data(EventRole).kind for r in range(panel.model.rowCount())]
    assert "chat" in kinds
    assert not set(kinds) & set(BOOKKEEPING_EVENT_KINDS)  # the bookkeeping events stay out of timelines
    qtbot.waitUntil(lambda: page.model.get(iid).unread == 0, timeout=5000)  # type: ignore[union-attr]

    # Shift+Enter is a new line, Enter sends; the reply shows at once as "sending", then "sent".
    editor = conv.composer.chat_editor
    editor.setFocus()
    qtbot.keyClicks(editor, "It ships this afternoon.")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "Watch for an SMS.")
    assert editor.toPlainText() == "It ships this afternoon.\nWatch for an SMS."
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == ""
    last = conv.model.rowCount() - 1
    assert conv.model.message(last).body == "It ships this afternoon.\nWatch for an SMS."
    assert conv.model.delivery(last) == "sending"
    qtbot.waitUntil(lambda: conv.model.delivery(conv.model.rowCount() - 1) in ("sent", "delivered"),
                    timeout=LIVE_MS)
    assert conv.model.rowCount() == 3  # the live echo did not add a second copy
    assert conv.model.message(2).id > 0
    qtbot.wait(300)
    assert page.window().grab().save(str(_screenshot_dir(tmp_path) / "inbox_chat.png"))


def test_email_view_shows_headers_folds_quotes_and_lists_attachments(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory, tmp_path: Path) -> None:
    customer = new_customer(live_server, "Grace Hopper", "grace@example.com")
    page = open_inbox(qtbot, desk_factory(live_server.url))
    body = ("Hello team,\n\nThe invoice total looks wrong, please check.\n\nGrace\n\n"
            "On Mon, 3 Jun 2024 at 10:00, Billing <billing@huitong.example> wrote:\n"
            "> Dear customer,\n> please find your invoice attached.\n> Kind regards")
    headers = {"from": "Grace Hopper <grace@example.com>", "to": "support@huitong.example",
               "cc": "accounts@example.com", "subject": "Invoice 2024-06",
               "date": "Mon, 03 Jun 2024 11:02:00 +0000"}
    ids = arrive(live_server.database_url, customer, body, channel="email", subject="Invoice 2024-06",
                 author_name="Grace Hopper", payload=headers)
    iid = ids["interaction_id"]
    open_conversation(qtbot, page, iid, 1)
    conv = page.conversation
    # The message from the live event first, then the full one with headers (merged in place).
    qtbot.waitUntil(lambda: conv.model.message(0).payload.get("cc") == "accounts@example.com", timeout=10_000)
    assert conv.delegate.email
    assert conv.composer.email_editor.isVisible()
    assert "Invoice 2024-06" in conv.composer.subject_label.text()
    from app.ui.conversation_email import header_lines

    shown = dict(header_lines(conv.model.message(0), conv.delegate.subject))
    assert shown["From"] == "Grace Hopper <grace@example.com>"
    assert shown["Cc"] == "accounts@example.com"
    assert shown["Subject"] == "Invoice 2024-06"
    text = conv.visible_text(0)
    assert "The invoice total looks wrong" in text
    assert "please find your invoice attached" not in text  # the quote is folded
    collapsed_height = conv.messages.visualRect(conv.model.index(0, 0)).height()
    qtbot.mouseClick(conv.messages.viewport(), Qt.MouseButton.LeftButton,
                     pos=conv.messages.visualRect(conv.model.index(0, 0)).center())
    qtbot.waitUntil(lambda: "please find your invoice attached" in conv.visible_text(0), timeout=3000)
    qtbot.waitUntil(lambda: conv.messages.visualRect(conv.model.index(0, 0)).height() > collapsed_height,
                    timeout=3000)
    # A rich reply goes out with the plain-text part and Ctrl+Enter.
    conv.composer.email_editor.setFocus()
    qtbot.keyClicks(conv.composer.email_editor, "We have corrected the invoice.")
    qtbot.keyClick(conv.composer.email_editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: conv.model.rowCount() == 2 and conv.model.message(1).id > 0, timeout=LIVE_MS)
    assert conv.model.message(1).body == "We have corrected the invoice."
    assert "corrected" in (conv.model.message(1).html or "")
    qtbot.wait(300)
    assert page.window().grab().save(str(_screenshot_dir(tmp_path) / "inbox_email.png"))


def test_filters_mine_unassigned_channel_and_status(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory, tmp_path: Path) -> None:
    customer = new_customer(live_server, "Filter Fan", "filter.fan@example.com")
    db = live_server.database_url
    chat = arrive(db, customer, "chat waiting")["interaction_id"]
    mail = arrive(db, customer, "mail waiting", channel="email", subject="Refund")["interaction_id"]
    sms = arrive(db, customer, "sms waiting", channel="sms")["interaction_id"]
    page = open_inbox(qtbot, desk_factory(live_server.url))
    qtbot.waitUntil(lambda: all(page.model.get(i) for i in (chat, mail, sms)), timeout=LIVE_MS)

    def shown() -> set[int]:
        return {page.model.interaction(r).id for r in range(page.model.rowCount())}

    page.filters.set_filter(InboxFilter(channel="email"))
    qtbot.waitUntil(lambda: mail in shown() and chat not in shown() and sms not in shown(), timeout=10_000)
    page.filters.set_filter(InboxFilter(scope="mine"))
    qtbot.waitUntil(lambda: not page.model.loading and not ({chat, mail, sms} & shown()), timeout=10_000)
    # Replying claims the chat: it shows up under "mine" live, without a reload.
    page.filters.set_filter(InboxFilter(scope="all"))
    open_conversation(qtbot, page, chat, 1)
    page.filters.set_filter(InboxFilter(scope="mine"))
    qtbot.waitUntil(lambda: not page.model.loading, timeout=10_000)
    qtbot.keyClicks(page.conversation.composer.chat_editor, "I'll take this one")
    qtbot.keyClick(page.conversation.composer.chat_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: chat in shown(), timeout=LIVE_MS)
    page.filters.set_filter(InboxFilter(scope="unassigned"))
    qtbot.waitUntil(lambda: not page.model.loading and {mail, sms} <= shown() and chat not in shown(),
                    timeout=10_000)
    # Closing moves it out of "open" and into "closed".
    page.filters.set_filter(InboxFilter(scope="all"))
    open_conversation(qtbot, page, chat, 2)
    page.conversation.status_button.click()
    qtbot.waitUntil(lambda: chat not in shown(), timeout=LIVE_MS)
    page.filters.set_filter(InboxFilter(status="closed"))
    qtbot.waitUntil(lambda: shown() == {chat}, timeout=10_000)
    page.filters.set_filter(InboxFilter())
    qtbot.waitUntil(lambda: {mail, sms} <= shown(), timeout=10_000)
    qtbot.wait(200)
    assert page.window().grab().save(str(_screenshot_dir(tmp_path) / "inbox_list.png"))
