"""The desk of the sound-card tests (test_ringer, test_device_glitches): speakers, a ringer-only card and a
USB headset as file sound cards (test_ringer_sound_cards), and agent1's engine registered on them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.telephony import events as ev
from app.telephony.engine import SoftphoneEngine
from app.telephony.settings import SipAccount
from tests.telephony.audio_check import write_tone
from tests.telephony.conftest import OUR_HZ, EventLog
from tests.telephony.kamailio import Kamailio
from tests.telephony.test_ringer_sound_cards import FileSoundCards, carded_engine

RING_HZ = (440.0, 480.0)
PEER_HZ = 700.0
PRESENT, ABSENT = 1000.0, 100.0
SPEAKERS, RINGER, HEADSET = "Built-in Audio", "Desk Ringer", "USB Headset"


def registered_engine(cards: FileSoundCards, kamailio: Kamailio, tmp_path: Path,
                      ) -> tuple[SoftphoneEngine, EventLog]:
    log = EventLog()
    mic = write_tone(tmp_path / "mic-1khz.wav", OUR_HZ)
    eng = carded_engine(cards, log, capture_wav=str(mic))
    eng.register(SipAccount(username="agent1", password="", domain=kamailio.domain)).result(5)
    log.wait_for(ev.RegistrationDidChange, lambda e: e.state is ev.RegistrationState.REGISTERED)
    return eng, log


@pytest.fixture(name="cards")
def cards_fixture() -> FileSoundCards:
    cards = FileSoundCards()
    cards.plug(SPEAKERS, 1, 2)
    cards.plug(RINGER, 0, 1)
    cards.plug(HEADSET, 1, 1)
    return cards


@pytest.fixture(name="desk")
def desk_fixture(cards: FileSoundCards, kamailio: Kamailio, tmp_path: Path,
         ) -> Iterator[tuple[SoftphoneEngine, EventLog]]:
    eng, log = registered_engine(cards, kamailio, tmp_path)
    yield eng, log
    eng.stop()
