"""SoftphoneEngine: one thread owns pjsua2; thread-safe commands in, frozen events out.

The UI calls the public methods from any thread; each enqueues a command that the engine thread
runs between `libHandleEvents` slices. Events go to the listener on the engine thread, so the
listener must only hand them over (the UI queues them onto the GUI thread).
"""

from __future__ import annotations

import atexit
import gc
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, ClassVar, TypeVar

import pjsua2 as pj

from app.telephony import alsa_cards, devices
from app.telephony import events as ev
from app.telephony.audio_router import AudioRouter
from app.telephony.call_book import CallBook
from app.telephony.device_watch import DeviceWatch
from app.telephony.engine_devices import EngineDevices
from app.telephony.inbound import trusted_source
from app.telephony.pj_endpoint import account_config, create_endpoint
from app.telephony.pj_objects import EngineAccount, EngineCall
from app.telephony.settings import EngineSettings, SipAccount
from app.telephony.sip_message import target_uri

log = logging.getLogger(__name__)
T = TypeVar("T")
UDP_REFRESH_PATIENCE_SECONDS = 40.0  # a UDP REGISTER gives up after 32 s (timer F)
Listener = Callable[[ev.EngineEvent], None]


class SoftphoneEngine:
    # pjsua2 allows one Endpoint per process and aborts the process on a second one, so the
    # engine refuses to start while another engine thread of this process is still alive.
    _alive_lock = threading.Lock()
    # Engines not stopped yet. At interpreter exit a daemon thread still inside pjsua2 is frozen
    # mid-call (pthread_exit unwinds through C++ frames: "terminate called without an active
    # exception", SIGABRT), so `_stop_at_exit` stops them first.
    _running_engines: ClassVar[set[SoftphoneEngine]] = set()

    def __init__(self, settings: EngineSettings, listener: Listener) -> None:
        self._settings = settings
        self._listener = listener
        self._commands: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._running = threading.Event()
        self._started: Future[int] = Future()
        self._ep: pj.Endpoint | None = None
        self._account: EngineAccount | None = None
        self._sip_account: SipAccount | None = None
        self._book = CallBook(self._publish, settings.ring_timeout_seconds)
        self._next_udp_refresh = 0.0
        self._device_watch = DeviceWatch(self._publish, settings.null_audio)
        self._devices = EngineDevices(lambda: self._ep, self._book, self._device_watch, self._publish)

    # ---- lifecycle -------------------------------------------------------------------------
    def start(self, timeout: float = 15.0) -> int:
        """Starts the engine thread; returns the local SIP port once pjsua2 is up."""
        if not SoftphoneEngine._alive_lock.acquire(blocking=False):
            raise RuntimeError("another softphone engine is still running in this process")
        self._running.set()
        SoftphoneEngine._running_engines.add(self)
        self._thread = threading.Thread(target=self._run, name="softphone-engine", daemon=True)
        self._thread.start()
        try:
            return self._started.result(timeout)
        except BaseException:
            self.stop()
            raise

    def stop(self, timeout: float = 15.0) -> None:
        """Hangs up every call, unregisters and destroys pjsua2; never aborts the process."""
        thread, self._thread = self._thread, None
        SoftphoneEngine._running_engines.discard(self)
        if thread is None:
            return
        self._running.clear()
        if thread is threading.current_thread():
            return  # asked from the listener: the loop ends after this command
        thread.join(timeout)
        if thread.is_alive():
            log.error("the softphone engine did not stop within %.0f s", timeout)

    # ---- commands (any thread) ---------------------------------------------------------------
    def register(self, account: SipAccount) -> Future[None]:
        return self._submit(lambda: self._register(account))

    def unregister(self) -> Future[None]:
        return self._submit(self._unregister)

    def dial(self, target: str) -> Future[int]:
        """Future of the new call's id; fails with ValueError for a number that cannot be dialled."""
        return self._submit(lambda: self._dial(target))

    def answer(self, call_id: int) -> Future[None]:
        return self._submit(lambda: self._book.answer(call_id))

    def reject(self, call_id: int, code: int = 486) -> Future[None]:
        return self._submit(lambda: self._book.hangup(call_id, code))

    def hangup(self, call_id: int) -> Future[None]:
        return self._submit(lambda: self._book.hangup(call_id, 0))

    def hold(self, call_id: int) -> Future[None]:
        return self._submit(lambda: self._book.hold(call_id))

    def resume(self, call_id: int) -> Future[None]:
        return self._submit(lambda: self._book.resume(call_id))

    def set_mute(self, call_id: int, muted: bool) -> Future[None]:
        return self._submit(lambda: self._book.set_mute(call_id, muted))

    def send_dtmf(self, call_id: int, digits: str, method: str | None = None) -> Future[None]:
        """RFC 4733 or SIP INFO (`method` "rfc4733" / "info"; default: the account's `dtmf_method`)."""
        return self._submit(lambda: self._book.send_dtmf(call_id, digits, method))

    def transfer(self, call_id: int, target: str) -> Future[None]:
        """Blind transfer (REFER); progress arrives as CallTransferDid… events."""
        return self._submit(lambda: self._book.transfer(call_id, target))

    def transfer_attended(self, call_id: int, to_call_id: int) -> Future[None]:
        """Consult transfer: connects `call_id`'s party to `to_call_id`'s (REFER with Replaces)."""
        return self._submit(lambda: self._book.transfer_attended(call_id, to_call_id))

    def conference(self, *call_ids: int) -> Future[None]:
        """Bridges the calls with each other and the local mic/speaker (held ones are resumed)."""
        return self._submit(lambda: self._book.conference(call_ids))

    def split(self) -> Future[None]:
        """Ends the conference: every call stays up, talking to the agent only."""
        return self._submit(self._book.split)

    def start_recording(self, call_id: int, path: str) -> Future[None]:
        """Records both directions of the call to the WAV at `path` until stop_recording or hang-up."""
        return self._submit(lambda: self._book.start_recording(call_id, path))

    def stop_recording(self, call_id: int) -> Future[None]:
        """RecordingDidFinish follows once the WAV is complete."""
        return self._submit(lambda: self._book.stop_recording(call_id))

    def call_quality(self, call_id: int) -> Future[ev.CallQuality]:
        return self._submit(lambda: self._book.quality(call_id))

    def handle_ip_change(self) -> Future[None]:
        """After a network change or wake-up: restart transports, re-register, re-INVITE calls."""
        return self._submit(self._handle_ip_change)

    def list_devices(self) -> Future[tuple[ev.AudioDevice, ...]]:
        return self._submit(lambda: devices.list_devices(self._adm()))

    def refresh_devices(self) -> Future[tuple[ev.AudioDevice, ...]]:
        """Rescans the sound devices (after a headset was plugged in) and emits DevicesDidChange."""
        return self._submit(self._devices.refresh)

    def set_devices(self, capture: str | None = None, playback: str | None = None,
                    ringer: str | None = None) -> Future[None]:
        """Chooses devices by name; an unknown name falls back to the default with an event."""
        return self._submit(lambda: self._devices.choose(capture, playback, ringer))

    def play_ringtone(self) -> Future[None]:
        """Rings on the ringer device when one is chosen and present, else on the playback device."""
        return self._submit(self._devices.play_ringtone)

    def stop_ringtone(self) -> Future[None]:
        return self._submit(lambda: self._router().stop_ringtone())

    def _submit(self, fn: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        if not self._running.is_set():
            future.set_exception(RuntimeError("the softphone is not running"))
            return future
        self._commands.put((fn, future))
        return future

    # ---- engine thread -----------------------------------------------------------------------
    def _run(self) -> None:
        try:
            self._serve()
        finally:
            SoftphoneEngine._alive_lock.release()

    def _serve(self) -> None:
        try:
            self._ep, port = create_endpoint(self._settings)
            alsa_cards.install_if_needed(self._ep.audDevManager(), self._settings)  # Linux sound
            fallbacks = devices.settle(self._ep.audDevManager(), self._settings.null_audio)
            self._book.attach(self._ep, self._settings.capture_wav)
        except BaseException as exc:  # pjsua2 raises pj.Error, which is not an Exception subclass
            reason = f"the softphone could not start: {_describe(exc)}"
            self._started.set_exception(RuntimeError(reason))
            self._publish(ev.EngineDidFail(reason))
            return
        self._started.set_result(port)
        self._publish(ev.EngineDidStart(port))
        for notice in fallbacks:  # no sound card: calls still work, the UI says why there is no sound
            self._publish(notice)
        while self._running.is_set():
            self._ep.libHandleEvents(10)
            self._drain_commands()
            try:
                self._book.reap()
                self._refresh_udp_registration()
                self._devices.watch()
            except BaseException:  # housekeeping must never end the engine thread (pj.Error included)
                log.exception("softphone housekeeping failed")
        self._shutdown()

    def _drain_commands(self) -> None:
        while True:
            try:
                fn, future = self._commands.get_nowait()
            except queue.Empty:
                return
            try:
                future.set_result(fn())
            except BaseException as exc:  # pj.Error derives from BaseException in the binding
                reason = _describe(exc)
                future.set_exception(_detached(exc) if isinstance(exc, Exception) else RuntimeError(reason))
                self._publish(ev.CommandDidFail(getattr(fn, "__name__", "command"), reason))

    def _register(self, account: SipAccount) -> None:
        assert self._ep is not None
        cfg = account_config(account, self._settings)
        trusted = trusted_source(account)  # resolved here: the registrar is the only caller we accept
        self._next_udp_refresh = time.monotonic() + account.udp_refresh_seconds
        self._book.quiet_refresh = None
        self._book.reg_state = ev.RegistrationState.REGISTERING  # no periodic refresh until answered
        old = self._sip_account
        if self._account is not None and old is not None and _same_line(old, account):
            # New (ephemeral) credentials or options for the same identity: update in place,
            # re-register, and keep the calls.
            self._sip_account = self._book.sip_account = account
            self._book.trusted = trusted
            self._publish(ev.RegistrationDidChange(ev.RegistrationState.REGISTERING, 0, ""))
            self._account.modify(cfg)
            return
        self._unregister()
        self._sip_account = self._book.sip_account = account
        self._book.trusted = trusted
        self._account = EngineAccount(self._book)
        self._book.account = self._account
        self._publish(ev.RegistrationDidChange(ev.RegistrationState.REGISTERING, 0, ""))
        self._account.create(cfg)

    def _refresh_udp_registration(self) -> None:
        """Over UDP, re-REGISTER every `udp_refresh_seconds` while registered: a registrar that
        restarted (and lost its in-memory location table) has the binding again within that time."""
        account, sip = self._account, self._sip_account
        if account is None or sip is None or sip.transport != "udp" or sip.udp_refresh_seconds <= 0:
            return
        now = time.monotonic()
        if now < self._next_udp_refresh:
            return
        self._next_udp_refresh = now + sip.udp_refresh_seconds
        sent = self._book.quiet_refresh
        if sent is not None and now - sent < UDP_REFRESH_PATIENCE_SECONDS:
            return  # the last refresh is still retransmitting (registrar down?): let it finish
        if self._book.reg_state is not ev.RegistrationState.REGISTERED:
            return  # registering, failed (pjsua2 retries by itself) or unregistered
        self._book.quiet_refresh = now
        try:
            account.setRegistration(True)
        except BaseException as exc:  # pj.Error, e.g. pjsua2's own refresh is under way
            self._book.quiet_refresh = None
            log.debug("UDP registration refresh not sent: %s", _describe(exc))

    def _unregister(self) -> None:
        if self._account is None:
            return
        self._book.hangup_all()
        self._account.shutdown()
        self._account = None  # ids are reused: drop it before another is created
        self._book.account = None
        self._book.reg_state = ev.RegistrationState.UNREGISTERED
        self._publish(ev.RegistrationDidChange(ev.RegistrationState.UNREGISTERED, 0, ""))

    def _handle_ip_change(self) -> None:
        assert self._ep is not None
        prm = pj.IpChangeParam()
        prm.restartListener = False  # the bound address stays; a listener restart would race the calls
        self._ep.handleIpChange(prm)  # shuts down stale TCP/TLS connections, re-INVITEs the calls
        if self._account is not None:
            # pjsua only renews the contact itself when contact rewriting is on (it is off: the
            # bound address is configured), so refresh the registration explicitly.
            self._publish(ev.RegistrationDidChange(ev.RegistrationState.REGISTERING, 0, ""))
            self._account.setRegistration(True)

    def _adm(self) -> pj.AudDevManager:
        assert self._ep is not None
        return self._ep.audDevManager()

    def _router(self) -> AudioRouter:
        assert self._book.router is not None
        return self._book.router

    def _dial(self, target: str) -> int:
        if self._account is None or self._sip_account is None:
            raise RuntimeError("the softphone is not registered")
        uri = target_uri(target, self._sip_account.domain)
        call = EngineCall(self._book, self._account)
        try:
            call.makeCall(uri, pj.CallOpParam(True))
        except BaseException as exc:  # pj.Error
            # A sound device that is listed but cannot be opened (unplugged, busy, no server):
            # the call goes ahead on the null device, and the UI hears why there is no sound.
            if not devices.is_device_error(_describe(exc)):
                raise
            self._fall_back_to_null_device()
            call = EngineCall(self._book, self._account)
            call.makeCall(uri, pj.CallOpParam(True))
        self._book.keep(call)
        return int(call.getId())

    def _fall_back_to_null_device(self) -> None:
        for notice in devices.use_null_device(self._adm(), ["capture", "playback"]):
            self._publish(notice)
        self._device_watch.in_use = {"capture": "", "playback": ""}

    def _shutdown(self) -> None:
        assert self._ep is not None
        try:
            self._book.hangup_all()
            deadline = time.monotonic() + 0.5
            while self._book.active() and time.monotonic() < deadline:
                self._ep.libHandleEvents(10)
            deadline = time.monotonic() + 0.5
            while self._book.recording() and time.monotonic() < deadline:  # finish the WAVs
                self._ep.libHandleEvents(10)
                self._book.reap()
            if self._account is not None:
                self._account.shutdown()
                for _ in range(5):
                    self._ep.libHandleEvents(10)
            self._book.forget_all()
            self._devices.close()
            self._account = None
            gc.collect()  # Calls and Accounts must be gone before libDestroy
            self._ep.libDestroy(pj.PJSUA_DESTROY_NO_RX_MSG)  # 5–30 ms instead of ~1 s
        except BaseException:
            log.exception("softphone shutdown")
        self._ep = None
        gc.collect()  # the next Endpoint of this process may only be created once this one is freed
        self._publish(ev.EngineDidStop())

    def _publish(self, event: ev.EngineEvent) -> None:
        try:
            self._listener(event)
        except Exception:
            log.exception("softphone listener failed on %s", type(event).__name__)


@atexit.register
def _stop_at_exit() -> None:
    """Returning from main with a call up must still end cleanly: hang up, unregister, libDestroy.
    (atexit runs before the interpreter freezes daemon threads.)"""
    for engine in list(SoftphoneEngine._running_engines):
        engine.stop(timeout=5.0)


def _same_line(old: SipAccount, new: SipAccount) -> bool:
    """Same identity on the same registrar and transport: an update, not a different account."""
    return (old.username, old.domain, old.transport) == (new.username, new.domain, new.transport)


def _describe(exc: BaseException) -> str:
    """pjsua2's Error carries its text in info(); everything else in str()."""
    info = getattr(exc, "info", None)
    return str(info()) if callable(info) else str(exc)


def _detached(exc: Exception) -> Exception:
    """The exception without its tracebacks (chained ones too). A traceback keeps the command's frames
    alive, and with them pjsua2 Call objects; a Future holding it could free a Call after libDestroy(),
    which aborts the process in pjsua_call_set_user_data (seen once at test teardown)."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.__traceback__ = None
        link = link.__cause__ or link.__context__
    return exc

