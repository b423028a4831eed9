"""The command line: migrate, seed-demo (idempotent, deterministic) and create-agent."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import func, select

from backend.customers.models import Customer, Identity
from backend.db import Database
from backend.timeline.models import Event
from tests.fixtures.server import REPO, backend_env, run_backend


def _counts(url: str) -> tuple[int, int, int, list[str]]:
    db = Database(url)
    with db.sessions() as s:
        names = list(s.scalars(select(Customer.display_name).order_by(Customer.id).limit(5)))
        result = (int(s.scalar(select(func.count(Customer.id))) or 0),
                  int(s.scalar(select(func.count(Identity.id))) or 0),
                  int(s.scalar(select(func.count(Event.seq))) or 0), names)
    db.dispose()
    return result


def test_seed_demo_is_idempotent_and_deterministic(sqlite_url: str, tmp_path: object) -> None:
    run_backend(sqlite_url, "migrate")
    run_backend(sqlite_url, "seed-demo")
    first = _counts(sqlite_url)
    run_backend(sqlite_url, "seed-demo")
    assert _counts(sqlite_url) == first
    customers, identities, events, _ = first
    assert customers == 50
    assert identities >= 100
    assert 300 <= events <= 400
    other = sqlite_url.replace("huitong.sqlite3", "other.sqlite3")
    run_backend(other, "migrate")
    run_backend(other, "seed-demo")
    assert _counts(other) == first


def test_create_agent_from_the_command_line(sqlite_url: str) -> None:
    run_backend(sqlite_url, "migrate")
    args = ["create-agent", "--username", "zhao.min", "--display-name", "赵敏", "--role", "supervisor"]
    run_backend(sqlite_url, *args, HUITONG_AGENT_PASSWORD="a-long-password")
    again = subprocess.run([sys.executable, "-m", "backend", *args], cwd=REPO, capture_output=True, text=True,
                           env=backend_env(sqlite_url, HUITONG_AGENT_PASSWORD="a-long-password"), check=False)
    assert again.returncode == 1
    assert "already exists" in again.stderr
