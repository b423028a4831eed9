"""Giving the C heap's free pages back to the system once the phone line goes idle.

A call leaves a few MB of freed but still resident memory in glibc's heaps (pjsua2's media buffers,
Python objects of the call's work on other threads); glibc keeps them for the next allocation. Measured
with `python -m benchmarks.call_rss --probe --trim`: `malloc_trim(0)` after a call gives back ~3.7 MB,
in a few ms. Runs on the GUI thread, a moment after the last call ended, so the call's follow-up work
(history, timeline, recording upload) is done; nothing happens where glibc is not the C library.
"""

from __future__ import annotations

import ctypes
import ctypes.util

from PySide6.QtCore import QObject, QTimer

DELAY_MS = 1500


def give_back() -> bool:
    """malloc_trim(0): True if glibc returned memory to the system, False if not (or no glibc)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return False
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return bool(trim(0))


class IdleHeapTrim(QObject):
    """`line_idle()` when no call is left: one trim DELAY_MS later (restarted by another idle moment)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.trims = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._trim)

    def line_idle(self) -> None:
        self._timer.start()

    def line_busy(self) -> None:
        self._timer.stop()

    def _trim(self) -> None:
        give_back()
        self.trims += 1
