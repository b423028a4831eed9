"""Where the client's memory goes: resident memory by mapping group, and by imported module group.

Shared by `benchmarks.client_startup` and `benchmarks.call_rss` so a regression shows up as a named line
("anonymous +12 MB", "sqlalchemy +22 MB") instead of one total.

- `smaps_groups(text)`: Rss from `/proc/<pid>/smaps` summed per group of mappings: anonymous memory
  (Python objects, the C heaps, thread stacks), Qt, Python itself, cryptography/OpenSSL, pjsua2, fonts, …
- `import_groups()`: a fresh offscreen process creates the QApplication, then imports the client's module
  groups in start-up order and reports each group's RSS and import time. Order matters (a group is
  charged for what it is first to import), so the order is the app's own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

MAPPING_GROUPS = (  # first match wins: (group, substrings of the mapped path)
    ("Qt (PySide6, shiboken)", ("/PySide6/", "/shiboken6/")),
    ("pjsua2", ("pjsua2",)),
    ("cryptography + OpenSSL", ("/cryptography/", "libcrypto", "libssl", "_cffi_backend")),
    ("Python (interpreter, stdlib C modules)", ("libpython", "/lib-dynload/", "/bin/python")),
    ("fonts", ("/fonts/", ".ttf", ".ttc", ".otf")),
    ("SQLite", ("libsqlite",)),
    ("other shared libraries", ("/",)),
)

# The client's imports in the order a start-up makes them (app.main → window → sync stack → pages →
# routing → softphone); each entry's modules are imported together.
IMPORT_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("window (app.ui.desk_controller, main window)", ("app.ui.desk_controller",)),
    ("keyring client (the keyring itself runs in app.sync.keyring_helper's process)",
     ("app.sync.credentials",)),
    ("requests (urllib3, charset_normalizer, idna)", ("requests",)),
    ("sqlalchemy", ("sqlalchemy",)),
    ("websocket-client", ("websocket",)),
    ("app.sync (service, cache, outbox, inbox, …)", ("app.sync.service",)),
    ("customers page", ("app.ui.customers_page",)),
    ("inbox page", ("app.ui.inbox_page",)),
    ("routing desk", ("app.ui.routing_desk",)),
    ("softphone desk", ("app.ui.softphone_desk",)),
    ("softphone engine (pjsua2 and its SWIG classes)", ("app.telephony.engine",)),
)

_PROBE = """
import importlib, json, sys, time
def rss():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:")) / 1024
rows = [["python", rss(), 0.0]]
t = time.perf_counter()
from app.ui.application import create_application
app = create_application()
rows.append(["PySide6 + QApplication", rss(), (time.perf_counter() - t) * 1000])
for name, modules in json.loads(sys.argv[1]):
    t = time.perf_counter()
    for module in modules:
        importlib.import_module(module)
    rows.append([name, rss(), (time.perf_counter() - t) * 1000])
print(json.dumps(rows))
"""


def smaps_groups(smaps: str) -> dict[str, float]:
    """MB of Rss per mapping group, largest first."""
    totals: dict[str, int] = {}
    group = "anonymous (heap, Python objects, stacks)"
    for line in smaps.splitlines():
        head = line.split(maxsplit=6)
        if len(head) >= 5 and "-" in head[0] and not line.endswith(":") and ":" not in head[0]:
            path = head[5] if len(head) > 5 else ""
            group = _mapping_group(path)
        elif line.startswith("Rss:"):
            totals[group] = totals.get(group, 0) + int(line.split()[1])
    return {k: round(v / 1024, 1) for k, v in sorted(totals.items(), key=lambda kv: -kv[1])}


def _mapping_group(path: str) -> str:
    if not path.startswith("/") or path.startswith("/memfd:") or path.startswith("/dev/"):
        return "anonymous (heap, Python objects, stacks)" if not path.startswith("/memfd:") \
            else "shared memory (X11 / memfd)"
    for name, needles in MAPPING_GROUPS:
        if any(n in path for n in needles):
            return name
    return "other shared libraries"


def own_smaps_groups() -> dict[str, float]:
    return smaps_groups(Path("/proc/self/smaps").read_text())


def import_groups(repo: Path, env: dict[str, str] | None = None) -> list[tuple[str, float, float]]:
    """(group, MB added, ms to import) per group, measured in a fresh offscreen process."""
    run_env = dict(env or os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(repo))
    out = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(IMPORT_GROUPS)], cwd=repo, env=run_env,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    rows = json.loads(out.strip().splitlines()[-1])
    result, previous = [], 0.0
    for name, rss, ms in rows:
        result.append((name, round(rss - previous, 1), round(ms, 0)))
        previous = rss
    return result


def print_groups(title: str, groups: dict[str, float]) -> None:
    print(f"{title}: " + ", ".join(f"{name} {mb:.1f}" for name, mb in groups.items()) + " (MB)")


def print_import_groups(rows: list[tuple[str, float, float]]) -> None:
    print("RSS by module group (fresh offscreen process, imported in start-up order):")
    for name, mb, ms in rows:
        print(f"  {name:52s} {mb:+7.1f} MB {ms:7.0f} ms")
