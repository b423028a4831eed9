"""Storing and finding call recordings. Files live under `<data dir>/recordings/`, named by client UUID.

An upload is idempotent on the client's UUID: the same bytes again answer with the stored recording;
different bytes under a UUID already used are refused (409) and change nothing. Only real WAV files
(RIFF/WAVE with a PCM-like header Python's `wave` module reads) are kept.
"""

from __future__ import annotations

import hashlib
import io
import struct
import uuid
import wave
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.agents.models import Agent
from backend.errors import ApiError
from backend.files import write_atomically
from backend.recordings.models import Recording


def recordings_dir(data_dir: Path) -> Path:
    return data_dir / "recordings"


def checked_client_id(raw: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise ApiError(422, "invalid_client_id", "A recording is named by a UUID.") from None


def path_for(data_dir: Path, client_id: str) -> Path:
    return recordings_dir(data_dir) / f"{checked_client_id(client_id)}.wav"


def wav_duration_ms(data: bytes) -> int:
    """The WAV's playing time; 415 when the bytes are not a WAV file."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ApiError(415, "not_wav", "A call recording must be a WAV file.")
    try:
        with wave.open(io.BytesIO(data)) as wav:
            frames, rate = wav.getnframes(), wav.getframerate()
    except (wave.Error, EOFError, RuntimeError, ValueError, struct.error) as exc:  # `wave` trusts input
        raise ApiError(415, "not_wav", f"The WAV file cannot be read: {exc}.") from None
    return int(frames * 1000 / rate) if rate else 0


def find(session: Session, client_id: str) -> Recording | None:
    return session.scalar(select(Recording).where(Recording.client_id == checked_client_id(client_id)))


def store(session: Session, data_dir: Path, client_id: str, data: bytes,
          agent: Agent) -> tuple[Recording, bool]:
    """(the recording, whether this call created it). The caller commits."""
    client_id = checked_client_id(client_id)
    if not data:
        raise ApiError(400, "empty_recording", "The recording is empty.")
    digest = hashlib.sha256(data).hexdigest()
    existing = find(session, client_id)
    if existing is not None:
        return _same_or_conflict(existing, digest), False
    duration = wav_duration_ms(data)
    write_atomically(path_for(data_dir, client_id), data)
    recording = Recording(client_id=client_id, sha256=digest, size_bytes=len(data), duration_ms=duration,
                          agent_id=agent.id)
    try:
        with session.begin_nested():
            session.add(recording)
    except IntegrityError:  # the same upload, retried at the same moment by another request
        existing = find(session, client_id)
        if existing is None:
            raise
        return _same_or_conflict(existing, digest), False
    return recording, True


def _same_or_conflict(existing: Recording, digest: str) -> Recording:
    if existing.sha256 != digest:
        raise ApiError(409, "recording_conflict", "Another recording was already uploaded under this id.")
    return existing

