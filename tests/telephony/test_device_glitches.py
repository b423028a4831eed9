"""A headset agent's rough edges, on real pjsua2 sound ports (the file cards of test_ringer_sound_cards):
the device menu during a call never interrupts the sound, a ringer pulled out while ringing hands the
ringtone to the speaker at once (without touching a call's device), a remembered headset plugged in
mid-call is offered and not forced, and a machine that had no sound card gets sound as soon as one
appears.
"""

from __future__ import annotations

import time

from app.telephony import events as ev
from app.telephony.device_watch import WATCH_SECONDS
from app.telephony.devices import NULL_DEVICE
from app.telephony.engine import SoftphoneEngine
from tests.telephony.conftest import EventLog
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
from tests.telephony.test_ringer_sound_cards import CLOCK_RATE, FileSoundCards, level


def heard(cards: FileSoundCards, name: str, seconds: float = 0.8):
    cards.take(name)
    time.sleep(seconds)
    return cards.take(name)


def rings(samples) -> bool:
    return all(level(samples, hz) > PRESENT for hz in RING_HZ)


def connect(eng: SoftphoneEngine, log: EventLog, peer_factory) -> int:
    peer = peer_factory("peer", answer_after=0.05, tone=PEER_HZ)
    call_id = eng.dial("peer").result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == call_id)
    peer.expect("media active")
    return call_id


def opens(cards: FileSoundCards) -> dict[str, int]:
    return {card.name: card.opens for card in cards.cards}


def test_the_device_menu_during_a_call_never_reopens_the_sound_device_and_a_change_reopens_it_once(
        desk, cards, peer_factory):
    eng, log = desk
    eng.set_devices(capture=HEADSET, playback=HEADSET).result(5)
    start = len(log.events)
    connect(eng, log, peer_factory)
    assert level(heard(cards, HEADSET), PEER_HZ) > PRESENT
    before = opens(cards)
    for _ in range(3):  # the agent opens the "Audio devices…" dialog: it asks for the list
        listed = eng.refresh_devices().result(5)
        assert [d.name for d in listed] == [SPEAKERS, RINGER, HEADSET]
    eng.set_devices(capture=HEADSET).result(5)  # and picks what is already in use: no change
    eng.set_devices(playback=HEADSET).result(5)
    eng.set_devices(capture=HEADSET, playback=HEADSET, ringer="").result(5)
    played = heard(cards, HEADSET, 1.0)
    assert opens(cards) == before  # the headset's stream was never closed
    assert len(played) > 0.95 * CLOCK_RATE  # and played on without a gap
    assert level(played, PEER_HZ) > PRESENT

    eng.set_devices(capture=SPEAKERS, playback=SPEAKERS).result(5)  # a real change: mic+speaker at once
    assert opens(cards) == {**before, SPEAKERS: before[SPEAKERS] + 1}
    assert level(heard(cards, SPEAKERS), PEER_HZ) > PRESENT
    assert not any(isinstance(e, ev.CallDidEnd | ev.AudioDeviceDidFallBack) for e in log.events[start:])


def test_a_ringer_pulled_out_while_ringing_rings_on_the_speaker_at_once_without_being_asked(desk, cards):
    eng, log = desk
    eng.set_devices(capture=SPEAKERS, playback=SPEAKERS, ringer=RINGER).result(5)
    eng.play_ringtone().result(5)
    assert rings(heard(cards, RINGER))
    cards.unplug(RINGER)  # nobody refreshes, and the idle poll never runs while it rings
    notice = log.wait_for(ev.AudioDeviceDidFallBack, lambda e: e.role == "ringer", timeout=WATCH_SECONDS)
    assert (notice.wanted, notice.used) == (RINGER, "the playback device")
    listed = log.wait_for(ev.DevicesDidChange, lambda e: RINGER not in [d.name for d in e.devices])
    assert [d.name for d in listed.devices] == [SPEAKERS, HEADSET]  # the menu says it is gone
    assert rings(heard(cards, SPEAKERS))
    eng.stop_ringtone().result(5)
    eng.play_ringtone().result(5)  # the next call rings on the speaker too (the ringer is still gone)
    assert rings(heard(cards, SPEAKERS))
    assert not any(isinstance(e, ev.CommandDidFail) for e in log.events)


