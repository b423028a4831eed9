"""Client memory during a call: RSS of a real `python -m app` process idle, while talking, after hang-up.

`python -m benchmarks.call_rss` starts a seeded server, a Kamailio and a private Secret Service, signs
agent1 in once (the session goes to the keyring, as in benchmarks.client_startup), turns auto-answer on
with no delay in the desk's settings, then launches the client as an agent does (`python -m app`, Xvfb if
available, else offscreen; no sound card). Once the phone is registered (Kamailio forwards an OPTIONS to
agent1), RSS of the client process is read from /proc/<pid>/status idle; a pjsua2 peer in another process
(a customer's number) calls agent1, the desk answers by itself, and RSS is sampled every 0.25 s during
10 s of talk, then after hang-up. RSS by mapping group (/proc/<pid>/smaps, benchmarks.rss_breakdown)
idle and at the call's peak names any growth. Only the client process is measured (its keyring helper
process is printed apart); this process's own imports and threads are not in the figures.
The last line is JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from benchmarks.desk_environment import start_display, start_secret_service
from benchmarks.rss_breakdown import print_groups, smaps_groups
from benchmarks.screen_pop import DEMO_PASSWORD, REPO, kamailio, phone_customers, start_server
from tests.fixtures.line_process import LineProcess

BUDGET_MB = 130.0
TALK_SECONDS = 5.0
PAUSE_SECONDS = 3.0  # the desk trims its heap 1.5 s after the line went idle (app/ui/heap_trim.py)


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def children_rss_mb(pid: int) -> float:
    """RSS of the client's child processes (the keyring helper), not counted in the client's figure."""
    total = 0.0
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            with contextlib.suppress(OSError, StopIteration):
                total += rss_mb(int(child))
    return total


def smaps(pid: int) -> dict[str, float]:
    return smaps_groups(Path(f"/proc/{pid}/smaps").read_text())


def agent_registered(domain: str, user: str = "agent1") -> bool:
    """An OPTIONS to the agent through Kamailio: 200 from the desk once it is registered, else 404."""
    host, port = domain.split(":")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(2)
        local = sock.getsockname()[1]
        branch, tag = uuid.uuid4().hex, uuid.uuid4().hex[:8]
        request = (f"OPTIONS sip:{user}@{domain} SIP/2.0\r\n"
                   f"Via: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bK{branch};rport\r\n"
                   f"Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.2>;tag={tag}\r\n"
                   f"To: <sip:{user}@{domain}>\r\nCall-ID: {branch}@127.0.0.1\r\nCSeq: 1 OPTIONS\r\n"
                   f"Contact: <sip:probe@127.0.0.1:{local}>\r\nContent-Length: 0\r\n\r\n")
        sock.sendto(request.encode(), (host, int(port)))
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            try:
                status = sock.recv(65535).decode(errors="replace").split("\r\n", 1)[0]
            except TimeoutError:
                return False
            if not status.startswith("SIP/2.0 1"):  # skip provisional answers
                return status.startswith("SIP/2.0 200")
    return False




def enable_auto_answer(config_home: Path) -> None:
    """The desk's own settings file (QSettings "Huitong"/"Huitong"): auto-answer on, no delay."""
    from PySide6.QtCore import QSettings

    from app.ui.settings_store import SettingsStore

    path = config_home / "Huitong" / "Huitong.conf"
    store = SettingsStore(QSettings(str(path), QSettings.Format.IniFormat))
    store.set_auto_answer("agent1", True, 0)
    store.sync()


