"""`seed-demo`: demo agents and ~50 customers with a few hundred events; deterministic and idempotent."""

from __future__ import annotations

import contextlib
import random
import uuid
from datetime import timedelta
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import demo_data as d
from backend.agents.models import Agent
from backend.agents.service import create_agent, get_by_username
from backend.customers.models import Customer, Identity
from backend.customers.normalize import NormalisedIdentity, normalise_identity
from backend.db import utcnow
from backend.errors import ApiError
from backend.timeline.service import append_event

NAMESPACE = uuid.UUID("5b0a3c1e-2a4f-4d7e-9c61-7e1d2f0a8b44")
DEMO_AGENTS = [("agent1", "Agent One 一号", "agent"), ("agent2", "Agent Two 二号", "agent"),
               ("lead", "Team Lead 组长", "supervisor"), ("admin", "Administrator 管理员", "admin")]
CUSTOMERS = 50
# Routing: queues (name, channels, number, skills, default, disposition required), codes, agents' skills.
# Support comes first and is not flagged default: it serves every channel as the lowest-numbered queue,
# yet a queue an administrator flags as default takes over at once.
DEMO_QUEUES = [("Support 客服", ["voice", "chat", "email", "sms", "social"], "8100", {}, False, False),
               ("Sales 销售", ["voice", "chat", "email"], "8000", {"sales": 1}, False, True)]
DEMO_REASONS = [("lunch", "Lunch 午餐"), ("meeting", "Meeting 会议"), ("training", "Training 培训")]
DEMO_DISPOSITIONS = [("resolved", "Resolved 已解决"), ("callback", "Callback needed 需回电"),
                     ("escalated", "Escalated 已升级"), ("no_answer", "No answer 无应答"),
                     ("sale", "Sale made 已成交")]
DEMO_SKILLS = {"agent1": {"sales": 2, "mandarin": 3, "english": 2},
               "agent2": {"support": 3, "cantonese": 2, "english": 3},
               "lead": {"sales": 3, "support": 3, "mandarin": 3, "english": 3}}


def seed_agents(session: Session, *, hasher: PasswordHasher, password: str) -> list[Agent]:
    agents = []
    for username, name, role in DEMO_AGENTS:
        agent = get_by_username(session, username=username) or create_agent(
            session, hasher=hasher, username=username, display_name=name, password=password, role=role)
        agents.append(agent)
    return agents


def _name(rng: random.Random, i: int) -> str:
    if i % 3 == 2:
        return f"{rng.choice(d.EN_FIRST)} {rng.choice(d.EN_LAST)}"
    return rng.choice(d.CN_SURNAMES) + rng.choice(d.CN_GIVEN)


def _identities(rng: random.Random, i: int, name: str) -> list[NormalisedIdentity]:
    raw: list[tuple[str, str]] = []
    if i % 3 == 2:
        if i % 2:
            raw.append(("phone", f"+44 7911 {rng.randrange(10**6):06d}"))
        else:
            raw.append(("phone", f"+1 415 {rng.randrange(200, 999)} {rng.randrange(10**4):04d}"))
        first = name.split(maxsplit=1)[0].lower()
        raw.append(("email", f"{first}.{i}@example.com"))
    else:
        raw.append(("phone", f"+86 {rng.choice(d.CN_PREFIXES)}{rng.randrange(10**8):08d}"))
        raw.append(("wechat", f"wxid_{rng.randrange(16**10):010x}"))
        if rng.random() < 0.5:
            raw.append(("email", f"user{i}@qq.com"))
    if rng.random() < 0.4:
        raw.append(("web", f"visitor-{rng.randrange(16**12):012x}"))
    out = []
    for kind, value in raw:
        with contextlib.suppress(ApiError):
            out.append(normalise_identity(kind=kind, value=value, region="CN"))
    return out


