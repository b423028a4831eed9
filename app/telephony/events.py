"""The softphone's event vocabulary: frozen dataclasses in Will/Did tense, published by the engine thread."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class RegistrationState(enum.Enum):
    UNREGISTERED = "unregistered"
    REGISTERING = "registering"
    REGISTERED = "registered"
    FAILED = "failed"


class CallState(enum.Enum):
    CALLING = "calling"        # outbound INVITE sent
    INCOMING = "incoming"      # inbound INVITE, not yet ringing locally
    EARLY = "early"            # ringing (180/183)
    CONNECTING = "connecting"  # answered, waiting for ACK
    CONFIRMED = "confirmed"    # talking
    DISCONNECTED = "disconnected"


@dataclass(frozen=True, slots=True)
class EngineDidStart:
    local_sip_port: int


@dataclass(frozen=True, slots=True)
class EngineDidFail:
    reason: str


@dataclass(frozen=True, slots=True)
class EngineDidStop:
    pass


@dataclass(frozen=True, slots=True)
class RegistrationDidChange:
    state: RegistrationState
    code: int
    reason: str


@dataclass(frozen=True, slots=True)
class CallDidArrive:
    """An inbound call is ringing; `headers` holds the SIP headers the screen pop needs."""

    call_id: int
    remote_uri: str
    remote_number: str
    headers: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class CallDidChangeState:
    call_id: int
    state: CallState
    code: int
    reason: str


@dataclass(frozen=True, slots=True)
class CallDidConnect:
    call_id: int
    remote_uri: str


@dataclass(frozen=True, slots=True)
class CallDidGoUnanswered:
    """An inbound call rang for `ring_timeout_seconds` without an answer: the engine ended it with
    480 (CallDidEnd follows). The UI's missed call."""

    call_id: int
    remote_uri: str
    remote_number: str
    rang_seconds: float


@dataclass(frozen=True, slots=True)
class CallDidChangeMedia:
    """The far end put the call on hold (re-INVITE with a=sendonly or a=inactive: no audio from
    them, none to them) or resumed it (a=sendrecv). `held_locally` is our own hold, for context."""

    call_id: int
    held_by_remote: bool
    held_locally: bool


@dataclass(frozen=True, slots=True)
class CallDidEnd:
    call_id: int
    code: int
    reason: str
    connected_seconds: float


@dataclass(frozen=True, slots=True)
class RegistrationDidFail:
    """Registration failed; `reason` is a plain sentence (TLS trust/name problems are spelled out)."""

    code: int
    reason: str


@dataclass(frozen=True, slots=True)
class CallTransferDidProgress:
    """The transferee reported progress (NOTIFY sipfrag, e.g. 100 Trying, 180 Ringing)."""

    call_id: int
    code: int
    reason: str


@dataclass(frozen=True, slots=True)
class CallTransferDidSucceed:
    """The transfer target answered; the engine hangs up its own leg of the transferred call."""

    call_id: int


@dataclass(frozen=True, slots=True)
class CallTransferDidFail:
    """The transfer was refused or the target did not answer; the call stays with the agent."""

    call_id: int
    code: int
    reason: str


@dataclass(frozen=True, slots=True)
class CallWillTransfer:
    """The far end asked us (REFER) to call `target`; the engine follows it with a new call."""

    call_id: int
    target: str


@dataclass(frozen=True, slots=True)
class CallDidReplace:
    """An INVITE with Replaces took over `old_call_id`; the conversation continues as `new_call_id`."""

    old_call_id: int
    new_call_id: int


@dataclass(frozen=True, slots=True)
class ConferenceDidChange:
    """The calls now bridged with the local mic/speaker (empty: no conference)."""

    call_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class RecordingDidStart:
    call_id: int
    path: str


@dataclass(frozen=True, slots=True)
class RecordingDidFinish:
    """The WAV at `path` is complete (both directions mixed)."""

    call_id: int
    path: str


@dataclass(frozen=True, slots=True)
class CallQuality:
    """Live figures of a call's audio stream (a value, not an event)."""

    call_id: int
    codec: str
    jitter_ms: float
    loss_percent: float
    rtt_ms: float
    mos: float


@dataclass(frozen=True, slots=True)
class AudioDevice:
    id: int
    name: str
    driver: str
    input_channels: int
    output_channels: int


@dataclass(frozen=True, slots=True)
class DevicesDidChange:
    devices: tuple[AudioDevice, ...]


@dataclass(frozen=True, slots=True)
class AudioDeviceDidFallBack:
    """The device asked for by name was not found; `used` is what the engine chose instead."""

    role: str      # capture | playback | ringer
    wanted: str
    used: str


@dataclass(frozen=True, slots=True)
class CommandDidFail:
    """A command from the UI could not be carried out (bad number, no such call…)."""

    command: str
    reason: str


EngineEvent = (EngineDidStart | EngineDidFail | EngineDidStop | RegistrationDidChange | RegistrationDidFail
               | CallDidArrive | CallDidChangeState | CallDidConnect | CallDidChangeMedia
               | CallDidGoUnanswered | CallDidEnd | CallTransferDidProgress
               | CallTransferDidSucceed | CallTransferDidFail | CallWillTransfer | CallDidReplace
               | ConferenceDidChange | RecordingDidStart | RecordingDidFinish | DevicesDidChange
               | AudioDeviceDidFallBack | CommandDidFail)
