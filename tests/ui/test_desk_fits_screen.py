"""The desk fits a short screen: the window never opens taller than the screen, and the Work and Phone
docks scroll instead of pushing Answer, Hang up and the status bar below its bottom edge (before, the
window was ~880 px tall whatever the screen, so on a 1366×768 laptop the call buttons were off screen)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.dock_fit import DockScroll
from tests.fixtures.server import ServerProcess
from tests.ui.conftest import DeskFactory, sign_in, wait_connected


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
