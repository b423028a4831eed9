"""No sound card and no HUITONG_NULL_AUDIO: the engine takes the null device by itself and says so.

Before, pjsua opened the default sound device at the first call and `dial` failed with
PJMEDIA_EAUD_NODEFDEV unless the client was started with HUITONG_NULL_AUDIO=1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.telephony import devices
from app.telephony import events as ev
from app.telephony.engine import SoftphoneEngine
from app.telephony.settings import EngineSettings, SipAccount
from tests.telephony.audio_check import tone_level, write_tone
from tests.telephony.conftest import OUR_HZ, EventLog
from tests.telephony.kamailio import Kamailio
from tests.telephony.test_audio import PEER_HZ, PRESENT, engine_records, peer_records


@pytest.fixture
def soundless_engine(kamailio: Kamailio, tmp_path: Path) -> Iterator[tuple[SoftphoneEngine, EventLog]]:
    """An engine NOT told to use the null device, on a machine without sound devices."""
    log = EventLog()
    mic = write_tone(tmp_path / "mic-1khz.wav", OUR_HZ)
    eng = SoftphoneEngine(EngineSettings(null_audio=False, capture_wav=str(mic)), log)
    eng.start()
    if eng.list_devices().result(5):
        eng.stop()
        pytest.skip("this machine has sound devices: the no-sound-card fallback cannot happen here")
    eng.register(SipAccount(username="agent1", password="", domain=kamailio.domain)).result(5)
    log.wait_for(ev.RegistrationDidChange, lambda e: e.state is ev.RegistrationState.REGISTERED)
    yield eng, log
    eng.stop()


def test_no_sound_card_falls_back_to_the_null_device_with_notices_and_calls_work(
        soundless_engine, peer_factory, tmp_path):
    eng, log = soundless_engine
    notices = [e for e in log.events if isinstance(e, ev.AudioDeviceDidFallBack)]
    assert {(n.role, n.wanted, n.used) for n in notices} == {
        ("capture", devices.DEFAULT_NAME, devices.NULL_DEVICE),
        ("playback", devices.DEFAULT_NAME, devices.NULL_DEVICE),
    }
    peer = peer_factory("peer", answer_after=0.05, tone=PEER_HZ)
    call_id = eng.dial("peer").result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
    peer.expect("media active")
    assert tone_level(peer_records(peer, tmp_path / "peer.wav"), OUR_HZ) > PRESENT
    assert tone_level(engine_records(eng, log, call_id, tmp_path / "ours.wav"), PEER_HZ) > PRESENT
    assert not any(isinstance(e, ev.CommandDidFail) for e in log.events)


def test_an_inbound_call_rings_and_connects_without_a_sound_card(soundless_engine, peer_factory, kamailio):
    eng, log = soundless_engine
    peer = peer_factory("caller", answer_after=None)
    peer.send(f"call sip:agent1@{kamailio.domain}")
    arrived = log.wait_for(ev.CallDidArrive)
    eng.answer(arrived.call_id).result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == arrived.call_id)
    peer.expect("state CONFIRMED")
