"""The softphone in the desk, end to end with real parts: the server issues SIP credentials, the desk
registers with a real Kamailio, and a scripted pjsua2 peer in another process rings the agent.

What the agent sees is asserted: the right customer in the panel before answering, the new-caller card
for an unknown number, answer / hold / resume / hang up from the panel, and the call on the timeline.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from app.ui.desk_controller import DeskController
from app.ui.navigation import Page
from app.ui.softphone_desk import SoftphoneDesk
from tests.fixtures.server import ServerProcess
from tests.telephony.conftest import PeerProcess
from tests.telephony.kamailio import Kamailio
from tests.ui.conftest import DeskFactory, rest_customers, rest_headers, sign_in
from tests.ui.file_opener import FileOpener
from tests.ui.phone_steps import (  # noqa: F401 - the fixtures peers, phone_server
    peers_fixture,
    phone_server_fixture,
    registered_desk,
)

# HUITONG_SCREENSHOT_DIR=docs/screenshots refreshes the committed pictures; by default: a temp folder
SCREENSHOTS = Path(os.environ.get("HUITONG_SCREENSHOT_DIR")
                   or Path(tempfile.gettempdir()) / "huitong-screenshots")


@pytest.fixture(autouse=True)
def _no_sound_card(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUITONG_NULL_AUDIO", "1")


def phone(desk: DeskController) -> SoftphoneDesk:
    assert desk.softphone is not None
    return desk.softphone


def customer_with_phone(server: ServerProcess) -> tuple[int, str, str]:
    for customer in rest_customers(server):
        for identity in customer["identities"]:  # type: ignore[attr-defined]
            if identity["kind"] == "phone":
                return int(customer["id"]), str(customer["display_name"]), str(identity["value"])  # type: ignore[call-overload]
    raise AssertionError("the demo data has no customer with a phone")


def timeline_events(desk: DeskController) -> list[object]:
    from app.ui.timeline_model import EventRole

    page = desk.window.customers_page
    assert page is not None
    model = page.panel.model
    return [model.index(row, 0).data(EventRole) for row in range(model.rowCount())]


def save(widget: object, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SCREENSHOTS / name))  # type: ignore[attr-defined]


def test_registration_state_is_shown_with_clear_words(qtbot: QtBot, desk_factory: DeskFactory,
                                                      phone_server: ServerProcess) -> None:
    desk = registered_desk(qtbot, desk_factory, phone_server)
    sp = phone(desk)
    assert sp.status.text() == "Phone: ready"
    assert "Phone: ready" in sp.panel.status_label.text()
    assert sp.dock.isVisible()


def test_unreachable_sip_server_is_explained_and_retried(
        qtbot: QtBot, desk_factory: DeskFactory, server_factory: Callable[..., ServerProcess]) -> None:
    from tests.fixtures.ports import free_port

    server = server_factory(HUITONG_SIP_DOMAIN=f"127.0.0.1:{free_port()}", HUITONG_SIP_TRANSPORT="tcp")
    desk = desk_factory(server.url)
    sign_in(qtbot, desk)
    qtbot.waitUntil(lambda: desk.softphone is not None and desk.softphone.phone.state == "failed",
                    timeout=45000)
    text = phone(desk).status.text()
    assert "cannot be reached" in text
    assert "Retrying in" in text


def test_known_caller_pops_before_answer_then_answer_hold_resume_hangup_lands_on_timeline(
        qtbot: QtBot, desk_factory: DeskFactory, phone_server: ServerProcess, kamailio: Kamailio,
        peers: Callable[[str], PeerProcess]) -> None:
    customer_id, name, number = customer_with_phone(phone_server)
    desk = registered_desk(qtbot, desk_factory, phone_server)
    sp = phone(desk)
    page = desk.window.customers_page
    assert page is not None
    caller = peers(number)
    caller.send(f"call sip:agent1@{kamailio.domain}")
    qtbot.waitUntil(lambda: page.panel.customer is not None and page.panel.customer.id == customer_id,
                    timeout=10000)
    # Before the agent answers: the caller's customer and timeline are on screen and the line still rings.
    line = next(iter(sp.phone.lines.values()))
    assert line.ringing
    assert line.answered_at is None
    assert page.panel.name_label.text() == name
    assert page.panel.model.rowCount() > 0
    assert page.isVisible()
    assert sp.toast.isVisible()
    qtbot.waitUntil(lambda: sp.toast.customer_label.text() == name, timeout=5000)
    assert sp.last_pop_ms is not None
    seen = {getattr(e, "seq", 0) for e in timeline_events(desk)}
    desk.window.resize(1400, 860)
    save(desk.window, "softphone_ringing_pop.png")
    save(sp.toast, "softphone_toast.png")

    sp.panel.answer_button.click()
    caller.expect("state CONFIRMED")
    qtbot.waitUntil(lambda: line.talking and not sp.toast.isVisible(), timeout=5000)
    assert sp.panel.hold_button.isEnabled()
    sp.panel.hold_button.click()
    caller.expect("media held")
    qtbot.waitUntil(sp.panel.resume_button.isEnabled, timeout=5000)
    assert "On hold" in sp.panel.line_list.item(0).text()
    save(sp.panel, "softphone_panel_on_hold.png")
    sp.panel.resume_button.click()
    caller.expect("media active")
    sp.panel.hangup_button.click()
    caller.expect("disconnected")
    qtbot.waitUntil(lambda: not sp.phone.lines, timeout=5000)

    def call_event() -> object | None:
        return next((e for e in timeline_events(desk) if getattr(e, "kind", "") == "call"
                     and getattr(e, "seq", 0) > 0 and getattr(e, "seq", 0) not in seen), None)

    qtbot.waitUntil(lambda: call_event() is not None, timeout=15000)
    event = call_event()
    payload = event.payload  # type: ignore[attr-defined]
    assert payload["direction"] == "inbound"
    assert payload["remote_number"] == number
    assert payload["outcome"] == "answered"
    assert payload["agent"] == "agent1"
    assert payload["answered_at"]
    assert payload["ended_at"] >= payload["answered_at"]
    assert event.client_id  # type: ignore[attr-defined]
    # the server has exactly this one call for the customer
    r = requests.get(f"{phone_server.url}/api/v1/customers/{customer_id}/timeline",
                     headers=rest_headers(phone_server, "agent2"), timeout=10)
    calls = [e for e in r.json()["items"] if e["kind"] == "call" and e["author_name"]]
    assert len([e for e in calls if e["client_id"] == event.client_id]) == 1  # type: ignore[attr-defined]

    # the Calls page lists it; double-click would redial the number
    qtbot.waitUntil(lambda: any(e.record.remote_number == number and e.record.outcome == "answered"
                                and not e.pending for e in sp.history.entries), timeout=15000)
    desk.window.show_page(Page.CALLS)
    save(desk.window, "softphone_history.png")


def test_unknown_number_shows_prefilled_card_and_creates_the_customer(
        qtbot: QtBot, desk_factory: DeskFactory, phone_server: ServerProcess, kamailio: Kamailio,
        peers: Callable[[str], PeerProcess]) -> None:
    number = "+8613912345670"
    assert not rest_customers(phone_server, number)
    desk = registered_desk(qtbot, desk_factory, phone_server)
    sp = phone(desk)
    caller = peers(number)
    caller.send(f"call sip:agent1@{kamailio.domain}")
    qtbot.waitUntil(sp.card.isVisible, timeout=10000)
    assert sp.card.number_edit.text() == "+86 139 1234 5670"
    assert sp.toast.customer_label.text() == "New caller — no customer has this number"
    save(desk.window, "softphone_new_caller.png")
    sp.card.create_customer()  # no name yet: refused with a clear message, nothing created
    assert sp.card.error.text() == "Type the caller's name first."
    assert not rest_customers(phone_server, number)
    sp.card.name_edit.setText("Zhou Min")
    sp.card.create_button.click()
    page = desk.window.customers_page
    assert page is not None
    qtbot.waitUntil(lambda: page.panel.customer is not None
                    and page.panel.customer.display_name == "Zhou Min", timeout=10000)
    created = rest_customers(phone_server, number)
    assert [c["display_name"] for c in created] == ["Zhou Min"]
    sp.toast.reject_button.click()
    assert caller.expect("disconnected").endswith("486")

    def rejected_event() -> object | None:
        return next((e for e in timeline_events(desk) if getattr(e, "kind", "") == "call"), None)

    qtbot.waitUntil(lambda: rejected_event() is not None, timeout=15000)
    assert rejected_event().payload["outcome"] == "rejected"  # type: ignore[attr-defined]


def test_interaction_header_wins_over_the_number(qtbot: QtBot, desk_factory: DeskFactory,
                                                 phone_server: ServerProcess, kamailio: Kamailio,
                                                 peers: Callable[[str], PeerProcess]) -> None:
    _, _, number = customer_with_phone(phone_server)
    other = next(c for c in rest_customers(phone_server)
                 if all(i["value"] != number for i in c["identities"]))  # type: ignore[attr-defined]
    r = requests.post(f"{phone_server.url}/api/v1/interactions",
                      json={"client_id": str(uuid.uuid4()), "channel": "voice", "customer_id": other["id"]},
                      headers=rest_headers(phone_server, "agent2"), timeout=10)
    r.raise_for_status()
    desk = registered_desk(qtbot, desk_factory, phone_server)
    page = desk.window.customers_page
    assert page is not None
    caller = peers(number)
    caller.send(f"call sip:agent1@{kamailio.domain} X-Interaction-Id: {r.json()['id']}")
    qtbot.waitUntil(lambda: page.panel.customer is not None and page.panel.customer.id == other["id"],
                    timeout=10000)
    # the keyboard, with focus anywhere in the window: Ctrl+Shift+A answers, Ctrl+Shift+H hangs up
    assert "Ctrl+Shift+A" in phone(desk).panel.answer_button.toolTip()
    desk.window.activateWindow()
    qtbot.waitUntil(desk.window.isActiveWindow, timeout=5000)
    chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    focus = page.search  # a widget in another part of the window than the softphone
    qtbot.keyClick(focus, Qt.Key.Key_A, chord)
    caller.expect("state CONFIRMED")
    qtbot.waitUntil(lambda: any(x.talking for x in phone(desk).phone.lines.values()), timeout=5000)
    qtbot.keyClick(focus, Qt.Key.Key_H, chord)
    caller.expect("disconnected")
    qtbot.waitUntil(lambda: not phone(desk).phone.lines, timeout=5000)


def test_click_to_dial_from_the_customer_panel_calls_the_number(
        qtbot: QtBot, desk_factory: DeskFactory, phone_server: ServerProcess,
        peers: Callable[[str], PeerProcess]) -> None:
    customer_id, _, number = customer_with_phone(phone_server)
    callee = peers(number)
    desk = registered_desk(qtbot, desk_factory, phone_server)
    page = desk.window.customers_page
    assert page is not None
    page.panel.open_customer(customer_id)
    qtbot.waitUntil(lambda: page.panel.customer is not None and page.panel.customer.id == customer_id,
                    timeout=10000)
    from PySide6.QtWidgets import QLabel

    chips = [c for c in page.panel.identities.findChildren(QLabel) if c.property("phoneNumber") == number]
    assert chips, "the phone number is shown as a link"
    chips[0].linkActivated.emit(f"tel:{number}")
    callee.expect("incoming")
    sp = phone(desk)
    qtbot.waitUntil(lambda: any(x.direction == "outbound" for x in sp.phone.lines.values()), timeout=5000)
    assert sp.panel.line_list.count() == 1
    sp.panel.hangup_button.click()
    callee.expect("disconnected")
    qtbot.waitUntil(lambda: not sp.phone.lines, timeout=5000)


def test_blind_transfer_from_the_panel_hands_the_caller_over_and_records_transferred(
        qtbot: QtBot, desk_factory: DeskFactory, phone_server: ServerProcess, kamailio: Kamailio,
        peers: Callable[..., PeerProcess]) -> None:
    _, _, number = customer_with_phone(phone_server)
    expert = peers("expert", answer_after=0.05)
    desk = registered_desk(qtbot, desk_factory, phone_server)
    sp = phone(desk)
    assert sp.panel.transfer_button.isVisible() or not desk.window.isVisible()
    assert "Ctrl+Shift+T" in sp.panel.transfer_button.toolTip()
    caller = peers(number)
    caller.send(f"call sip:agent1@{kamailio.domain}")
    qtbot.waitUntil(lambda: any(x.ringing for x in sp.phone.lines.values()), timeout=10000)
    sp.panel.answer_button.click()
    caller.expect("media active")
    qtbot.waitUntil(sp.panel.transfer_button.isEnabled, timeout=5000)
    sp.panel.number_edit.setText("expert")
    sp.panel.transfer_button.click()
    assert "expert@" in caller.expect("refer")
    expert.expect("state CONFIRMED")
    qtbot.waitUntil(lambda: not sp.phone.lines, timeout=10000)
    qtbot.waitUntil(lambda: any(e.record.outcome == "transferred" for e in sp.history.entries), timeout=15000)
    expert.send("hangup")


def test_a_recorded_call_is_uploaded_and_named_on_the_timeline_and_leaves_the_desk(
        qtbot: QtBot, desk_factory: DeskFactory, server_factory: Callable[..., ServerProcess],
        kamailio: Kamailio, peers: Callable[[str], PeerProcess]) -> None:
    server = server_factory(HUITONG_SIP_DOMAIN=kamailio.domain, HUITONG_RECORD_CALLS="1")
    customer_id, _, number = customer_with_phone(server)
    desk = registered_desk(qtbot, desk_factory, server)
    sp = phone(desk)
    caller = peers(number)
    caller.send(f"call sip:agent1@{kamailio.domain}")
    qtbot.waitUntil(lambda: any(x.ringing for x in sp.phone.lines.values()), timeout=10000)
    sp.panel.answer_button.click()
    caller.expect("state CONFIRMED")
    qtbot.wait(1500)
    sp.panel.hangup_button.click()
    caller.expect("disconnected")

    def recorded_call() -> dict[str, object] | None:
        r = requests.get(f"{server.url}/api/v1/customers/{customer_id}/timeline",
                         headers=rest_headers(server, "agent1"), timeout=10)
        return next((e["payload"] for e in r.json()["items"] if e["kind"] == "call"
                     and e["payload"].get("recording")), None)

    qtbot.waitUntil(lambda: recorded_call() is not None, timeout=15000)
    payload = recorded_call()
    assert payload is not None
    recording_id = str(payload["recording"])
    assert "/" not in recording_id  # an id the server knows, never the agent's local path

    def uploaded() -> requests.Response:
        return requests.get(f"{server.url}/api/v1/recordings/{recording_id}/info",
                            headers=rest_headers(server, "agent1"), timeout=10)

    qtbot.waitUntil(lambda: uploaded().status_code == 200, timeout=20000)
    assert uploaded().json()["duration_seconds"] >= 1.0
    folder = sp.phone._data_dir / "recordings"
    qtbot.waitUntil(lambda: not (folder / f"{recording_id}.wav").exists(), timeout=5000)
    other = requests.get(f"{server.url}/api/v1/recordings/{recording_id}",
                         headers=rest_headers(server, "agent2"), timeout=10)
    assert other.status_code == 403

    # the Calls page plays it back: fetched from the server, handed to the system's player
    desk.window.show_page(Page.CALLS)
    history = sp.history
    qtbot.waitUntil(lambda: any(e.record.recording == recording_id and not e.pending
                                for e in history.entries), timeout=15000)
    row = next(i for i, e in enumerate(history.entries) if e.record.recording == recording_id)
    assert "recorded" in history.list.item(row).text()
    history.list.setCurrentRow(row)
    assert history.play_button.isEnabled()
    opener = FileOpener()
    QDesktopServices.setUrlHandler("file", opener, "open")  # type: ignore[arg-type]
    try:
        qtbot.mouseClick(history.play_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(opener.paths) == 1, timeout=10000)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert opener.paths[0].read_bytes()[:4] == b"RIFF"
    assert opener.paths[0].stat().st_size >= 16000  # at least a second of 8 kHz 16-bit audio
