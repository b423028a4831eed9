"""Benchmark-only look inside the desk's memory for `benchmarks/call_rss.py --probe`: objects by type,
top-level widgets, glibc's heap figures, tracemalloc growth, RSS before and after a heap trim. Started by
`StartupReport.from_environment` only when HUITONG_BENCH_MEMORY_PROBE is set; agents never run it."""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import weakref
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from app.ui.heap_trim import give_back
from app.ui.startup_report import rss_mb


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
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
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
            give_back()
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
