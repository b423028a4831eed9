"""Drives a session: show the desk, resume from the keyring in the background, else ask to sign in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from app.domain import Agent, ConnectionState
from app.ui.background import BackgroundRunner
from app.ui.gc_policy import freeze_before_engine
from app.ui.language import LanguageSwitcher
from app.ui.main_window import MainWindow
from app.ui.settings_store import SettingsStore
from app.ui.startup_report import StartupReport
from app.ui.sync_bridge import SyncBridge

if TYPE_CHECKING:
    from app.sync.service import SyncService
    from app.ui.login_dialog import LoginDialog
    from app.ui.routing_desk import RoutingDesk
    from app.ui.softphone_desk import SoftphoneDesk

ServiceFactory = Callable[[str], "SyncService"]
SOFTPHONE_AFTER_CONNECTED_MS = 150


@dataclass(frozen=True)
class LaunchOptions:
    server_url: str | None = None
    username: str | None = None
    password: str | None = None  # from HUITONG_PASSWORD, for an unattended first sign-in only
    language: str | None = None


class DeskController(QObject):
    def __init__(self, make_service: ServiceFactory, options: LaunchOptions, *,
                 settings: SettingsStore | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._make_service = make_service
        self._options = options
        self.settings = settings or SettingsStore()
        self.runner = BackgroundRunner(self)
        self.bridge = SyncBridge(self)
        self.languages = LanguageSwitcher(self)
        self.service: SyncService | None = None
        self.agent: Agent | None = None
        self.login_dialog: LoginDialog | None = None
        self.softphone: SoftphoneDesk | None = None  # built after sign-in, off the first-window path
        self.routing: RoutingDesk | None = None  # state, offers, wrap-up, transfer, queue figures
        self._softphone_pending: tuple[SyncService, Agent] | None = None
        self._password = options.password
        if options.server_url:
            self.settings.server_url = options.server_url
        self.languages.switch(options.language or self.settings.language)
        self.window = MainWindow(self.languages.current)
        self.report = StartupReport.from_environment(self)
        self._saved_session_ended = False
        self.bridge.connection_state.connect(self._on_connection_state)
        self.bridge.timeline_event.connect(self.window.on_event)
        self.bridge.session_lost.connect(self._on_session_lost)
        self.bridge.outbox_changed.connect(self.window.set_outbox_pending)
        self.window.language_chosen.connect(self.set_language)
        self.window.logout_requested.connect(self.logout)
        self.window.closed.connect(self.shutdown)

    def start(self) -> None:
        if self.report is not None:
            self.report.watch_window(self.window)
        self.window.show()
        self.window.after_first_paint(self._resume)  # the sync stack's imports would slow the first paint

    def _resume(self) -> None:
        server_url = self.settings.server_url

        def build_and_resume() -> tuple[SyncService, Agent | None]:
            from app.sync.errors import AuthRequired

            service = self._make_service(server_url)
            try:
                return service, service.resume_session()
            except AuthRequired:  # the remembered sign-in ended (expired, revoked): not a wrong password
                self._saved_session_ended = True
                return service, None
            except Exception:
                service.close()
                raise

        self.runner.run(build_and_resume, self._on_resumed, self.ask_for_login)

    def _on_resumed(self, result: tuple[SyncService, Agent | None]) -> None:
        service, agent = result
        self._adopt(service)
        if agent is not None:
            self._signed_in(agent)
        elif self._options.username and self._password:
            password, self._password = self._password, None
            self._sign_in(service.server_url, self._options.username, password, True)
        elif self._saved_session_ended:
            self._saved_session_ended = False
            self.ask_for_login(message=self.tr("Your saved sign-in has ended. Please sign in again."))
        else:
            self.ask_for_login()

    def _adopt(self, service: SyncService) -> None:
        if self.service is not service:
            if self.service is not None:
                old = self.service
                self.runner.run(old.close)
            self.service = service
            service.add_listener(self.bridge)
            if service.agent is not None:  # signed in: connect while the pages are built, not after
                self.runner.run(service.start_live)
            self.window.attach_service(service, self.runner)

    # --- signing in and out -------------------------------------------------------------------
    def ask_for_login(self, error: BaseException | None = None, *, message: str | None = None) -> None:
        from app.ui.login_dialog import LoginDialog

        if self.login_dialog is None:
            username = self._options.username or self.settings.username
            self.login_dialog = LoginDialog(server_url=self.settings.server_url, username=username,
                                            language=self.languages.current, parent=self.window)
            self.login_dialog.submitted.connect(self._sign_in)
            self.login_dialog.language_chosen.connect(self.set_language)
            self.login_dialog.rejected.connect(self._login_cancelled)
        if error is not None:
            from app.ui.error_messages import login_error_text

            message = login_error_text(error)
        if message:
            self.login_dialog.show_error(message)
        self.login_dialog.open()

    def _sign_in(self, server_url: str, username: str, password: str, remember: bool) -> None:
        current = self.service

        def login() -> tuple[SyncService, Agent]:
            service = current if current is not None and current.server_url == server_url \
                else self._make_service(server_url)
            return service, service.login(username, password, remember=remember)

        self.runner.run(login, self._on_login_ok, self._on_login_failed)

    def _on_login_ok(self, result: tuple[SyncService, Agent]) -> None:
        service, agent = result
        self.settings.server_url = service.server_url
        self.settings.username = agent.username
        self._adopt(service)
        if self.login_dialog is not None:
            self.login_dialog.accept()
            self.login_dialog.deleteLater()
            self.login_dialog = None
        self._signed_in(agent)

    def _on_login_failed(self, exc: BaseException) -> None:
        from app.sync.errors import KeyringUnavailable
        from app.ui.error_messages import login_error_text

        if self.login_dialog is None:
            self.ask_for_login(exc)
            return
        self.login_dialog.show_error(login_error_text(exc),
                                     offer_without_keyring=isinstance(exc, KeyringUnavailable))

    def _login_cancelled(self) -> None:
        if self.agent is None:
            self.window.close()

    def _signed_in(self, agent: Agent) -> None:
        self.agent = agent
        self.window.set_agent(agent)
        service = self.service
        assert service is not None
        self.window.set_connection_state(ConnectionState.CONNECTING, "")
        self.runner.run(service.start_live)
        self._start_routing(service, agent)
        self._start_softphone(service, agent)

    def _start_routing(self, service: SyncService, agent: Agent) -> None:
        from app.ui.routing_desk import RoutingDesk

        if self.routing is None:
            self.routing = RoutingDesk(self.window, self.runner)
            self.bridge.timeline_event.connect(self.routing.on_event)
            if self.softphone is not None:
                self.routing.attach_phone(self.softphone.phone)
        self.routing.start(service, agent)

    def _start_softphone(self, service: SyncService, agent: Agent) -> None:
        # pjsua2's import and start compete with the first sync for the GIL: start once the live link is up
        # (or after 3 s, when the server is away and the desk starts offline).
        self._softphone_pending = (service, agent)
        QTimer.singleShot(3000, self._start_pending_softphone)

    def _start_pending_softphone(self) -> None:
        from app.ui.softphone_desk import SoftphoneDesk

        pending, self._softphone_pending = self._softphone_pending, None
        if pending is None or self.agent is None or pending[0] is not self.service:
            return
        freeze_before_engine()  # the start-up heap, before pjsua2 objects exist (app.ui.gc_policy)
        if self.softphone is None:
            self.softphone = SoftphoneDesk(self.window, self.runner)
            self.softphone.panel.use_settings(self.settings)  # remembered audio devices
            if self.routing is not None:
                self.routing.attach_phone(self.softphone.phone)
        self.softphone.start(*pending)

    def logout(self) -> None:
        service = self.service
        self.agent = None
        self.window.set_agent(None)
        self.window.set_connection_state(ConnectionState.OFFLINE, "")
        if self.routing is not None:
            self.routing.stop()
        if self.softphone is not None:
            self.softphone.stop()
        if service is not None:
            self.runner.run(service.logout, lambda _r: self.ask_for_login(), self.ask_for_login)

    def _on_session_lost(self, reason: str) -> None:  # noqa: ARG002 - the sync layer's English is for logs
        self.agent = None
        self.window.set_agent(None)
        if self.routing is not None:
            self.routing.stop()
        if self.softphone is not None:
            self.softphone.stop()
        self.ask_for_login(message=self.tr("Your session has ended. Please sign in again."))

    def _on_connection_state(self, state: ConnectionState, detail: str) -> None:
        self.window.set_connection_state(state, detail)
        if state is ConnectionState.CONNECTED and self.report is not None:
            self.report.connected()
        if state is ConnectionState.CONNECTED and self._softphone_pending is not None:
            # pjsua2's import blocks the GUI thread ~0.2 s: let the status bar show "connected" first
            QTimer.singleShot(SOFTPHONE_AFTER_CONNECTED_MS, self._start_pending_softphone)

    def set_language(self, code: str) -> None:
        self.languages.switch(code)
        self.settings.language = self.languages.current
        self.window.set_language(self.languages.current)
        if self.login_dialog is not None:
            self.login_dialog.language_combo.set_language(self.languages.current)

    def shutdown(self) -> None:
        """Closing the desk: stop live events and the worker pool before Qt tears widgets down."""
        service, self.service = self.service, None
        if self.routing is not None:
            self.routing.stop()
        self.runner.wait(3000)
        if self.softphone is not None:
            self.softphone.shutdown()
        if service is not None:
            service.close()