def _event(rng: random.Random, n: int) -> tuple[str, str, str, dict[str, Any]]:
    kind = rng.choice(["call", "call", "chat", "chat", "email", "sms", "social", "note", "ticket"])
    if kind == "call":
        direction = rng.choice(["inbound", "outbound"])
        outcome = rng.choice(d.CALL_OUTCOMES)
        duration = 0 if outcome in ("voicemail", "no_answer") else rng.randrange(30, 1200)
        return kind, "phone", f"{direction} call, {outcome}", {
            "direction": direction, "duration_s": duration, "outcome": outcome}
    if kind == "chat":
        return kind, rng.choice(["web", "wechat", "whatsapp"]), rng.choice(d.CHAT_CN + d.CHAT_EN), {}
    if kind == "email":
        subject, body = rng.choice(d.EMAIL_SUBJECTS)
        return kind, "email", body, {"subject": subject, "direction": rng.choice(["inbound", "outbound"])}
    if kind == "sms":
        return kind, "sms", rng.choice(d.SMS).format(n=rng.randrange(100000, 999999)), {}
    if kind == "social":
        network, body = rng.choice(d.SOCIAL)
        return kind, network, body, {"network": network}
    if kind == "note":
        return kind, "internal", rng.choice(d.NOTES), {}
    status, title = rng.choice(d.TICKETS)
    return kind, "ticket", title.format(n=1000 + n), {"status": status, "ticket_no": 1000 + n}


def seed_routing(session: Session, agents: list[Agent]) -> None:
    """Demo queues, break reasons, dispositions and skills through the routing service; only what is missing
    is added (a queue is matched by name, a code by code), so re-seeding changes nothing."""
    from backend.routing import agent_state
    from backend.routing import service as routing
    from backend.routing.models import RoutingQueue

    for name, channels, number, skills, default, disposition in DEMO_QUEUES:
        if session.scalar(select(RoutingQueue.id).where(RoutingQueue.name == name)) is not None:
            continue
        taken = session.scalar(select(RoutingQueue.id).where(RoutingQueue.number == number))
        routing.create_queue(session, {"name": name, "channels": channels, "skills": skills,
                                       "number": None if taken else number, "is_default": default,
                                       "disposition_required": disposition})
    for kind, codes in (("reason", DEMO_REASONS), ("disposition", DEMO_DISPOSITIONS)):
        have = {c.code for c in routing.list_codes(session, kind)}
        for code, label in codes:
            if code not in have:
                routing.upsert_code(session, kind, code, label)
    for agent in agents:
        wanted = DEMO_SKILLS.get(agent.username)
        if wanted and not agent_state.profile(session, agent.id).skills:
            routing.update_agent_profile(session, agent.id, skills=wanted, capacity=None)


def seed_demo(session: Session, *, hasher: PasswordHasher, password: str) -> dict[str, int]:
    agents = seed_agents(session, hasher=hasher, password=password)
    seed_routing(session, agents)
    first_id = str(uuid.uuid5(NAMESPACE, "customer-0"))
    if session.scalar(select(Customer.id).where(Customer.client_id == first_id)) is not None:
        return {"customers": 0, "events": 0}
    rng = random.Random(2026)
    now = utcnow().replace(microsecond=0)
    customers: list[Customer] = []
    for i in range(CUSTOMERS):
        name = _name(rng, i)
        customer = Customer(display_name=name, client_id=str(uuid.uuid5(NAMESPACE, f"customer-{i}")),
                            created_at=now - timedelta(days=60), attributes={"tier": rng.choice(
                                ["standard", "standard", "gold", "vip"])})
        session.add(customer)
        session.flush()
        for ident in _identities(rng, i, name):
            if session.scalar(select(Identity.id).where(Identity.kind == ident.kind,
                                                        Identity.value == ident.value)):
                continue
            session.add(Identity(customer_id=customer.id, origin_customer_id=customer.id, kind=ident.kind,
                                 value=ident.value, display_value=ident.display_value))
        customers.append(customer)
    planned = []
    for n in range(rng.randrange(320, 380)):
        when = now - timedelta(days=rng.uniform(0, 42), minutes=rng.randrange(0, 600))
        planned.append((when, n, rng.choice(customers), rng.choice(agents[:3]), _event(rng, n)))
    planned.sort(key=lambda p: p[0])
    for when, n, customer, agent, (kind, channel, body, payload) in planned:
        append_event(session, customer_id=customer.id, kind=kind, channel=channel, body=body, payload=payload,
                     author=agent, client_id=str(uuid.uuid5(NAMESPACE, f"event-{n}")), created_at=when)
    session.commit()
    return {"customers": len(customers), "events": len(planned)}
