"""Our engine in its own process, on the system's sound (the ALSA driver), driven line by line.

    python -m tests.telephony.alsa_phone --domain 127.0.0.1:5060 [--user agent1]

One pjsua2 Endpoint per process, and the ALSA configuration is read once per process: the tests run
this child with PULSE_SERVER pointing at their private PulseAudio server. It prints `started`, every
engine event as `event <ClassName> <repr>`, and answers commands on stdin: `devices` (a JSON list of
[name, driver, inputs, outputs]), `use <capture>|<playback>|<ringer>` (device names, "-" leaves one
alone), `dial <user>`, `ring`, `stopring`, `hangup`, `xruns`, `cpu` (process CPU seconds), `quit`
(prints `stopped` after a clean engine stop).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from app.telephony import alsa_cards
from app.telephony.engine import SoftphoneEngine
from app.telephony.settings import EngineSettings, SipAccount
from tests.fixtures.line_process import REPO, LineProcess


class AlsaPhone(LineProcess):
    """The test side: starts this child (its environment says which sound server) and waits until
    it is registered."""

    def __init__(self, domain: str, env: dict[str, str]) -> None:
        super().__init__([sys.executable, "-m", "tests.telephony.alsa_phone", "--domain", domain],
                         name="alsa phone", cwd=REPO, env=env)
        self.expect_or_kill("started")
        self.expect_or_kill("event RegistrationDidChange")

    def devices(self) -> list[list]:
        self.send("devices")
        return json.loads(self.expect("devices ").split(" ", 1)[1])

    def stop(self, timeout: float = 15.0) -> None:
        super().stop(timeout)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--domain", required=True)
    parser.add_argument("--user", default="agent1")
    args = parser.parse_args()
    eng = SoftphoneEngine(EngineSettings(null_audio=False, system_sound=True),
                          lambda event: say(f"event {type(event).__name__} {event!r}"))
    eng.start()
    say("started")
    eng.register(SipAccount(username=args.user, password="", domain=args.domain)).result(5)
    calls: list[int] = []
    for line in sys.stdin:
        word, _, rest = line.strip().partition(" ")
        try:
            if word == "devices":
                listed = eng.refresh_devices().result(10)
                say("devices " + json.dumps([[d.name, d.driver, d.input_channels, d.output_channels]
                                             for d in listed]))
            elif word == "use":
                capture, playback, ringer = [None if n == "-" else n for n in rest.split("|")]
                eng.set_devices(capture=capture, playback=playback, ringer=ringer).result(10)
                say("using")
            elif word == "dial":
                calls.append(eng.dial(rest).result(10))
                say(f"dialled {calls[-1]}")
            elif word == "ring":
                eng.play_ringtone().result(10)
                say("ringing")
            elif word == "stopring":
                eng.stop_ringtone().result(10)
                say("quiet")
            elif word == "hangup":
                eng.hangup(calls.pop()).result(10)
                say("hung up")
            elif word == "xruns":
                driver = alsa_cards.driver()
                say(f"xruns {driver.xruns if driver else -1}")
            elif word == "cpu":
                say(f"cpu {time.process_time():.4f} {time.monotonic():.4f}")
            elif word == "quit":
                break
        except Exception as exc:  # the test sees it as a line and fails on its own expectation
            say(f"failed {word}: {exc!r}")
    eng.stop()
    say("stopped")


if __name__ == "__main__":
    main()
