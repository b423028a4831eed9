"""The softphone's audio-device menu in the desk, on real pjmedia sound cards (the ctypes file cards of
tests/telephony/test_ringer_sound_cards.py) in the desk's own engine, a real server and Kamailio.

The agent picks microphone, speaker and ringer; the engine uses them at once; after a restart the
remembered names are given to the new engine, a missing one reads "(not connected)" and the fallback
is used until it is plugged in. The "no sound card" notice is taken back when one appears; a ringer
pulled out while a call rings is said at once; the menu opened during a call never pauses its sound.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from app.telephony.device_watch import WATCH_SECONDS
from app.ui.desk_controller import DeskController
from app.ui.softphone_devices_dialog import AudioDevicesDialog
from tests.fixtures.server import ServerProcess
from tests.telephony.conftest import PeerProcess
from tests.telephony.kamailio import Kamailio
from tests.telephony.test_ringer_sound_cards import FileSoundCards, level
from tests.ui.conftest import DeskFactory
from tests.ui.phone_steps import (  # noqa: F401 - the fixtures peers, phone_server
    peers_fixture,
    phone_server_fixture,
    registered_desk,
)
from tests.ui.test_softphone import save

SPEAKERS, RINGER, HEADSET = "Built-in Audio", "Desk Ringer", "USB Headset"


@pytest.fixture(autouse=True)
def _sound_cards_not_null(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUITONG_NULL_AUDIO", "0")  # the engine uses the sound cards the test plugs in
    monkeypatch.setenv("HUITONG_SYSTEM_SOUND", "0")  # and no ALSA driver (EngineSettings.system_sound)


def carded_desk(qtbot: QtBot, desk_factory: DeskFactory, server: ServerProcess,
                cards: FileSoundCards, restart: bool = False) -> DeskController:
    desk = registered_desk(qtbot, desk_factory, server, restart)
    engine = desk.softphone.phone.engine  # type: ignore[union-attr]
    assert engine is not None
    engine._submit(cards.install).result(5)  # the sound cards appear, as after a driver load
    return desk


def items(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def pick(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, items(combo)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)  # what a click on the item sends


def in_use(desk: DeskController) -> dict[str, str]:
    engine = desk.softphone.phone.engine  # type: ignore[union-attr]
    watch = engine._device_watch  # type: ignore[union-attr]
    ringer = engine._book.router.ringer.name  # type: ignore[union-attr]
    return {**watch.in_use, "ringer": ringer}


def open_menu(qtbot: QtBot, desk: DeskController, wanted: str) -> AudioDevicesDialog:
    panel = desk.softphone.panel  # type: ignore[union-attr]
    panel.devices_button.click()
    dialog = panel.devices_dialog
    assert dialog is not None
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: wanted in items(dialog.combos["playback"]), timeout=5000)
    return dialog


def test_devices_are_chosen_from_the_panel_and_remembered_by_name_across_restarts(
        qtbot: QtBot, desk_factory: DeskFactory, phone_server: ServerProcess) -> None:
    cards = FileSoundCards()
    for name, inputs, outputs in ((SPEAKERS, 1, 2), (RINGER, 0, 1), (HEADSET, 1, 1)):
        cards.plug(name, inputs, outputs)
    desk = carded_desk(qtbot, desk_factory, phone_server, cards)
    dialog = open_menu(qtbot, desk, HEADSET)
    assert items(dialog.combos["capture"]) == ["System default", SPEAKERS, HEADSET]  # the ringer has no mic
    assert items(dialog.combos["ringer"]) == ["Same as the speaker", SPEAKERS, RINGER, HEADSET]
    pick(dialog.combos["capture"], HEADSET)
    pick(dialog.combos["playback"], HEADSET)
    pick(dialog.combos["ringer"], RINGER)
    qtbot.waitUntil(lambda: in_use(desk) == {"capture": HEADSET, "playback": HEADSET, "ringer": RINGER},
                    timeout=5000)
    assert [desk.settings.audio_device(r) for r in ("capture", "playback", "ringer")] == [
        HEADSET, HEADSET, RINGER]
    save(dialog, "softphone-audio-devices.png")
    save(desk.softphone.panel, "softphone-panel-audio-devices-button.png")  # type: ignore[union-attr]
    desk.shutdown()
    desk.window.close()

    # the next start: the headset is not plugged in
    cards = FileSoundCards()
    cards.plug(SPEAKERS, 1, 2)
    cards.plug(RINGER, 0, 1)
    desk = carded_desk(qtbot, desk_factory, phone_server, cards, restart=True)
    dialog = open_menu(qtbot, desk, SPEAKERS)
    assert dialog.combos["capture"].currentText() == f"{HEADSET} (not connected)"
    assert dialog.combos["playback"].currentText() == f"{HEADSET} (not connected)"
    assert dialog.combos["ringer"].currentText() == RINGER
    qtbot.waitUntil(lambda: in_use(desk) == {"capture": SPEAKERS, "playback": SPEAKERS, "ringer": RINGER},
                    timeout=5000)  # the fallback meanwhile
    save(dialog, "softphone-audio-devices-missing.png")

    cards.plug(HEADSET, 1, 1)
    desk.softphone.panel.devices.refresh()  # type: ignore[union-attr]  # or the idle watch, within seconds
    qtbot.waitUntil(lambda: dialog.combos["capture"].currentText() == HEADSET, timeout=5000)
    qtbot.waitUntil(lambda: in_use(desk)["capture"] == HEADSET and in_use(desk)["playback"] == HEADSET,
                    timeout=5000)  # the remembered headset is used as soon as it is there


NO_SOUND = "No microphone or speaker was found: calls connect, but without sound."
SOUND_BACK = "A microphone and a speaker were found: calls have sound again."


def rings_on(cards: FileSoundCards, name: str) -> bool:
    cards.take(name)
    time.sleep(0.6)
    played = cards.take(name)
    return len(played) > 4000 and level(played, 440) > 1000 and level(played, 480) > 1000


def test_the_no_sound_card_notice_is_taken_back_as_soon_as_one_is_plugged_in(
        qtbot: QtBot, desk_factory: DeskFactory, phone_server: ServerProcess) -> None:
    cards = FileSoundCards()  # the phone starts on a machine with no sound card
    desk = carded_desk(qtbot, desk_factory, phone_server, cards)
    panel = desk.softphone.panel  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: panel.feedback.text() == NO_SOUND, timeout=5000)

    cards.plug(SPEAKERS, 1, 2)  # nobody restarts anything: the idle rescan sees it
    qtbot.waitUntil(lambda: panel.feedback.text() == SOUND_BACK, timeout=int(3 * WATCH_SECONDS * 1000))
    assert in_use(desk) == {"capture": SPEAKERS, "playback": SPEAKERS, "ringer": ""}
    engine = desk.softphone.phone.engine  # type: ignore[union-attr]
    assert engine is not None
    engine.play_ringtone().result(5)
    assert rings_on(cards, SPEAKERS)  # and it is used
    engine.stop_ringtone().result(5)
    save(panel, "softphone-sound-card-found.png")

    cards.unplug(SPEAKERS)  # gone again: said again (not swallowed as already said)
    qtbot.waitUntil(lambda: panel.feedback.text() == NO_SOUND, timeout=int(3 * WATCH_SECONDS * 1000))


def test_a_ringer_pulled_while_a_call_rings_is_said_at_once_and_the_menu_in_a_call_keeps_the_sound(
        qtbot: QtBot, desk_factory: DeskFactory, phone_server: ServerProcess, kamailio: Kamailio,
        peers: Callable[..., PeerProcess]) -> None:
    cards = FileSoundCards()
    for name, inputs, outputs in ((SPEAKERS, 1, 2), (RINGER, 0, 1), (HEADSET, 1, 1)):
        cards.plug(name, inputs, outputs)
    desk = carded_desk(qtbot, desk_factory, phone_server, cards)
    sp = desk.softphone
    assert sp is not None
    dialog = open_menu(qtbot, desk, HEADSET)
    pick(dialog.combos["capture"], HEADSET)
    pick(dialog.combos["playback"], HEADSET)
    pick(dialog.combos["ringer"], RINGER)
    qtbot.waitUntil(lambda: in_use(desk) == {"capture": HEADSET, "playback": HEADSET, "ringer": RINGER},
                    timeout=5000)
    dialog.close()

    caller = peers("5550177")
    caller.send(f"call sip:agent1@{kamailio.domain}")
    qtbot.waitUntil(lambda: any(line.ringing for line in sp.phone.lines.values()), timeout=10000)
    qtbot.waitUntil(lambda: rings_on(cards, RINGER), timeout=5000)
    cards.unplug(RINGER)
    ringer_gone = "The ringer “Desk Ringer” is not connected: calls ring on the speaker."
    qtbot.waitUntil(lambda: sp.panel.feedback.text() == ringer_gone, timeout=int(WATCH_SECONDS * 1000))
    assert rings_on(cards, HEADSET)  # the call still rings, now in the headset

    sp.panel.answer_button.click()
    caller.expect("state CONFIRMED")
    qtbot.waitUntil(lambda: all(line.talking for line in sp.phone.lines.values()), timeout=5000)
    opens = cards.card(HEADSET).opens
    dialog = open_menu(qtbot, desk, HEADSET)  # during the call: the list as it was, no rescan
    assert "During a call the list is not rescanned" in dialog.hint.text()
    assert dialog.combos["ringer"].currentText() == f"{RINGER} (not connected)"  # pulled while ringing
    pick(dialog.combos["playback"], HEADSET)  # the device in use, picked again
    qtbot.wait(1000)
    assert cards.card(HEADSET).opens == opens  # the call's sound never paused
    save(dialog, "softphone-audio-devices-in-call.png")
