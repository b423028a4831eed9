"""Start-up timings for benchmarks/client_startup.py, written only when HUITONG_BENCH_REPORT is set."""

from __future__ import annotations

import ctypes
import json
import os
import time
import weakref
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

IDLE_SECONDS = 3.0


def process_start_time() -> float:
    """Wall-clock start of this process: the parent's launch time if it passed one, else from /proc."""
    parent_t0 = os.environ.get("HUITONG_BENCH_T0")
    if parent_t0:
        return float(parent_t0)
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        boot = next(float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime"))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, StopIteration, ValueError, IndexError):
        return time.time()


def rss_mb(field: str = "VmRSS") -> float:
    """Resident memory in MB: VmRSS (all), RssAnon (heap, stacks) or RssFile (mapped libraries, fonts)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


class StartupReport(QObject):
    """Records first paint of the window and of "connected" in its status bar, then idle RSS, then quits.

    "connected_ms" is when the agent can see it: the first paint of the connection indicator after the
    CONNECTED state reached the GUI thread (`connected_signal_ms`), so GUI work done right after the
    signal (e.g. starting the softphone) counts against it rather than hiding behind it.
    """

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = Path(path)
        self._t0 = process_start_time()
        self.figures: dict[str, float] = {}
        self._window: QObject | None = None
        self._indicator: QObject | None = None

    @classmethod
    def from_environment(cls, parent: QObject | None = None) -> StartupReport | None:
        MemoryProbe.from_environment(parent)  # benchmarks.call_rss's look inside; off unless set
        path = os.environ.get("HUITONG_BENCH_REPORT")
        return cls(path, parent) if path else None

    def mark(self, name: str) -> None:
        """A phase reached (first time only): ms since the process started, and the CPU the process
        (all threads) had used by then — steadier than wall time on a busy machine."""
        if f"{name}_ms" not in self.figures:
            self.figures[f"{name}_ms"] = (time.time() - self._t0) * 1000
            self.figures[f"cpu_ms_at_{name}"] = time.process_time() * 1000

    def watch_window(self, window: QObject) -> None:
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.Paint:
            return False
        if watched is self._window and "first_window_ms" not in self.figures:
            self.mark("first_window")
            watched.removeEventFilter(self)
        elif watched is self._indicator and "connected_ms" not in self.figures:
            self.mark("connected")
            watched.removeEventFilter(self)
            QTimer.singleShot(int(IDLE_SECONDS * 1000), self._finish)
        return False

    def connected(self) -> None:
        """CONNECTED reached the GUI thread; "connected" counts once the indicator has painted it."""
        if "connected_signal_ms" in self.figures:
            return
        self.mark("connected_signal")
        indicator = getattr(self._window, "connection", None)
        if isinstance(indicator, QWidget) and indicator.isVisible():
            self._indicator = indicator
            indicator.installEventFilter(self)
            indicator.update()
        else:  # no indicator to watch (a test double): the signal is the best we know
            self.mark("connected")
            QTimer.singleShot(int(IDLE_SECONDS * 1000), self._finish)

    def _finish(self) -> None:
        self.figures["idle_rss_mb"] = rss_mb()
        self.figures["idle_rss_anon_mb"] = rss_mb("RssAnon")
        self.figures["idle_rss_file_mb"] = rss_mb("RssFile")
        smaps = os.environ.get("HUITONG_BENCH_SMAPS")
        if smaps:
            Path(smaps).write_text(Path("/proc/self/smaps").read_text())
        self._path.write_text(json.dumps(self.figures))
        QCoreApplication.quit()


class MemoryProbe(QObject):
    """Benchmark-only look inside the client's memory (benchmarks/call_rss.py), when
    HUITONG_BENCH_MEMORY_PROBE names a folder: every 0.5 s it looks for `<folder>/request` (one line:
    a label, optionally followed by ` trim`) and answers with `<folder>/<label>.json`: RSS, live objects
    by type (the gc-tracked heap outside the frozen start-up part), top-level widgets, glibc's heap
    figures, the largest tracemalloc growths since the previous answer (with HUITONG_BENCH_TRACEMALLOC=1),
    and with ` trim` RSS before and after `malloc_trim(0)`. Nothing of this runs without the variable."""

    def __init__(self, folder: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        import tracemalloc

        self._folder = Path(folder)
        self._previous: object | None = None
        if os.environ.get("HUITONG_BENCH_TRACEMALLOC") == "1":
            tracemalloc.start(8)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._poll)
        self._timer.start(500)

    @classmethod
    def from_environment(cls, parent: QObject | None = None) -> MemoryProbe | None:
        folder = os.environ.get("HUITONG_BENCH_MEMORY_PROBE")
        return cls(folder, parent) if folder else None

    def _poll(self) -> None:
        request = self._folder / "request"
        if not request.exists():
            return
        words = request.read_text().split()
        request.unlink()
        if words:
            answer = self._folder / f"{words[0]}.json"
            answer.with_suffix(".tmp").write_text(json.dumps(self.figures(trim="trim" in words[1:])))
            answer.with_suffix(".tmp").rename(answer)

    def figures(self, *, trim: bool) -> dict[str, object]:
        import collections
        import gc
        import tracemalloc

        from PySide6.QtWidgets import QApplication

        gc.collect()
        counts = collections.Counter(type(o).__qualname__ for o in gc.get_objects())
        widgets = [(type(w).__qualname__, w.isVisible()) for w in QApplication.topLevelWidgets()]
        libc = ctypes.CDLL("libc.so.6")
        figures: dict[str, object] = {"rss_mb": rss_mb(), "rss_anon_mb": rss_mb("RssAnon"),
                                      "gc_objects": sum(counts.values()),
                                      "objects_by_type": dict(counts.most_common(300)),
                                      "top_level_widgets": widgets, "mallinfo": self._mallinfo(libc),
                                      "weakref_targets": dict(collections.Counter(
                                          type(o()).__qualname__ for o in gc.get_objects()
                                          if isinstance(o, weakref.ref)).most_common(12)),
                                      "anonymous_kb": self._anonymous(),
                                      "dead_weakref_holders": self._dead_weakref_holders()}
        if tracemalloc.is_tracing():
            snapshot = tracemalloc.take_snapshot().filter_traces(
                (tracemalloc.Filter(False, tracemalloc.__file__),))
            figures["traced_mb"] = tracemalloc.get_traced_memory()[0] / 2**20
            if self._previous is not None:
                stats = snapshot.compare_to(self._previous, "traceback")  # type: ignore[arg-type]
                figures["traced_growth"] = [
                    {"kb": round(s.size_diff / 1024, 1), "count": s.count_diff,
                     "where": [f"{f.filename}:{f.lineno}" for f in s.traceback][:6]}
                    for s in stats[:25]]
            self._previous = snapshot
        if trim:
            before = rss_mb()
            libc.malloc_trim(0)
            figures["trim_mb"] = {"before": before, "after": rss_mb()}
        return figures

    @staticmethod
    def _dead_weakref_holders() -> dict[str, int]:
        """What keeps weak references whose object is gone (a list of them grows without bound)."""
        import collections
        import gc

        holders: collections.Counter[str] = collections.Counter()
        dead = [o for o in gc.get_objects() if isinstance(o, weakref.ref) and o() is None][:300]
        for ref in dead:
            for holder in gc.get_referrers(ref):
                if holder is dead:
                    continue
                owner = ""
                if isinstance(holder, dict | list | set | tuple):
                    owner = " in " + ",".join(sorted({type(o).__qualname__ for o in gc.get_referrers(holder)
                                                       if o is not dead})[:4])
                holders[type(holder).__qualname__ + owner] += 1
        return dict(holders.most_common(8))

    @staticmethod
    def _anonymous() -> dict[str, int]:
        """Rss (KB) of the anonymous mappings by kind: the main heap, 64 MB thread arenas, 8 MB stacks."""
        kinds: dict[str, int] = {}
        kind = ""
        for line in Path("/proc/self/smaps").read_text().splitlines():
            head = line.split()
            if head and "-" in head[0] and ":" not in head[0]:
                start, end = (int(x, 16) for x in head[0].split("-"))
                size = (end - start) // 1024
                path = head[5] if len(head) > 5 else ""
                kind = path if path.startswith("[") else "" if path else \
                    "arena-like (<=64 MB, aligned)" if start % (64 << 20) == 0 or size in (65536, 65532) \
                    else "stack-like (8 MB)" if size in (8192, 8188) \
                    else f"other anonymous ({size // 1024} MB class)" if size >= 1024 \
                    else "other anonymous (<1 MB)"
            elif line.startswith("Rss:") and kind:
                kinds[kind] = kinds.get(kind, 0) + int(head[1])
        return kinds

    @staticmethod
    def _mallinfo(libc: ctypes.CDLL) -> dict[str, int]:
        names = ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                 "fordblks", "keepcost")

        class MallInfo2(ctypes.Structure):
            _fields_ = [(name, ctypes.c_size_t) for name in names]

        libc.mallinfo2.restype = MallInfo2
        info = libc.mallinfo2()
        return {name: getattr(info, name) // 1024 for name in names}  # KB
