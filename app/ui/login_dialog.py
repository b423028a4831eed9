"""The sign-in dialog: server, username, password, language and "remember me", errors in plain words."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.language_combo import LanguageCombo


class LoginDialog(QDialog):
    """Emits `submitted`; whoever owns the sync service signs in and calls show_error() or accept()."""

    submitted = Signal(str, str, str, bool)  # server_url, username, password, remember
    language_chosen = Signal(str)

    def __init__(self, *, server_url: str, username: str, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setMinimumWidth(440)
        self._title = QLabel()
        self._title.setObjectName("pageTitle")
        self._subtitle = QLabel()
        self._subtitle.setObjectName("muted")
        self._subtitle.setWordWrap(True)
        self.server_edit = QLineEdit(server_url)
        self.username_edit = QLineEdit(username)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.language_combo = LanguageCombo(language)
        self.remember_box = QCheckBox()
        self.remember_box.setChecked(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.without_keyring_button = QPushButton()
        self.without_keyring_button.hide()
        self.sign_in_button = QPushButton()
        self.sign_in_button.setDefault(True)
        self.quit_button = QPushButton()

        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._labels = [QLabel() for _ in range(4)]
        for label, field in zip(self._labels, (self.server_edit, self.username_edit, self.password_edit,
                                               self.language_combo), strict=True):
            label.setBuddy(field)
            self._form.addRow(label, field)
        self._form.addRow("", self.remember_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.without_keyring_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self._title)
        layout.addWidget(self._subtitle)
        layout.addLayout(self._form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)

        self.sign_in_button.clicked.connect(self._submit_remembering_as_chosen)
        self.password_edit.returnPressed.connect(self._submit_remembering_as_chosen)
        self.quit_button.clicked.connect(self.reject)
        self.without_keyring_button.clicked.connect(self._submit_without_remembering)
        self.language_combo.language_chosen.connect(self.language_chosen)
        self.retranslate_ui()
        (self.password_edit if username else self.username_edit).setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Sign in to Huitong"))
        self._title.setText(self.tr("Sign in"))
        self._subtitle.setText(self.tr("Use the account your team lead gave you."))
        texts = (self.tr("&Server"), self.tr("&Username"), self.tr("&Password"), self.tr("&Language"))
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        self.remember_box.setText(self.tr("Remember me on this computer"))
        self.sign_in_button.setText(self.tr("Sign in"))
        self.quit_button.setText(self.tr("Quit"))
        self.without_keyring_button.setText(self.tr("Continue without remembering"))
        self.server_edit.setPlaceholderText(self.tr("for example https://huitong.example.com"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_busy(self, busy: bool) -> None:
        self.sign_in_button.setEnabled(not busy)
        self.without_keyring_button.setEnabled(not busy)
        self.sign_in_button.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))

    def show_error(self, text: str, *, offer_without_keyring: bool = False) -> None:
        self.set_busy(False)
        self.error_label.setText(text)
        self.error_label.show()
        self.without_keyring_button.setVisible(offer_without_keyring)
        if offer_without_keyring:
            self.remember_box.setChecked(False)
        self.password_edit.selectAll()
        self.password_edit.setFocus()

    def _submit(self, *, remember: bool | None = None) -> None:
        if not self.username_edit.text().strip() or not self.password_edit.text():
            self.show_error(self.tr("Enter your username and password."))
            return
        self.error_label.hide()
        self.set_busy(True)
        keep = self.remember_box.isChecked() if remember is None else remember
        self.submitted.emit(self.server_edit.text().strip(), self.username_edit.text().strip(),
                            self.password_edit.text(), keep)

    def _submit_remembering_as_chosen(self) -> None:
        self._submit()

    def _submit_without_remembering(self) -> None:
        self.without_keyring_button.hide()
        self._submit(remember=False)
