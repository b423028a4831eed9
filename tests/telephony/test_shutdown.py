"""Leaving the program with a call up: the engine hangs up and destroys pjsua2 at exit, no abort.

Before the atexit hook, a daemon engine thread still inside pjsua2 at interpreter exit was frozen
mid-call and the process died with "terminate called without an active exception" (SIGABRT).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest

from tests.telephony.conftest import PeerProcess
from tests.telephony.kamailio import REPO, Kamailio

ROUNDS = 3  # the abort was a race with the engine thread: one clean exit proves little


@pytest.mark.parametrize("stop_first", [False, True], ids=["return-with-call-up", "stop-then-return"])
def test_exit_with_a_call_up_is_clean(kamailio: Kamailio, peer_factory: Callable[..., PeerProcess],
                                      stop_first: bool) -> None:
    peer = peer_factory("peer", answer_after=0.05)
    for _ in range(ROUNDS):
        argv = [sys.executable, "-m", "tests.telephony.exit_child", "--domain", kamailio.domain,
                "--target", "peer"] + (["--stop"] if stop_first else [])
        # the timeout only guards against a hang; a clean exit takes well under a second
        done = subprocess.run(argv, check=False, cwd=REPO, capture_output=True, text=True, timeout=20)
        assert done.returncode == 0, (done.returncode, done.stdout, done.stderr)
        assert "in call" in done.stdout
        assert "engine stopped" in done.stdout  # libDestroy ran: the engine was stopped, not abandoned
        assert "terminate called" not in done.stderr, done.stderr
        assert "Traceback" not in done.stderr, done.stderr
        peer.expect("state CONFIRMED")
        peer.expect("disconnected")  # the engine hung up (BYE) on its way out
