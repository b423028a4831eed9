"""A private PulseAudio server for the ALSA sound tests: a "headset" (a null sink whose monitor we
record) and a "microphone" (the default source: the monitor of a "voice" null sink that `speak` plays
into), reached only by processes given `env()`.

Measured here (Debian 12, pulseaudio 16.1, as root): the server runs as root in user mode
(`--system` not needed; it only warns "This program is not intended to be run as root") with a
private HOME and XDG_RUNTIME_DIR; `-n -F script` loads only what the script says, `--exit-idle-time=-1`
keeps it up between clients. A client with no server does not autospawn one as root (libpulse skips
autospawn for uid 0): ALSA's `pulse` PCM then fails to open with -ECONNREFUSED and `default` stays
ALSA's own. Clients find this server only through PULSE_SERVER=unix:<socket>.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import numpy as np

from tests.fixtures.orphans import dies_with_us

MIC_HZ = 1000.0
RATE = 16000  # what the tests record at (the engine's clock rate)
PULSEAUDIO = shutil.which("pulseaudio")


class PulseServer:
    def __init__(self, work: Path) -> None:
        self.work = work
        for sub in ("home", "run"):
            (work / sub).mkdir(parents=True, exist_ok=True)
        (work / "run").chmod(0o700)
        self.socket = work / "run" / "native"
        self._recordings = 0
        script = work / "server.pa"
        script.write_text(
            f"load-module module-native-protocol-unix auth-anonymous=1 socket={self.socket}\n"
            "load-module module-null-sink sink_name=headset rate=48000\n"
            "load-module module-null-sink sink_name=voice rate=48000\n"
            "set-default-sink headset\nset-default-source voice.monitor\n")
        assert PULSEAUDIO is not None, "pulseaudio is not installed (scripts/setup.sh installs it)"
        own = {"HOME": str(work / "home"), "XDG_RUNTIME_DIR": str(work / "run"),
               "PULSE_RUNTIME_PATH": str(work / "run"), "DBUS_SESSION_BUS_ADDRESS": "disabled:"}
        self._server_env = {**os.environ, **own}
        self.log = (work / "pulseaudio.log").open("w")
        self.proc = subprocess.Popen(
            dies_with_us([PULSEAUDIO, "--daemonize=no", "--exit-idle-time=-1", "-n", "-F", str(script),
                          "--log-target=stderr"]),
            env=self._server_env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while not self.answers():
            assert self.proc.poll() is None, (work / "pulseaudio.log").read_text()
            assert time.monotonic() < deadline, "pulseaudio did not come up"
            time.sleep(0.05)
        # A null sink renders in blocks as long as its clients allow (2 s by default): an idle one's
        # monitor delivered nothing to parec in 2 s. Digital silence played at 20 ms latency keeps
        # the headset running in small blocks, and adds nothing to what it plays.
        self._silence = subprocess.Popen(["pacat", "--device=headset", "--raw", "--format=s16le",
                                          "--rate=48000", "--channels=2", "--latency-msec=20", "/dev/zero"],
                                         env=self.env(self._server_env))
        while len(self.record(0.3)) == 0:  # the first second or so of a new server records nothing
            assert time.monotonic() < deadline + 10, "the headset's monitor records nothing"

    def speak(self, wav: Path) -> subprocess.Popen[bytes]:
        """Plays `wav` into the microphone (the default source is the "voice" sink's monitor)."""
        return subprocess.Popen(["paplay", "--device=voice", "--latency-msec=20", str(wav)],
                                env=self.env(self._server_env))

    def env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """An environment that reaches this server (and only that difference)."""
        return {**(base if base is not None else os.environ), "PULSE_SERVER": f"unix:{self.socket}"}

    def pactl(self, *args: str) -> str:
        done = subprocess.run(["pactl", *args], env=self.env(self._server_env), capture_output=True,
                              text=True, timeout=10, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def answers(self) -> bool:
        return self.socket.exists() and subprocess.run(
            ["pactl", "info"], env=self.env(self._server_env), capture_output=True, timeout=10,
            check=False).returncode == 0

    def record(self, seconds: float) -> np.ndarray:
        """What the headset plays for `seconds`, as float samples at RATE (from its monitor)."""
        recording = self.start_recording()
        time.sleep(seconds)
        return recording.finish()

    def start_recording(self) -> Recording:
        self._recordings += 1
        return Recording(self.env(self._server_env), self.work / f"headset-{self._recordings}.raw")

    def kill(self) -> None:
        """The sound server dies: every device it served vanishes at once."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        self._silence.kill()
        self._silence.wait(5)
        self.kill()
        with contextlib.suppress(OSError):
            self.log.close()


class Recording:
    """parec of the headset's monitor into a file (a pipe nobody reads would fill in 2 s and stall it)."""

    def __init__(self, env: dict[str, str], path: Path) -> None:
        self.path = path
        self.started = time.monotonic()
        self.proc = subprocess.Popen(["parec", "-d", "headset.monitor", f"--rate={RATE}", "--channels=1",
                                      "--format=s16le", "--raw", "--latency-msec=10", str(path)], env=env)

    def finish(self) -> np.ndarray:
        self.proc.terminate()
        self.proc.wait(10)
        data = self.path.read_bytes()
        return np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2").astype(np.float64)


def pulseaudio_pids() -> set[int]:
    """Every pulseaudio process on the machine (to see that nothing started one by itself)."""
    pids = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if (entry / "comm").read_text().strip() == "pulseaudio":
                    pids.add(int(entry.name))
    return pids
