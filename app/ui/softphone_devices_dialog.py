"""The "Audio devices" dialog of the softphone panel: microphone, speaker and ringer menus.

Opening it rescans the devices, except during a call: a rescan then would pause the call's sound, so
the list is the one from before the call and the hint says how a headset plugged in meanwhile is taken
(pick it: the engine looks for it while switching). A choice takes effect at once and is remembered by
name for the next start (softphone_devices.DeviceChoices).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.ui.softphone_devices import DeviceChoices


class AudioDevicesDialog(QDialog):
    def __init__(self, choices: DeviceChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audioDevicesDialog")
        self.choices = choices
        self.combos = {role: QComboBox() for role in ("capture", "playback", "ringer")}
        self.labels = {role: QLabel() for role in self.combos}
        form = QFormLayout()
        for role, combo in self.combos.items():
            combo.setObjectName(f"{role}DeviceCombo")
            combo.setMinimumWidth(260)
            combo.activated.connect(lambda _index, r=role: self._picked(r))
            self.labels[role].setBuddy(combo)
            form.addRow(self.labels[role], combo)
        self.hint = QLabel()
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        choices.changed.connect(self._fill)
        choices.phone.lines_changed.connect(self._show_hint)
        self.retranslate_ui()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.choices.refresh()
        super().showEvent(event)

    def _picked(self, role: str) -> None:
        self.choices.choose(role, str(self.combos[role].currentData() or ""))

    def _fill(self) -> None:
        defaults = {"capture": self.tr("System default"), "playback": self.tr("System default"),
                    "ringer": self.tr("Same as the speaker")}
        for role, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(defaults[role], "")
            for name, connected in self.choices.options(role):
                label = name if connected else self.tr("%1 (not connected)").replace("%1", name)
                combo.addItem(label, name)
            index = combo.findData(self.choices.chosen(role))
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Audio devices"))
        self.labels["capture"].setText(self.tr("&Microphone:"))
        self.labels["playback"].setText(self.tr("&Speaker:"))
        self.labels["ringer"].setText(self.tr("&Ringer:"))
        self._show_hint()
        self._fill()

    def _show_hint(self) -> None:
        text = self.tr("Your choice is remembered by name. A device that is not connected "
                       "is used again as soon as it is plugged in.")
        if self.choices.in_call():
            text += " " + self.tr("During a call the list is not rescanned (the sound would pause): a "
                                  "headset plugged in now is used when you pick it here, or after the call.")
        self.hint.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
