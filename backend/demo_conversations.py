"""`seed-demo --conversations`: web chats for the demo's inbox, made through the web chat channel's own
service as a visitor's widget makes them. Some wait in the queue (routing offers them to the first agent
who goes Available), two have ended with the agent's answers and the visitor's rating. Deterministic
and idempotent: every visitor id and message id is derived from a fixed namespace, so a second run adds
nothing. The test suite's seeded servers do not get these (their inboxes and offers start empty)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.agents.service import get_by_username
from backend.channels.webchat import service as webchat
from backend.channels.webchat.schemas import ProfileIn, RatingIn
from backend.customers.models import Customer, Identity
from backend.interactions import service as interactions

NAMESPACE = uuid.UUID("0c7f3a52-9d41-4f0e-8b2a-5e6d1c9f7a30")


@dataclass(frozen=True)
class DemoChat:
    lines: tuple[str, ...]          # the visitor's messages, in order
    answers: tuple[str, ...] = ()   # the agent's replies (an ended chat)
    rating: int = 0                 # the visitor's rating of an ended chat (0: none)
    page: str = "https://shop.example.com/orders"


WAITING = (
    DemoChat(("你好，我的订单还没有发货，请帮我查一下。", "订单号是 HT20261121-0087。")),
    DemoChat(("Hi, the tracking says delivered but nothing arrived.",), page="https://shop.example.com/track"),
    DemoChat(("请问退款多久能到账？",), page="https://shop.example.com/refunds"),
    DemoChat(("Is there a discount for annual plans?", "We are a team of 12."),
             page="https://shop.example.com/pricing"),
)
ENDED = (
    DemoChat(("我想修改收货地址，可以吗？",),
             ("可以的，请把新地址发给我，我来帮您修改。", "已经改好了，明天发货。"), rating=5),
    DemoChat(("Can I change my delivery address?",), ("Of course: I have updated it, it ships tomorrow.",),
             rating=4),
)


def _customers_with_email(session: Session, count: int) -> list[tuple[Customer, str]]:
    """The first demo customers (by id) who have an e-mail address: the pre-chat form resolves to them."""
    rows = session.execute(select(Customer, Identity.value)
                           .join(Identity, Identity.customer_id == Customer.id)
                           .where(Identity.kind == "email", Customer.merged_into_id.is_(None))
                           .order_by(Customer.id).limit(count)).all()
    return [(customer, str(email)) for customer, email in rows]


def seed_conversations(session: Session, *, region: str = "CN") -> int:
    """The demo's web chats; the number of visitor messages added (0 on a second run)."""
    chats = [*WAITING, *ENDED]
    people = _customers_with_email(session, len(chats))
    agent = get_by_username(session, username="agent1")
    added = 0
    for n, (chat, (customer, email)) in enumerate(zip(chats, people, strict=False)):
        visitor_id = str(uuid.uuid5(NAMESPACE, f"visitor-{n}"))
        if webchat.get_visitor(session, visitor_id) is None:
            webchat.save_profile(session, visitor_id, ProfileIn(name=customer.display_name, email=email),
                                 region=region)
        for i, line in enumerate(chat.lines):
            _, new = webchat.post_message(session, visitor_id, client_id=f"demo-{n}-{i}", body=line,
                                          attachments=[], region=region, page=chat.page)
            added += int(new)
        if not chat.answers or agent is None:
            continue
        interaction = webchat.current_interaction(session, visitor_id)
        if interaction is None or interaction.status in ("closed", "abandoned"):
            continue
        interactions.assign(session, interaction, agent.id, author=agent)
        for i, answer in enumerate(chat.answers):
            interactions.add_message(session, interaction, direction="out", body=answer, author=agent,
                                     client_id=str(uuid.uuid5(NAMESPACE, f"answer-{n}-{i}")), delivery="read")
        interactions.mark_read(session, interaction, agent=agent)
        interactions.change_status(session, interaction, "closed", author=agent)
        if chat.rating:
            webchat.rate(session, visitor_id, RatingIn(interaction_id=interaction.id, score=chat.rating))
    return added
