"""What a desk launched as `python -m app` needs around it in the benchmarks (client_startup, call_rss):
a private D-Bus session with an unlocked gnome-keyring, and an X display (Xvfb on a free number, else
offscreen Qt). Each returns the processes it started, for the caller to stop."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path


def start_secret_service(env: dict[str, str]) -> list[subprocess.Popen[str]]:
    """A private D-Bus with gnome-keyring kept in the foreground, so both are ours to stop by pid."""
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, text=True)
    assert bus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
    keyring = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                               stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    assert keyring.stdin is not None
    keyring.stdin.write("\n")  # the (empty) password that unlocks the login keyring
    keyring.stdin.close()
    time.sleep(0.5)
    return [keyring, bus]


def start_display(env: dict[str, str]) -> subprocess.Popen[bytes] | None:
    if not shutil.which("Xvfb"):
        env["QT_QPA_PLATFORM"] = "offscreen"
        return None
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists()
                  and not Path(f"/tmp/.X{n}-lock").exists())
    xvfb = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1600x900x24", "-nolisten", "tcp"],
                            stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    env.update(DISPLAY=f":{number}", QT_QPA_PLATFORM="xcb")
    return xvfb
