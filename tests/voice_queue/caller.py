"""A customer's phone behind a trunk, in its own process (pjsua2 allows one Endpoint per process): it never
registers and has no credentials; its From is a PSTN number at a foreign domain. Written against pjsua2.

    python -m tests.voice_queue.caller --proxy 127.0.0.1:5060 --number +8613812345678
    (--number anonymous: the number is withheld, From "Anonymous" <sip:anonymous@anonymous.invalid>)

Reads `call <uri> [<header>: <value>]`, `hangup`, `quit` on stdin. Prints `callid <SIP Call-ID>`,
`state EARLY <code>` (e.g. 180 while waiting in the queue), `state CONFIRMED`, `disconnected <code> <reason>`,
and `transfer <uri>` when the far end REFERs it elsewhere (it follows with a new call).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import os
import queue
import sys
import threading

import pjsua2 as pj

WITHHELD = "anonymous"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class CallerCall(pj.Call):
    def __init__(self, acc: pj.Account, calls: list[CallerCall]) -> None:
        super().__init__(acc)
        self._acc, self._calls = acc, calls

    def onCallTransferRequest(self, prm: pj.OnCallTransferRequestParam) -> None:
        """A blind transfer (REFER): follow it with a new call of ours, kept alive in `calls`."""
        new_call = CallerCall(self._acc, self._calls)
        self._calls.append(new_call)  # stored first: a temporary here would be freed under pjsua2
        prm.newCall = new_call
        say(f"transfer {prm.dstUri}")

    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        ci = self.getInfo()
        if ci.state == pj.PJSIP_INV_STATE_EARLY:
            say(f"state EARLY {ci.lastStatusCode}")
        elif ci.state == pj.PJSIP_INV_STATE_CONFIRMED:
            say("state CONFIRMED")
        elif ci.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            say(f"disconnected {ci.lastStatusCode} {ci.lastReason}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--proxy", required=True, help="host:port of Kamailio")
    parser.add_argument("--number", required=True,
                        help=f"the caller's number, sent as the From user ({WITHHELD!r}: withheld)")
    args = parser.parse_args()
    ctypes.CDLL(pj._pjsua2.__file__).pj_log_set_level(0)
    ep = pj.Endpoint()
    ep.libCreate()
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.logConfig.level = cfg.logConfig.consoleLevel = 0
    ep.libInit(cfg)
    tc = pj.TransportConfig()
    tc.boundAddress = tc.publicAddress = "127.0.0.1"
    ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tc)
    ep.libStart()
    ep.audDevManager().setNullDev()
    acfg = pj.AccountConfig()
    acfg.idUri = (f"sip:{args.number}@trunk.example.net" if args.number != WITHHELD  # an outside caller
                  else '"Anonymous" <sip:anonymous@anonymous.invalid>')  # RFC 3323: number withheld
    acfg.regConfig.registerOnAdd = False
    acfg.sipConfig.proxies.append(f"sip:{args.proxy};lr")
    acfg.natConfig.contactRewriteUse = acfg.natConfig.viaRewriteUse = acfg.natConfig.sdpNatRewriteUse = 0
    acfg.natConfig.iceEnabled = False
    media = acfg.mediaConfig.transportConfig
    media.boundAddress = media.publicAddress = "127.0.0.1"
    acc = pj.Account()
    acc.create(acfg)
    calls: list[CallerCall] = []
    commands: queue.SimpleQueue[str] = queue.SimpleQueue()
    def read_commands() -> None:
        for ln in sys.stdin:
            commands.put(ln.strip())

    threading.Thread(target=read_commands, daemon=True).start()
    running = True
    while running:
        ep.libHandleEvents(10)
        while running and not commands.empty():
            verb, _, rest = commands.get().partition(" ")
            if verb == "call":
                uri, _, header = rest.partition(" ")
                op = pj.CallOpParam(True)
                if header:
                    h = pj.SipHeader()
                    h.hName, h.hValue = (p.strip() for p in header.split(":", 1))
                    op.txOption.headers.append(h)
                call = CallerCall(acc, calls)
                call.makeCall(uri, op)
                calls.append(call)
                say(f"callid {call.getInfo().callIdString}")
            elif verb == "hangup":
                for call in calls:
                    if call.isActive():
                        call.hangup(pj.CallOpParam())
            elif verb in ("quit", ""):
                running = verb != "quit"
    for call in calls:
        if call.isActive():
            with contextlib.suppress(Exception):
                call.hangup(pj.CallOpParam())
    for _ in range(20):
        ep.libHandleEvents(10)
    acc.shutdown()
    calls.clear()
    del acc
    gc.collect()
    ep.libDestroy(pj.PJSUA_DESTROY_NO_RX_MSG)
    sys.stdout.flush()
    os._exit(0)  # no pjsua2 destructor may run after libDestroy


if __name__ == "__main__":
    main()
