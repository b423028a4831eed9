"""The deployment config (packaging/kamailio/kamailio.cfg + tls.cfg) on free loopback ports, with the
secret include written by the real `python -m backend sip-secret`, and a real server sharing its data dir."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.fixtures.orphans import dies_with_us
from tests.fixtures.ports import free_port, wait_for_port
from tests.fixtures.server import REPO, ServerProcess, start_server
from tests.sip_server.certs import TestPki, make_pki

PACKAGING = REPO / "packaging" / "kamailio"


@dataclass(frozen=True)
class SipServer:
    """Kamailio on 127.0.0.1 (UDP/TCP `port`, TLS `tls_port`) and the Huitong server issuing credentials."""

    port: int
    tls_port: int
    pki: TestPki
    api: ServerProcess
    workdir: Path

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def tls_domain(self) -> str:
        return f"127.0.0.1:{self.tls_port}"

    def log(self) -> str:
        return (self.workdir / "kamailio.log").read_text(errors="replace")


def write_deployment(workdir: Path, data_dir: Path, pki: TestPki) -> Path:
    """Copies the shipped config beside its include and tls.cfg (cert paths pointed at the test PKI)."""
    cfg = workdir / "kamailio.cfg"
    shutil.copy(PACKAGING / "kamailio.cfg", cfg)
    shutil.copy(PACKAGING / "huitong-routes.cfg", workdir)  # its include_file (voice queues, transfer)
    tls = (PACKAGING / "tls.cfg").read_text()
    tls = tls.replace("/etc/kamailio/huitong-tls/server.pem", str(pki.server_pem))
    tls = tls.replace("/etc/kamailio/huitong-tls/server.key", str(pki.server_key))
    (workdir / "tls.cfg").write_text(tls)
    write_secret_include(workdir, data_dir)
    return cfg


def write_secret_include(workdir: Path, data_dir: Path) -> None:
    """`python -m backend sip-secret` with the server's data dir, as an operator (or run-demo.sh) runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUITONG_SIP")}
    env.update({"HUITONG_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO)})
    subprocess.run([sys.executable, "-m", "backend", "sip-secret", "--kamailio-include",
                    str(workdir / "huitong-secret.cfg")], cwd=REPO, env=env, check=True, capture_output=True,
                   timeout=60)


def wait_for_sip(port: int, timeout: float = 20.0) -> None:
    """Until Kamailio answers an OPTIONS over UDP: its TCP port listens before the workers are ready."""
    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.bind(("127.0.0.1", 0))
        udp.settimeout(0.1)
        local = udp.getsockname()[1]
        while time.monotonic() < deadline:
            branch = secrets.token_hex(6)
            udp.sendto((f"OPTIONS sip:127.0.0.1:{port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};"
                        f"branch=z9hG4bK{branch}\r\nFrom: <sip:probe@127.0.0.1>;tag={branch}\r\n"
                        f"To: <sip:127.0.0.1:{port}>\r\nCall-ID: {branch}\r\nCSeq: 1 OPTIONS\r\n"
                        "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n").encode(), ("127.0.0.1", port))
            with contextlib.suppress(TimeoutError):
                if udp.recv(4096).startswith(b"SIP/2.0 200"):
                    return
    raise TimeoutError(f"Kamailio on 127.0.0.1:{port} did not answer OPTIONS within {timeout}s")


def deployment_defines(workdir: Path, port: int, tls_port: int) -> list[str]:
    return ["-A", "SIP_ADDR=127.0.0.1", "-A", f"SIP_PORT={port}", "-A", f"SIPS_PORT={tls_port}",
            "-A", f'TLS_CONFIG="{workdir / "tls.cfg"}"', "-A", f'CTL_SOCKET="unix:{workdir / "ctl"}"']


@contextlib.contextmanager
def running_kamailio(workdir: Path, cfg: Path, port: int, defines: list[str]) -> Iterator[None]:
    argv = ["kamailio", "-DD", "-E", "-f", str(cfg), "-P", str(workdir / "kamailio.pid"), "-Y", str(workdir),
            *defines]
    with (workdir / "kamailio.log").open("wb") as log:
        proc = subprocess.Popen(dies_with_us(argv), stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        try:
            wait_for_port(port, timeout=15)
            wait_for_sip(port)
        except TimeoutError:
            raise RuntimeError("Kamailio did not start:\n" + (workdir / "kamailio.log").read_text()[-3000:]) \
                from None
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)  # workers are forked into its process group
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        time.sleep(0.05)


@contextlib.contextmanager
def sip_server(workdir: Path) -> Iterator[SipServer]:
    data_dir = workdir / "data"
    data_dir.mkdir(parents=True)
    pki = make_pki(workdir / "pki")
    port, tls_port = free_port(), free_port()
    cfg = write_deployment(workdir, data_dir, pki)
    api = start_server(f"sqlite:///{data_dir / 'huitong.sqlite3'}", HUITONG_DATA_DIR=str(data_dir),
                       HUITONG_SIP_DOMAIN=f"127.0.0.1:{port}", HUITONG_SIP_TTL="600")
    try:
        with running_kamailio(workdir, cfg, port, deployment_defines(workdir, port, tls_port)):
            yield SipServer(port, tls_port, pki, api, workdir)
    finally:
        api.stop()
