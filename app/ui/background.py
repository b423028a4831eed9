"""Run blocking calls off the GUI thread and deliver their results back on it (like Anki's QueryOp)."""

from __future__ import annotations

import itertools
import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QThread,
    QThreadPool,
    Signal,
    SignalInstance,
    Slot,
)

SuccessHandler = Callable[[Any], None]
ErrorHandler = Callable[[BaseException], None]


def assert_gui_thread() -> None:
    """Widgets may only be touched on the GUI thread; fail loudly when a caller forgets that."""
    app = QCoreApplication.instance()
    if app is not None and QThread.currentThread() is not app.thread():
        raise RuntimeError(f"GUI called from thread {threading.current_thread().name}")


class _Relay(QObject):
    """Carries finished jobs to the GUI thread. One for the whole process, never deleted: a job that ends
    while its runner is being destroyed (a window closing) must not emit on a dying QObject, which raised
    "Signal source has been deleted" in tests and can crash."""

    finished = Signal(int, int, bool, object)  # runner key, job id, ok, result or exception

    @Slot(int, int, bool, object)
    def deliver(self, runner_key: int, job_id: int, ok: bool, value: object) -> None:
        ref = _runners.get(runner_key)
        runner = ref() if ref is not None else None
        if runner is not None and shiboken6.isValid(runner):
            runner._deliver(job_id, ok, value)


_runners: dict[int, weakref.ref[BackgroundRunner]] = {}
log = logging.getLogger(__name__)
_relay: _Relay | None = None
_keys = itertools.count(1)


def _forget(key: int) -> Callable[[weakref.ref[BackgroundRunner]], None]:
    def gone(_ref: weakref.ref[BackgroundRunner]) -> None:
        _runners.pop(key, None)
    return gone


def _the_relay() -> _Relay:
    global _relay  # noqa: PLW0603 - one relay per process, made on the GUI thread at first use
    if _relay is None:
        _relay = _Relay()
        _relay.finished.connect(_relay.deliver)
    return _relay


class _Job(QRunnable):
    def __init__(self, runner_key: int, job_id: int, fn: Callable[[], Any], done: SignalInstance) -> None:
        super().__init__()
        self._runner_key = runner_key
        self._job_id = job_id
        self._fn = fn
        self._done = done

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # every failure must reach the GUI, not vanish
            self._done.emit(self._runner_key, self._job_id, False, exc)
        else:
            self._done.emit(self._runner_key, self._job_id, True, result)


class BackgroundRunner(QObject):
    """Owns a small thread pool; callbacks always run on the GUI thread via a queued signal."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[SuccessHandler | None, ErrorHandler | None]] = {}
        self._key = next(_keys)
        _runners[self._key] = weakref.ref(self, _forget(self._key))
        self._relay = _the_relay()

    def run(self, fn: Callable[[], Any], on_success: SuccessHandler | None = None,
            on_error: ErrorHandler | None = None) -> None:
        assert_gui_thread()
        if not shiboken6.isValid(self._pool):  # the desk that owned this runner has closed: nobody to tell
            log.debug("job dropped: its runner was deleted")
            return
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_success, on_error)
        self._pool.start(_Job(self._key, job_id, fn, self._relay.finished))

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)

    def _deliver(self, job_id: int, ok: bool, value: object) -> None:
        on_success, on_error = self._callbacks.pop(job_id, (None, None))
        if ok:
            if on_success is not None:
                on_success(value)
        elif on_error is not None:
            assert isinstance(value, BaseException)
            on_error(value)
