"""Inbox at scale: load, scrolling, live changes, filter switches, unread counts with 100,000 conversations.

The list is the Inbox page's own widget (`InboxList`, its delegate) with the page's filter bar showing the
unread total, offscreen. The model is filled from a locally generated list of 100,000 `Interaction`s (the
shapes the server pages return; no server round trips are timed), in pages of 1,000 as fetchMore would
deliver them, into the real `InboxModel`.
- Scrolling walks the whole list programmatically (page steps, then random jumps); a frame is one
  event-loop turn (the scroll's own repaint) plus one more synchronous repaint of what is visible.
  Every frame is timed on the wall clock and on the GUI thread's CPU clock, and garbage collections
  during frames are recorded: a frame over budget whose CPU time is well under it was the process waiting
  for a CPU (the machine's load average is printed), not the inbox working. Each frame also moves the
  pointer over the list (as a wheel scroll or a thumb drag does): input the GC policy sees.
- The application is the client's own (`create_application`: PySide's lean import hook, the GC policy of
  `app.ui.gc_policy`); once loaded, the policy's first idle turn freezes the start-up heap, as in the desk.
  Every garbage collection during the scroll is printed (generation, ms). INBOX_GC_POLICY=0 runs without
  the policy (CPython's defaults), for comparison.
- Live: 200 conversations from deep in the list get a message and move to the top, and 200 new ones
  arrive, while the agent is scrolled to the middle; the first visible row must stay where it was.
- Filter switching: from 100,000 loaded rows to each filter's first page (mine, unassigned, each channel,
  closed, any status): the reset, the new rows painted and the unread total shown. The pages are cut from
  the same generated rows with the server's rule (`InboxFilter.matches`) before the clock starts.
- Unread: 200 conversations marked read (unread total and label updated, row repainted).
- Counts: the server's inbox counts query (`benchmarks.inbox_counts`) on a SQLite file with as many
  conversations: the figure the filter bar's unread total now comes from.
Budgets: every frame ≤ 16 ms; each filter switch and unread update < 100 ms.
Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.inbox_scale`; the last line is JSON.
"""

from __future__ import annotations

import gc
import json
import os
import random
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

ROWS = int(os.environ.get("INBOX_ROWS", "100000"))
PAGE = 1000
BUDGET_FRAME_MS = 16.0
BUDGET_SWITCH_MS = 100.0
AGENT_ID = 1


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def generate(count: int):  # type: ignore[no-untyped-def]
    from app.domain import Interaction

    rng = random.Random(7)
    names = ["王芳", "李雷", "Grace Hopper", "陳美玲", "Ada Lovelace", "张伟", "Tom Müller", "黄晓明"]
    channels = ["chat", "email", "sms", "social", "voice"]
    previews = ["你好，我的订单什么时候发货？", "The invoice total looks wrong, please check the PDF.",
                "請問可以改送貨地址嗎？", "Thanks, that solved it!", "订单号 HT-20931，麻烦查一下物流"]
    base = datetime(2026, 1, 1, tzinfo=UTC)
    out = []
    for i in range(count):
        seq = (count - i) * 3
        when = base + timedelta(seconds=seq)
        channel = channels[i % 5]
        out.append(Interaction(
            id=count - i, channel=channel, customer_id=1 + i % 5000, status="active" if i % 7 else "queued",
            last_seq=seq, created_at=when, updated_at=when, customer_name=names[i % len(names)],
            subject=f"Order {i}" if channel == "email" else "",
            preview=previews[rng.randrange(len(previews))],
            unread=rng.choice((0, 0, 0, 1, 3)), assigned_agent_id=None if i % 3 else AGENT_ID))
    return out


class GcWatch:
    """Garbage collections (generation, ms) as they happen."""

    def __init__(self) -> None:
        self.events: list[tuple[int, float]] = []
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.events.append((int(info["generation"]), (time.perf_counter() - self._start) * 1000))


