"""Audio devices on a machine with no sound card (null device): what can be checked here."""

from __future__ import annotations

import time

from app.telephony import devices
from app.telephony import events as ev
from tests.telephony.audio_check import tone_level
from tests.telephony.test_audio import OUR_HZ, PEER_HZ, PRESENT, _call, engine_records, peer_records

HEADSET = ev.AudioDevice(3, "Jabra EVOLVE 40 Mono", "ALSA", 1, 2)
SPEAKERS = ev.AudioDevice(4, "Built-in Audio Analog Stereo", "ALSA", 0, 2)
MIC = ev.AudioDevice(5, "Built-in Audio Microphone", "ALSA", 2, 0)


def test_devices_are_found_by_exact_name_then_prefix_and_only_for_what_they_can_do():
    found = (HEADSET, SPEAKERS, MIC)
    assert devices.find(found, "Jabra EVOLVE 40 Mono", "capture") == HEADSET
    assert devices.find(found, "jabra", "playback") == HEADSET
    assert devices.find(found, "Built-in Audio", "capture") == MIC       # the speakers cannot capture
    assert devices.find(found, "Built-in Audio", "playback") == SPEAKERS  # the microphone cannot play
    assert devices.find(found, "USB Headset", "capture") is None


def test_listing_and_refreshing_with_no_sound_card(engine):
    eng, log = engine
    assert eng.list_devices().result(5) == ()
    assert eng.refresh_devices().result(5) == ()
    assert log.wait_for(ev.DevicesDidChange).devices == ()


def test_unknown_device_names_fall_back_with_an_event_and_the_call_survives(tone_engine, peer_factory,
                                                                          tmp_path):
    eng, log, peer, call_id = _call(tone_engine, peer_factory)
    eng.set_devices(capture="USB Headset", playback="USB Headset", ringer="Desk Ringer").result(5)
    notices = {e.role: e for e in log.events if isinstance(e, ev.AudioDeviceDidFallBack)}
    assert set(notices) == {"capture", "playback", "ringer"}
    assert notices["capture"].wanted == "USB Headset"
    assert notices["capture"].used == "null device (no sound card)"
    assert notices["ringer"].used == "the playback device"
    # audio still crosses the call both ways after the switch
    assert tone_level(peer_records(peer, tmp_path / "peer.wav"), OUR_HZ) > PRESENT
    assert tone_level(engine_records(eng, log, call_id, tmp_path / "ours.wav"), PEER_HZ) > PRESENT
    assert not any(isinstance(e, ev.CallDidEnd) for e in log.events)


def test_ringtone_starts_and_stops_on_the_playback_device(engine):
    eng, log = engine
    eng.play_ringtone().result(5)
    eng.play_ringtone().result(5)  # already ringing: no second tone
    time.sleep(0.1)
    eng.stop_ringtone().result(5)
    eng.stop_ringtone().result(5)  # nothing to stop: fine
    assert not any(isinstance(e, ev.CommandDidFail) for e in log.events)


def test_the_agent_is_told_where_the_call_went_when_a_headset_is_pulled_and_about_a_missing_ringer():
    from app.ui.softphone_notices import device_fallback_text

    pulled = [ev.AudioDeviceDidFallBack(role, "USB Headset", "Built-in Audio")
              for role in ("capture", "playback")]
    texts = {device_fallback_text(e) for e in pulled}
    assert texts == {"“USB Headset” was disconnected: the call continues on “Built-in Audio”."}  # said once
    missing_ringer = ev.AudioDeviceDidFallBack("ringer", "Desk Ringer", "the playback device")
    assert device_fallback_text(missing_ringer) == (
        "The ringer “Desk Ringer” is not connected: calls ring on the speaker.")
    assert device_fallback_text(ev.AudioDeviceDidFallBack("playback", "Jabra", "default device")) == (
        "The speaker “Jabra” is not connected: the default one is used.")
    assert device_fallback_text(ev.AudioDeviceDidFallBack("capture", "default", devices.NULL_DEVICE)) == (
        "No microphone or speaker was found: calls connect, but without sound.")
