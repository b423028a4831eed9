"""Runs the softphone for the desk: engine start, SIP credentials, registration, lines, call records.

Everything here runs on the GUI thread. The engine publishes on its own thread; `EngineBridge` turns each
event into a queued Qt signal. Blocking work (importing pjsua2, starting the engine, fetching credentials,
posting call records) runs on the desk's worker pool.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain import Agent
from app.sync.errors import ApiError, ServerUnreachable, SyncError
from app.sync.telephony_api import (
    CallRecord,
    SipCredentials,
    TelephonyApi,
    queue_call_event,
    queue_recording_upload,
    recording_id_from_path,
)
from app.telephony import events as ev
from app.ui.background import BackgroundRunner
from app.ui.call_lines import CallLine
from app.ui.heap_trim import IdleHeapTrim
from app.ui.softphone_commands import CallCommands
from app.ui.softphone_engine_bridge import DialFailed, EngineBridge
from app.ui.softphone_files import recording_path, softphone_dir, write_private_file
from app.ui.softphone_notices import (
    device_fallback_text,
    registration_failed_text,
    remote_hold_text,
    transfer_failed_text,
)

if TYPE_CHECKING:
    from app.sync.service import SyncService
    from app.telephony.engine import SoftphoneEngine

log = logging.getLogger(__name__)
CredentialSource = Callable[["SyncService"], SipCredentials]
RETRY_DELAYS_S = (2, 4, 8, 15, 30, 60)


def _default_credentials(service: SyncService) -> SipCredentials:
    return TelephonyApi(service.api).sip_credentials()


class SoftphoneController(QObject, CallCommands):
    registration_changed = Signal(str, str)       # state (off/starting/registering/registered/failed), text
    lines_changed = Signal()
    call_arrived = Signal(object)                  # CallLine
    call_started = Signal(object)                  # CallLine (outbound)
    call_ended = Signal(object, object)            # CallLine, CallRecord
    call_recorded = Signal()                       # a call event was queued for the timeline
    message = Signal(str)
    transfer_failed = Signal(int)                  # call id: the far end stays on this line

    def __init__(self, runner: BackgroundRunner, *, null_audio: bool = False,
                 credentials: CredentialSource | None = None, data_dir: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._null_audio = null_audio
        self._credentials_source = credentials or _default_credentials
        self._data_dir = data_dir or softphone_dir()
        self.bridge = EngineBridge(self)
        self.bridge.delivered.connect(self._on_event)
        self.bridge.command_failed.connect(self.message)
        self.engine: SoftphoneEngine | None = None
        self.service: SyncService | None = None
        self.agent: Agent | None = None
        self.credentials: SipCredentials | None = None
        self.lines: dict[int, CallLine] = {}
        self.heap_trim = IdleHeapTrim(self)  # freed call memory back to the system once the line is idle
        self.conference: tuple[int, ...] = ()
        self.state = "off"
        self._state_text: Callable[[], str] = str  # in the current language, asked each time it is shown
        self._generation = 0
        self._failures = 0
        self._ringing_tone = False
        self._dialing: deque[tuple[str, int | None]] = deque()
        self.audio_notice = ""  # the last "no microphone/speaker" message shown
        self._audio_event: ev.AudioDeviceDidFallBack | None = None  # for the notice in another language
        self.routed_transfer: Callable[[CallLine], bool] | None = None  # routing's Transfer… for queue calls
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self._boot)
        self._renew = QTimer(self, singleShot=True)
        self._renew.timeout.connect(self._renew_credentials)

    @property
    def null_audio(self) -> bool:
        """The engine runs on the null device by configuration (no sound wanted)."""
        return self._null_audio

    # ---- lifecycle ---------------------------------------------------------------------------
    def start(self, service: SyncService, agent: Agent) -> None:
        self.service, self.agent = service, agent
        self._generation += 1
        self._failures = 0
        self._boot()

    def _boot(self) -> None:
        service, generation = self.service, self._generation
        if service is None:
            return
        if self.state != "registered":
            self._set_state("starting", lambda: self.tr("Phone: starting…"))
        engine = self.engine

        def work() -> tuple[SoftphoneEngine, SipCredentials]:
            creds = self._credentials_source(service)
            started = engine if engine is not None else self._start_engine(creds)
            self.engine = started  # set here, not in the callback: shutdown() must find it even then
            return started, creds

        self._runner.run(work, lambda result: self._on_booted(generation, *result),
                         lambda exc: self._on_boot_failed(generation, exc))

    def _start_engine(self, creds: SipCredentials) -> SoftphoneEngine:
        """Worker thread: the first start imports pjsua2 and brings up its one Endpoint."""
        from app.telephony.engine import SoftphoneEngine
        from app.telephony.settings import EngineSettings

        ca_file = ""
        if creds.transport == "tls" and creds.ca_pem:
            ca_file = str(write_private_file(self._data_dir / "sip-ca.pem", creds.ca_pem))
        settings = EngineSettings(null_audio=self._null_audio, tls_ca_file=ca_file)
        engine = SoftphoneEngine(settings, self.bridge)
        engine.start()
        return engine

    def _on_booted(self, generation: int, engine: SoftphoneEngine, creds: SipCredentials) -> None:
        self.engine = engine
        if generation != self._generation or self.service is None:
            return  # signed out meanwhile; the engine stays for the next sign-in
        self.credentials = creds
        self._register(creds)
        self._renew.start(int(creds.renew_after_seconds * 1000))

    def _register(self, creds: SipCredentials) -> None:
        from app.telephony.settings import SipAccount

        assert self.engine is not None
        name = self.agent.display_name if self.agent else ""
        try:
            account = SipAccount(username=creds.username, password=creds.password, domain=creds.domain,
                                 transport=creds.transport, display_name=name,
                                 auth_username=creds.auth_username, srtp=creds.srtp)
        except ValueError as exc:
            self._fail(self.tr("Phone: the server's phone settings cannot be used (%1).")
                       .replace("%1", str(exc)))
            return
        if self.state != "registered":
            self._set_state("registering", lambda: self.tr("Phone: connecting…"))
        self._watch(self.engine.register(account))

    def _on_boot_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        if isinstance(exc, ServerUnreachable):
            text = self.tr("Phone: the Huitong server cannot be reached.")
        elif isinstance(exc, ApiError) and exc.status in (404, 405):
            text = self.tr("Phone: this server does not issue phone credentials.")
        elif isinstance(exc, SyncError):
            text = self.tr("Phone: could not get phone credentials (%1).").replace("%1", exc.message)
        else:
            text = self.tr("Phone: the softphone could not start (%1).").replace("%1", str(exc))
        self._fail(text)

    def _fail(self, text: str) -> None:
        delay = RETRY_DELAYS_S[min(self._failures, len(RETRY_DELAYS_S) - 1)]
        self._failures += 1
        self._set_state("failed", lambda: text + " " + self.tr("Retrying in %1 s.").replace("%1", str(delay)))
        self._retry.start(delay * 1000)

    def _renew_credentials(self) -> None:
        # Fresh credentials for the same identity: the engine updates the account in place, calls stay up.
        self._failures = 0
        self._boot()

    def stop(self) -> None:
        """Signing out: hang up and unregister, keep the engine thread for the next sign-in."""
        self._generation += 1
        self._retry.stop()
        self._renew.stop()
        self.service, self.credentials = None, None
        if self.engine is not None:
            self.engine.unregister()
        self._set_state("off", str)

    def shutdown(self) -> None:
        """Closing the desk: stop pjsua2 (hangs up, unregisters, destroys the endpoint)."""
        self.stop()
        engine, self.engine = self.engine, None
        if engine is not None:
            engine.stop()

    @property
    def state_text(self) -> str:
        """The phone's state in words, in the language chosen now (a switch re-asks, nothing is stale)."""
        return self._state_text()

    def _set_state(self, state: str, text: Callable[[], str]) -> None:
        self.state, self._state_text = state, text
        self.registration_changed.emit(state, text())

    def notice_in_current_language(self, shown: str) -> str | None:
        """The audio-device notice `shown` (if it is the last one) said again in the current language."""
        if not shown or shown != self.audio_notice or self._audio_event is None:
            return None
        self.audio_notice = device_fallback_text(self._audio_event) or shown
        return self.audio_notice

    # ---- engine events (GUI thread) ----------------------------------------------------------
    def _on_event(self, event: object) -> None:
        if isinstance(event, ev.RegistrationDidChange):
            self._on_registration(event)
        elif isinstance(event, ev.RegistrationDidFail):
            self._on_registration_failed(event.code, event.reason)
        elif isinstance(event, ev.CallDidArrive):
            arrived = CallLine(event.call_id, "inbound", event.remote_number or event.remote_uri,
                               event.remote_uri, "incoming",
                               interaction_id=event.headers.get("x-interaction-id") or None)
            self.lines[event.call_id] = arrived
            self.call_arrived.emit(arrived)
            self._lines_changed()
        elif isinstance(event, ev.CallDidChangeState):
            self._on_call_state(event.call_id, event.state.value)
        elif isinstance(event, ev.CallDidConnect):
            line = self.lines.get(event.call_id)
            if line is not None:
                line.state = "confirmed"
                line.mark_answered()
                self._start_recording(line)
                self._lines_changed()
        elif isinstance(event, ev.CallDidEnd):
            self._on_call_end(event.call_id, event.code, event.reason, event.connected_seconds)
        elif isinstance(event, ev.CallTransferDidSucceed):
            if event.call_id in self.lines:
                self.lines[event.call_id].transferred = True
                self.message.emit(self.tr("The call was transferred."))
        elif isinstance(event, ev.CallTransferDidFail):
            self.message.emit(transfer_failed_text(event.code, event.reason))
            self.transfer_failed.emit(event.call_id)
        elif isinstance(event, ev.ConferenceDidChange):
            self.conference = event.call_ids
            self._lines_changed()
        elif isinstance(event, ev.RecordingDidStart) and event.call_id in self.lines:
            self.lines[event.call_id].recording = recording_id_from_path(event.path)  # the upload id
        elif isinstance(event, ev.RecordingDidFinish) and self.service is not None:
            ended = self.lines.get(event.call_id)
            queue_recording_upload(self.service, event.path, ended.customer_id if ended else None)
        elif isinstance(event, DialFailed):
            if (event.target, event.customer_id) in self._dialing:
                self._dialing.remove((event.target, event.customer_id))
        elif isinstance(event, ev.EngineDidFail):
            self._fail(self.tr("Phone: the softphone could not start (%1).").replace("%1", event.reason))
        elif isinstance(event, ev.CommandDidFail):
            log.info("softphone command %s failed: %s", event.command, event.reason)
        elif isinstance(event, ev.AudioDeviceDidFallBack):
            self._on_device_fallback(event)
        elif isinstance(event, ev.CallDidChangeMedia) and event.call_id in self.lines:
            line = self.lines[event.call_id]
            who = line.customer_name or line.remote_number
            self.message.emit(remote_hold_text(who, event.held_by_remote))

    def _on_device_fallback(self, event: ev.AudioDeviceDidFallBack) -> None:
        text = device_fallback_text(event)
        if text is not None and text != self.audio_notice:  # one notice per role arrives: say it once
            self.audio_notice, self._audio_event = text, event
            self.message.emit(text)

    def _on_registration(self, event: ev.RegistrationDidChange) -> None:
        state = event.state.value
        if self.service is None:
            return
        if state == "registered":
            self._failures = 0
            self._retry.stop()
            self._set_state("registered", lambda: self.tr("Phone: ready"))
        elif state in ("registering", "unregistered") and self.state != "registered":
            self._set_state("registering", lambda: self.tr("Phone: connecting…"))

    def _on_registration_failed(self, code: int, reason: str) -> None:
        if self.service is None:
            return
        self._retry.stop()
        self._fail(registration_failed_text(code, reason))

    def _on_call_state(self, call_id: int, state: str) -> None:
        line: CallLine | None = self.lines.get(call_id)
        if line is None and state != "disconnected" and self._dialing:
            number, customer_id = self._dialing.popleft()
            line = CallLine(call_id, "outbound", number, state=state, customer_id=customer_id)
            self.lines[call_id] = line
            self.call_started.emit(line)
        if line is None:
            return
        if state != "disconnected":
            line.state = state
        if state == "confirmed":
            line.mark_answered()
        self._lines_changed()

    def _on_call_end(self, call_id: int, code: int, reason: str, connected: float) -> None:
        line = self.lines.pop(call_id, None)
        if line is None:
            return
        line.state = "disconnected"
        line.ended_at = datetime.now(UTC)
        line.end_code, line.end_reason, line.connected_seconds = code, reason, connected
        agent = self.agent.username if self.agent else ""
        local = self.credentials.username if self.credentials else ""
        record = line.record(agent=agent, local_number=local, recording=line.recording)
        self._lines_changed()
        self.call_ended.emit(line, record)
        self._record(line, record)
        if not self.lines:
            self.heap_trim.line_idle()

    def _lines_changed(self) -> None:
        if self.lines:
            self.heap_trim.line_busy()
        ringing = any(line.ringing for line in self.lines.values())
        if ringing != self._ringing_tone and self.engine is not None:
            self._ringing_tone = ringing
            self._watch(self.engine.play_ringtone() if ringing else self.engine.stop_ringtone())
        self.lines_changed.emit()

    def _start_recording(self, line: CallLine) -> None:
        if self.credentials is not None and self.credentials.record_calls and self.engine is not None:
            self._watch(self.engine.start_recording(line.call_id, str(recording_path(self._data_dir))))

    def _record(self, line: CallLine, record: CallRecord) -> None:
        service = self.service
        if service is None:
            return
        customer_id = line.customer_id

        def work() -> str:
            target = customer_id
            if target is None:  # nobody created the customer: the number becomes one, nothing is lost
                target = service.resolve_phone(record.remote_number)[0].id
            return queue_call_event(service, target, record)

        def failed(exc: BaseException) -> None:
            text = exc.message if isinstance(exc, SyncError) else str(exc)
            self.message.emit(self.tr("The call with %1 could not be put on a timeline: %2")
                              .replace("%1", record.remote_number).replace("%2", text))

        self._runner.run(work, lambda _cid: self.call_recorded.emit(), failed)

