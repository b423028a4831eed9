"""The GC policy: installed by the client's start-up path, full collections wait for idle, memory bounded."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.gc_policy import FULL_THRESHOLD, GcPolicy, uninstall_gc_policy

ROOT = Path(__file__).resolve().parents[2]


class Node:
    """One half of a reference cycle, with a payload so leaked cycles show in RSS."""

    def __init__(self) -> None:
        self.other: Node | None = None
        self.payload = bytearray(512)


def _cycle() -> Node:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return a


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def _move_pointer(widget: QWidget) -> None:
    at = QPointF(5, 5)
    QApplication.sendEvent(widget, QMouseEvent(QEvent.Type.MouseMove, at, widget.mapToGlobal(at),
                                               Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                               Qt.KeyboardModifier.NoModifier))


def _cycles_in_old_generation(count: int) -> list[weakref.ref[Node]]:
    """Garbage cycles that survived the young collections: only a full collection reclaims them."""
    alive = [_cycle() for _ in range(count)]
    gc.collect(1)  # survivors move to the oldest generation
    refs = [weakref.ref(node) for node in alive]
    del alive
    return refs


@pytest.fixture
def make_policy(qapp: QApplication) -> Iterator[Callable[..., GcPolicy]]:
    """Policies for one test, stopped afterwards (with the process's own, if any, and every freeze)."""
    uninstall_gc_policy()
    made: list[GcPolicy] = []

    def make(**options: float) -> GcPolicy:
        options.setdefault("collect_after", 1)  # collect at the first promotion: the tests make few
        made.append(GcPolicy(qapp, **options))  # type: ignore[arg-type]
        return made[-1]

    yield make
    for policy in made:
        policy.uninstall()
        policy.deleteLater()
    uninstall_gc_policy()
    gc.enable()


def test_the_client_start_up_path_installs_the_policy_and_freezes_the_heap_before_the_engine() -> None:
    script = (
        "import gc, sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from app.ui.application import create_application\n"
        "from app.ui.gc_policy import freeze_before_engine, installed_policy\n"
        "app = create_application([])\n"
        "policy = installed_policy()\n"
        "assert policy is not None and gc.get_freeze_count() == 0\n"
        "QTimer.singleShot(100, freeze_before_engine)  # what the desk calls before starting the softphone\n"
        "QTimer.singleShot(400, app.quit)\n"
        "app.exec()\n"
        "print(policy.figures.freezes, gc.get_freeze_count(), 'pjsua2' in sys.modules)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    freezes, frozen, engine_loaded = done.stdout.split()[-3:]
    assert (freezes, engine_loaded) == ("1", "False")
    assert int(frozen) > 10_000  # the imports, Qt's enum tables, the theme: no longer walked by collections


def test_full_collections_wait_while_the_agent_scrolls_and_run_once_idle(
        qapp: QApplication, make_policy: Callable[..., GcPolicy]) -> None:
    widget = QWidget()
    policy = make_policy(tick_ms=20, idle_s=0.3, max_freezes=0)
    gc.disable()  # only the policy collects here: what it does is what the test sees
    refs = _cycles_in_old_generation(200)
    busy_until = time.monotonic() + 0.8
    while time.monotonic() < busy_until:  # the pointer moving over the list, as while scrolling
        _move_pointer(widget)
        qapp.processEvents()
        time.sleep(0.01)
    assert all(ref() is not None for ref in refs)
    assert policy.figures.idle_collections == 0
    deadline = time.monotonic() + 5
    while any(ref() is not None for ref in refs) and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.02)
    assert all(ref() is None for ref in refs)
    assert policy.figures.idle_collections >= 1


def test_nothing_is_frozen_while_a_softphone_engine_object_is_alive(
        qapp: QApplication, make_policy: Callable[..., GcPolicy]) -> None:
    import pjsua2 as pj  # the softphone's engine library, as the desk loads it

    config = pj.EpConfig()  # alive, like the engine's Endpoint, Account and Calls
    policy = make_policy(tick_ms=20, idle_s=0.0, freeze_spacing_s=0.0)
    gc.disable()  # only the policy collects here
    refs = _cycles_in_old_generation(50)
    deadline = time.monotonic() + 5
    while (any(ref() is not None for ref in refs) or not policy.figures.freezes_put_off) \
            and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.02)
    assert all(ref() is None for ref in refs)  # collected while idle, as the engine's gc.collect() expects
    assert policy.figures.idle_collections >= 1
    assert policy.figures.freezes == 0
    assert gc.get_freeze_count() == 0
    assert policy.figures.freezes_put_off >= 1
    del config  # the engine stopped (signed out): the next idle turn may freeze
    deadline = time.monotonic() + 5
    while policy.figures.freezes == 0 and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.02)
    assert policy.figures.freezes == 1  # once released, the next idle turn freezes
    assert gc.get_freeze_count() > 0


def test_the_policy_raises_the_full_collection_threshold_and_gives_it_back(
        qapp: QApplication, make_policy: Callable[..., GcPolicy]) -> None:
    before = gc.get_threshold()
    policy = make_policy()
    assert gc.get_threshold() == (before[0], before[1], max(before[2], FULL_THRESHOLD))
    assert gc.isenabled()
    policy.uninstall()
    assert gc.get_threshold() == before


def test_memory_stays_bounded_while_garbage_cycles_pile_up_busy_or_idle(
        qapp: QApplication, make_policy: Callable[..., GcPolicy]) -> None:
    widget = QWidget()
    policy = make_policy(tick_ms=10, idle_s=0.2, max_freezes=1, freeze_spacing_s=0.0)
    policy.freeze()
    frozen = gc.get_freeze_count()
    tracked, rss = len(gc.get_objects()), _rss_mb()
    for _ in range(300):  # 300 × 1,000 cycles ≈ 300 MB of payload if none were reclaimed
        for _ in range(1000):
            _cycle()
        _move_pointer(widget)  # busy all along: CPython's own thresholds must still reclaim them
        qapp.processEvents()
    assert len(gc.get_objects()) < tracked + 50_000
    assert _rss_mb() - rss < 60
    refs = _cycles_in_old_generation(1000)
    deadline = time.monotonic() + 5
    while any(ref() is not None for ref in refs) and time.monotonic() < deadline:  # idle now
        qapp.processEvents()
        time.sleep(0.02)
    assert all(ref() is None for ref in refs)
    assert policy.figures.freezes == 1  # frozen once, never again: the permanent generation stays put
    assert gc.get_freeze_count() < frozen + 1000
