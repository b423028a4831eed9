"""Inbox at scale: load time and RSS with 100,000 conversations, and the worst frame while scrolling.

The list view is set up as on the Inbox page (uniform sizes, batched layout). The model is filled from a
locally generated list of 100,000 `Interaction`s (the shapes the server pages return; no server round
trips are timed), in pages of 1,000 as fetchMore would deliver them, into the real InboxModel and
InboxDelegate, offscreen. Scrolling walks the whole list programmatically (page steps, then random
jumps); a frame is one event-loop turn plus one synchronous repaint of what is visible. Then 200 live
changes move a conversation from deep in the list to the top. Budget: no frame over 16 ms.
Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.inbox_scale`; the last line is JSON.
"""

from __future__ import annotations

import json
import os
import random
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

ROWS = int(os.environ.get("INBOX_ROWS", "100000"))
PAGE = 1000
BUDGET_FRAME_MS = 16.0


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
            unread=rng.choice((0, 0, 0, 1, 3)), assigned_agent_id=None if i % 3 else 1))
    return out


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QListView

    from app.ui.inbox_delegate import InboxDelegate
    from app.ui.inbox_model import InboxModel
    from app.ui.inbox_page import INBOX_BATCH
    from app.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app)  # type: ignore[arg-type]
    rss_before = rss_mb()
    t0 = time.perf_counter()
    items = generate(ROWS)
    generate_ms = (time.perf_counter() - t0) * 1000

    model = InboxModel()
    view = QListView()
    view.setModel(model)
    view.setItemDelegate(InboxDelegate(view))
    view.setUniformItemSizes(True)
    view.setLayoutMode(QListView.LayoutMode.Batched)  # as the Inbox page: a move re-lays out in slices
    view.setBatchSize(INBOX_BATCH)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.resize(360, 760)
    view.show()
    app.processEvents()

    t0 = time.perf_counter()
    model.reset(items[:PAGE], items[PAGE].last_seq if ROWS > PAGE else None)
    for start in range(PAGE, ROWS, PAGE):
        chunk = items[start:start + PAGE]
        model.append_page(chunk, chunk[-1].last_seq if start + PAGE < ROWS else None)
    for _ in range(ROWS // INBOX_BATCH + 2):  # let the batched layout finish, as the event loop would
        app.processEvents()
    view.viewport().repaint()
    load_ms = (time.perf_counter() - t0) * 1000
    rss_loaded = rss_mb()
    assert model.rowCount() == ROWS

    bar = view.verticalScrollBar()
    frames: list[float] = []

    def frame() -> None:
        start = time.perf_counter()
        app.processEvents()  # pending (batched) layout work counts towards the frame
        view.viewport().repaint()
        frames.append((time.perf_counter() - start) * 1000)

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

    # Live changes at scale: a conversation deep in the list gets a new message and moves to the top.
    live: list[float] = []
    top_seq = items[0].last_seq
    for n in range(200):
        victim = items[random.randrange(ROWS)]
        top_seq += 1
        start = time.perf_counter()
        model.upsert(replace(victim, last_seq=top_seq, unread=victim.unread + 1, preview=f"live {n}"))
        app.processEvents()
        view.viewport().repaint()
        live.append((time.perf_counter() - start) * 1000)

    frames.sort()
    live.sort()
    figures = {
        "rows": ROWS, "source": "generated list, paged 1000 at a time into the real InboxModel",
        "generate_ms": round(generate_ms, 1), "load_ms": round(load_ms, 1),
        "rss_before_mb": round(rss_before, 1), "rss_loaded_mb": round(rss_loaded, 1),
        "rss_model_mb": round(rss_loaded - rss_before, 1),
        "frames": len(frames), "frame_p50_ms": round(frames[len(frames) // 2], 2),
        "frame_p99_ms": round(frames[int(len(frames) * 0.99)], 2), "frame_worst_ms": round(frames[-1], 2),
        "frames_over_16ms": sum(1 for f in frames if f > BUDGET_FRAME_MS),
        "live_move_to_top_worst_ms": round(live[-1], 2),
        "live_move_to_top_p50_ms": round(live[len(live) // 2], 2),
        "budget_frame_ms": BUDGET_FRAME_MS,
    }
    for key, value_ in figures.items():
        print(f"{key:28} {value_}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
