"""Why the device list is not rescanned while a call's sound device is open (issue #3), measured.

pjmedia's `pjmedia_aud_dev_refresh()` (pjsua2 `refreshDevs()`, nothing more) leaves an open stream
running, and a plugged-in device then lists at once. But pjsua reads the open stream's device index
back when it closes it (`close_snd_dev` → `pjmedia_aud_stream_get_param` → `make_global_index`), and
the wheel keeps pjmedia's asserts: if the refresh found the list shorter than that index (any other
device pulled, e.g. the ringer while the call is on the last-listed headset), the next close (call
end, device change, fallback) aborts the process. A rescan cannot know beforehand whether the list
will grow or shrink, so a periodic rescan mid-call would crash the desk; device_watch.py closes the
device before every refresh instead, and the list waits for the call to end (or for the agent's
choice, which looks for the device inside its one reopen).
"""

from __future__ import annotations

import signal
import subprocess
import sys

from tests.telephony.kamailio import REPO
from tests.telephony.test_ringer_sound_cards import CLOCK_RATE


def probe(change: str) -> tuple[int, dict[str, str], str]:
    """Runs refresh_probe in a child process: its exit code, its step lines by first word, stderr."""
    done = subprocess.run([sys.executable, "-m", "tests.telephony.refresh_probe", change],
                          check=False, cwd=REPO, capture_output=True, text=True, timeout=60)
    steps = {line.split()[0]: line for line in done.stdout.splitlines()
             if line.split() and line.split()[0] in ("open", "listed", "frames", "closed")}
    return done.returncode, steps, done.stderr


def frames(steps: dict[str, str]) -> int:
    return int(steps["frames"].split()[1])


def test_a_device_plugged_in_while_the_sound_device_is_open_is_listed_by_a_refresh_without_a_gap() -> None:
    code, steps, err = probe("grow")
    assert code == 0, err[-2000:]
    assert "'Second Headset'" in steps["listed"]  # listed at once
    assert steps["listed"].endswith("opens 1")  # the open stream was not closed and reopened
    assert frames(steps) > 0.95 * CLOCK_RATE  # and it played on: a second's worth in a second
    assert "closed" in steps  # closing it afterwards is fine: its index is still in the list


def test_another_device_pulled_before_a_refresh_with_the_sound_device_open_aborts_pjsua_at_close() -> None:
    code, steps, err = probe("shrink")
    assert "'Desk Ringer'" not in steps["listed"]  # the refresh itself went through
    assert frames(steps) > 0.95 * CLOCK_RATE  # and the stream kept playing
    assert code == -signal.SIGABRT  # but closing the device (after the call) kills the process
    assert "closed" not in steps
    assert "make_global_index: Assertion" in err


def test_a_rescan_that_runs_before_the_pulled_headset_reports_its_error_also_aborts_at_close() -> None:
    code, steps, err = probe("pulled")  # a timer-driven rescan can come first: the fallback then crashes
    assert "'USB Headset'" not in steps["listed"]
    assert code == -signal.SIGABRT
    assert "make_global_index: Assertion" in err
