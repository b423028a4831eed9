"""The softphone panel: registration state, number field and dial pad, up to three lines, call controls.

Buttons act on the selected line (or the ringing one, or the only one). Shortcuts work anywhere in the
desk once `install_shortcuts(window)` has added them, and each button's tooltip names its shortcut.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.sync.telephony_api import e164
from app.ui.call_labels import display_number, state_label
from app.ui.call_lines import CallLine, format_duration
from app.ui.dial_pad import DialPad
from app.ui.phone_format import international_phone
from app.ui.settings_store import SettingsStore
from app.ui.softphone_autoanswer import AutoAnswer, AutoAnswerButton
from app.ui.softphone_controller import SoftphoneController
from app.ui.softphone_devices import DeviceChoices
from app.ui.softphone_devices_dialog import AudioDevicesDialog

CallIdRole = Qt.ItemDataRole.UserRole + 1
SHORTCUTS = {"answer": "Ctrl+Shift+A", "reject": "Ctrl+Shift+R", "hangup": "Ctrl+Shift+H",
             "hold": "Ctrl+Shift+O", "mute": "Ctrl+Shift+M", "transfer": "Ctrl+Shift+T",
             "dial": "Ctrl+Shift+D"}
STATE_COLOURS = {"registered": "#2e9e5b", "registering": "#d69e2e", "starting": "#d69e2e",
                 "failed": "#c2413b", "off": "#616e7c"}


class SoftphonePanel(QWidget):
    def __init__(self, phone: SoftphoneController, parent: QWidget | None = None) -> None:  # noqa: PLR0915
        super().__init__(parent)
        self.setObjectName("softphonePanel")
        self.setStyleSheet("QPushButton#primary:disabled { background: #eef1f4; color: #9aa5b1; "
                           "border-color: #d9dee3; } "
                           "QPushButton#audioDevicesButton { padding: 1px 8px; min-height: 0; }"
                           "QToolButton#autoAnswerButton { padding: 1px 8px; }")
        self.phone = phone
        self.status_label = QLabel()
        self.status_label.setObjectName("softphoneStatus")
        self.status_label.setWordWrap(True)
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("dialNumber")
        self.number_edit.setClearButtonEnabled(True)
        self.call_button = QPushButton()
        self.call_button.setObjectName("primary")
        self.dial_pad = DialPad()
        self.line_list = QListWidget()
        self.line_list.setObjectName("callLines")
        self.line_list.setMaximumHeight(120)
        self.line_list.setWordWrap(True)
        self.line_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.line_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setMinimumWidth(300)
        self.answer_button = QPushButton()
        self.answer_button.setObjectName("primary")
        self.reject_button = QPushButton()
        self.hangup_button = QPushButton()
        self.hangup_button.setObjectName("danger")
        self.hold_button = QPushButton()
        self.resume_button = QPushButton()
        self.mute_button = QPushButton()
        self.mute_button.setCheckable(True)
        self.transfer_button = QPushButton()
        self.conference_button = QPushButton()
        self.feedback = QLabel()
        self.feedback.setObjectName("muted")
        self.feedback.setWordWrap(True)
        self.devices = DeviceChoices(phone, parent=self)
        self.devices_button = QPushButton()
        self.devices_button.setObjectName("audioDevicesButton")
        self.devices_dialog: AudioDevicesDialog | None = None
        self.auto_answer = AutoAnswer(phone, parent=self)
        self.auto_answer_button = AutoAnswerButton(self.auto_answer)

        dial_row = QHBoxLayout()
        dial_row.addWidget(self.number_edit, 1)
        dial_row.addWidget(self.call_button)
        controls = QGridLayout()
        controls.setSpacing(4)
        for index, button in enumerate((self.answer_button, self.reject_button, self.hangup_button,
                                        self.hold_button, self.resume_button, self.mute_button,
                                        self.transfer_button, self.conference_button)):
            controls.addWidget(button, index // 3, index % 3)
        self.lines_title = QLabel()
        self.lines_title.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        # the state on its own line and the two settings buttons under it: side by side they made
        # the phone (so the right-hand column) ~60 px wider than its call buttons need
        settings_row = QHBoxLayout()
        settings_row.addWidget(self.auto_answer_button)
        settings_row.addWidget(self.devices_button)
        settings_row.addStretch(1)
        layout.addWidget(self.status_label)
        layout.addLayout(settings_row)
        layout.addLayout(dial_row)
        # the call buttons right under the number: on a short screen they stay in view (the dock scrolls)
        layout.addLayout(controls)
        layout.addWidget(self.feedback)
        layout.addWidget(self.lines_title)
        layout.addWidget(self.line_list)
        layout.addWidget(self.dial_pad)
        layout.addStretch(1)

        self._actions: dict[str, QAction] = {}
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._refresh_lines)
        self.call_button.clicked.connect(self.dial_typed_number)
        self.number_edit.returnPressed.connect(self.dial_typed_number)
        self.number_edit.editingFinished.connect(self._format_number)
        self.dial_pad.digit_pressed.connect(self._on_digit)
        self.answer_button.clicked.connect(self.answer)
        self.reject_button.clicked.connect(self.reject)
        self.hangup_button.clicked.connect(self.hangup)
        self.hold_button.clicked.connect(self.hold)
        self.resume_button.clicked.connect(self.resume)
        self.mute_button.clicked.connect(self.toggle_mute)
        self.line_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        phone.registration_changed.connect(lambda *_: self._show_status())
        phone.lines_changed.connect(self._refresh_lines)
        phone.message.connect(self.feedback.setText)
        self.transfer_button.clicked.connect(self.transfer)
        self.conference_button.clicked.connect(self.toggle_conference)
        self.devices_button.clicked.connect(self.show_devices)
        self.transfer_button.setVisible(phone.supports("transfer"))  # hidden on an engine without it
        self.conference_button.setVisible(phone.supports("conference"))
        self.retranslate_ui()
        self._refresh_lines()

    # ---- shortcuts ---------------------------------------------------------------------------
    def install_shortcuts(self, window: QWidget) -> None:
        handlers = {"answer": self.answer, "reject": self.reject, "hangup": self.hangup,
                    "hold": self.toggle_hold, "mute": self.toggle_mute, "dial": self.focus_number,
                    "transfer": self.transfer}
        for name, handler in handlers.items():
            action = QAction(self, shortcut=QKeySequence(SHORTCUTS[name]))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(handler)
            window.addAction(action)
            self._actions[name] = action

    # ---- audio devices -------------------------------------------------------------------------
    def use_settings(self, settings: SettingsStore) -> None:
        """Where the device choices are remembered (the desk's settings); before the phone starts."""
        self.devices.use_settings(settings)
        self.auto_answer.use_settings(settings)  # the agent's auto-answer choice

    def show_devices(self) -> AudioDevicesDialog:
        if self.devices_dialog is None:
            self.devices_dialog = AudioDevicesDialog(self.devices, self)
        self.devices_dialog.show()
        self.devices_dialog.raise_()
        return self.devices_dialog

    # ---- which line ----------------------------------------------------------------------------
    def current_line(self) -> CallLine | None:
        lines = self.phone.lines
        item = self.line_list.currentItem()
        if item is not None and int(item.data(CallIdRole)) in lines:
            return lines[int(item.data(CallIdRole))]
        ringing = [line for line in lines.values() if line.ringing]
        if ringing:
            return ringing[0]
        active = [line for line in lines.values() if not line.held]
        return active[0] if active else next(iter(lines.values()), None)

    # ---- actions -----------------------------------------------------------------------------
    def dial_typed_number(self) -> None:
        text = self.number_edit.text().strip()
        if not text:
            self.focus_number()
            return
        number = e164(text) or "".join(text.removeprefix("tel:").split())
        if self.phone.dial(number):
            self.feedback.setText(self.tr("Calling %1…").replace("%1", display_number(number)))

    def answer(self) -> None:
        line = self.current_line()
        ringing = line if line is not None and line.ringing else \
            next((x for x in self.phone.lines.values() if x.ringing), None)
        if ringing is not None:
            self.phone.answer(ringing.call_id)

    def reject(self) -> None:
        line = self.current_line()
        if line is not None and line.ringing:
            self.phone.reject(line.call_id)

    def hangup(self) -> None:
        line = self.current_line()
        if line is None:
            return
        if line.ringing:
            self.phone.reject(line.call_id)
        else:
            self.phone.hangup(line.call_id)

    def hold(self) -> None:
        line = self.current_line()
        if line is not None:
            self.phone.hold(line.call_id)

    def resume(self) -> None:
        line = self.current_line()
        if line is not None:
            self.phone.resume(line.call_id)

    def toggle_hold(self) -> None:
        line = self.current_line()
        if line is not None:
            (self.phone.resume if line.held else self.phone.hold)(line.call_id)

    def toggle_mute(self) -> None:
        line = self.current_line()
        if line is not None:
            self.phone.set_mute(line.call_id, not line.muted)
        self._update_buttons()

    def transfer(self) -> None:
        """With a consultation call on another line: connect the two (attended). Otherwise: send the
        selected call to the number typed in the number field (blind)."""
        line = self.current_line()
        if line is None or not line.talking:
            return
        others = [x for x in self.phone.lines.values() if x.call_id != line.call_id and x.talking]
        typed = self.number_edit.text().strip()
        routed = self.phone.routed_transfer
        if line.interaction_id and not typed and not others and routed is not None and routed(line):
            return  # a routed queue call: routing's Transfer dialog moves the call and its record
        if others and not typed:
            customer = line if line.held else others[0]
            consult = others[0] if customer is line else line
            self.phone.transfer_attended(customer.call_id, consult.call_id)
        elif typed:
            self.phone.transfer(line.call_id, e164(typed) or "".join(typed.split()))
        else:
            self.feedback.setText(self.tr("Type the number to transfer to, then press Transfer."))
            self.focus_number()

    def toggle_conference(self) -> None:
        if self.phone.conference:
            self.phone.end_conference()
        else:
            self.phone.start_conference()

    def focus_number(self) -> None:
        self.number_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.number_edit.selectAll()

    def set_number(self, number: str) -> None:
        self.number_edit.setText(display_number(number))

    def _on_digit(self, digit: str) -> None:
        line = self.current_line()
        if line is not None and line.talking:
            self.phone.send_dtmf(line.call_id, digit)
            self.feedback.setText(self.tr("Sent tone %1").replace("%1", digit))
        else:
            self.number_edit.insert(digit)

    def _format_number(self) -> None:
        text = self.number_edit.text().strip()
        if e164(text):
            self.number_edit.setText(international_phone(e164(text) or text))

    # ---- showing -----------------------------------------------------------------------------
    def _show_status(self) -> None:
        text = self.phone.state_text or self.tr("Phone: off")
        colour = STATE_COLOURS.get(self.phone.state, "#616e7c")
        self.status_label.setText(f"● {text}")
        self.status_label.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: 600; }}")

    def line_text(self, line: CallLine, now: float) -> str:
        who = display_number(line.remote_number)
        if line.customer_name:
            who = f"{line.customer_name} ({who})"
        arrow = "←" if line.direction == "inbound" else "→"
        parts = [state_label(line.state, line.held), format_duration(line.duration(now))]
        if line.muted:
            parts.append(self.tr("muted"))
        if line.call_id in self.phone.conference:
            parts.append(self.tr("in conference"))
        return f"{arrow} {who}\n    " + "  ·  ".join(parts)

    def _refresh_lines(self) -> None:
        lines = self.phone.lines
        selected = self.line_list.currentItem()
        selected_id = int(selected.data(CallIdRole)) if selected is not None else None
        now = time.monotonic()
        self.line_list.blockSignals(True)
        self.line_list.clear()
        for line in lines.values():
            item = QListWidgetItem(self.line_text(line, now))
            item.setData(CallIdRole, line.call_id)
            self.line_list.addItem(item)
            if line.call_id == selected_id:
                self.line_list.setCurrentItem(item)
        self.line_list.blockSignals(False)
        if lines and not self._ticker.isActive():
            self._ticker.start()
        elif not lines:
            self._ticker.stop()
        self._update_buttons()

    def _update_buttons(self) -> None:
        line = self.current_line()
        ringing = any(x.ringing for x in self.phone.lines.values())
        self.answer_button.setEnabled(ringing)
        self.reject_button.setEnabled(line is not None and line.ringing)
        self.hangup_button.setEnabled(line is not None)
        talking = line is not None and line.talking
        self.hold_button.setEnabled(talking and line is not None and not line.held)
        self.resume_button.setEnabled(talking and line is not None and line.held)
        self.mute_button.setEnabled(talking)
        self.mute_button.setChecked(bool(line and line.muted))
        self.call_button.setEnabled(len(self.phone.lines) < 3)
        self.transfer_button.setEnabled(talking)
        talking_lines = sum(1 for x in self.phone.lines.values() if x.talking)
        self.conference_button.setEnabled(talking_lines >= 2 or bool(self.phone.conference))
        self.conference_button.setText(self.tr("Split") if self.phone.conference else self.tr("Conference"))

    def retranslate_ui(self) -> None:
        self.number_edit.setPlaceholderText(self.tr("Number or extension"))
        self.call_button.setText(self.tr("Call"))
        self.lines_title.setText(self.tr("Lines"))
        self.devices_button.setText(self.tr("Audio devices…"))
        self.devices_button.setToolTip(self.tr("Choose the microphone, speaker and ringer"))
        texts = {self.answer_button: (self.tr("Answer"), "answer"),
                 self.reject_button: (self.tr("Reject"), "reject"),
                 self.hangup_button: (self.tr("Hang up"), "hangup"),
                 self.hold_button: (self.tr("Hold"), "hold"),
                 self.resume_button: (self.tr("Resume"), "hold"),
                 self.mute_button: (self.tr("Mute"), "mute"),
                 self.transfer_button: (self.tr("Transfer"), "transfer"),
                 self.conference_button: (self.tr("Conference"), "")}
        for button, (text, shortcut) in texts.items():
            button.setText(text)
            button.setToolTip(f"{text} ({SHORTCUTS[shortcut]})" if shortcut else text)
        self.transfer_button.setToolTip(
            self.tr("Transfer (%1): type a number first for a blind transfer, "
                    "or, with a consultation call on another line, connect the two.")
            .replace("%1", SHORTCUTS["transfer"]))
        self.conference_button.setToolTip(self.tr("Join the talking lines into one conference, or split it."))
        self.call_button.setToolTip(self.tr("Call the number (Enter). %1 jumps to the number field.")
                                    .replace("%1", SHORTCUTS["dial"]))
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self._refresh_lines()
            notice = self.phone.notice_in_current_language(self.feedback.text())
            if notice is not None:  # "No microphone or speaker was found…" stays, in the new language
                self.feedback.setText(notice)
        super().changeEvent(event)
