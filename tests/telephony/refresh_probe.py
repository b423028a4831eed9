"""A child process for test_device_refresh_mid_call: pjmedia's list refreshed while a sound stream is open.

`python -m tests.telephony.refresh_probe grow|shrink|pulled` opens the bridge's sound device on the last card
(the ringtone on "USB Headset", the third card), then changes the cards and calls pjsua2's bare
`refreshDevs()` with the stream still open, as a mid-call rescan would, and finally closes the
device the way pjsua does after a call. It prints what it saw, one line per step; "closed" is the last
line when the process survives.
"""

from __future__ import annotations

import sys
import time

from app.telephony import devices
from tests.telephony.conftest import EventLog
from tests.telephony.test_ringer_sound_cards import FileSoundCards, carded_engine

SPEAKERS, RINGER, HEADSET, SECOND = "Built-in Audio", "Desk Ringer", "USB Headset", "Second Headset"


def main(change: str) -> None:
    cards = FileSoundCards()
    cards.plug(SPEAKERS, 1, 2)
    cards.plug(RINGER, 0, 1)
    cards.plug(HEADSET, 1, 1)
    eng = carded_engine(cards, EventLog())
    eng.set_devices(capture=HEADSET, playback=HEADSET, ringer="").result(5)
    eng.play_ringtone().result(5)  # the bridge's device opens on the headset (index 2)
    time.sleep(0.3)
    adm = eng._adm
    print("open", cards.card(HEADSET).opens, flush=True)
    if change == "grow":
        cards.plug(SECOND, 1, 1)
    elif change == "shrink":
        cards.unplug(RINGER)  # another device, not the open one
    else:  # "pulled": the open device itself, refreshed before its AUD_DEV_ERROR is handled
        cards.unplug(HEADSET)
    eng._submit(lambda: adm().refreshDevs()).result(5)
    listed = eng._submit(lambda: [d.name for d in devices.list_devices(adm())]).result(5)
    print("listed", listed, "opens", cards.card(HEADSET).opens, flush=True)
    cards.take(HEADSET)
    time.sleep(1.0)
    print("frames", len(cards.take(HEADSET)), flush=True)
    eng.stop_ringtone().result(5)
    eng._submit(lambda: adm().setNullDev()).result(5)  # pjsua closes the stream: reads its index back
    print("closed", flush=True)
    eng.stop()


if __name__ == "__main__":
    main(sys.argv[1])
