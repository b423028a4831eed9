"""A working day's calls leave nothing behind (issue #3): three real calls through Kamailio, answered
from the ringing toast and hung up by the customer, leave no call line, no visible toast or pop-up window,
and the freed heap is given back once each time the line went idle (app/ui/heap_trim.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.fixtures.server import ServerProcess
from tests.telephony.conftest import PeerProcess
from tests.telephony.kamailio import Kamailio
from tests.ui.conftest import DeskFactory
from tests.ui.phone_steps import (  # noqa: F401 - the fixtures peers, phone_server
    peers_fixture,
    phone_server_fixture,
    registered_desk,
)


@pytest.fixture(autouse=True)
def _no_sound_card(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUITONG_NULL_AUDIO", "1")


def test_three_calls_leave_no_line_no_toast_and_trim_the_heap_after_each(
        qtbot: QtBot, desk_factory: DeskFactory, phone_server: ServerProcess, kamailio: Kamailio,
        peers: Callable[[str], PeerProcess]) -> None:
    desk = registered_desk(qtbot, desk_factory, phone_server)
    sp = desk.softphone
    assert sp is not None
    windows_before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    customer = peers("+8613800000007")
    for n in range(1, 4):
        customer.send(f"call sip:agent1@{kamailio.domain}")
        qtbot.waitUntil(sp.toast.isVisible, timeout=10000)
        sp.toast.answer_button.click()  # the agent answers from the toast
        customer.expect("state CONFIRMED", 10)
        qtbot.waitUntil(lambda: not sp.toast.isVisible(), timeout=5000)
        customer.send("hangup")
        customer.expect("disconnected", 10)
        qtbot.waitUntil(lambda: not sp.phone.lines, timeout=10000)
        trims = n  # the freed heap given back once each time the line went idle
        qtbot.waitUntil(lambda: sp.phone.heap_trim.trims == trims, timeout=5000)  # noqa: B023
    assert sp.phone.lines == {}
    assert not sp.toast.isVisible()
    assert sp.toast.call_id is None
    assert {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()} <= windows_before
