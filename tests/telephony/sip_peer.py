"""A scripted SIP phone in its own process (pjsua2 allows one Endpoint per process), written
independently of app.telephony so the engine is tested against another implementation.

    python -m tests.telephony.sip_peer --domain 127.0.0.1:5060 --user peer [--answer-after 0.2]
        [--srtp off|optional|mandatory] [--tone HZ]

Prints one line per event on stdout:
  `registered 200`, `incoming <from> <x-interaction-id>`, `state CONFIRMED`, `disconnected <code>`,
  `media active|held|...`, `secure yes|no` (SRTP on the audio stream), `dtmf <digit>` (RFC 4733) or
  `dtmf <digit> info` (SIP INFO), `refer <refer-to uri>` (a REFER was accepted and followed),
  `replaced` (an INVITE with Replaces took over a call), `recorded <path>`, `xfer-status <code>`
  (NOTIFY about a REFER this peer sent).
Reads commands on stdin:
  `call <uri> [<header>: <value>]`, `hangup`, `tone <hz>|off` (play a sine into every call instead
  of the silent null microphone), `record <path>` (record what the calls bring in, as WAV),
  `stoprecord`, `xfer <uri>` (REFER the far end of the first live call), `quit`.
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
import time

import pjsua2 as pj

STATE_NAMES = {pj.PJSIP_INV_STATE_CONFIRMED: "CONFIRMED", pj.PJSIP_INV_STATE_EARLY: "EARLY",
               pj.PJSIP_INV_STATE_CALLING: "CALLING", pj.PJSIP_INV_STATE_CONNECTING: "CONNECTING"}
SRTP = {"off": pj.PJMEDIA_SRTP_DISABLED, "optional": pj.PJMEDIA_SRTP_OPTIONAL,
        "mandatory": pj.PJMEDIA_SRTP_MANDATORY}
SECURE_PROTOS = {pj.PJMEDIA_TP_PROTO_RTP_SAVP, pj.PJMEDIA_TP_PROTO_RTP_SAVPF}


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class PeerCall(pj.Call):
    def __init__(self, peer, acc, call_id=pj.PJSUA_INVALID_ID):
        super().__init__(acc, call_id)
        self.peer = peer
        self.acc = acc

    def onCallState(self, prm):
        ci = self.getInfo()
        if ci.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            say(f"disconnected {ci.lastStatusCode}")
        elif ci.state in STATE_NAMES:
            say(f"state {STATE_NAMES[ci.state]}")

    def onDtmfDigit(self, prm):
        say(f"dtmf {prm.digit} info" if prm.method == pj.PJSUA_DTMF_METHOD_SIP_INFO else f"dtmf {prm.digit}")

    def onCallTransferRequest(self, prm):
        say(f"refer {prm.dstUri}")
        call = PeerCall(self.peer, self.acc)
        self.peer.calls.append(call)  # store first, then hand over (a temporary segfaults)
        prm.newCall = call

    def onCallTransferStatus(self, prm):
        say(f"xfer-status {prm.statusCode}")

    def onCallReplaced(self, prm):
        call = PeerCall(self.peer, self.acc, prm.newCallId)
        self.peer.calls.append(call)
        prm.newCall = call
        say("replaced")

    def onCallMediaState(self, prm):
        ci = self.getInfo()
        statuses = {pj.PJSUA_CALL_MEDIA_ACTIVE: "active", pj.PJSUA_CALL_MEDIA_REMOTE_HOLD: "held",
                    pj.PJSUA_CALL_MEDIA_LOCAL_HOLD: "local-hold", pj.PJSUA_CALL_MEDIA_NONE: "none"}
        for m in ci.media:
            if m.type == pj.PJMEDIA_TYPE_AUDIO:
                say(f"media {statuses.get(m.status, m.status)}")
        for i, m in enumerate(ci.media):
            if m.type == pj.PJMEDIA_TYPE_AUDIO and m.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                with contextlib.suppress(Exception):
                    proto = self.getStreamInfo(i).proto
                    say(f"secure {'yes' if proto in SECURE_PROTOS else 'no'}")
                self.peer.connect(self.getAudioMedia(i))


class PeerAccount(pj.Account):
    def __init__(self, peer):
        super().__init__()
        self.peer = peer

    def onRegState(self, prm):
        say(f"registered {prm.code}" if self.getInfo().regIsActive else f"unregistered {prm.code}")

    def onIncomingCall(self, prm):
        call = PeerCall(self.peer, self, prm.callId)
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
        self.srtp = args.srtp
        self.tone_hz = args.tone
        self.calls: list[PeerCall] = []
        self.timers: list[tuple[float, PeerCall]] = []
        self.now = 0.0
        self.domain = args.domain
        self.user = args.user
        self.tone: pj.ToneGenerator | None = None
        self.recorder: pj.AudioMediaRecorder | None = None
        self.record_path = ""

    def source(self) -> pj.AudioMedia:
        adm = pj.Endpoint.instance().audDevManager()
        return self.tone if self.tone is not None else adm.getCaptureDevMedia()

    def connect(self, aud: pj.AudioMedia) -> None:
        """Reconnects a call's audio: source → call, call → speaker (and the recorder)."""
        adm = pj.Endpoint.instance().audDevManager()
        aud.startTransmit(adm.getPlaybackDevMedia())
        self.source().startTransmit(aud)
        if self.recorder is not None:
            aud.startTransmit(self.recorder)

    def active_audio(self) -> list[pj.AudioMedia]:
        found = []
        for call in self.calls:
            with contextlib.suppress(Exception):
                ci = call.getInfo()
                for i, m in enumerate(ci.media):
                    if m.type == pj.PJMEDIA_TYPE_AUDIO and m.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                        found.append(call.getAudioMedia(i))
        return found

    def set_tone(self, hz: float | None) -> None:
        adm = pj.Endpoint.instance().audDevManager()
        for aud in self.active_audio():
            self.source().stopTransmit(aud)
        if self.tone is not None:
            self.tone.stop()
            self.tone = None
        if hz:
            self.tone = pj.ToneGenerator()
            self.tone.createToneGenerator(16000, 1)
            desc = pj.ToneDesc()
            desc.freq1 = desc.freq2 = int(hz)
            desc.on_msec, desc.off_msec, desc.volume = 30000, 0, 0
            tones = pj.ToneDescVector()
            tones.append(desc)
            self.tone.play(tones, True)
        for aud in self.active_audio():
            (self.tone if self.tone is not None else adm.getCaptureDevMedia()).startTransmit(aud)

    def start_recording(self, path: str) -> None:
        self.recorder = pj.AudioMediaRecorder()
        self.recorder.createRecorder(path)
        self.record_path = path
        # the null microphone is silent but keeps the file running while no call sends audio (hold)
        pj.Endpoint.instance().audDevManager().getCaptureDevMedia().startTransmit(self.recorder)
        for aud in self.active_audio():
            aud.startTransmit(self.recorder)

    def stop_recording(self, ep: pj.Endpoint) -> None:
        if self.recorder is None:
            return
        self.recorder = None
        for _ in range(40):  # the WAV header is written once the port is really gone
            ep.libHandleEvents(10)
        say(f"recorded {self.record_path}")

    def run(self) -> None:
        ctypes.CDLL(pj._pjsua2.__file__).pj_log_set_level(0)
        ep = pj.Endpoint()
        ep.libCreate()
        cfg = pj.EpConfig()
        cfg.uaConfig.threadCnt = 0
        cfg.uaConfig.mainThreadOnly = True
        cfg.logConfig.level = cfg.logConfig.consoleLevel = 0
        cfg.medConfig.noVad = True
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
        acfg.mediaConfig.srtpUse = SRTP[self.srtp]
        acfg.mediaConfig.srtpSecureSignaling = 0
        acc = PeerAccount(self)
        acc.create(acfg)
        if self.tone_hz:
            self.set_tone(self.tone_hz)
        commands: queue.SimpleQueue[str] = queue.SimpleQueue()
        threading.Thread(target=lambda: [commands.put(ln.strip()) for ln in sys.stdin] and None,
                         daemon=True).start()
        running = True
        while running:
            ep.libHandleEvents(10)
            self.now = time.monotonic()
            for due, call in [t for t in self.timers if t[0] <= self.now]:
                self.timers.remove((due, call))
                op = pj.CallOpParam()
                op.statusCode = 200
                with contextlib.suppress(Exception):
                    call.answer(op)
            while not commands.empty():
                running = self.command(commands.get(), acc, ep) and running
        for call in self.calls:
            with contextlib.suppress(Exception):
                call.hangup(pj.CallOpParam())
        for _ in range(20):
            ep.libHandleEvents(10)
        self.stop_recording(ep)
        self.tone = None
        acc.shutdown()
        self.calls.clear()
        self.timers.clear()
        del acc
        gc.collect()
        ep.libDestroy(pj.PJSUA_DESTROY_NO_RX_MSG)
        sys.stdout.flush()
        os._exit(0)  # no pjsua2 destructor may run after libDestroy (interpreter teardown order)

    def command(self, line: str, acc: PeerAccount, ep: pj.Endpoint) -> bool:
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
            call = PeerCall(self, acc)
            call.makeCall(uri, op)
            self.calls.append(call)
        elif verb == "hangup":
            for call in self.calls:
                with contextlib.suppress(Exception):
                    call.hangup(pj.CallOpParam())
        elif verb == "xfer":  # blind-transfer the first live call to <uri>
            live = [c for c in self.calls if c.isActive()]
            live[0].xfer(rest, pj.CallOpParam(True))
        elif verb == "tone":
            self.set_tone(None if rest == "off" else float(rest))
        elif verb == "record":
            self.start_recording(rest)
        elif verb == "stoprecord":
            self.stop_recording(ep)
        return True


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--domain", required=True)
    parser.add_argument("--user", default="peer")
    parser.add_argument("--answer-after", type=float, default=None)
    parser.add_argument("--srtp", choices=sorted(SRTP), default="off")
    parser.add_argument("--tone", type=float, default=None)
    Peer(parser.parse_args()).run()
