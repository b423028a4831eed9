"""Auto-answer, as contact-centre agents know it: an inbound call that rings while the agent has no other
call is answered after the agent's delay (0–10 s), with a notice and a short tone so the agent knows.

Never while another call is up (call waiting keeps ringing) and never for a call the agent rejected. The
choice is the agent's own, remembered in the desk's settings per agent (`SettingsStore.auto_answer`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSpinBox,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from app.ui.call_lines import CallLine
from app.ui.settings_store import AUTO_ANSWER_DELAY_S, SettingsStore
from app.ui.softphone_controller import SoftphoneController

MAX_DELAY_S = 10


class AutoAnswer(QObject):
    """Decides, when a call arrives, whether to answer it by itself, and does so after the delay."""

    changed = Signal()
    answered = Signal(int)  # call id answered automatically

    def __init__(self, phone: SoftphoneController, settings: SettingsStore | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.phone = phone
        self._settings = settings
        self._memory: dict[str, tuple[bool, int]] = {}  # no settings store (a bare panel)
        self.pending: int | None = None  # the call id waiting for its delay
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._answer_pending)
        phone.call_arrived.connect(self._on_arrived)
        phone.lines_changed.connect(self._check_pending)

    def use_settings(self, settings: SettingsStore) -> None:
        self._settings = settings
        self.changed.emit()

    # ---- the agent's choice --------------------------------------------------------------------
    @property
    def agent(self) -> str:
        return self.phone.agent.username if self.phone.agent is not None else ""

    def choice(self) -> tuple[bool, int]:
        if self._settings is not None and self.agent:
            return self._settings.auto_answer(self.agent)
        return self._memory.get(self.agent, (False, AUTO_ANSWER_DELAY_S))

    @property
    def enabled(self) -> bool:
        return self.choice()[0]

    @property
    def delay(self) -> int:
        return self.choice()[1]

    def set_choice(self, on: bool, delay: int) -> None:
        delay = min(max(int(delay), 0), MAX_DELAY_S)
        if self._settings is not None and self.agent:
            self._settings.set_auto_answer(self.agent, on, delay)
            self._settings.sync()
        else:
            self._memory[self.agent] = (on, delay)
        if not on:
            self._cancel()
        self.changed.emit()

    # ---- calls ---------------------------------------------------------------------------------
    def _on_arrived(self, line: CallLine) -> None:
        if not self.enabled or line.direction != "inbound" or self.pending is not None:
            return
        if any(other != line.call_id for other in self.phone.lines):
            return  # call waiting: the agent decides
        self.pending = line.call_id
        delay = self.delay
        self.phone.message.emit(self.tr("Answering automatically in %1 s…").replace("%1", str(delay)))
        QApplication.beep()
        self._timer.start(delay * 1000)

    def _check_pending(self) -> None:
        if self.pending is None:
            return
        line = self.phone.lines.get(self.pending)
        if line is None or not line.ringing or line.rejected_by_agent:
            self._cancel()  # answered by hand, rejected, or the caller gave up

    def _cancel(self) -> None:
        self._timer.stop()
        self.pending = None

    def _answer_pending(self) -> None:
        call_id, self.pending = self.pending, None
        if call_id is None or not self.enabled:
            return
        line = self.phone.lines.get(call_id)
        if line is None or not line.ringing or line.rejected_by_agent:
            return
        if any(other != call_id for other in self.phone.lines):
            return  # another call came up meanwhile (the agent dialled out): leave this one ringing
        self.phone.answer(call_id)
        self.phone.message.emit(self.tr("Call answered automatically."))
        self.answered.emit(call_id)


class AutoAnswerButton(QToolButton):
    """The panel's "Auto-answer" menu: the on/off choice and the delay."""

    def __init__(self, auto: AutoAnswer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("autoAnswerButton")
        self.auto = auto
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.toggle_action = self.menu_.addAction("")
        self.toggle_action.setCheckable(True)
        self.toggle_action.setObjectName("autoAnswerToggle")
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(24, 2, 8, 2)
        self.delay_label = QLabel()
        self.delay_spin = QSpinBox()
        self.delay_spin.setObjectName("autoAnswerDelay")
        self.delay_spin.setRange(0, MAX_DELAY_S)
        self.delay_label.setBuddy(self.delay_spin)
        layout.addWidget(self.delay_label)
        layout.addWidget(self.delay_spin)
        delay_action = QWidgetAction(self.menu_)
        delay_action.setDefaultWidget(row)
        self.menu_.addAction(delay_action)
        self.setMenu(self.menu_)
        self.menu_.aboutToShow.connect(self._fill)
        self.toggle_action.toggled.connect(lambda on: self.auto.set_choice(on, self.delay_spin.value()))
        self.delay_spin.valueChanged.connect(
            lambda v: self.auto.set_choice(self.toggle_action.isChecked(), v))
        auto.changed.connect(self._show_state)
        auto.phone.registration_changed.connect(lambda *_: self._show_state())  # the agent is known now
        self.retranslate_ui()

    def _fill(self) -> None:
        on, delay = self.auto.choice()
        self.toggle_action.blockSignals(True)
        self.delay_spin.blockSignals(True)
        self.toggle_action.setChecked(on)
        self.delay_spin.setValue(delay)
        self.toggle_action.blockSignals(False)
        self.delay_spin.blockSignals(False)

    def _show_state(self) -> None:
        on, delay = self.auto.choice()
        self.setText(self.tr("Auto-answer: %1 s").replace("%1", str(delay)) if on
                     else self.tr("Auto-answer: off"))
        self._fill()

    def retranslate_ui(self) -> None:
        self.toggle_action.setText(self.tr("Answer incoming calls automatically"))
        self.delay_label.setText(self.tr("&Delay:"))
        self.delay_spin.setSuffix(self.tr(" s"))
        self.setToolTip(self.tr("Answer a call that rings while you are on no other call, after a delay"))
        self._show_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
