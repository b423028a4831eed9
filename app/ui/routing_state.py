"""The agent's state selector: Available / Break (with a reason) / Offline, with time in state.

Busy and after-call work are set by the server and only shown (after-call work with its countdown).
The selector asks; the desk sends the change and shows the server's answer (`show_state`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from app.sync.routing_api import RoutingCode, RoutingState
from app.ui.routing_labels import STATE_COLOURS, duration_text, state_label


class StateSelector(QWidget):
    state_requested = Signal(str, object)  # state, reason code or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routingState")
        self.state: RoutingState | None = None
        self.reasons: list[RoutingCode] = []
        self.button = QToolButton()
        self.button.setObjectName("routingStateButton")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.menu = QMenu(self)
        self.button.setMenu(self.menu)
        self.clock = QLabel()
        self.clock.setObjectName("routingStateClock")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        layout.addWidget(self.button)
        layout.addWidget(self.clock)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._show_clock)
        self._tick.start()
        self.actions_by_key: dict[tuple[str, str | None], QAction] = {}
        self.retranslate_ui()

    # --- data from the desk -------------------------------------------------------------------
    def set_reasons(self, reasons: list[RoutingCode]) -> None:
        self.reasons = list(reasons)
        self._build_menu()

    def show_state(self, state: RoutingState | None) -> None:
        self.state = state
        self._show_button()
        self._show_clock()

    def reason_label(self, code: str | None) -> str:
        return next((r.label for r in self.reasons if r.code == code), code or "")

    # --- painting ------------------------------------------------------------------------------
    def _build_menu(self) -> None:
        self.menu.clear()
        self.actions_by_key = {}
        self._add(state_label("available"), "available", None)
        breaks = self.menu.addMenu(state_label("break"))
        breaks.setObjectName("breakMenu")
        for reason in self.reasons:
            self._add(reason.label, "break", reason.code, breaks)
        if not self.reasons:
            empty = breaks.addAction(self.tr("No break reasons are set up"))
            empty.setEnabled(False)
        self._add(state_label("offline"), "offline", None)

    def _add(self, text: str, state: str, reason: str | None, menu: QMenu | None = None) -> None:
        action = (menu or self.menu).addAction(text)
        action.triggered.connect(lambda _c=False, s=state, r=reason: self.state_requested.emit(s, r))
        self.actions_by_key[(state, reason)] = action

    def _show_button(self) -> None:
        state = self.state
        if state is None:
            self.button.setText(self.tr("State: —"))
            self.button.setStyleSheet("")
            return
        text = state_label(state.state)
        if state.state == "break" and state.reason_code:
            text = f"{text} · {self.reason_label(state.reason_code)}"
        self.button.setText(text)
        colour = STATE_COLOURS.get(state.state, "#616e7c")
        self.button.setStyleSheet(f"QToolButton#routingStateButton {{ color: white; background: {colour}; "
                                  "border-radius: 10px; padding: 2px 10px; font-weight: 600; }")

    def _show_clock(self) -> None:
        state = self.state
        if state is None:
            self.clock.setText("")
            return
        now = datetime.now(UTC)
        text = duration_text((now - state.state_since).total_seconds())
        if state.state == "after_call_work" and state.acw_until is not None:
            left = (state.acw_until - now).total_seconds()
            text = self.tr("%1 · %2 left").replace("%1", text).replace("%2", duration_text(left))
        self.clock.setText(text)

    def retranslate_ui(self) -> None:
        self.button.setToolTip(self.tr("Your routing state: whether new conversations and calls are "
                                       "offered to you"))
        self._build_menu()
        self._show_button()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
