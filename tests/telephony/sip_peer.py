"""A scripted SIP phone in its own process (pjsua2 allows one Endpoint per process), written
independently of app.telephony so the engine is tested against another implementation.

    python -m tests.telephony.sip_peer --domain 127.0.0.1:5060 --user peer [--answer-after 0.2]

Prints one line per event on stdout (`registered 200`, `incoming <from> <x-interaction-id>`,
`state CONFIRMED`, `disconnected <code>`); reads commands on stdin (`call <uri> [<header>: <value>]`,
`hangup`, `quit`).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import queue
import sys
import threading

import pjsua2 as pj

STATE_NAMES = {pj.PJSIP_INV_STATE_CONFIRMED: "CONFIRMED", pj.PJSIP_INV_STATE_EARLY: "EARLY",
               pj.PJSIP_INV_STATE_CALLING: "CALLING", pj.PJSIP_INV_STATE_CONNECTING: "CONNECTING"}


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class PeerCall(pj.Call):
    def onCallState(self, prm):
        ci = self.getInfo()
        if ci.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            say(f"disconnected {ci.lastStatusCode}")
        elif ci.state in STATE_NAMES:
            say(f"state {STATE_NAMES[ci.state]}")

    def onDtmfDigit(self, prm):
        say(f"dtmf {prm.digit}")

    def onCallMediaState(self, prm):
        ci = self.getInfo()
        statuses = {pj.PJSUA_CALL_MEDIA_ACTIVE: "active", pj.PJSUA_CALL_MEDIA_REMOTE_HOLD: "held",
                    pj.PJSUA_CALL_MEDIA_LOCAL_HOLD: "local-hold", pj.PJSUA_CALL_MEDIA_NONE: "none"}
        for m in ci.media:
            if m.type == pj.PJMEDIA_TYPE_AUDIO:
                say(f"media {statuses.get(m.status, m.status)}")
        for i, m in enumerate(ci.media):
            if m.type == pj.PJMEDIA_TYPE_AUDIO and m.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                adm = pj.Endpoint.instance().audDevManager()
                aud = self.getAudioMedia(i)
                aud.startTransmit(adm.getPlaybackDevMedia())
                adm.getCaptureDevMedia().startTransmit(aud)


class PeerAccount(pj.Account):
    def __init__(self, peer):
        super().__init__()
        self.peer = peer

    def onRegState(self, prm):
        say(f"registered {prm.code}" if self.getInfo().regIsActive else f"unregistered {prm.code}")

    def onIncomingCall(self, prm):
        call = PeerCall(self, prm.callId)
        self.peer.calls.append(call)
        msg = prm.rdata.wholeMsg
        iid = next((ln.split(":", 1)[1].strip() for ln in msg.splitlines()
                    if ln.lower().startswith("x-interaction-id:")), "-")
        say(f"incoming {call.getInfo().remoteUri} {iid}")
        op = pj.CallOpParam()
        op.statusCode = 180
        call.answer(op)
        if self.peer.answer_after is not None:
            self.peer.timers.append((self.peer.now + self.peer.answer_after, call))


class Peer:
    def __init__(self, args):
        self.answer_after = args.answer_after
        self.calls: list[PeerCall] = []
        self.timers: list[tuple[float, PeerCall]] = []
        self.now = 0.0
        self.domain = args.domain
        self.user = args.user

    def run(self) -> None:
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
        acfg.idUri = f"sip:{self.user}@{self.domain}"
        acfg.regConfig.registrarUri = f"sip:{self.domain}"
        acfg.sipConfig.proxies.append(f"sip:{self.domain};lr")
        acfg.natConfig.contactRewriteUse = acfg.natConfig.viaRewriteUse = acfg.natConfig.sdpNatRewriteUse = 0
        acfg.natConfig.iceEnabled = False
        acfg.mediaConfig.transportConfig.boundAddress = "127.0.0.1"
        acfg.mediaConfig.transportConfig.publicAddress = "127.0.0.1"
        acc = PeerAccount(self)
        acc.create(acfg)
        commands: queue.SimpleQueue[str] = queue.SimpleQueue()
        threading.Thread(target=lambda: [commands.put(ln.strip()) for ln in sys.stdin] and None,
                         daemon=True).start()
        import time
        running = True
        while running:
            ep.libHandleEvents(10)
            self.now = time.monotonic()
            for due, call in [t for t in self.timers if t[0] <= self.now]:
                self.timers.remove((due, call))
                op = pj.CallOpParam()
                op.statusCode = 200
                call.answer(op)
            while not commands.empty():
                running = self.command(commands.get(), acc) and running
        for call in self.calls:
            with contextlib.suppress(Exception):
                call.hangup(pj.CallOpParam())
        for _ in range(20):
            ep.libHandleEvents(10)
        acc.shutdown()
        self.calls.clear()
        del acc
        ep.libDestroy(pj.PJSUA_DESTROY_NO_RX_MSG)

    def command(self, line: str, acc: PeerAccount) -> bool:
        if line == "quit" or line == "":
            return line != "quit"
        verb, _, rest = line.partition(" ")
        if verb == "call":
            uri, _, header = rest.partition(" ")
            op = pj.CallOpParam(True)
            if header:
                h = pj.SipHeader()
                h.hName, h.hValue = (p.strip() for p in header.split(":", 1))
                op.txOption.headers.append(h)
            call = PeerCall(acc)
            call.makeCall(uri, op)
            self.calls.append(call)
        elif verb == "hangup":
            for call in self.calls:
                with contextlib.suppress(Exception):
                    call.hangup(pj.CallOpParam())
        return True


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--domain", required=True)
    parser.add_argument("--user", default="peer")
    parser.add_argument("--answer-after", type=float, default=None)
    Peer(parser.parse_args()).run()
