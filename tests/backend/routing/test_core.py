"""The pure routing core, rule by rule, as tables: same input, same decision."""

from __future__ import annotations

import pytest

from backend.routing import core
from backend.routing.core import AgentSnapshot, EntrySnapshot, QueueRule

CAP = {"voice": 1, "chat": 3, "email": 5}


def agent(
    i: int,
    *,
    state: str = "available",
    skills: dict[str, int] | None = None,
    load: dict[str, int] | None = None,
    idle: float = 0.0,
    cap: dict[str, int] | None = None,
) -> AgentSnapshot:
    return AgentSnapshot(
        id=i, state=state, skills=skills or {}, capacity=cap or CAP, load=load or {}, last_work_at=idle
    )


def entry(
    i: int,
    *,
    channel: str = "chat",
    queue: int = 1,
    key: float | None = None,
    at: float = 0.0,
    excluded: frozenset[int] = frozenset(),
    sticky: int | None = None,
    target: int | None = None,
) -> EntrySnapshot:
    return EntrySnapshot(
        interaction_id=i,
        queue_id=queue,
        channel=channel,
        order_key=at if key is None else key,
        enqueued_at=at,
        excluded=excluded,
        sticky_agent_id=sticky,
        target_agent_id=target,
    )


def offers_of(plan: core.Plan) -> list[tuple[int, int]]:
    return [(o.interaction_id, o.agent_id) for o in plan.offers]


@pytest.mark.parametrize(
    ("strategy", "agents", "cursor", "chosen"),
    [
        ("longest_idle", [agent(1, idle=50), agent(2, idle=10), agent(3, idle=30)], 0, 2),
        ("longest_idle", [agent(3, idle=10), agent(2, idle=10)], 0, 2),  # tie → lower id
        (
            "least_busy",
            [agent(1, load={"chat": 2}), agent(2, load={"email": 1}), agent(3, load={"chat": 1})],
            0,
            2,
        ),
        ("least_busy", [agent(1, load={"chat": 1}, idle=9), agent(2, load={"email": 1}, idle=3)], 0, 2),
        ("round_robin", [agent(1), agent(4), agent(7)], 4, 7),
        ("round_robin", [agent(1), agent(4), agent(7)], 7, 1),  # wraps around
        ("round_robin", [agent(1), agent(4), agent(7)], 0, 1),
    ],
)
def test_each_strategy_picks_its_agent(
    strategy: str, agents: list[AgentSnapshot], cursor: int, chosen: int
) -> None:
    queue = QueueRule(id=1, strategy=strategy)
    picked = core.pick(entry(1), queue, agents, round_robin_after=cursor)
    assert picked is not None
    assert (picked[0].id, picked[1]) == (chosen, strategy)


@pytest.mark.parametrize(
    ("candidate", "channel", "ok"),
    [
        (agent(1), "chat", True),
        (agent(1, state="busy"), "chat", False),
        (agent(1, state="break"), "chat", False),
        (agent(1, state="after_call_work"), "chat", False),
        (agent(1, state="offline"), "chat", False),
        (agent(1, load={"chat": 3}), "chat", False),  # 3 chats is the capacity
        (agent(1, load={"chat": 2}), "chat", True),
        (agent(1, load={"voice": 1}), "chat", False),  # a call blocks new chats
        (agent(1, load={"voice": 1}), "email", True),  # but not e-mail
        (agent(1, load={"chat": 2}), "voice", True),  # chats do not block a call
        (agent(1, load={"email": 5}), "email", False),
        (agent(1, cap={"email": 5}), "voice", False),  # no voice capacity at all
    ],
)
def test_capacity_per_channel_and_call_blocks_chat(candidate: AgentSnapshot, channel: str, ok: bool) -> None:
    assert core.eligible(candidate, QueueRule(id=1), entry(1, channel=channel)) is ok


@pytest.mark.parametrize(
    ("skills", "required", "ok"),
    [
        ({}, {}, True),
        ({"billing": 3}, {"billing": 2}, True),
        ({"billing": 2}, {"billing": 2}, True),
        ({"billing": 1}, {"billing": 2}, False),
        ({"billing": 5}, {"billing": 2, "mandarin": 1}, False),
        ({"billing": 5, "mandarin": 4}, {"billing": 2, "mandarin": 1}, True),
    ],
)
def test_required_skills_with_levels(skills: dict[str, int], required: dict[str, int], ok: bool) -> None:
    assert core.eligible(agent(1, skills=skills), QueueRule(id=1, skills=required), entry(1)) is ok


def test_priority_with_ageing_serves_the_old_low_priority_item_before_a_fresh_urgent_one() -> None:
    ageing = 60.0
    old_low = core.order_key(priority=0, enqueued_at=1000.0, ageing=ageing)  # waited 10 min at t=1600
    new_high = core.order_key(priority=5, enqueued_at=1590.0, ageing=ageing)  # +5 points = 5 min
    mid_high = core.order_key(priority=5, enqueued_at=1200.0, ageing=ageing)
    entries = [
        entry(1, key=old_low, at=1000),
        entry(2, key=new_high, at=1590),
        entry(3, key=mid_high, at=1200),
    ]
    plan = core.plan(entries, [agent(9, cap={"chat": 3})], {1: QueueRule(id=1)}, now=1600.0)
    assert [o.interaction_id for o in plan.offers] == [3, 1, 2]
    assert core.effective_priority(priority=0, waited=600, ageing=ageing) > core.effective_priority(
        priority=5, waited=10, ageing=ageing
    )


