"""The conference-bridge wiring of the engine thread: mic/speaker, mute, conferences, recorders.

Every call's audio port is rewired from scratch on each media update (its slot changes after a
re-INVITE), from the state kept here: which calls are muted, which are bridged together, and which
are being recorded. The "mic" is the capture device, or a looped WAV player when configured.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import pjsua2 as pj

from app.telephony import events as ev
from app.telephony.pj_objects import EngineCall
from app.telephony.ringer import Ringer

RECORDER_SETTLE_SECONDS = 2.0  # longest wait for pjmedia to finish a WAV after its recorder is gone


@dataclass
class PendingRecording:
    call_id: int
    path: str
    deadline: float


@dataclass
class AudioRouter:
    ep: pj.Endpoint
    capture_wav: str = ""
    _player: pj.AudioMediaPlayer | None = None
    conference: set[int] = field(default_factory=set)
    recorders: dict[int, tuple[pj.AudioMediaRecorder, str]] = field(default_factory=dict)
    finishing: list[PendingRecording] = field(default_factory=list)
    ringtone: pj.ToneGenerator | None = None
    _silence: pj.ToneGenerator | None = None
    ringer: Ringer = field(init=False)
    _ringtone_port: pj.AudioMedia | None = None

    def __post_init__(self) -> None:
        self.ringer = Ringer(self.ep)

    def silence(self) -> pj.AudioMedia:
        """A port that sends silence: keeps a recording's clock running while nothing else feeds it
        (hold), so its length matches the call's."""
        if self._silence is None:
            self._silence = pj.ToneGenerator()
            self._silence.createToneGenerator(16000, 1)
        return self._silence

    def mic(self) -> pj.AudioMedia:
        if self.capture_wav:
            if self._player is None:
                self._player = pj.AudioMediaPlayer()
                self._player.createPlayer(self.capture_wav)  # loops by default
            return self._player
        return self.ep.audDevManager().getCaptureDevMedia()

    def speaker(self) -> pj.AudioMedia:
        return self.ep.audDevManager().getPlaybackDevMedia()

    # ---- wiring -----------------------------------------------------------------------------------
    def connect(self, call: EngineCall, calls: dict[int, EngineCall]) -> None:
        """(Re)connects one call after a media update, with everything it is linked to."""
        audio = active_audio(call)
        if audio is None:
            return
        audio.startTransmit(self.speaker())
        if not call.muted:
            self.mic().startTransmit(audio)
        cid = int(call.getId())
        if cid in self.conference:
            for other_id in self.conference - {cid}:
                other = calls.get(other_id)
                other_audio = active_audio(other) if other is not None else None
                if other_audio is not None:
                    audio.startTransmit(other_audio)
                    other_audio.startTransmit(audio)
        if cid in self.recorders:
            recorder = self.recorders[cid][0]
            audio.startTransmit(recorder)
            if not call.muted:
                self.mic().startTransmit(recorder)

    def set_mute(self, call: EngineCall, muted: bool) -> None:
        call.muted = muted
        audio = active_audio(call)
        if audio is None:
            return
        recorder = self.recorders.get(int(call.getId()))
        for port in [audio] + ([recorder[0]] if recorder else []):
            if muted:
                self.mic().stopTransmit(port)
            else:
                self.mic().startTransmit(port)

    def join(self, call_ids: set[int], calls: dict[int, EngineCall]) -> None:
        self.conference |= call_ids
        for cid in self.conference:
            self.connect(calls[cid], calls)

    def split(self, calls: dict[int, EngineCall]) -> None:
        members = [calls[c] for c in self.conference if c in calls]
        ports = [a for a in (active_audio(c) for c in members) if a is not None]
        for a in ports:
            for b in ports:
                if a is not b:
                    a.stopTransmit(b)
        self.conference.clear()

    def forget(self, call_id: int) -> None:
        """A call ended: leave the conference (a conference of one is none) and finish its recording."""
        self.conference.discard(call_id)
        if len(self.conference) < 2:
            self.conference.clear()
        self.stop_recording(call_id)

    # ---- recording --------------------------------------------------------------------------------
    def start_recording(self, call: EngineCall, path: str, calls: dict[int, EngineCall]) -> None:
        cid = int(call.getId())
        if cid in self.recorders:
            raise RuntimeError(f"call {cid} is already being recorded")
        target = Path(path)
        if not target.parent.is_dir():
            raise ValueError(f"cannot record to '{path}': the folder does not exist")
        if target.suffix.lower() != ".wav":
            raise ValueError(f"cannot record to '{path}': the file name must end in .wav")
        recorder = pj.AudioMediaRecorder()
        recorder.createRecorder(str(target))
        self.recorders[cid] = (recorder, str(target))
        self.silence().startTransmit(recorder)
        self.connect(call, calls)

    def stop_recording(self, call_id: int) -> bool:
        entry = self.recorders.pop(call_id, None)
        if entry is None:
            return False
        recorder, path = entry
        for source in (self.mic(), self.silence()):
            with contextlib.suppress(BaseException):
                source.stopTransmit(recorder)
        del recorder  # pjmedia removes the port on its next clock tick, then writes the WAV header
        self.finishing.append(PendingRecording(call_id, path, time.monotonic() + RECORDER_SETTLE_SECONDS))
        return True

    def finished_recordings(self) -> list[PendingRecording]:
        """Recordings whose WAV is now complete (header sizes written), or that waited long enough."""
        done = [p for p in self.finishing if _wav_complete(p.path) or time.monotonic() > p.deadline]
        for p in done:
            self.finishing.remove(p)
        return done

    # ---- ringtone ---------------------------------------------------------------------------------
    def play_ringtone(self) -> ev.AudioDeviceDidFallBack | None:
        """Rings on the ringer device (or the playback device); the notice says when the ringer
        device was wanted but could not be used."""
        if self.ringtone is not None:
            return None
        tone = pj.ToneGenerator()
        tone.createToneGenerator(16000, 1)
        desc = pj.ToneDesc()
        desc.freq1, desc.freq2, desc.on_msec, desc.off_msec, desc.volume = 440, 480, 2000, 4000, 0
        tones = pj.ToneDescVector()
        tones.append(desc)
        tone.play(tones, True)
        port, notice = self.ringer.open(self.speaker())
        tone.startTransmit(port)
        self.ringtone, self._ringtone_port = tone, port
        return notice

    def stop_ringtone(self) -> None:
        tone, self.ringtone = self.ringtone, None
        port, self._ringtone_port = self._ringtone_port, None
        if tone is not None:
            with contextlib.suppress(BaseException):
                tone.stop()
                if port is not None:
                    tone.stopTransmit(port)
        self.ringer.close()

    def park_ringer(self) -> None:
        """Closes the ringer device but keeps the tone (and its cadence) going: before a rescan."""
        if self.ringtone is not None and self._ringtone_port is not None:
            with contextlib.suppress(BaseException):
                self.ringtone.stopTransmit(self._ringtone_port)
        self._ringtone_port = None
        self.ringer.close()

    def resume_ringer(self) -> ev.AudioDeviceDidFallBack | None:
        """After a rescan or a new choice: ring on wherever the ringer now resolves to."""
        if self.ringtone is None:
            return None
        self.park_ringer()
        port, notice = self.ringer.open(self.speaker())
        self.ringtone.startTransmit(port)
        self._ringtone_port = port
        return notice

    def close(self) -> None:
        """Drops every pjsua2 media object (before libDestroy)."""
        for call_id in list(self.recorders):
            self.stop_recording(call_id)
        self.stop_ringtone()
        self._player = None
        self._silence = None


def active_audio(call: EngineCall) -> pj.AudioMedia | None:
    info = call.getInfo()  # bind first: fields of a temporary read freed memory
    for index, media in enumerate(info.media):
        if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
            return call.getAudioMedia(index)
    return None


def _wav_complete(path: str) -> bool:
    """pjmedia writes the RIFF/data sizes when the file port closes; until then they read 0."""
    try:
        with open(path, "rb") as f:
            head = f.read(44)
    except OSError:
        return False
    return len(head) == 44 and int.from_bytes(head[4:8], "little") > 36