def run_queue_ms() -> tuple[float, float]:
    """How long (this thread, all of this process's threads) have waited for a CPU while runnable, from
    Linux schedstat; (0, 0) where unknown. Qt's raster engine hands large fills to a thread pool and waits
    for it, so a frame also waits whenever those threads wait for a CPU."""
    mine = total = 0.0
    own = f"/proc/self/task/{threading.get_native_id()}/schedstat"
    try:
        for task in os.listdir("/proc/self/task"):
            path = f"/proc/self/task/{task}/schedstat"
            with open(path, encoding="ascii") as stat:
                waited = int(stat.read().split()[1]) / 1e6
            total += waited
            mine = waited if path == own else mine
    except (OSError, IndexError, ValueError):
        pass
    return mine, total


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(int(len(ordered) * q), len(ordered) - 1)], 2) if ordered else 0.0


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.application import create_application  # noqa: I001 - first, as in the client's start-up

    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    from app.sync.inbox import InboxFilter
    from app.ui.gc_policy import installed_policy, uninstall_gc_policy
    from app.ui.inbox_filters import InboxFilters
    from app.ui.inbox_list import InboxList
    from app.ui.inbox_model import InboxModel
    from app.ui.theme import apply_theme

    app = create_application([])
    apply_theme(app)
    if os.environ.get("INBOX_GC_POLICY", "1") == "0":
        uninstall_gc_policy()
    policy = installed_policy()
    load_before = os.getloadavg()[0]
    rss_before = rss_mb()
    t0 = time.perf_counter()
    items = generate(ROWS)
    generate_ms = (time.perf_counter() - t0) * 1000

    model = InboxModel()
    window = QWidget()
    filters = InboxFilters()
    view = InboxList()
    view.setModel(model)
    layout = QVBoxLayout(window)
    layout.addWidget(filters)
    layout.addWidget(view, 1)
    for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged):
        signal.connect(lambda *_: filters.set_unread(model.total_unread))  # as the Inbox page does
    window.resize(360, 840)
    window.show()
    app.processEvents()

    def load_all(items: list[Any]) -> None:
        model.reset(items[:PAGE], items[PAGE].last_seq if ROWS > PAGE else None)
        for start in range(PAGE, ROWS, PAGE):
            chunk = items[start:start + PAGE]
            model.append_page(chunk, chunk[-1].last_seq if start + PAGE < ROWS else None)
        app.processEvents()
        view.viewport().repaint()

    t0 = time.perf_counter()
    load_all(items)
    load_ms = (time.perf_counter() - t0) * 1000
    newest = items[0]
    del items  # the desk holds its rows in the model only (a second 100k list would slow every full GC)
    rss_loaded = rss_mb()
    assert model.rowCount() == ROWS
    if policy is not None:
        policy.freeze()  # what its first idle turn does once the desk is up (not timed)
    tracked_loaded, frozen = len(gc.get_objects()), gc.get_freeze_count()
    watch = GcWatch()

    bar = view.verticalScrollBar()
    # wall ms, GUI-thread CPU ms, ms the GUI thread / Qt's pool threads waited for a CPU, collections
    frames: list[tuple[float, float, float, float, list[tuple[int, float]]]] = []

    pointer = 0

    def frame() -> None:
        nonlocal pointer
        pointer = (pointer + 7) % max(1, view.viewport().height())
        at = QPointF(100, pointer)
        QApplication.sendEvent(view.viewport(), QMouseEvent(
            QEvent.Type.MouseMove, at, view.viewport().mapToGlobal(at), Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
        seen = len(watch.events)
        mine, total = run_queue_ms()
        start, cpu = time.perf_counter(), time.thread_time()
        app.processEvents()  # the scroll's own repaint
        view.viewport().repaint()
        wall, cpu = (time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000
        mine_after, total_after = run_queue_ms()
        gui_wait, all_wait = mine_after - mine, total_after - total
        frames.append((wall, cpu, gui_wait, all_wait - gui_wait, watch.events[seen:]))

    step = bar.pageStep()
    value = 0
    while value < bar.maximum() and len(frames) < 3000:  # smooth page-by-page scrolling from the top
        value += step
        bar.setValue(value)
        frame()
    for _ in range(500):  # jumps anywhere (dragging the scroll bar thumb)
        bar.setValue(random.randrange(bar.maximum() + 1))
        frame()
    bar.setValue(bar.maximum())
    frame()
    scroll_gcs = [event for f in frames for event in f[4]]
    full_start = time.thread_time()
    gc.collect()  # what a full collection costs now (CPU), after the scroll
    full_ms = (time.thread_time() - full_start) * 1000

    # Live changes at scale, scrolled to the middle: moves to the top and new conversations.
    bar.setValue(bar.maximum() // 2 + 17)
    app.processEvents()
    first_row = view.first_visible_row()
    anchor_id, anchor_y = model.interaction(first_row).id, view.rowViewportPosition(first_row)
    live: list[float] = []
    live_cpu: list[float] = []
    top_seq = newest.last_seq
    for n in range(400):
        top_seq += 1
        if n % 2:
            victim = model.interaction(random.randrange(model.rowCount()))
            fresh = replace(victim, last_seq=top_seq, unread=victim.unread + 1, preview=f"live {n}")
        else:
            fresh = replace(newest, id=ROWS + 1 + n, last_seq=top_seq, unread=1, preview=f"new {n}")
        start, cpu = time.perf_counter(), time.thread_time()
        model.upsert(fresh)
        app.processEvents()
        view.viewport().repaint()
        live.append((time.perf_counter() - start) * 1000)
        live_cpu.append((time.thread_time() - cpu) * 1000)
    first_row = view.first_visible_row()
    kept_place = model.interaction(first_row).id == anchor_id
    kept_place = kept_place and view.rowViewportPosition(first_row) == anchor_y

    # Unread counts: mark conversations read (the page upserts unread=0), total and label follow.
    unread_ms: list[float] = []
    unread_cpu: list[float] = []
    for _ in range(200):
        item = model.interaction(random.randrange(model.rowCount()))
        start, cpu = time.perf_counter(), time.thread_time()
        model.upsert(replace(item, unread=0))
        app.processEvents()
        view.viewport().repaint()
        unread_ms.append((time.perf_counter() - start) * 1000)
        unread_cpu.append((time.thread_time() - cpu) * 1000)
    recount_ok = model.total_unread == sum(model.interaction(r).unread for r in range(model.rowCount()))

    # Filter switching from 100,000 loaded rows to each filter's first page.
    choices = [InboxFilter(scope="mine"), InboxFilter(scope="unassigned"),
               *(InboxFilter(channel=c) for c in ("chat", "email", "sms", "social", "voice")),
               InboxFilter(status="closed"), InboxFilter(status="all"), InboxFilter()]
    switch_ms: dict[str, float] = {}
    switch_cpu: list[float] = []
    pages = {}
    items = generate(ROWS)  # the same rows again (seeded)
    for flt in choices:
        matching = [i for i in items if flt.matches(i, AGENT_ID)]
        pages[flt] = (matching[:PAGE], matching[PAGE - 1].last_seq if len(matching) > PAGE else None)

    def apply(flt: InboxFilter) -> None:  # what InboxPage.reload + _first_page do, minus the server
        model.reset()
        model.reset(*pages[flt])

    filters.changed.connect(apply)
    for flt in choices:
        filters.set_filter(InboxFilter())  # (not timed) back to the default filter ...
        load_all(items)  # ... with 100,000 rows loaded, scrolled somewhere
        bar.setValue(bar.maximum() // 3)
        app.processEvents()
        start, cpu = time.perf_counter(), time.thread_time()
        filters.set_filter(flt)
        app.processEvents()
        view.viewport().repaint()
        switch_ms[f"{flt.scope}/{flt.channel or 'any'}/{flt.status}"] = round(
            (time.perf_counter() - start) * 1000, 2)
        switch_cpu.append((time.thread_time() - cpu) * 1000)
        assert model.rowCount() == len(pages[flt][0])

    walls = [f[0] for f in frames]
    cpus = [f[1] for f in frames]
    over = [f for f in frames if f[0] > BUDGET_FRAME_MS]
    load_after = os.getloadavg()[0]
    print(f"{len(over)} frames over {BUDGET_FRAME_MS} ms, worst first: wall ms, GUI-thread CPU ms, ms the "
          "GUI thread and Qt's pool threads were runnable but waiting for a CPU, GCs (generation, ms)")
    for wall, cpu, gui_wait, pool_wait, collections in sorted(over, reverse=True)[:30]:
        print(f"  {wall:7.2f} {cpu:7.2f} {gui_wait:7.2f} {pool_wait:7.2f} {collections}")
    by_generation = {g: [round(ms, 2) for gen, ms in scroll_gcs if gen == g] for g in (0, 1, 2)}
    print(f"garbage collections during the scroll ({len(frames)} frames), ms each, by generation:")
    for g, pauses in by_generation.items():
        print(f"  gen {g}: {len(pauses)} collections, worst {max(pauses, default=0.0)} ms: {pauses[:40]}")
    served = [f[0] - min(f[2] + f[3], f[0] - f[1]) for f in frames]  # wall minus waiting for a CPU
    figures = {
        "rows": ROWS, "source": "generated list, paged 1000 at a time into the real InboxModel",
        "load_average_1min": [round(load_before, 2), round(load_after, 2)], "cpus": os.cpu_count(),
        "generate_ms": round(generate_ms, 1), "load_ms": round(load_ms, 1),
        "rss_before_mb": round(rss_before, 1), "rss_loaded_mb": round(rss_loaded, 1),
        "rss_model_mb": round(rss_loaded - rss_before, 1),
        "frames": len(frames), "frame_p50_ms": pct(walls, 0.5), "frame_p99_ms": pct(walls, 0.99),
        "frame_worst_ms": round(max(walls), 2), "frames_over_16ms": len(over),
        "frame_cpu_p50_ms": pct(cpus, 0.5), "frame_cpu_p99_ms": pct(cpus, 0.99),
        "frame_cpu_worst_ms": round(max(cpus), 2),
        "frames_over_16ms_cpu": sum(1 for c in cpus if c > BUDGET_FRAME_MS),
        "frames_over_16ms_less_cpu_wait": sum(1 for s in served if s > BUDGET_FRAME_MS),
        "frame_worst_less_cpu_wait_ms": round(max(served), 2),
        "cpu_wait_in_frames_ms": round(sum(f[2] + f[3] for f in frames), 1),
        "gc_in_frames": sum(len(f[4]) for f in frames),
        "gc_worst_in_frame_ms": round(max((ms for f in frames for _g, ms in f[4]), default=0.0), 2),
        "gc_in_frames_by_generation": [len(by_generation[g]) for g in (0, 1, 2)],
        "gc_full_in_frames_worst_ms": max(by_generation[2], default=0.0),
        "gc_policy": policy is not None, "gc_tracked_unfrozen_loaded": tracked_loaded,
        "gc_frozen_objects": frozen, "gc_full_collection_cpu_ms": round(full_ms, 2),
        "live_worst_ms": round(max(live), 2), "live_p50_ms": pct(live, 0.5),
        "live_cpu_worst_ms": round(max(live_cpu), 2),
        "live_view_kept_place": kept_place,
        "unread_update_worst_ms": round(max(unread_ms), 2), "unread_update_p50_ms": pct(unread_ms, 0.5),
        "unread_update_cpu_worst_ms": round(max(unread_cpu), 2),
        "unread_total_right": recount_ok,
        "filter_switch_worst_ms": max(switch_ms.values()),
        "filter_switch_cpu_worst_ms": round(max(switch_cpu), 2),
        "filter_switch_ms": switch_ms,
        "budget_frame_ms": BUDGET_FRAME_MS, "budget_switch_ms": BUDGET_SWITCH_MS,
    }
    from benchmarks.inbox_counts import sqlite_figure  # the server's counts query, as many rows (SQLite)

    counts = sqlite_figure(ROWS)
    figures["counts_query_sqlite_ms"], figures["counts_query_sqlite_worst_ms"] = counts["median_ms"], \
        counts["max_ms"]
    for key, value_ in figures.items():
        print(f"{key:28} {value_}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
