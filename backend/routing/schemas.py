"""Routing API shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

Channel = Literal["voice", "chat", "email", "sms", "social"]
Strategy = Literal["longest_idle", "round_robin", "least_busy"]


class OfferOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    interaction_id: int
    agent_id: int
    queue_id: int
    channel: str
    reason: str
    status: str
    created_at: datetime
    expires_at: datetime
    decided_at: datetime | None
    note: str


class StateIn(BaseModel):
    state: Literal["available", "busy", "break", "offline"]
    reason_code: str | None = Field(default=None, max_length=64)


class MyState(BaseModel):
    agent_id: int
    state: str
    reason_code: str | None
    state_since: datetime
    acw_until: datetime | None
    skills: dict[str, int]
    capacity: dict[str, int]
    load: dict[str, int]
    offers: list[OfferOut]
    server_time: datetime | None = None  # when this was read: the client corrects its clock for countdowns


class AgentStateOut(BaseModel):
    """Another agent as a transfer target: who, and their routing state."""

    id: int
    username: str
    display_name: str
    state: str


class StateChangeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    agent_id: int
    state: str
    reason_code: str | None
    previous_state: str | None
    changed_by: int | None
    started_at: datetime


class ProfileIn(BaseModel):
    skills: dict[str, int] | None = None
    capacity: dict[Channel, int] | None = None


class CodeIn(BaseModel):
    label: str = Field(min_length=1, max_length=200)


class CodeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    label: str


class QueueIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    channels: list[Channel] = Field(min_length=1)
    number: str | None = Field(default=None, min_length=1, max_length=32)
    strategy: Strategy = "longest_idle"
    skills: dict[str, int] = Field(default_factory=dict)
    is_default: bool = False
    overflow_queue_id: int | None = None
    overflow_after_seconds: int | None = Field(default=None, ge=1)
    sticky_seconds: int = Field(default=0, ge=0)
    ageing_seconds: int = Field(default=60, ge=1)
    disposition_required: bool = False


class QueuePatch(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    channels: list[Channel] | None = Field(default=None, min_length=1)
    number: str | None = Field(default=None, max_length=32)
    strategy: Strategy | None = None
    skills: dict[str, int] | None = None
    is_default: bool | None = None
    overflow_queue_id: int | None = None
    overflow_after_seconds: int | None = Field(default=None, ge=1)
    sticky_seconds: int | None = Field(default=None, ge=0)
    ageing_seconds: int | None = Field(default=None, ge=1)
    disposition_required: bool | None = None


class QueueOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    channels: list[str]
    number: str | None
    strategy: str
    skills: dict[str, int]
    is_default: bool
    overflow_queue_id: int | None
    overflow_after_seconds: int | None
    sticky_seconds: int
    ageing_seconds: int
    disposition_required: bool


class FiguresOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    queue_id: int
    name: str
    waiting: int
    longest_wait_seconds: float
    agents_available: int
    agents_staffed: int
    answered: int
    abandoned: int
    sla_answer_percent: float | None
    sla_first_response_percent: float | None
    average_handle_seconds: float
    estimated_wait_seconds: float | None


class ChannelRulesIn(BaseModel):
    acw_seconds: int | None = Field(default=None, ge=0, le=3600)
    sla_answer_seconds: int | None = Field(default=None, ge=1)
    sla_first_response_seconds: int | None = Field(default=None, ge=1)
    offer_timeout_seconds: int | None = Field(default=None, ge=3, le=600)


class ChannelRulesOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    channel: str
    acw_seconds: int
    sla_answer_seconds: int
    sla_first_response_seconds: int
    offer_timeout_seconds: int


class WrapUpIn(BaseModel):
    client_id: UUID
    disposition: str | None = Field(default=None, max_length=64)
    note: str = Field(default="", max_length=10_000)


class TransferIn(BaseModel):
    agent_id: int | None = None
    queue_id: int | None = None
    note: str = Field(default="", max_length=10_000)


class PositionOut(BaseModel):
    interaction_id: int
    waiting: bool
    position: int | None
    estimated_wait_seconds: float | None


class VoiceRouteIn(BaseModel):
    call_id: str = Field(min_length=1, max_length=255)
    caller: str = Field(default="", max_length=255)
    queue: str = Field(min_length=1, max_length=32)
    transfer: str = Field(default="", max_length=255)  # X-Huitong-Transfer of a transferred caller's call


class VoiceAbandonIn(BaseModel):
    call_id: str = Field(min_length=1, max_length=255)


class VoiceRouteOut(BaseModel):
    action: Literal["route", "wait", "gone"]
    interaction_id: int | None
    agent_id: int | None
    sip_username: str | None
    offer_id: int | None
    position: int | None
    estimated_wait_seconds: float | None
