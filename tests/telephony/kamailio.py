"""A real Kamailio for telephony tests, on a free loopback port, from packaging/kamailio/kamailio-demo.cfg.

`KamailioServer` runs one instance and can stop and start it again on the same ports (the restart
test); `kamailio-features.cfg` beside this file adds TLS and auth_ephemeral for the engine's tests.
"""

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

from tests.fixtures.orphans import dies_with_us
from tests.fixtures.ports import free_port, wait_for_port

REPO = Path(__file__).resolve().parents[2]
FEATURES_CFG = Path(__file__).with_name("kamailio-features.cfg")


@dataclass(frozen=True)
class Kamailio:
    port: int
    tls_port: int = 0

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def tls_domain(self) -> str:
        return f"127.0.0.1:{self.tls_port}"


def require_kamailio() -> None:
    if shutil.which("kamailio") is None:
        if os.environ.get("CI"):
            pytest.fail("kamailio is not installed; scripts/setup.sh should have installed it")
        pytest.skip("needs Kamailio: run scripts/setup.sh (apt package 'kamailio')")


class KamailioServer:
    """One Kamailio process group from a config text; start() / stop() may be repeated."""

    def __init__(self, cfg: str, port: int, defines: tuple[str, ...] = (), tls_port: int = 0) -> None:
        self.info = Kamailio(port, tls_port)
        self.workdir = tempfile.mkdtemp(prefix="huitong-kam-")
        self.cfg_path = Path(self.workdir) / "kamailio.cfg"
        self.cfg_path.write_text(cfg)
        self.defines = defines
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Kamailio:
        argv = ["kamailio", "-DD", "-E", "-f", str(self.cfg_path), "-P", f"{self.workdir}/pid",
                "-Y", self.workdir]
        for name in self.defines:
            argv += ["-A", name]
        self.proc = subprocess.Popen(dies_with_us(argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)  # its own group: Kamailio forks workers
        wait_for_port(self.info.port)  # the TCP listener answers once the UDP one is up too
        if self.info.tls_port:
            wait_for_port(self.info.tls_port)
        return self.info

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        # terminating only the main process leaves its forked workers holding the port
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


def features_server(*, tls_cfg: Path | None = None, secret: str = "", port: int = 0) -> KamailioServer:
    """kamailio-features.cfg with TLS when `tls_cfg` is given and auth_ephemeral when `secret` is."""
    port = port or free_port()
    tls_port = free_port() if tls_cfg else 0
    cfg = (FEATURES_CFG.read_text().replace("__PORT__", str(port)).replace("__TLS_PORT__", str(tls_port))
           .replace("__TLS_CFG__", str(tls_cfg or "")).replace("__SECRET__", secret))
    defines = (("WITH_TLS",) if tls_cfg else ()) + (("WITH_AUTH",) if secret else ())
    return KamailioServer(cfg, port, defines, tls_port)


@pytest.fixture(scope="session")
def kamailio() -> Iterator[Kamailio]:
    require_kamailio()
    port = free_port()
    cfg = (REPO / "packaging/kamailio/kamailio-demo.cfg").read_text().replace(":5060", f":{port}")
    server = KamailioServer(cfg, port)
    try:
        yield server.start()
    finally:
        server.close()
