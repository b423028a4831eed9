"""When the cyclic garbage collector may pause the GUI thread: not while the agent scrolls or types.

A full (generation 2) collection walks every GC-tracked object and visits each one's references: in the
desk that is ~64,000 long-lived objects (functions, class and module dicts, Qt enum tables, SQLAlchemy's
modules) and ~350,000 references, 30–50 ms of CPU on this machine, a dropped frame whenever CPython's
automatic schedule happens to start one in the middle of a scroll (the 100,000 inbox rows themselves are
already untracked, see `inbox_model`). The policy:

- Freeze the start-up heap: right before the softphone engine starts (`freeze_before_engine`, called by
  the desk once "connected" is shown: the window, the pages and the sync stack exist, no pjsua2 object
  yet), and again once the agent is idle, `gc.collect()` then `gc.freeze()`:
  what is alive then (imports, the window) is moved to CPython's permanent generation, which no collection
  walks; a full collection then costs what was allocated since (well under 1 ms instead of 30+). Objects
  frozen still die by reference counting; only a frozen object that later ends in a reference cycle is
  never reclaimed, so the freeze is bounded: at most `MAX_FREEZES` times, `FREEZE_SPACING_S` apart, and
  never while a `pjsua2` object is alive (an Endpoint, Account, Call...: the engine relies on
  `gc.collect()` to free Calls and Accounts before `libDestroy`); with the engine running, the policy
  looks again later, `MAX_FREEZE_LOOKS` times.
- Collect while idle. Every `TICK_MS`, if no input (keys, mouse, wheel, touch) arrived for `IDLE_S` and
  CPython's default schedule would be due (`COLLECT_AFTER` younger collections since the last full one),
  run it now, while nobody is looking, so the raised threshold below is rarely reached during a scroll.
  An idle desk thus collects as often as CPython would, not on every tick.
- CPython's automatic full collections stay on, busy or not, so garbage cycles are always reclaimed;
  their threshold goes from 10 to `FULL_THRESHOLD` younger collections (also subject to CPython's own
  rule: not before the objects promoted since the last one reach a quarter of the old generation): in the
  inbox benchmark a continuous scroll makes one younger (gen 1) collection every ~170 frames, so the
  automatic full one waits for ~17,000 frames of uninterrupted scrolling instead of ~1,700, and the idle
  collections usually come first. Garbage that reached the old generation waits for at most that many
  younger collections: bounded.
"""

from __future__ import annotations

import gc
import sys
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

TICK_MS = 1000
COLLECT_AFTER = 10  # CPython's default full-collection threshold
IDLE_S = 2.0
MAX_FREEZES = 3
FREEZE_SPACING_S = 3.0
MAX_FREEZE_LOOKS = 10
FULL_THRESHOLD = 100
ENGINE_MODULE = "pjsua2"  # nothing is frozen while an object of its classes is alive (see the docstring)

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
    QEvent.Type.TabletMove, QEvent.Type.NativeGesture,
})


@dataclass
class GcFigures:
    """What the policy did: freezes, idle collections and their pauses (ms), objects frozen."""

    freezes: int = 0
    freezes_put_off: int = 0  # idle turns that found a softphone engine object alive
    frozen_objects: int = 0
    idle_collections: int = 0
    idle_pauses_ms: list[float] = field(default_factory=list)


class GcPolicy(QObject):
    """Watches the application's input and runs the collector's expensive work when the agent is idle."""

    def __init__(self, app: QCoreApplication, *, tick_ms: int = TICK_MS, idle_s: float = IDLE_S,
                 max_freezes: int = MAX_FREEZES, freeze_spacing_s: float = FREEZE_SPACING_S,
                 collect_after: int = COLLECT_AFTER) -> None:
        super().__init__(app)
        self.figures = GcFigures()
        self._idle_s = idle_s
        self._max_freezes = max_freezes
        self._freeze_spacing_s = freeze_spacing_s
        self._collect_after = collect_after
        self._last_input = time.monotonic()
        self._last_freeze = float("-inf")
        self._thresholds = gc.get_threshold()
        gc.set_threshold(self._thresholds[0], self._thresholds[1], max(self._thresholds[2], FULL_THRESHOLD))
        app.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802, ARG002 - Qt override
        if event.type() in INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False

    def note_input(self) -> None:
        """Input seen some other way (not through the application's event filter)."""
        self._last_input = time.monotonic()

    def idle(self) -> bool:
        return time.monotonic() - self._last_input >= self._idle_s

    def may_freeze(self) -> bool:
        if self.figures.freezes >= self._max_freezes or self.figures.freezes_put_off >= MAX_FREEZE_LOOKS:
            return False
        if time.monotonic() - self._last_freeze < self._freeze_spacing_s:
            return False
        if engine_object_alive():
            self.figures.freezes_put_off += 1
            self._last_freeze = time.monotonic()  # look again after the spacing
            return False
        return True

    def tick(self) -> None:
        """One timer turn: freeze or collect if idle, else wait for the next turn."""
        if not self.idle():
            return
        if self.may_freeze():
            self.freeze()
        elif gc.get_count()[2] >= self._collect_after:  # CPython's own schedule would be due
            self.collect()

    def freeze_if_allowed(self) -> None:
        if self.may_freeze():
            self.freeze()

    def freeze(self) -> None:
        """Collect, then move every surviving object to the permanent generation (see the docstring)."""
        gc.collect()
        before = gc.get_freeze_count()
        gc.freeze()
        self._last_freeze = time.monotonic()
        self.figures.freezes += 1
        self.figures.frozen_objects += gc.get_freeze_count() - before

    def collect(self) -> float:
        """A full collection now; its pause in ms."""
        start = time.perf_counter()
        gc.collect()
        pause = (time.perf_counter() - start) * 1000
        self.figures.idle_collections += 1
        self.figures.idle_pauses_ms.append(round(pause, 3))
        del self.figures.idle_pauses_ms[:-100]  # the last 100 are enough to look at
        return pause

    def uninstall(self) -> None:
        self._timer.stop()
        gc.set_threshold(*self._thresholds)
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


def _engine_module(name: object) -> bool:
    return isinstance(name, str) and (name == ENGINE_MODULE or name.startswith(ENGINE_MODULE + "."))


def engine_object_alive() -> bool:
    """Whether any live object is an instance of a `pjsua2` class (a few ms: only asked before a freeze)."""
    if ENGINE_MODULE not in sys.modules:
        return False
    verdicts: dict[type, bool] = {}
    for obj in gc.get_objects():
        kind = type(obj)
        verdict = verdicts.get(kind)
        if verdict is None:
            verdict = any(_engine_module(getattr(c, "__module__", "")) for c in kind.__mro__)
            verdicts[kind] = verdict
        if verdict:
            return True
    return False


_installed: list[GcPolicy] = []  # the process's policy, if installed


def install_gc_policy(app: QCoreApplication, **options: float) -> GcPolicy:
    """The process's policy (one per process; a second call returns the first)."""
    if not _installed:
        _installed.append(GcPolicy(app, **options))  # type: ignore[arg-type]
    return _installed[0]


def installed_policy() -> GcPolicy | None:
    return _installed[0] if _installed else None


def freeze_before_engine() -> None:
    """The desk is about to start the softphone (after "connected" is shown): freeze what start-up left,
    the last moment before pjsua2 objects exist and freezing is put off."""
    policy = installed_policy()
    if policy is not None:
        policy.freeze_if_allowed()


def uninstall_gc_policy() -> None:
    """Stops the policy and gives frozen objects back to the collector (tests, shutdown)."""
    while _installed:
        _installed.pop().uninstall()
    gc.unfreeze()
