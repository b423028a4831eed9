"""Auto-answer at the desk, with real calls: the server issues SIP credentials, the desk registers with a
real Kamailio, and scripted pjsua2 peers in other processes ring agent1.

What the agent sees is asserted: the choice in the panel's "Auto-answer" menu, the notice, the call
talking after the delay; a second call while talking keeps ringing; a rejected call is never answered;
the choice is remembered across a restart of the desk, and with it off a call rings until answered.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.ui.call_lines import CallLine
from app.ui.desk_controller import DeskController
from app.ui.softphone_desk import SoftphoneDesk
from tests.fixtures.server import ServerProcess
from tests.telephony.conftest import PeerProcess
from tests.telephony.kamailio import Kamailio
from tests.ui.conftest import DeskFactory
from tests.ui.phone_steps import (  # noqa: F401 - the fixtures peers, phone_server
    peers_fixture,
    phone_server_fixture,
    registered_desk,
)

DELAY_S = 2


@pytest.fixture(autouse=True)
def _no_sound_card(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUITONG_NULL_AUDIO", "1")


def registered(qtbot: QtBot, desk_factory: DeskFactory, server: ServerProcess,
               restart: bool = False) -> tuple[DeskController, SoftphoneDesk]:
    desk = registered_desk(qtbot, desk_factory, server, restart)
    assert desk.softphone is not None
    return desk, desk.softphone


def ringing_line(qtbot: QtBot, sp: SoftphoneDesk, number: str) -> CallLine:
    def found() -> CallLine | None:
        return next((x for x in sp.phone.lines.values() if x.remote_number == number), None)

    qtbot.waitUntil(lambda: found() is not None, timeout=10000)
    line = found()
    assert line is not None
    return line


def test_auto_answer_after_the_delay_never_on_call_waiting_or_rejected_remembered_and_off_rings(
        qtbot: QtBot, desk_factory: DeskFactory, phone_server: ServerProcess, kamailio: Kamailio,
        peers: Callable[[str], PeerProcess]) -> None:
    desk, sp = registered(qtbot, desk_factory, phone_server)
    button = sp.panel.auto_answer_button
    assert button.text() == "Auto-answer: off"
    # the agent turns it on in the panel's menu, with the default delay
    button.menu_.aboutToShow.emit()
    assert sp.panel.auto_answer_button.delay_spin.value() == DELAY_S
    button.toggle_action.trigger()
    assert button.text() == f"Auto-answer: {DELAY_S} s"
    assert desk.settings.auto_answer("agent1") == (True, DELAY_S)

    # 1. a call while the agent is on no other call: a notice, still ringing, then answered after the delay
    first = peers("+8613800000001")
    first.send(f"call sip:agent1@{kamailio.domain}")
    line = ringing_line(qtbot, sp, "+8613800000001")
    seen_ringing = time.monotonic()
    assert line.ringing
    assert sp.panel.feedback.text() == f"Answering automatically in {DELAY_S} s…"
    qtbot.waitUntil(lambda: line.talking, timeout=10000)  # the Qt loop runs the delay: wait in it
    first.expect("state CONFIRMED")
    assert time.monotonic() - seen_ringing >= DELAY_S * 0.75  # not at once: the agent had the delay
    assert sp.panel.feedback.text() == "Call answered automatically."

    # 2. call waiting: a second call while talking keeps ringing well past the delay
    second = peers("+8613800000002")
    second.send(f"call sip:agent1@{kamailio.domain}")
    waiting = ringing_line(qtbot, sp, "+8613800000002")
    qtbot.wait((DELAY_S + 2) * 1000)
    assert waiting.ringing
    assert line.talking
    assert not line.held
    sp.phone.reject(waiting.call_id)
    second.expect("disconnected")
    sp.phone.hangup(line.call_id)
    first.expect("disconnected")
    qtbot.waitUntil(lambda: not sp.phone.lines, timeout=5000)

    # 3. a call the agent rejects within the delay is never answered
    third = peers("+8613800000003")
    third.send(f"call sip:agent1@{kamailio.domain}")
    rejected = ringing_line(qtbot, sp, "+8613800000003")
    sp.phone.reject(rejected.call_id)
    assert third.expect("disconnected") != "disconnected 200"
    qtbot.wait((DELAY_S + 1) * 1000)
    assert rejected.answered_at is None
    assert not sp.phone.lines
    desk.shutdown()
    desk.window.close()

    # 4. after a restart the choice is still there; the agent turns it off and a call rings until answered
    desk, sp = registered(qtbot, desk_factory, phone_server, restart=True)
    button = sp.panel.auto_answer_button
    qtbot.waitUntil(lambda: button.text() == f"Auto-answer: {DELAY_S} s", timeout=5000)
    button.menu_.aboutToShow.emit()
    assert button.toggle_action.isChecked()
    button.toggle_action.trigger()
    assert button.text() == "Auto-answer: off"
    assert desk.settings.auto_answer("agent1") == (False, DELAY_S)
    fourth = peers("+8613800000004")
    fourth.send(f"call sip:agent1@{kamailio.domain}")
    manual = ringing_line(qtbot, sp, "+8613800000004")
    qtbot.wait((DELAY_S + 2) * 1000)
    assert manual.ringing
    assert manual.answered_at is None
    sp.panel.line_list.setCurrentRow(0)
    sp.panel.answer_button.click()
    fourth.expect("state CONFIRMED")
    qtbot.waitUntil(lambda: manual.talking, timeout=5000)
    sp.phone.hangup(manual.call_id)
    fourth.expect("disconnected")
