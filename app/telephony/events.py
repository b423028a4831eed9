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
class CallDidEnd:
    call_id: int
    code: int
    reason: str
    connected_seconds: float


@dataclass(frozen=True, slots=True)
class CommandDidFail:
    """A command from the UI could not be carried out (bad number, no such call…)."""

    command: str
    reason: str


EngineEvent = (EngineDidStart | EngineDidFail | EngineDidStop | RegistrationDidChange | CallDidArrive
               | CallDidChangeState | CallDidConnect | CallDidEnd | CommandDidFail)
