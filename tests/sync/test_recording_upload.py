"""Call recordings reach the server through the durable outbox: once, after an outage, then leave the desk."""

from __future__ import annotations

import uuid
from pathlib import Path

import requests

from app.sync.telephony_api import download_recording, queue_recording_upload, recording_file_name
from tests.fixtures.server import DEMO_PASSWORD
from tests.fixtures.wav import wav_bytes
from tests.sync.conftest import Rig, wait_for


def test_a_recording_made_while_the_server_is_down_is_uploaded_once_and_plays_back(
        own_rig: Rig, tmp_path: Path) -> None:
    svc, rec = own_rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    recording_id = str(uuid.uuid4())
    audio = wav_bytes(2.0)
    path = tmp_path / "recordings" / recording_file_name(recording_id)
    path.parent.mkdir()
    path.write_bytes(audio)
    own_rig.server.stop()
    assert queue_recording_upload(svc, str(path)) == recording_id
    wait_for(lambda: any(i.attempts >= 2 for i in svc.outbox_items()), what="retries while down")
    assert path.exists()  # kept until the server has it
    own_rig.restart_server()
    wait_for(lambda: rec.outbox[-1] == 0, timeout=20, what="outbox drained")
    assert not path.exists()  # customers' voices do not linger on the agent's disk
    assert svc.outbox_items() == []

    token = own_rig.server.login("lead")["access_token"]
    info = requests.get(f"{own_rig.server.url}/api/v1/recordings/{recording_id}/info",
                        headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert info.status_code == 200
    assert info.json()["duration_seconds"] == 2.0
    played = download_recording(svc.api, recording_id, tmp_path / "played")
    assert played.read_bytes() == audio
    assert played.stat().st_mode & 0o777 == 0o600


def test_a_recording_file_that_vanished_is_kept_as_failed_with_a_reason(rig: Rig, tmp_path: Path) -> None:
    svc, _ = rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    path = tmp_path / recording_file_name(str(uuid.uuid4()))
    assert queue_recording_upload(svc, str(path)) is not None
    wait_for(lambda: any(i.state == "failed" for i in svc.outbox_items()), what="refused")
    [item] = svc.outbox_items()
    assert "cannot be read" in (item.last_error or "")
    assert queue_recording_upload(svc, str(tmp_path / "someone-else.wav")) is None