def wait(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit(what)
        time.sleep(0.2)


def probe(folder: Path | None, label: str, trim: bool = False) -> dict[str, object] | None:
    """Ask the client's MemoryProbe (app/ui/memory_probe.py) for a look inside; None without --probe."""
    if folder is None:
        return None
    answer = folder / f"{label}.json"
    (folder / "request").write_text(f"{label}{' trim' if trim else ''}\n")
    wait(answer.exists, 60, f"the client's memory probe never answered {label}")
    return json.loads(answer.read_text())


def one_call(peer: LineProcess, domain: str, pid: int, talk: float) -> tuple[list[float], dict[str, float]]:
    """The peer calls agent1, the desk answers by itself, RSS sampled every 0.25 s; the peer hangs up."""
    peer.send(f"call sip:agent1@{domain}")
    peer.expect("state CONFIRMED", 20)  # answered by the desk itself (auto-answer, no delay)
    samples: list[float] = []
    peak_groups: dict[str, float] = {}
    end = time.monotonic() + talk
    while time.monotonic() < end:
        time.sleep(0.25)
        samples.append(rss_mb(pid))
        if samples[-1] >= max(samples):
            peak_groups = smaps(pid)
    peer.send("hangup")
    peer.expect("disconnected", 10)
    return samples, peak_groups


def measure(domain: str, number: str, env: dict[str, str], calls: int, talk: float,
            probe_folder: Path | None, trim: bool) -> dict[str, object]:
    client = subprocess.Popen([sys.executable, "-m", "app"], cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peer: LineProcess | None = None
    try:
        wait(lambda: client.poll() is not None or agent_registered(domain), 60, "the desk never registered")
        if client.poll() is not None:
            raise SystemExit(f"the client exited: {client.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        time.sleep(3)  # settle: start-up work done
        idle, idle_groups = rss_mb(client.pid), smaps(client.pid)
        helper = children_rss_mb(client.pid)
        probes = [probe(probe_folder, "idle")]
        peer = LineProcess([sys.executable, "-m", "tests.telephony.sip_peer", "--domain", domain,
                            "--user", number], cwd=REPO)
        peer.expect("registered 200", 15)
        first_samples: list[float] = []
        peak_groups: dict[str, float] = {}
        after_calls: list[dict[str, object]] = []
        for n in range(1, calls + 1):
            samples, groups = one_call(peer, domain, client.pid, talk)
            if n == 1:
                first_samples, peak_groups = samples, groups
            time.sleep(PAUSE_SECONDS)
            after_calls.append({"call": n, "rss_mb": round(rss_mb(client.pid), 1),
                                "call_peak_mb": round(max(samples), 1), "by_mapping_mb": smaps(client.pid)})
            probes.append(probe(probe_folder, f"call{n}", trim and n == calls))
            print(f"after call {n}: RSS {after_calls[-1]['rss_mb']:.1f} MB (peak in the call "
                  f"{max(samples):.1f})", flush=True)
            print_groups(f"  after call {n} by mapping", after_calls[-1]["by_mapping_mb"])  # type: ignore[arg-type]
    finally:
        if peer is not None:
            peer.stop()
        client.terminate()
        try:
            client.wait(15)
        except subprocess.TimeoutExpired:
            client.kill()
            client.wait(5)
    return {"idle": idle, "samples": first_samples, "after": after_calls[0]["rss_mb"],
            "idle_groups": idle_groups, "peak_groups": peak_groups, "helper": helper,
            "after_calls": after_calls, "probes": probes}


def print_probes(probes: list[dict[str, Any] | None]) -> None:
    """Object counts by type that changed between looks, top-level widgets, glibc's heap, tracemalloc."""
    previous: dict[str, Any] | None = None
    for look in probes:
        if look is None:
            continue
        mall = look["mallinfo"]
        print(f"probe: RSS {look['rss_mb']:.1f} MB, gc objects {look['gc_objects']}, glibc heap in use "
              f"{mall['uordblks'] / 1024:.1f} MB free {mall['fordblks'] / 1024:.1f} MB, top-level widgets "
              f"{look['top_level_widgets']}")
        print(f"  weakrefs to: {look['weakref_targets']}; dead ones held by {look['dead_weakref_holders']}")
        print(f"  anonymous KB: {look['anonymous_kb']}")
        if "trim_mb" in look:
            print(f"  malloc_trim(0): {look['trim_mb']}")
        if previous is not None:
            now, before = look["objects_by_type"], previous["objects_by_type"]
            changed = {k: now.get(k, 0) - before.get(k, 0) for k in set(now) | set(before)}
            print("  objects changed: " + ", ".join(
                f"{k} {v:+d}" for k, v in sorted(changed.items(), key=lambda kv: -abs(kv[1]))[:15] if v))
        for growth in look.get("traced_growth", [])[:8]:
            print(f"  traced {growth['kb']:+.1f} KB ({growth['count']:+d}) at {growth['where'][:3]}")
        previous = look


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=5, help="calls one after another (default 5)")
    parser.add_argument("--talk", type=float, default=TALK_SECONDS, help="seconds of talk per call")
    parser.add_argument("--probe", action="store_true",
                        help="look inside the client after each call (objects by type, widgets, glibc heap)")
    parser.add_argument("--tracemalloc", action="store_true", help="with --probe: Python allocations too")
    parser.add_argument("--trim", action="store_true", help="with --probe: malloc_trim(0) after the last")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="huitong-bench-callrss-"))
    env = dict(os.environ, XDG_DATA_HOME=str(work / "data"), XDG_CONFIG_HOME=str(work / "config"),
               PYTHONPATH=str(REPO), PYTHONPYCACHEPREFIX=str(work / "pycache"), HUITONG_NULL_AUDIO="1")
    probe_folder = work / "probe" if args.probe else None
    if probe_folder is not None:
        probe_folder.mkdir()
        env["HUITONG_BENCH_MEMORY_PROBE"] = str(probe_folder)
        if args.tracemalloc:
            env["HUITONG_BENCH_TRACEMALLOC"] = "1"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    helpers = start_secret_service(env)
    xvfb = start_display(env)
    try:
        with kamailio() as domain:
            server = start_server(f"sqlite:///{work / 'server.sqlite3'}", domain)
            try:
                ((_, number),) = phone_customers(server, 1)
                # signs in with the password once (the session goes to the keyring); not measured
                signin = subprocess.run(
                    [sys.executable, "-m", "app", "--server", server.url, "--username", "agent1"], cwd=REPO,
                    env=dict(env, HUITONG_PASSWORD=DEMO_PASSWORD,
                             HUITONG_BENCH_REPORT=str(work / "login.json")),
                    capture_output=True, timeout=90, check=False)
                if not (work / "login.json").exists():
                    raise SystemExit(f"the sign-in launch failed: {signin.stderr.decode()[-2000:]}")
                enable_auto_answer(work / "config")
                figures = measure(domain, number, env, max(1, args.calls), args.talk, probe_folder,
                                  args.trim)
            finally:
                server.stop()
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(5)
        for helper in helpers:
            helper.terminate()
            helper.wait(5)
        shutil.rmtree(work, ignore_errors=True)
    samples: list[float] = figures["samples"]  # type: ignore[assignment]
    idle, after = float(figures["idle"]), float(figures["after"])  # type: ignore[arg-type]
    peak, median = max(samples), sorted(samples)[len(samples) // 2]
    ok = peak <= BUDGET_MB
    print(f"client process (python -m app, {env['QT_QPA_PLATFORM']}): RSS registered idle {idle:.1f} MB, "
          f"during the call median {median:.1f} MB peak {peak:.1f} MB, after hang-up {after:.1f} MB "
          f"(budget {BUDGET_MB:.0f} MB) {'ok' if ok else 'OVER'}")
    after_calls: list[dict[str, object]] = figures["after_calls"]  # type: ignore[assignment]
    last = float(after_calls[-1]["rss_mb"])  # type: ignore[arg-type]
    per_call = (last - after) / (len(after_calls) - 1) if len(after_calls) > 1 else 0.0
    print(f"{len(after_calls)} calls of {args.talk:.0f} s: after the first {after:.1f} MB, after the last "
          f"{last:.1f} MB: {per_call:+.2f} MB per call after the first")
    print(f"its keyring helper process (apart): {float(figures['helper']):.1f} MB")  # type: ignore[arg-type]
    print_groups(f"registered idle {idle:.1f} MB by mapping", figures["idle_groups"])  # type: ignore[arg-type]
    print_groups(f"call peak {peak:.1f} MB by mapping", figures["peak_groups"])  # type: ignore[arg-type]
    print_probes(figures["probes"])  # type: ignore[arg-type]
    print(json.dumps({"benchmark": "call_rss", "process": "python -m app", "display": env["QT_QPA_PLATFORM"],
                      "idle_registered_mb": round(idle, 1), "call_median_mb": round(median, 1),
                      "call_peak_mb": round(peak, 1), "after_call_mb": round(after, 1),
                      "keyring_helper_mb": round(float(figures["helper"]), 1),  # type: ignore[arg-type]
                      "calls": len(after_calls), "after_last_call_mb": round(last, 1),
                      "growth_per_call_after_first_mb": round(per_call, 2),
                      "after_each_call_mb": [c["rss_mb"] for c in after_calls],
                      "talk_seconds": args.talk, "budget_mb": BUDGET_MB, "within_budget": ok,
                      "idle_by_mapping_mb": figures["idle_groups"],
                      "call_peak_by_mapping_mb": figures["peak_groups"],
                      "after_each_call_by_mapping_mb": [c["by_mapping_mb"] for c in after_calls]}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
