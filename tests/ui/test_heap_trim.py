"""Memory freed by a call is given back to the system once the line is idle (app/ui/heap_trim.py)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.ui import heap_trim
from app.ui.heap_trim import IdleHeapTrim


def rss_kb() -> int:
    return next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
                if line.startswith("VmRSS:"))


def test_freed_heap_memory_goes_back_to_the_system() -> None:
    # 40 MB in 4 KB blocks (malloc'd below the mmap threshold, so freeing them leaves them in the heap)
    blocks = [bytearray(4000) for _ in range(10_000)]
    for block in blocks:
        block[0] = 1
    keep = blocks[-1]  # the heap's top stays in use: only a trim can give the pages below it back
    del blocks
    before = rss_kb()
    assert heap_trim.give_back()
    assert rss_kb() < before - 20_000, "malloc_trim gave back less than half of 40 MB freed"
    assert keep[0] == 1


def test_trims_once_after_the_line_went_idle_not_while_a_call_is_up(qtbot: QtBot) -> None:
    trim = IdleHeapTrim()
    trim.line_idle()
    trim.line_idle()  # a second call ended soon after: still one trim
    qtbot.waitUntil(lambda: trim.trims == 1, timeout=5000)
    trim.line_idle()
    trim.line_busy()  # a new call came in before the trim
    qtbot.wait(heap_trim.DELAY_MS + 500)
    assert trim.trims == 1
