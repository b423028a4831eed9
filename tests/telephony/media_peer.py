"""A pjsua2 phone in its own process, configured exactly like our engine (`create_endpoint`,
`account_config`), that answers at once and can play a WAV into a call and record what it hears.

    python -m tests.telephony.media_peer --domain 127.0.0.1:5060 --user peer [--auto-answer]
        [--codec PCMU/8000] [--play speech.wav] [--record out.wav]
        [--rtp-port 40000 --advertise-rtp-port 40100]

`--advertise-rtp-port` rewrites the port in this phone's SDP, so the far end sends its RTP to a relay
there (the benchmark's lossy relay) which forwards to `--rtp-port`. Prints one line per event
(`registered 200`, `incoming <perf_counter at the INVITE>`, `confirmed <ms since INVITE>`, `media active`,
`played`, `disconnected <code>`, `recorded <path>`, `jitter <JSON>`); reads `call <uri>`, `hangup`, `stats`
(the first call's jitter buffer: frames lost, discarded, played empty; delay and prefetch), `quit` on stdin.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import queue
import re
import sys
import threading
import time
from pathlib import Path

import pjsua2 as pj

from app.telephony.pj_endpoint import account_config, create_endpoint
from app.telephony.settings import EngineSettings, SipAccount
from tests.fixtures.line_process import LineProcess


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Player(pj.AudioMediaPlayer):
    def onEof2(self) -> None:
        say("played")


class MediaCall(pj.Call):
    def __init__(self, peer: MediaPeer, account: pj.Account, call_id: int = pj.PJSUA_INVALID_ID) -> None:
        super().__init__(account, call_id)
        self.peer = peer
        self.started = time.perf_counter()

    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        info = self.getInfo()
        if info.state == pj.PJSIP_INV_STATE_CONFIRMED:
            say(f"confirmed {(time.perf_counter() - self.started) * 1000:.3f}")
        elif info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            say(f"disconnected {info.lastStatusCode}")
            self.peer.ended.append(self)

    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:
        info = self.getInfo()
        for index, media in enumerate(info.media):
            if media.type != pj.PJMEDIA_TYPE_AUDIO or media.status != pj.PJSUA_CALL_MEDIA_ACTIVE:
                continue
            audio = self.getAudioMedia(index)
            self.peer.connect_media(audio)
            say("media active")

    def onCallSdpCreated(self, prm: pj.OnCallSdpCreatedParam) -> None:
        port = self.peer.advertise_rtp_port
        if port:
            sdp = re.sub(r"m=audio \d+", f"m=audio {port}", prm.sdp.wholeSdp)
            prm.sdp.wholeSdp = re.sub(r"a=rtcp:[^\r\n]*\r?\n", "", sdp)


class PeerAccount(pj.Account):
    def __init__(self, peer: MediaPeer) -> None:
        super().__init__()
        self.peer = peer

    def onRegState(self, prm: pj.OnRegStateParam) -> None:
        say(f"registered {prm.code}" if self.getInfo().regIsActive else f"unregistered {prm.code}")

    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:
        call = MediaCall(self.peer, self, prm.callId)
        self.peer.calls.append(call)
        say(f"incoming {call.started:.6f}")  # perf_counter is CLOCK_MONOTONIC: comparable across processes
        op = pj.CallOpParam()
        op.statusCode = 200 if self.peer.args.auto_answer else 180
        call.answer(op)


class MediaPeer:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.advertise_rtp_port: int = args.advertise_rtp_port
        self.calls: list[MediaCall] = []
        self.ended: list[MediaCall] = []
        self.player: Player | None = None
        self.recorder: pj.AudioMediaRecorder | None = None

    def connect_media(self, audio: pj.AudioMedia) -> None:
        if self.args.play:
            if self.player is None:
                self.player = Player()
                self.player.createPlayer(self.args.play, pj.PJMEDIA_FILE_NO_LOOP)
            self.player.startTransmit(audio)
        if self.args.record:
            if self.recorder is None:
                self.recorder = pj.AudioMediaRecorder()
                self.recorder.createRecorder(self.args.record)
            audio.startTransmit(self.recorder)

    def run(self) -> None:
        settings = EngineSettings(null_audio=True)
        ep, _port = create_endpoint(settings)
        if self.args.codec:
            for codec in ep.codecEnum2():
                ep.codecSetPriority(codec.codecId, 255 if codec.codecId.startswith(self.args.codec) else 0)
        cfg = account_config(SipAccount(username=self.args.user, password="", domain=self.args.domain),
                             settings)
        if self.args.rtp_port:
            cfg.mediaConfig.transportConfig.port = self.args.rtp_port
            cfg.mediaConfig.transportConfig.portRange = 1
        account = PeerAccount(self)
        account.create(cfg)
        commands: queue.SimpleQueue[str] = queue.SimpleQueue()

        def read_stdin() -> None:
            for line in sys.stdin:
                commands.put(line.strip())
            commands.put("quit")

        threading.Thread(target=read_stdin, daemon=True).start()
        running = True
        while running:
            ep.libHandleEvents(5)
            if self.ended:
                self.finish_recording()
                self.calls = [c for c in self.calls if c not in self.ended]
                self.ended.clear()
            while running and not commands.empty():
                running = self.command(commands.get(), account)
        for call in self.calls:
            with contextlib.suppress(Exception):
                call.hangup(pj.CallOpParam())
        for _ in range(20):
            ep.libHandleEvents(10)
        self.finish_recording()
        self.player = None
        account.shutdown()
        self.calls.clear()
        del account
        gc.collect()
        ep.libDestroy(pj.PJSUA_DESTROY_NO_RX_MSG)

    def finish_recording(self) -> None:
        if self.recorder is not None:
            self.recorder = None
            gc.collect()
            say(f"recorded {self.args.record}")

    def jitter_stats(self) -> dict[str, int]:
        """The receiving jitter buffer of the first call's audio stream ({} without a call)."""
        for call in self.calls:
            info = call.getInfo()  # kept: its media vector dies with it (SWIG)
            for index, media in enumerate(info.media):
                if media.type == pj.PJMEDIA_TYPE_AUDIO:
                    jb = call.getStreamStat(index).jbuf
                    return {"lost": jb.lost, "discard": jb.discard, "empty": jb.empty,
                            "avg_delay_ms": jb.avgDelayMsec, "max_delay_ms": jb.maxDelayMsec,
                            "prefetch": jb.prefetch, "max_prefetch": jb.maxPrefetch}
        return {}

    def command(self, line: str, account: PeerAccount) -> bool:
        verb, _, rest = line.partition(" ")
        if verb == "quit":
            return False
        if verb == "call":
            call = MediaCall(self, account)
            call.makeCall(rest, pj.CallOpParam(True))
            self.calls.append(call)
        elif verb == "stats":
            say(f"jitter {json.dumps(self.jitter_stats())}")
        elif verb == "hangup":
            for call in self.calls:
                with contextlib.suppress(Exception):
                    call.hangup(pj.CallOpParam())
        return True


class MediaPeerProcess(LineProcess):
    """Starts `python -m tests.telephony.media_peer ...` and reads its lines (for tests and benchmarks)."""

    def __init__(self, domain: str, user: str, *options: str, cwd: Path | None = None) -> None:
        super().__init__([sys.executable, "-m", "tests.telephony.media_peer", "--domain", domain,
                          "--user", user, *options], name="media peer", cwd=cwd)
        self.expect_or_kill("registered 200")

    def stop(self, timeout: float = 10.0) -> None:
        super().stop(timeout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--domain", required=True)
    parser.add_argument("--user", default="peer")
    parser.add_argument("--auto-answer", action="store_true")
    parser.add_argument("--codec", default="")
    parser.add_argument("--play", default="")
    parser.add_argument("--record", default="")
    parser.add_argument("--rtp-port", type=int, default=0)
    parser.add_argument("--advertise-rtp-port", type=int, default=0)
    MediaPeer(parser.parse_args()).run()


if __name__ == "__main__":
    main()
