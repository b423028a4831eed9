"""A real Kamailio for telephony tests, on a free loopback port, from packaging/kamailio/kamailio-demo.cfg."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fixtures.ports import free_port, wait_for_port

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Kamailio:
    port: int

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.port}"


@pytest.fixture(scope="session")
def kamailio() -> Iterator[Kamailio]:
    if shutil.which("kamailio") is None:
        if os.environ.get("CI"):
            pytest.fail("kamailio is not installed; scripts/setup.sh should have installed it")
        pytest.skip("needs Kamailio: run scripts/setup.sh (apt package 'kamailio')")
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="huitong-kam-")
    cfg = (REPO / "packaging/kamailio/kamailio-demo.cfg").read_text().replace(":5060", f":{port}")
    cfg_path = Path(workdir) / "kamailio.cfg"
    cfg_path.write_text(cfg)
    proc = subprocess.Popen(["kamailio", "-DD", "-E", "-f", str(cfg_path), "-P", f"{workdir}/pid",
                             "-Y", workdir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # its own group: Kamailio forks workers
    try:
        wait_for_port(port)  # the TCP listener answers once the UDP one is up too
        yield Kamailio(port)
    finally:
        # terminating only the main process leaves its forked workers holding the port
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        shutil.rmtree(workdir, ignore_errors=True)
