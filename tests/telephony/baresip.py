"""baresip (an independent softphone) as a test peer: its own process and config in a temp folder,
registered at our Kamailio, driven over its ctrl_tcp socket (netstring JSON commands and events).

Facts from the lab (LAB.md): `net_interface 127.0.0.1`; keep its stdin open (it spins on EOF); it hangs
up when its `aufile` source ends, so the source here is a minute long.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import queue
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import time
import wave
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.orphans import dies_with_us
from tests.fixtures.ports import free_port, wait_for_port

CONFIG = """\
poll_method		epoll
sip_listen		127.0.0.1:{sip_port}
call_local_timeout	120
call_max_calls		4
audio_buffer		20
audio_path		/usr/share/baresip
audio_source		aufile,{source}
audio_player		aubridge,sink
audio_alert		aubridge,sink
ausrc_srate		8000
auplay_srate		8000
ausrc_channels		1
auplay_channels		1
rtp_ports		{rtp_low}-{rtp_high}
rtcp_mux		no
jitter_buffer_delay	5-10
net_interface		127.0.0.1
dns_server		127.0.0.1:53
module_path		/usr/lib/baresip/modules
module			g711.so
module			g722.so
module			aufile.so
module			aubridge.so
module_tmp		account.so
module_app		menu.so
module_app		ctrl_tcp.so
ctrl_tcp_listen		127.0.0.1:{ctrl_port}
"""
ACCOUNT = ("<sip:{user}@{domain}>;auth_pass=none;answermode={answermode};regint=300;audio_codecs={codecs};"
           "mwi=no;pubint=0\n")


def require_baresip() -> str:
    path = shutil.which("baresip")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("baresip is not installed; scripts/setup.sh installs the apt package 'baresip'")
        pytest.skip("needs baresip: run scripts/setup.sh (apt package 'baresip')")
    return path


def write_tone(path: Path, seconds: float, rate: int = 8000) -> None:
    """A quiet 440 Hz tone: baresip's aufile source (it hangs up when the file ends)."""
    frames = b"".join(struct.pack("<h", int(3000 * math.sin(2 * math.pi * 440 * i / rate)))
                      for i in range(int(seconds * rate)))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)


class Baresip:
    """`Baresip(domain, user).start()`; `command(...)`, `expect(event_type)`, `stop()`."""

    def __init__(self, domain: str, user: str = "bare", answermode: str = "auto",
                 codecs: str = "PCMU,PCMA", source_seconds: float = 60.0) -> None:
        self.binary = require_baresip()
        self.domain, self.user = domain, user
        self.dir = Path(tempfile.mkdtemp(prefix="huitong-baresip-"))
        self.sip_port, self.ctrl_port = free_port(), free_port()
        rtp_low = 20000 + (self.sip_port % 2000) * 20  # its own RTP range, away from other runs
        source = self.dir / "source.wav"
        write_tone(source, source_seconds)
        (self.dir / "config").write_text(CONFIG.format(sip_port=self.sip_port, source=source,
                                                       rtp_low=rtp_low, rtp_high=rtp_low + 19,
                                                       ctrl_port=self.ctrl_port))
        (self.dir / "accounts").write_text(ACCOUNT.format(user=user, domain=domain, answermode=answermode,
                                                          codecs=codecs))
        self.proc: subprocess.Popen[bytes] | None = None
        self.sock: socket.socket | None = None
        self.events: queue.SimpleQueue[dict[str, Any]] = queue.SimpleQueue()
        self.responses: queue.SimpleQueue[dict[str, Any]] = queue.SimpleQueue()
        self.seen: list[dict[str, Any]] = []

    @property
    def aor(self) -> str:
        return f"sip:{self.user}@{self.domain}"

    def start(self, register_timeout: float = 10.0) -> Baresip:
        log = (self.dir / "baresip.log").open("wb")
        # stdin stays an open pipe: on EOF baresip spins at 100 % CPU
        self.proc = subprocess.Popen(dies_with_us([self.binary, "-f", str(self.dir)]), stdin=subprocess.PIPE,
                                     stdout=log, stderr=subprocess.STDOUT, cwd=self.dir)
        wait_for_port(self.ctrl_port, timeout=10)
        self.sock = socket.create_connection(("127.0.0.1", self.ctrl_port))
        threading.Thread(target=self._read, daemon=True).start()
        # it may have registered before this socket connected, so ask rather than wait for REGISTER_OK
        deadline = time.monotonic() + register_timeout
        while "OK" not in (info := str(self.command("reginfo").get("data", ""))):
            if time.monotonic() > deadline:
                raise AssertionError(f"baresip did not register at {self.domain}: {info}\n{self.log()}")
            time.sleep(0.05)
        return self

    def _read(self) -> None:
        assert self.sock is not None
        buffer = b""
        while True:
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            while b":" in buffer:
                length, _, rest = buffer.partition(b":")
                if len(rest) < int(length) + 1:
                    break
                message = json.loads(rest[: int(length)])
                buffer = rest[int(length) + 1:]  # the netstring's trailing comma
                (self.events if message.get("event") else self.responses).put(message)

    def command(self, name: str, params: str = "") -> dict[str, Any]:
        assert self.sock is not None
        body = json.dumps({"command": name, "params": params, "token": name}).encode()
        self.sock.sendall(str(len(body)).encode() + b":" + body + b",")
        return self.responses.get(timeout=5)

    def expect(self, event_type: str, timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            try:
                event = self.events.get(timeout=max(left, 0.001))
            except queue.Empty:
                types = [e.get("type") for e in self.seen]
                raise AssertionError(f"baresip never reported {event_type}; it reported {types}\n"
                                     f"{self.log()}") from None
            self.seen.append(event)
            if event.get("type") == event_type:
                return event

    def log(self) -> str:
        path = self.dir / "baresip.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self) -> None:
        if self.sock is not None:
            with contextlib.suppress(OSError, queue.Empty):
                self.command("quit")
            with contextlib.suppress(OSError):
                self.sock.close()
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.proc.wait(3)
            except subprocess.TimeoutExpired:
                self.proc.kill()  # baresip 1.0 may sit on SIGTERM; nothing of it needs a clean exit
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)