def test_one_offer_fills_a_slot_before_the_next_choice() -> None:
    agents = [agent(1, idle=0, cap={"voice": 1}), agent(2, idle=5, cap={"voice": 1})]
    entries = [entry(i, channel="voice", at=float(i)) for i in range(1, 5)]
    plan = core.plan(entries, agents, {1: QueueRule(id=1)}, now=100.0)
    assert offers_of(plan) == [(1, 1), (2, 2)]  # each agent once; 3 and 4 keep waiting


def test_round_robin_cursor_moves_across_a_pass() -> None:
    agents = [agent(i, cap={"chat": 5}) for i in (1, 2, 3)]
    plan = core.plan(
        [entry(i, at=float(i)) for i in range(1, 6)],
        agents,
        {1: QueueRule(id=1, strategy="round_robin")},
        now=10.0,
        round_robin={1: 1},
    )
    assert offers_of(plan) == [(1, 2), (2, 3), (3, 1), (4, 2), (5, 3)]
    assert plan.round_robin[1] == 3


@pytest.mark.parametrize(
    ("the_entry", "agents", "expected"),
    [
        (entry(1, sticky=3), [agent(2, idle=0), agent(3, idle=99)], (3, "sticky")),
        (entry(1, sticky=3), [agent(2, idle=0), agent(3, state="busy")], (2, "longest_idle")),
        (entry(1, sticky=3), [agent(2), agent(3, load={"chat": 3})], (2, "longest_idle")),
        (entry(1, target=3), [agent(2), agent(3, idle=99)], (3, "target")),
        (entry(1, target=3), [agent(2), agent(3, load={"chat": 3})], None),  # waits for its target
        (entry(1, excluded=frozenset({2})), [agent(2, idle=0), agent(3, idle=50)], (3, "longest_idle")),
        (entry(1, excluded=frozenset({2, 3})), [agent(2), agent(3)], None),
    ],
)
def test_sticky_target_and_declined(
    the_entry: EntrySnapshot, agents: list[AgentSnapshot], expected: tuple[int, str] | None
) -> None:
    picked = core.pick(
        the_entry,
        QueueRule(id=1, skills={"vip": 1}),
        [
            a
            if a.skills
            else agent(a.id, state=a.state, load=dict(a.load), idle=a.last_work_at, skills={"vip": 1})
            for a in agents
        ],
    )
    assert (None if picked is None else (picked[0].id, picked[1])) == expected


def test_a_transfer_target_needs_no_queue_skills() -> None:
    picked = core.pick(entry(1, target=5), QueueRule(id=1, skills={"french": 3}), [agent(5)])
    assert picked is not None
    assert picked[1] == "target"


@pytest.mark.parametrize(("waited", "moves"), [(29.0, False), (30.0, True), (500.0, True)])
def test_overflow_after_a_wait(waited: float, moves: bool) -> None:
    queues = {1: QueueRule(id=1, overflow_queue_id=2, overflow_after=30.0), 2: QueueRule(id=2)}
    plan = core.plan([entry(7, at=1000.0)], [agent(4)], queues, now=1000.0 + waited)
    assert [(m.interaction_id, m.to_queue_id) for m in plan.overflows] == ([(7, 2)] if moves else [])
    assert [(o.interaction_id, o.queue_id) for o in plan.offers] == [(7, 2 if moves else 1)]


def test_overflow_reaches_agents_the_first_queue_lacks() -> None:
    queues = {
        1: QueueRule(id=1, skills={"gold": 1}, overflow_queue_id=2, overflow_after=60.0),
        2: QueueRule(id=2),
    }
    agents = [agent(4)]  # no gold skill
    assert core.plan([entry(7, at=0.0)], agents, queues, now=59.0).offers == ()
    assert offers_of(core.plan([entry(7, at=0.0)], agents, queues, now=60.0)) == [(7, 4)]


def test_the_same_input_gives_the_same_plan() -> None:
    agents = [agent(i, idle=float(i % 7), load={"chat": i % 3}) for i in range(1, 40)]
    entries = [entry(i, key=float((i * 7919) % 101), at=float(i)) for i in range(1, 200)]
    queues = {1: QueueRule(id=1, strategy="least_busy")}
    assert core.plan(entries, agents, queues, now=500.0) == core.plan(
        list(reversed(entries)), agents, queues, now=500.0
    )


@pytest.mark.parametrize(
    ("position", "agents", "aht", "expected"),
    [
        (1, 2, 120.0, 120.0),
        (2, 2, 120.0, 120.0),
        (3, 2, 120.0, 240.0),
        (5, 1, 60.0, 300.0),
        (3, 0, 60.0, None),
    ],
)
def test_estimated_wait(position: int, agents: int, aht: float, expected: float | None) -> None:
    assert core.estimated_wait(position=position, agents_serving=agents, average_handle=aht) == expected


def test_positions_are_per_queue_in_priority_order() -> None:
    entries = [
        entry(1, queue=1, key=5),
        entry(2, queue=2, key=1),
        entry(3, queue=1, key=2),
        entry(4, queue=1, key=9),
    ]
    assert core.positions(entries) == {3: 1, 1: 2, 4: 3, 2: 1}


@pytest.mark.parametrize(
    ("samples", "expected"),
    [
        ([], None),
        ([(5.0, 20.0)], 100.0),
        ([(5.0, 20.0), (25.0, 20.0)], 50.0),
        ([(20.0, 20.0), (21.0, 20.0), (1.0, 20.0)], 66.7),
    ],
)
def test_sla_percent(samples: list[tuple[float, float]], expected: float | None) -> None:
    assert core.sla_percent(samples) == expected