def test_a_ringer_pulled_out_while_a_second_line_rings_leaves_the_call_on_the_headset_untouched(
        desk, cards, peer_factory):
    eng, log = desk
    eng.set_devices(capture=HEADSET, playback=HEADSET, ringer=RINGER).result(5)
    start = len(log.events)
    connect(eng, log, peer_factory)
    eng.play_ringtone().result(5)  # a second line rings
    assert rings(heard(cards, RINGER))
    before = opens(cards)
    cards.unplug(RINGER)
    log.wait_for(ev.AudioDeviceDidFallBack, lambda e: e.role == "ringer", timeout=WATCH_SECONDS)
    played = heard(cards, HEADSET, 1.0)
    assert rings(played)  # the ring joins the call in the headset
    assert level(played, PEER_HZ) > PRESENT
    assert len(played) > 0.95 * CLOCK_RATE
    assert opens(cards)[HEADSET] == before[HEADSET]  # the call's device was not reopened
    eng.stop_ringtone().result(5)
    assert level(heard(cards, HEADSET), PEER_HZ) > PRESENT
    assert not any(isinstance(e, ev.CallDidEnd) for e in log.events)
    moved = [e for e in log.events[start:] if isinstance(e, ev.AudioDeviceDidFallBack) and e.role != "ringer"]
    assert moved == []


def test_the_remembered_headset_plugged_in_mid_call_is_offered_not_forced(
        cards, kamailio, tmp_path, peer_factory):
    cards.unplug(HEADSET)
    eng, log = registered_engine(cards, kamailio, tmp_path)
    try:
        eng.set_devices(capture=HEADSET, playback=HEADSET).result(5)  # remembered, not connected
        connect(eng, log, peer_factory)
        assert level(heard(cards, SPEAKERS), PEER_HZ) > PRESENT
        cards.plug(HEADSET)
        before = opens(cards)
        eng.refresh_devices().result(5)  # the menu is opened: the call stays where it is
        time.sleep(2 * WATCH_SECONDS)
        assert opens(cards) == before
        assert level(heard(cards, SPEAKERS), PEER_HZ) > PRESENT
        eng.set_devices(capture=HEADSET, playback=HEADSET).result(5)  # the agent takes it: one reopen
        assert opens(cards)[HEADSET] == before[HEADSET] + 1
        assert level(heard(cards, HEADSET), PEER_HZ) > PRESENT
        assert not any(isinstance(e, ev.CallDidEnd) for e in log.events)
    finally:
        eng.stop()


def test_a_machine_without_a_sound_card_gets_sound_as_soon_as_one_is_plugged_in(
        kamailio, tmp_path, peer_factory):
    cards = FileSoundCards()  # none yet: the engine starts on the null device
    eng, log = registered_engine(cards, kamailio, tmp_path)
    try:
        assert {e.role for e in log.events if isinstance(e, ev.AudioDeviceDidFallBack)} == {
            "capture", "playback"}
        connect(eng, log, peer_factory)
        cards.plug(SPEAKERS, 1, 2)  # during the call: there is no sound to interrupt
        log.wait_for(ev.DevicesDidChange, lambda e: [d.name for d in e.devices] == [SPEAKERS],
                     timeout=3 * WATCH_SECONDS)
        time.sleep(0.3)
        assert level(heard(cards, SPEAKERS), PEER_HZ) > PRESENT  # the customer is heard now
        assert not any(isinstance(e, ev.CallDidEnd) for e in log.events)
    finally:
        eng.stop()


