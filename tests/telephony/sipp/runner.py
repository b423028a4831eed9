"""Runs one `sipp` process on a scenario from this folder, with its own ports, logs in a temp folder.

sipp's exit code is 0 when every call of the scenario passed, 1 when some failed, 255 on a fatal
error; the message log (every SIP message sent and received) is kept for assertions and failures.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.fixtures.ports import free_port
from tests.telephony.kamailio import Kamailio

HERE = Path(__file__).resolve().parent


def require_sipp() -> str:
    path = shutil.which("sipp")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("sipp is not installed; scripts/setup.sh installs the apt package 'sip-tester'")
        pytest.skip("needs sipp: run scripts/setup.sh (apt package 'sip-tester')")
    return path


class Sipp:
    """One sipp run: `Sipp(...).start()`, then `wait()` for its exit code."""

    def __init__(self, scenario: str, remote: str | None, service: str = "agent1", calls: int = 1,
                 keys: dict[str, str] | None = None, timeout_s: int = 20) -> None:
        self.binary = require_sipp()
        self.scenario = HERE / scenario
        self.port = free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="huitong-sipp-"))
        self.messages = self.workdir / "messages.log"
        self.errors = self.workdir / "errors.log"
        self.argv = [self.binary, *([remote] if remote else []), "-sf", str(self.scenario), "-s", service,
                     "-i", "127.0.0.1", "-p", str(self.port), "-mp", str(free_port()),
                     "-m", str(calls), "-nostdin", "-timeout", f"{timeout_s}s", "-timeout_error",
                     "-recv_timeout", "10s", "-trace_msg", "-message_file", str(self.messages),
                     "-trace_err", "-error_file", str(self.errors)]
        for key, value in (keys or {}).items():
            self.argv += ["-key", key, value]
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> Sipp:
        self.proc = subprocess.Popen(self.argv, cwd=self.workdir, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return self

    def wait(self, timeout: float = 30.0) -> int:
        assert self.proc is not None
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            message = f"sipp {self.scenario.name} still ran after {timeout}s\n{self.log()}"
            raise AssertionError(message) from None

    def run(self, timeout: float = 30.0) -> int:
        return self.start().wait(timeout)

    def log(self) -> str:
        parts = []
        for path in (self.messages, self.errors):
            if path.exists():
                parts.append(path.read_text(errors="replace")[-6000:])
        if self.proc is not None and self.proc.stderr is not None and self.proc.poll() is not None:
            parts.append(self.proc.stderr.read().decode(errors="replace")[-2000:])
        return "\n".join(parts)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)


def register_sipp_uas(kamailio: Kamailio, user: str, uas: Sipp, expires: int = 60) -> None:
    """Binds `user` at Kamailio to the sipp UAS's port (a REGISTER from a second, short sipp run)."""
    reg = Sipp("register.xml", kamailio.domain, service=user,
               keys={"contact_port": str(uas.port), "expires": str(expires)})
    try:
        assert reg.run() == 0, reg.log()
    finally:
        reg.stop()

