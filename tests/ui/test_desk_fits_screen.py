"""The desk fits a short screen: the window never opens taller than the screen, and the Work and Phone
docks scroll instead of pushing Answer, Hang up and the status bar below its bottom edge (before, the
window was ~880 px tall whatever the screen, so on a 1366×768 laptop the call buttons were off screen)."""

from __future__ import annotations

import requests
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.dock_fit import DockScroll
from tests.fixtures.server import ServerProcess
from tests.sync.test_inbox_support import arrive, new_customer
from tests.ui.conftest import DeskFactory, sign_in, wait_connected
from tests.ui.inbox_steps import open_conversation, open_inbox


def _shown_in(scroll: DockScroll, child: QWidget) -> bool:
    """Whether all of `child` lies inside the scroll area's visible viewport."""
    viewport = scroll.viewport()
    top_left = child.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(top_left, child.size()))


def test_the_signed_in_desk_fits_the_screen_with_the_call_buttons_in_view(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory) -> None:
    desk = desk_factory(live_server.url)
    sign_in(qtbot, desk)
    wait_connected(qtbot, desk)
    qtbot.waitUntil(lambda: desk.softphone is not None and desk.routing is not None, timeout=15000)
    assert desk.softphone is not None
    assert desk.routing is not None
    window = desk.window
    qtbot.wait(300)  # the docks' first layout, and the phone given its height
    screen = window.screen().availableGeometry()
    assert window.height() <= screen.height()
    assert window.minimumSizeHint().height() <= screen.height()

    phone_scroll = desk.softphone.dock.widget()
    work_scroll = desk.routing.dock.widget()
    assert isinstance(phone_scroll, DockScroll)
    assert isinstance(work_scroll, DockScroll)
    for scroll in (phone_scroll, work_scroll):  # nothing cut off at the right: the docks only scroll down
        assert scroll.panel().width() <= scroll.viewport().width()
    panel = desk.softphone.panel
    for button in (panel.answer_button, panel.hangup_button, panel.hold_button, panel.mute_button):
        assert _shown_in(phone_scroll, button), button.text()

    # a window shorter than the docks' panels: they scroll, and the window keeps its height
    window.resize(window.width(), min(520, screen.height()))
    qtbot.wait(200)
    assert window.height() <= max(520, window.minimumSizeHint().height())
    assert phone_scroll.verticalScrollBar().maximum() > 0
    phone_scroll.verticalScrollBar().setValue(phone_scroll.verticalScrollBar().maximum())
    assert not _shown_in(phone_scroll, panel.answer_button)
    phone_scroll.reveal(panel.answer_button)  # what a ringing call does (SoftphoneDesk._on_arrived)
    assert _shown_in(phone_scroll, panel.answer_button)


NARROW_SCREEN = 1280  # 1920×1080 at 150 % (a common office laptop setting) is 1280 px wide


def test_a_conversation_open_in_the_inbox_still_fits_a_1280_px_wide_screen(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory) -> None:
    """The window cannot be narrower than its minimum width, so a minimum wider than the screen puts the
    Phone dock (Answer, Hang up) past its right edge. Before, opening a conversation raised the minimum to
    ~1,600 px: three filter choices side by side, a fixed 400 px Work dock, identity chips side by side at
    their full width, and the customer's name never shortened."""
    name = "Alexandria Montgomery-Richardson 欧阳娜娜 (Enterprise Procurement)"
    email = "alexandria.montgomery-richardson.procurement@enterprise-holdings.example.com"
    customer = new_customer(live_server, name, email)
    token = {"Authorization": f"Bearer {live_server.login('agent2')['access_token']}"}
    for number in ("+86 138 0013 8000", "+44 7911 123456", "+1 415 555 0100"):
        r = requests.post(f"{live_server.url}/api/v1/customers/{customer}/identities",
                          json={"kind": "phone", "value": number}, headers=token, timeout=10)
        r.raise_for_status()
    iid = arrive(live_server.database_url, customer, "Hello, our purchase order is stuck.")["interaction_id"]
    desk = desk_factory(live_server.url)
    page = open_inbox(qtbot, desk)
    open_conversation(qtbot, page, iid, 1)
    shown = page.customer_panel
    qtbot.waitUntil(lambda: shown.customer is not None and shown.customer.id == customer, timeout=10_000)
    window = desk.window
    try:
        for language in ("zh_CN", "en"):
            desk.set_language(language)
            qtbot.wait(200)
            assert window.minimumSizeHint().width() <= NARROW_SCREEN, language
            window.resize(NARROW_SCREEN, 720)
            qtbot.waitUntil(lambda: window.width() == NARROW_SCREEN, timeout=5_000)
            # the long name is shortened in both headers, with the whole name in the tooltip
            for label in (page.conversation.title, page.customer_panel.name_label):
                assert label.shown_text() != name
                assert label.shown_text().endswith("…")
                assert label.toolTip() == name
    finally:
        desk.set_language("en")  # the translator is the application's: the next tests read English
