"""Speech quality (PESQ, ITU-T P.862 via PyPI `pesq`) of a real call between two pjsua2 processes that use
our endpoint configuration (`app.telephony.pj_endpoint`), per codec, clean and with 3 % RTP loss.

`python -m benchmarks.audio_quality` starts Kamailio; per run, a sender phone plays the reference into the
call and a receiver phone records what it hears (tests/telephony/media_peer.py), both allowed only the codec
under test. For the loss runs the receiver's and the sender's SDP name a UDP relay in this process, which
drops 3 % of the sender's RTP (seeded, so repeatable) and forwards the rest. The recording is aligned to
the reference by cross-correlation, then scored narrowband (P.862, 8 kHz) and wideband (P.862.2, 16 kHz).

The reference follows P.862 practice: natural speech, `benchmarks/resources/speech_arctic_16k.wav` (two
CMU ARCTIC sentences, a male and a female talker, 7.1 s; see the README there for where it comes from and
how it was made), cut at a pause to at most 12 s of speech if longer, scaled to an active speech level of
−26 dBov (P.56 method B) and padded with 0.5 s of silence either side; the level and length are printed.
`--reference espeak` sends the earlier espeak-ng sample instead, to compare with earlier figures:
synthetic speech, which P.862 says not to use, caps even the codec alone (G.711 3.95 nb, G.722 3.0 wb).
The codec-alone ceilings on both references are printed by every run.

Each codec is judged in its own band: G.711 (narrowband) by P.862 nb, G.722 (wideband) by P.862.2 wb;
narrowband PESQ cuts G.722 to 8 kHz and caps it. Both modes are printed for both codecs. Budget: ≥ 3.9
clean in the codec's own mode. Each condition is called `--runs` times (default 3; the loss runs each with
another seed, so another loss pattern): the figure is the median, and the spread (max − min) and every
run are printed, so one noisy run does not decide the figure. The ceiling columns are the codec alone
on the same reference (encoded and decoded offline, no call: μ-law in numpy, G.722 with PyPI `G722`
1.2.8): a call cannot beat its codec. Per call, the receiver's jitter buffer (frames it played empty,
discarded, lost; average delay) and the machine's 1-minute load average are printed too: on a busy
machine a CPU stall can run the buffer dry, and that, not the codec or the path, is what a lower clean
run shows.

Measured (`python -m benchmarks.audio_quality`, three runs on 2 shared CPUs, each figure the median of 3
calls; 1-minute load average 0.26→2.37, 0.87→2.02 and 2.03→0.90 over the three runs):

    ARCTIC reference   clean                 3 % loss              codec alone
    PCMU, nb           4.37 / 4.23 / 4.37    3.54 / 3.50 / 3.54    4.37
    G.722, wb          4.22 / 4.22 / 4.22    2.88 / 2.88 / 2.34    4.36

A clean call whose jitter buffer never ran dry scored PCMU 4.367 nb and G.722 4.216 wb every time (all 24
G.722 calls made at load ≤ 1.7 while tuning the buffer); every lower clean run whose buffer counters
were recorded had played empty frames. With `--reference espeak` the same calls score PCMU 3.86 nb and
G.722 2.97 wb (load 2.0), at that sample's ceilings.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import socket
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from benchmarks.call_setup import running_kamailio
from benchmarks.speech_scoring import (
    codec_ceiling,
    prepare_reference,
    score,
)
from tests.telephony.media_peer import MediaPeerProcess

RESOURCES = Path(__file__).resolve().parent / "resources"
# Natural speech (CMU ARCTIC, a male and a female talker) is the reference; the espeak-ng sample is kept to
# compare with earlier figures: synthetic speech, which P.862 says not to use, caps even the codec alone.
REFERENCES = {"arctic": RESOURCES / "speech_arctic_16k.wav", "espeak": RESOURCES / "speech_en_16k.wav"}
CODECS = ("PCMU/8000", "G722/16000")
JUDGED_BY = {"PCMU/8000": "nb", "G722/16000": "wb"}  # each codec in its own band (P.862 / P.862.2)
LOSS = 0.03
BUDGET_CLEAN = 3.9  # the budget, for every codec in its own mode
RUNS = 3  # calls per condition; the median is the figure


class LossyRelay:
    """Sits between the two phones' RTP: each phone's SDP names one of its sockets instead of the phone.

    What the sender sends reaches `to_receiver`; a share is dropped, the rest goes on to the receiver's real
    port *from* `to_sender`, the address the receiver was told is the sender's, and the receiver's RTP goes
    the same way back. Neither phone ever sees a source it was not told about, so neither switches its
    remote address past the relay (pjmedia follows the source of incoming RTP).
    """

    def __init__(self, sender_port: int, receiver_port: int, loss: float, seed: int = 7) -> None:
        self.to_sender = self._bind()    # named in the sender's SDP; the receiver sends here
        self.to_receiver = self._bind()  # named in the receiver's SDP; the sender sends here
        self.sender_port, self.receiver_port = sender_port, receiver_port
        self.loss = loss
        self.random = random.Random(seed)
        self.forwarded = self.dropped = 0
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @staticmethod
    def _bind() -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("127.0.0.1", 0))
        return sock

    def port(self, sock: socket.socket) -> int:
        return int(sock.getsockname()[1])

    def _run(self) -> None:
        while self.running:
            ready, _, _ = select.select([self.to_sender, self.to_receiver], [], [], 0.1)
            for sock in ready:
                data = sock.recv(4096)
                if sock is self.to_receiver:
                    if self.random.random() < self.loss:
                        self.dropped += 1
                        continue
                    self.forwarded += 1
                    self.to_sender.sendto(data, ("127.0.0.1", self.receiver_port))
                else:
                    self.to_receiver.sendto(data, ("127.0.0.1", self.sender_port))

    def close(self) -> None:
        self.running = False
        self.thread.join(1)
        self.to_sender.close()
        self.to_receiver.close()


def free_rtp_port() -> int:
    """An even UDP port whose odd neighbour (RTCP) is free too."""
    for _ in range(100):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1] & ~1
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as a, \
                    socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as b:
                a.bind(("127.0.0.1", port))
                b.bind(("127.0.0.1", port + 1))
                return port
        except OSError:
            continue
    raise RuntimeError("no free RTP port pair")


def start_peer(domain: str, user: str, options: list[str], attempts: int = 3) -> MediaPeerProcess:
    """create_endpoint binds TCP on the port the OS gave its UDP transport; now and then another TCP socket
    already holds that number and the phone fails to start (a product issue, reported): try again."""
    for attempt in range(attempts):
        try:
            return MediaPeerProcess(domain, user, *options)
        except AssertionError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def one_call(domain: str, codec: str, loss: float, run: int, workdir: Path, reference: Path,
             seed: int = 7) -> dict[str, float]:
    recorded = workdir / f"heard-{run}.wav"
    load = os.getloadavg()[0]  # the machine is shared: a CPU stall can run the jitter buffer dry
    relay: LossyRelay | None = None
    receiver_options = ["--auto-answer", "--codec", codec, "--record", str(recorded)]
    sender_options = ["--codec", codec, "--play", str(reference)]
    if loss:
        sender_rtp, receiver_rtp = free_rtp_port(), free_rtp_port()
        relay = LossyRelay(sender_rtp, receiver_rtp, loss, seed)
        receiver_options += ["--rtp-port", str(receiver_rtp),
                             "--advertise-rtp-port", str(relay.port(relay.to_receiver))]
        sender_options += ["--rtp-port", str(sender_rtp),
                           "--advertise-rtp-port", str(relay.port(relay.to_sender))]
    receiver = start_peer(domain, f"listener{run}", receiver_options)
    sender = start_peer(domain, f"speaker{run}", sender_options)
    try:
        sender.send(f"call sip:listener{run}@{domain}")
        sender.expect("media active")
        sender.expect("played", timeout=60)
        time.sleep(0.5)  # the tail still in the jitter buffer
        receiver.send("stats")
        jitter = json.loads(receiver.expect("jitter").partition(" ")[2])
        sender.send("hangup")
        receiver.expect("recorded")
    finally:
        sender.stop()
        receiver.stop()
        if relay is not None:
            relay.close()
    time.sleep(0.4)  # pjsua2 finalises a recorder's WAV header shortly after the recorder is gone
    result = score(reference, recorded)
    # the receiver's jitter buffer: frames it played empty (nothing arrived in time: PLC), discarded, lost
    for key in ("empty", "discard", "lost", "avg_delay_ms"):
        result[f"jb_{key}"] = float(jitter.get(key, -1))
    result["load_1min"] = round(load, 2)
    if relay is not None:
        result["rtp_loss_percent"] = round(100 * relay.dropped / max(1, relay.dropped + relay.forwarded), 2)
    return result


def median_of(runs: list[dict[str, float]]) -> dict[str, object]:
    """The median of each figure over the runs, with its spread (max − min) and the runs themselves."""
    summary: dict[str, object] = {}
    for key in runs[0]:
        values = [r[key] for r in runs]
        summary[key] = round(float(np.median(values)), 3)
        summary[f"{key}_spread"] = round(max(values) - min(values), 3)
        summary[f"{key}_runs"] = [round(v, 3) for v in values]
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=RUNS, help="calls per condition (median taken)")
    parser.add_argument("--reference", choices=sorted(REFERENCES), default="arctic",
                        help="speech sent through the calls (all codec-alone ceilings are printed)")
    args = parser.parse_args()
    runs = max(1, args.runs)
    figures: dict[str, object] = {"runs_per_condition": runs,
                                  "reference_file": REFERENCES[args.reference].name,
                                  "load_average_start": [round(v, 2) for v in os.getloadavg()]}
    print(f"load average (1, 5, 15 min): {figures['load_average_start']}")
    with running_kamailio() as kam, tempfile.TemporaryDirectory(prefix="huitong-pesq-") as tmp:
        references = {name: prepare_reference(path, Path(tmp)) for name, path in REFERENCES.items()}
        reference, info = references[args.reference]
        print(f"reference {REFERENCES[args.reference].name}: {info['speech_seconds']} s of speech at "
              f"{info['active_level_dbov']} dBov active (source {info['source_level_dbov']} dBov), "
              f"peak {info['peak_dbov']} dBov")
        figures["reference"] = info
        all_ceilings = {name: {codec: {k: round(v, 3) for k, v in codec_ceiling(codec, path).items()}
                               for codec in CODECS} for name, (path, _info) in references.items()}
        ceilings = all_ceilings[args.reference]
        for name, by_codec in all_ceilings.items():
            print(f"codec alone on {REFERENCES[name].name}: " + ", ".join(
                f"{codec} nb {c['nb']:.3f} wb {c['wb']:.3f}" for codec, c in by_codec.items()))
        print(f"median of {runs} calls per condition; spread = max − min")
        print(f"{'run':24} {'nb':>6} {'spread':>6} {'wb':>6} {'spread':>6}   {'ceiling nb':>10} "
              f"{'ceiling wb':>10}  judged by")
        run = 0
        for codec in CODECS:
            for loss in (0.0, LOSS):
                label = f"{codec} {'clean' if not loss else f'{loss:.0%} loss'}"
                results = []
                for repeat in range(runs):
                    run += 1
                    results.append(one_call(kam.domain, codec, loss, run, Path(tmp), reference,
                                            seed=7 + repeat))
                result = median_of(results)
                figures[label] = result
                extra = f"  rtp loss {result['rtp_loss_percent']} %" if "rtp_loss_percent" in result else ""
                print(f"{label:24} {result['nb']:6.3f} {result['nb_spread']:6.3f} {result['wb']:6.3f} "
                      f"{result['wb_spread']:6.3f}   {ceilings[codec]['nb']:10.3f} "
                      f"{ceilings[codec]['wb']:10.3f}  {JUDGED_BY[codec]}{extra}")
                print(f"{'':24} runs nb {result['nb_runs']}  wb {result['wb_runs']}")
                print(f"{'':24} jitter buffer: frames played empty {result['jb_empty_runs']}, discarded "
                      f"{result['jb_discard_runs']}, lost {result['jb_lost_runs']}, "
                      f"average delay {result['jb_avg_delay_ms_runs']} ms; "
                      f"load average {result['load_1min_runs']}")
    within = {codec: figures[f"{codec} clean"][JUDGED_BY[codec]] >= BUDGET_CLEAN  # type: ignore[index]
              for codec in CODECS}
    for codec in CODECS:
        mode = JUDGED_BY[codec]
        print(f"{codec}: clean {figures[f'{codec} clean'][mode]:.2f} {mode} (median of {runs}), "  # type: ignore[index]
              f"budget {BUDGET_CLEAN} {'ok' if within[codec] else 'UNDER'}; "
              f"the codec alone scores {ceilings[codec][mode]:.2f} {mode}")
    figures["budget_clean"] = BUDGET_CLEAN
    figures["judged_by"] = JUDGED_BY
    figures["codec_ceiling"] = ceilings
    figures["codec_ceiling_by_reference"] = all_ceilings
    figures["load_average_end"] = [round(v, 2) for v in os.getloadavg()]
    print(f"load average (1, 5, 15 min): {figures['load_average_end']}")
    figures["clean_within_budget"] = within
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
