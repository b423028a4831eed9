"""The ringer device and hot-plug, on real pjsua2 sound ports (the file cards of test_ringer_sound_cards).

The ringtone (440 + 480 Hz) must come out of the chosen ringer and not the speaker; a call whose
headset is pulled out carries on through the remaining device (moved by the device's error event, not
by polling), and goes back when it is plugged in; a call with no device change is never interrupted.
"""

from __future__ import annotations

import time

from app.telephony import events as ev
from app.telephony.device_watch import WATCH_SECONDS
from tests.telephony.audio_check import tone_level
from tests.telephony.conftest import OUR_HZ
from tests.telephony.desk_cards import (  # noqa: F401 - the two fixtures: cards, desk
    ABSENT,
    HEADSET,
    PEER_HZ,
    PRESENT,
    RING_HZ,
    RINGER,
    SPEAKERS,
    cards_fixture,
    desk_fixture,
    registered_engine,
)
from tests.telephony.test_audio import peer_records
from tests.telephony.test_ringer_sound_cards import CLOCK_RATE, FileSoundCards, level


def heard(cards: FileSoundCards, name: str, seconds: float = 0.8) -> object:
    cards.take(name)
    time.sleep(seconds)
    return cards.take(name)


def rings(samples) -> bool:
    return all(level(samples, hz) > PRESENT for hz in RING_HZ)


def silent(samples) -> bool:
    return len(samples) < 4000 or all(level(samples, hz) < ABSENT for hz in RING_HZ)


def test_the_ringtone_plays_on_the_ringer_device_and_not_on_the_speaker(desk, cards):
    eng, log = desk
    eng.set_devices(capture=SPEAKERS, playback=SPEAKERS, ringer=RINGER).result(5)
    eng.play_ringtone().result(5)
    ringer, speaker = heard(cards, RINGER), cards.take(SPEAKERS)
    assert rings(ringer)
    assert silent(speaker)
    eng.stop_ringtone().result(5)
    assert silent(heard(cards, RINGER, 0.5))  # the ringer device is closed again
    assert not any(isinstance(e, ev.AudioDeviceDidFallBack | ev.CommandDidFail) for e in log.events[3:])


def test_a_ringer_that_is_the_playback_device_or_missing_rings_on_the_speaker(desk, cards):
    eng, log = desk
    eng.set_devices(capture=SPEAKERS, playback=SPEAKERS, ringer=SPEAKERS).result(5)
    eng.play_ringtone().result(5)
    assert rings(heard(cards, SPEAKERS))
    eng.stop_ringtone().result(5)
    eng.set_devices(ringer="Bluetooth Bell").result(5)
    notice = log.wait_for(ev.AudioDeviceDidFallBack, lambda e: e.role == "ringer")
    assert (notice.wanted, notice.used) == ("Bluetooth Bell", "the playback device")
    eng.play_ringtone().result(5)
    assert rings(heard(cards, SPEAKERS))
    assert silent(cards.take(RINGER))


def test_a_ringer_pulled_out_while_ringing_rings_on_the_speaker(desk, cards):
    eng, log = desk
    eng.set_devices(capture=SPEAKERS, playback=SPEAKERS, ringer=RINGER).result(5)
    eng.play_ringtone().result(5)
    assert rings(heard(cards, RINGER))
    cards.unplug(RINGER)
    eng.refresh_devices().result(5)
    notice = log.wait_for(ev.AudioDeviceDidFallBack, lambda e: e.role == "ringer")
    assert notice.wanted == RINGER
    assert rings(heard(cards, SPEAKERS))


def test_a_call_moves_to_the_remaining_device_when_the_headset_is_pulled_and_back_when_plugged(
        desk, cards, peer_factory, tmp_path):
    eng, log = desk
    eng.set_devices(capture=HEADSET, playback=HEADSET).result(5)
    peer = peer_factory("peer", answer_after=0.05, tone=PEER_HZ)
    call_id = eng.dial("peer").result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
    peer.expect("media active")
    assert level(heard(cards, HEADSET), PEER_HZ) > PRESENT

    opens = cards.card(SPEAKERS).opens
    cards.unplug(HEADSET)  # nobody asks for a refresh: the headset's stream reports the error
    moved = log.wait_for(ev.AudioDeviceDidFallBack, lambda e: e.role == "playback" and e.wanted == HEADSET,
                         timeout=8)
    assert (moved.wanted, moved.used) == (HEADSET, SPEAKERS)
    mic_moved = log.wait_for(ev.AudioDeviceDidFallBack, lambda e: e.role == "capture" and e.wanted == HEADSET)
    assert (mic_moved.wanted, mic_moved.used) == (HEADSET, SPEAKERS)
    listed = log.wait_for(ev.DevicesDidChange, lambda e: HEADSET not in [d.name for d in e.devices])
    assert [d.name for d in listed.devices] == [SPEAKERS, RINGER]
    assert level(heard(cards, SPEAKERS), PEER_HZ) > PRESENT  # the customer is still heard
    assert tone_level(peer_records(peer, tmp_path / "peer.wav"), OUR_HZ) > PRESENT  # and hears the agent
    assert not any(isinstance(e, ev.CallDidEnd) for e in log.events)

    assert cards.card(SPEAKERS).opens == opens + 1  # moved once, by the error, not by polling

    cards.plug(HEADSET, 1, 1)  # mid-call it is offered, not forced: the agent picks it in the menu
    eng.set_devices(capture=HEADSET, playback=HEADSET).result(5)  # (after the call: by itself)
    log.wait_for(ev.DevicesDidChange, lambda e: HEADSET in [d.name for d in e.devices])
    time.sleep(0.3)
    assert level(heard(cards, HEADSET), PEER_HZ) > PRESENT  # the agent's choice is back in use
    assert not any(isinstance(e, ev.CallDidEnd) for e in log.events)


def test_a_call_with_no_device_change_never_closes_and_reopens_the_sound_device(desk, cards, peer_factory):
    eng, log = desk
    eng.set_devices(capture=HEADSET, playback=HEADSET).result(5)
    start = len(log.events)
    peer = peer_factory("peer", answer_after=0.05, tone=PEER_HZ)
    call_id = eng.dial("peer").result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
    peer.expect("media active")
    assert level(heard(cards, HEADSET), PEER_HZ) > PRESENT
    opens = cards.card(HEADSET).opens
    played = heard(cards, HEADSET, 3 * WATCH_SECONDS)  # three idle-poll periods of a call
    assert cards.card(HEADSET).opens == opens  # the stream was never closed and reopened
    assert len(played) > 0.9 * 3 * WATCH_SECONDS * CLOCK_RATE  # and played without gaps
    assert not any(isinstance(e, ev.AudioDeviceDidFallBack | ev.CallDidEnd) for e in log.events[start:])


def test_a_headset_plugged_in_while_idle_is_noticed_without_being_asked(desk, cards):
    eng, log = desk
    eng.set_devices(capture=SPEAKERS, playback=SPEAKERS).result(5)
    cards.plug("Second Headset", 1, 1)
    listed = log.wait_for(ev.DevicesDidChange, lambda e: "Second Headset" in [d.name for d in e.devices],
                          timeout=3 * WATCH_SECONDS)
    assert [d.name for d in listed.devices] == [SPEAKERS, RINGER, HEADSET, "Second Headset"]
