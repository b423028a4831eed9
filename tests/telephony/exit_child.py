"""A program that returns from main with a call up (the shutdown test runs it in its own process).

    python -m tests.telephony.exit_child --domain 127.0.0.1:5060 --target peer [--stop]

Starts the engine (null audio), registers as agent1, calls `target`, prints `in call` once the call
is confirmed, then returns from main without stopping the engine (unless --stop): the engine must
still hang up and destroy pjsua2 at interpreter exit, and the process must end with code 0.
"""

from __future__ import annotations

import argparse
import sys
import threading

from app.telephony import events as ev
from app.telephony.engine import SoftphoneEngine
from app.telephony.settings import EngineSettings, SipAccount


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--domain", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--stop", action="store_true")
    args = parser.parse_args()
    registered, connected = threading.Event(), threading.Event()

    def listener(event: ev.EngineEvent) -> None:
        if isinstance(event, ev.RegistrationDidChange) and event.state is ev.RegistrationState.REGISTERED:
            registered.set()
        elif isinstance(event, ev.CallDidConnect):
            connected.set()
        elif isinstance(event, ev.EngineDidStop):
            print("engine stopped", flush=True)

    engine = SoftphoneEngine(EngineSettings(null_audio=True), listener)
    engine.start()
    engine.register(SipAccount(username="agent1", password="", domain=args.domain)).result(5)
    if not registered.wait(10):
        print("never registered", flush=True)
        return 2
    engine.dial(args.target).result(5)
    if not connected.wait(10):
        print("never connected", flush=True)
        return 3
    print("in call", flush=True)
    if args.stop:
        engine.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