def test_a_headset_that_could_not_be_opened_for_a_call_is_used_again_after_it(desk, cards, peer_factory):
    eng, log = desk
    eng.set_devices(capture=HEADSET, playback=HEADSET).result(5)
    cards.card(HEADSET).busy = True  # another program holds it when the agent dials
    start = len(log.events)
    call_id = connect(eng, log, peer_factory)
    after = lambda kind: [e for e in log.events[start:] if isinstance(e, kind)]  # noqa: E731
    silenced = after(ev.AudioDeviceDidFallBack)
    assert [e.used for e in silenced] == [NULL_DEVICE, NULL_DEVICE]  # the call goes ahead without sound
    cards.card(HEADSET).busy = False
    eng.hangup(call_id).result(5)
    log.wait_for(ev.CallDidEnd, lambda e: e.call_id == call_id)
    deadline = time.monotonic() + 3 * WATCH_SECONDS
    while not after(ev.DevicesDidChange) and time.monotonic() < deadline:
        time.sleep(0.1)
    back = after(ev.DevicesDidChange)  # the list did not change, yet it is said again (the UI's notice)
    assert back, "the bridge stayed on the null device"
    assert eng._device_watch.in_use == {"capture": HEADSET, "playback": HEADSET}
    assert HEADSET in [d.name for d in back[0].devices]
    peer2 = peer_factory("peer2", answer_after=0.05, tone=PEER_HZ)
    second = eng.dial("peer2").result(5)
    log.wait_for(ev.CallDidConnect, lambda e: e.call_id == second)
    peer2.expect("media active")
    assert level(heard(cards, HEADSET), PEER_HZ) > PRESENT  # the next call has sound in the headset
    assert len(after(ev.AudioDeviceDidFallBack)) == 2


def test_a_headset_pulled_while_a_second_line_rings_in_it_moves_the_call_and_the_ring_to_the_speaker(
        desk, cards, peer_factory):
    eng, log = desk
    eng.set_devices(capture=HEADSET, playback=HEADSET, ringer="").result(5)  # rings in the headset
    start = len(log.events)
    connect(eng, log, peer_factory)
    eng.play_ringtone().result(5)
    assert rings(heard(cards, HEADSET))
    cards.unplug(HEADSET)
    log.wait_for(ev.AudioDeviceDidFallBack, lambda e: e.role == "playback" and e.wanted == HEADSET)
    time.sleep(0.3)
    played = heard(cards, SPEAKERS)
    assert rings(played)  # the second line still rings, now on the speaker
    assert level(played, PEER_HZ) > PRESENT  # and the customer is heard there
    eng.stop_ringtone().result(5)
    assert not any(isinstance(e, ev.CallDidEnd | ev.CommandDidFail) for e in log.events[start:])


def test_a_ringer_pulled_during_a_call_is_found_out_when_a_second_line_rings(desk, cards, peer_factory):
    eng, log = desk
    eng.set_devices(capture=HEADSET, playback=HEADSET, ringer=RINGER).result(5)
    connect(eng, log, peer_factory)
    cards.unplug(RINGER)  # during the call: no rescan, the list still has it
    cards.take(HEADSET)
    began = time.monotonic()
    eng.play_ringtone().result(5)
    notice = log.wait_for(ev.AudioDeviceDidFallBack, lambda e: e.role == "ringer", timeout=WATCH_SECONDS)
    assert notice.wanted == RINGER
    time.sleep(1.0)
    played = cards.take(HEADSET)
    assert len(played) > 0.95 * (time.monotonic() - began - 0.1) * CLOCK_RATE  # the call's sound never paused
    assert rings(played[-CLOCK_RATE // 2:])  # and the second line rings in the headset
    assert not any(isinstance(e, ev.CallDidEnd) for e in log.events)


def test_a_device_pulled_while_idle_shifts_the_headsets_id_and_the_next_call_still_sounds_in_the_headset(
        desk, cards, peer_factory):
    eng, log = desk
    eng.set_devices(capture=HEADSET, playback=HEADSET).result(5)  # the third card: id 2
    cards.unplug(RINGER)  # idle: the next rescan lists [speakers, headset], the headset becomes id 1
    log.wait_for(ev.DevicesDidChange, lambda e: [d.name for d in e.devices] == [SPEAKERS, HEADSET],
                 timeout=3 * WATCH_SECONDS)
    start = len(log.events)
    connect(eng, log, peer_factory)
    time.sleep(0.3)
    assert level(heard(cards, HEADSET), PEER_HZ) > PRESENT  # pjsua opened the headset's new id
    assert not any(isinstance(e, ev.AudioDeviceDidFallBack) for e in log.events[start:])
