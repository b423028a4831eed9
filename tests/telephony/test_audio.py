"""Audio checked for real: tones cross a real call both ways, by FFT of WAV recordings.

Our engine's "microphone" is a looped 1 kHz WAV (EngineSettings.capture_wav), the peer plays
440 Hz from a ToneGenerator; both sides record. No sound card: null audio device + bridge ports.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.telephony import events as ev
from tests.telephony.audio_check import tone_level
from tests.telephony.conftest import OUR_HZ

PEER_HZ, OTHER_HZ = 440.0, 1700.0
PRESENT, ABSENT = 1000.0, 100.0  # amplitudes: the tones are sent at ~8000


def peer_records(peer, path: Path, seconds: float = 0.8) -> Path:
    peer.send(f"record {path}")
    time.sleep(seconds)
    peer.send("stoprecord")
    peer.expect(f"recorded {path}")
    return path


def engine_records(eng, log, call_id: int, path: Path, seconds: float = 0.8) -> Path:
    eng.start_recording(call_id, str(path)).result(5)
    time.sleep(seconds)
    eng.stop_recording(call_id).result(5)
    done = log.wait_for(ev.RecordingDidFinish, lambda e: e.path == str(path))
    assert done.call_id == call_id
    return path


def _call(tone_engine, peer_factory, user="peer", hz=PEER_HZ):
    eng, log = tone_engine
    peer = peer_factory(user, answer_after=0.05, tone=hz)
    call_id = eng.dial(user).result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
    peer.expect("media active")
    return eng, log, peer, call_id


def test_tones_cross_the_call_both_ways(tone_engine, peer_factory, tmp_path):
    eng, log, peer, call_id = _call(tone_engine, peer_factory)
    heard_by_peer = peer_records(peer, tmp_path / "peer.wav")
    assert tone_level(heard_by_peer, OUR_HZ) > PRESENT
    assert tone_level(heard_by_peer, PEER_HZ) < ABSENT  # the peer's own tone is not echoed back
    ours = engine_records(eng, log, call_id, tmp_path / "ours.wav")
    assert tone_level(ours, PEER_HZ) > PRESENT   # what the customer says
    assert tone_level(ours, OUR_HZ) > PRESENT    # what the agent says: both directions in one file


def test_mute_silences_the_agent_and_unmute_restores_it(tone_engine, peer_factory, tmp_path):
    eng, _log, peer, call_id = _call(tone_engine, peer_factory)
    eng.set_mute(call_id, True).result(5)
    muted = peer_records(peer, tmp_path / "muted.wav")
    assert tone_level(muted, OUR_HZ) < ABSENT
    eng.set_mute(call_id, False).result(5)
    unmuted = peer_records(peer, tmp_path / "unmuted.wav")
    assert tone_level(unmuted, OUR_HZ) > PRESENT


def test_hold_stops_the_audio_and_resume_brings_it_back(tone_engine, peer_factory, tmp_path):
    eng, log, peer, call_id = _call(tone_engine, peer_factory)
    eng.hold(call_id).result(5)
    peer.expect("media held")
    held = peer_records(peer, tmp_path / "held.wav")
    assert tone_level(held, OUR_HZ) < ABSENT
    ours_held = engine_records(eng, log, call_id, tmp_path / "ours-held.wav")
    assert tone_level(ours_held, PEER_HZ) < ABSENT
    eng.resume(call_id).result(5)
    peer.expect("media active")
    resumed = peer_records(peer, tmp_path / "resumed.wav")
    assert tone_level(resumed, OUR_HZ) > PRESENT


def test_conference_bridges_both_customers_and_split_separates_them(tone_engine, peer_factory, tmp_path):
    eng, log, first_peer, first = _call(tone_engine, peer_factory, "customer", PEER_HZ)
    eng.hold(first).result(5)
    second_peer = peer_factory("expert", answer_after=0.05, tone=OTHER_HZ)
    second = eng.dial("expert").result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == second)
    second_peer.expect("media active")
    before = peer_records(second_peer, tmp_path / "before.wav")
    assert tone_level(before, PEER_HZ) < ABSENT  # the held customer is not heard by the expert

    eng.conference(first, second).result(5)
    changed = log.wait_for(ev.ConferenceDidChange, lambda e: e.call_ids)
    assert changed.call_ids == tuple(sorted((first, second)))
    first_peer.expect("media active")  # resumed for the conference
    expert_hears = peer_records(second_peer, tmp_path / "expert.wav")
    customer_hears = peer_records(first_peer, tmp_path / "customer.wav")
    assert tone_level(expert_hears, PEER_HZ) > PRESENT    # customer → expert
    assert tone_level(expert_hears, OUR_HZ) > PRESENT     # agent → expert
    assert tone_level(customer_hears, OTHER_HZ) > PRESENT  # expert → customer
    assert tone_level(customer_hears, OUR_HZ) > PRESENT

    eng.split().result(5)
    log.wait_for(ev.ConferenceDidChange, lambda e: e.call_ids == ())
    expert_after = peer_records(second_peer, tmp_path / "expert-after.wav")
    assert tone_level(expert_after, PEER_HZ) < ABSENT
    assert tone_level(expert_after, OUR_HZ) > PRESENT  # still talking to the agent


def test_recording_finishes_by_itself_when_the_call_ends(tone_engine, peer_factory, tmp_path):
    eng, log, peer, call_id = _call(tone_engine, peer_factory)
    path = tmp_path / "whole-call.wav"
    eng.start_recording(call_id, str(path)).result(5)
    log.wait_for(ev.RecordingDidStart, lambda e: e.call_id == call_id)
    time.sleep(0.8)
    peer.send("hangup")
    log.wait_for(ev.CallDidEnd, lambda e: e.call_id == call_id)
    done = log.wait_for(ev.RecordingDidFinish, lambda e: e.call_id == call_id)
    assert done.path == str(path)
    assert tone_level(path, PEER_HZ) > PRESENT
    assert tone_level(path, OUR_HZ) > PRESENT


def test_recording_refuses_a_bad_path_and_a_second_recorder(tone_engine, peer_factory, tmp_path):
    eng, log, _peer, call_id = _call(tone_engine, peer_factory)
    with pytest.raises(ValueError, match="folder does not exist"):
        eng.start_recording(call_id, str(tmp_path / "missing" / "x.wav")).result(5)
    with pytest.raises(ValueError, match=r"must end in \.wav"):
        eng.start_recording(call_id, str(tmp_path / "x.mp3")).result(5)
    with pytest.raises(RuntimeError, match="is not being recorded"):
        eng.stop_recording(call_id).result(5)
    eng.start_recording(call_id, str(tmp_path / "a.wav")).result(5)
    with pytest.raises(RuntimeError, match="already being recorded"):
        eng.start_recording(call_id, str(tmp_path / "b.wav")).result(5)
    eng.stop_recording(call_id).result(5)
    log.wait_for(ev.RecordingDidFinish, lambda e: e.call_id == call_id)
    assert not (tmp_path / "b.wav").exists()


def test_call_quality_reports_codec_and_a_good_mos_on_loopback(tone_engine, peer_factory):
    eng, _log, _peer, call_id = _call(tone_engine, peer_factory)
    time.sleep(1.0)  # some RTP (and, with luck, an RTCP report) has flowed
    quality = eng.call_quality(call_id).result(5)
    assert quality.call_id == call_id
    assert quality.codec == "G722/16000"  # our first choice, offered and accepted
    assert quality.loss_percent == 0.0
    assert 0.0 <= quality.jitter_ms < 20.0
    assert quality.rtt_ms >= 0.0
    assert quality.mos > 4.3
    with pytest.raises(KeyError):
        eng.call_quality(call_id + 1).result(5)
