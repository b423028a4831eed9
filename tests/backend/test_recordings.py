"""Call recordings: the client uploads a WAV under its UUID; the recording agent and supervisors play it."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from backend.main import create_app
from backend.settings import Settings
from tests.backend.conftest import Headers
from tests.fixtures.wav import wav_bytes


@pytest.fixture
def rec_client(settings: Settings, tmp_path: Path) -> Iterator[TestClient]:
    own = dataclasses.replace(settings, data_dir=tmp_path, max_recording_bytes=200_000)
    with TestClient(create_app(own)) as c:
        yield c


@pytest.fixture
def user(rec_client: TestClient) -> Callable[[str], Headers]:
    def headers(username: str) -> Headers:
        r = rec_client.post("/api/v1/auth/login", json={"username": username, "password": "demo-pass-2026"})
        assert r.status_code == 200, r.text
        return {"Authorization": f"Bearer {r.json()['access_token']}"}
    return headers


def test_upload_is_idempotent_and_plays_back_for_the_agent_and_supervisors(
        rec_client: TestClient, user: Callable[[str], Headers], tmp_path: Path) -> None:
    audio = wav_bytes(1.5)
    cid = str(uuid.uuid4())
    first = rec_client.put(f"/api/v1/recordings/{cid}", content=audio, headers=user("agent1"))
    assert first.status_code == 201, first.text
    assert first.json()["duration_seconds"] == pytest.approx(1.5)
    assert first.json()["size_bytes"] == len(audio)
    again = rec_client.put(f"/api/v1/recordings/{cid}", content=audio, headers=user("agent1"))
    assert again.status_code == 200
    assert again.json()["created_at"] == first.json()["created_at"]
    assert len(list((tmp_path / "recordings").glob("*.wav"))) == 1

    played = rec_client.get(f"/api/v1/recordings/{cid}", headers=user("agent1"))
    assert played.status_code == 200
    assert played.content == audio
    assert played.headers["content-type"] == "audio/wav"
    assert rec_client.get(f"/api/v1/recordings/{cid}", headers=user("lead")).content == audio
    other = rec_client.get(f"/api/v1/recordings/{cid}", headers=user("agent2"))
    assert other.status_code == 403
    assert "supervisors" in other.json()["error"]["message"]

    audit = rec_client.get("/api/v1/audit", headers=user("admin")).json()["items"]
    plays = [(e["action"], e["actor_name"]) for e in audit if e["target"] == f"recording:{cid}"]
    assert ("recording_uploaded", "agent1") in plays
    assert plays.count(("recording_played", "agent1")) == 1
    assert ("recording_played", "lead") in plays
    assert ("recording_played", "agent2") not in plays


def test_bad_uploads_are_refused_and_change_nothing(rec_client: TestClient, user: Callable[[str], Headers],
                                                    tmp_path: Path) -> None:
    agent = user("agent1")
    cid = str(uuid.uuid4())
    first = rec_client.put(f"/api/v1/recordings/{cid}", content=wav_bytes(0.5), headers=agent)
    assert first.status_code == 201
    cases = [
        (cid, wav_bytes(0.5, hz=1000.0), 409, "recording_conflict"),  # other bytes under a used id
        (str(uuid.uuid4()), b"ID3\x04not a wav at all", 415, "not_wav"),
        (str(uuid.uuid4()), b"RIFF\x10\x00\x00\x00WAVEjunkjunk", 415, "not_wav"),
        (str(uuid.uuid4()), b"", 400, "empty_recording"),
        ("../../etc/passwd", wav_bytes(0.1), 404, None),  # never reaches a file path
        ("not-a-uuid", wav_bytes(0.1), 422, "invalid_client_id"),
        (str(uuid.uuid4()), wav_bytes(20.0), 413, "too_large"),  # over this server's 200,000 bytes
    ]
    for name, body, status, code in cases:
        r = rec_client.put(f"/api/v1/recordings/{name}", content=body, headers=agent)
        assert r.status_code == status, (name, r.text)
        if code:
            assert r.json()["error"]["code"] == code
    assert len(list((tmp_path / "recordings").glob("*"))) == 1
    assert rec_client.get(f"/api/v1/recordings/{cid}", headers=agent).content == wav_bytes(0.5)
    missing = rec_client.get(f"/api/v1/recordings/{uuid.uuid4()}", headers=agent)
    assert missing.status_code == 404
    assert "still be uploading" in missing.json()["error"]["message"]
    assert rec_client.put(f"/api/v1/recordings/{uuid.uuid4()}", content=wav_bytes(0.1)).status_code == 401


def test_recordings_have_their_own_limit_above_the_json_body_limit(settings: Settings,
                                                                   tmp_path: Path) -> None:
    own = dataclasses.replace(settings, data_dir=tmp_path, max_body_bytes=64 * 1024)
    audio = wav_bytes(8.0)  # 128 kB: over the JSON limit, under the recordings limit
    with TestClient(create_app(own)) as c:
        r = c.post("/api/v1/auth/login", json={"username": "agent1", "password": "demo-pass-2026"})
        headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
        assert c.put(f"/api/v1/recordings/{uuid.uuid4()}", content=audio, headers=headers).status_code == 201
        big_json = c.post("/api/v1/customers", content=b"{" + b" " * 70_000 + b"}",
                          headers={**headers, "Content-Type": "application/json"})
        assert big_json.status_code == 413
