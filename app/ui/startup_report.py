"""Start-up timings for benchmarks/client_startup.py, written only when HUITONG_BENCH_REPORT is set."""

from __future__ import annotations

import json
import os
import time
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
        from app.ui.memory_probe import MemoryProbe

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

