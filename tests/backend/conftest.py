"""Backend test fixtures: an in-process app on SQLite and on a real PostgreSQL, logged-in clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from backend.auth.passwords import make_hasher
from backend.db import Database
from backend.demo import seed_agents
from backend.main import create_app
from backend.migrate import upgrade
from backend.settings import Settings

SECRET = "test-secret-key-0123456789abcdef"
PASSWORD = "demo-pass-2026"

Headers = dict[str, str]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url"))


@pytest.fixture
def settings(db_url: str) -> Settings:
    upgrade(db_url)
    db = Database(db_url)
    with db.sessions() as session:
        seed_agents(session, hasher=make_hasher(fast=True), password=PASSWORD)
    db.dispose()
    return Settings(database_url=db_url, secret_key=SECRET, argon2_fast=True)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def login(client: TestClient, username: str, password: str = PASSWORD) -> dict[str, object]:
    r = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    assert r.status_code == 200, r.text
    return dict(r.json())


@pytest.fixture
def as_user(client: TestClient) -> Callable[[str], Headers]:
    def headers(username: str) -> Headers:
        return {"Authorization": f"Bearer {login(client, username)['access_token']}"}

    return headers


@pytest.fixture
def agent(as_user: Callable[[str], Headers]) -> Headers:
    return as_user("agent1")


@pytest.fixture
def lead(as_user: Callable[[str], Headers]) -> Headers:
    return as_user("lead")


@pytest.fixture
def admin(as_user: Callable[[str], Headers]) -> Headers:
    return as_user("admin")
