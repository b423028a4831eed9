"""The softphone's audio-device menu in the desk, on real pjmedia sound cards (the ctypes file cards of
tests/telephony/test_ringer_sound_cards.py) in the desk's own engine, a real server and Kamailio.

The agent picks microphone, speaker and ringer; the engine uses them at once; after a restart the
remembered names are given to the new engine, a missing one reads "(not connected)" and the fallback
is used until it is plugged in.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from app.ui.desk_controller import DeskController
from app.ui.softphone_devices_dialog import AudioDevicesDialog
from tests.fixtures.server import ServerProcess
from tests.telephony.kamailio import Kamailio
from tests.telephony.test_ringer_sound_cards import FileSoundCards
from tests.ui.conftest import DeskFactory, sign_in, wait_connected
from tests.ui.test_softphone import save

SPEAKERS, RINGER, HEADSET = "Built-in Audio", "Desk Ringer", "USB Headset"


@pytest.fixture
def phone_server(server_factory: Callable[..., ServerProcess], kamailio: Kamailio) -> ServerProcess:
    return server_factory(HUITONG_SIP_DOMAIN=kamailio.domain)


@pytest.fixture(autouse=True)
def _sound_cards_not_null(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUITONG_NULL_AUDIO", "0")  # the engine uses the sound cards the test plugs in


def carded_desk(qtbot: QtBot, desk_factory: DeskFactory, server: ServerProcess,
                cards: FileSoundCards, restart: bool = False) -> DeskController:
    desk = desk_factory(server.url)
    if restart:  # the remembered session signs in by itself
        qtbot.waitUntil(lambda: desk.agent is not None, timeout=15000)
    else:
        sign_in(qtbot, desk)
    wait_connected(qtbot, desk)
    qtbot.waitUntil(lambda: desk.softphone is not None and desk.softphone.phone.state == "registered",
                    timeout=20000)
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
