"""Reading a live call's audio stream statistics from pjsua2 into a CallQuality (engine thread)."""

from __future__ import annotations

import pjsua2 as pj

from app.telephony import events as ev
from app.telephony.mos import mos
from app.telephony.pj_objects import EngineCall


def call_quality(call_id: int, call: EngineCall) -> ev.CallQuality:
    info = call.getInfo()  # bind first
    index = next((i for i, m in enumerate(info.media)
                  if m.type == pj.PJMEDIA_TYPE_AUDIO and m.status != pj.PJSUA_CALL_MEDIA_NONE), None)
    if index is None:
        raise RuntimeError(f"call {call_id} has no audio stream yet")
    stream = call.getStreamInfo(index)
    stat = call.getStreamStat(index)
    rtcp = stat.rtcp
    rx = rtcp.rxStat
    codec = f"{stream.codecName}/{stream.codecClockRate}"
    jitter_ms = rx.jitterUsec.mean / 1000.0 if rx.jitterUsec.n else 0.0
    received, lost = int(rx.pkt), int(rx.loss)
    loss_percent = 100.0 * lost / (received + lost) if received + lost else 0.0
    rtt_ms = rtcp.rttUsec.mean / 1000.0 if rtcp.rttUsec.n else 0.0
    return ev.CallQuality(call_id, codec, round(jitter_ms, 2), round(loss_percent, 2), round(rtt_ms, 2),
                          mos(codec, rtt_ms, jitter_ms, loss_percent))
