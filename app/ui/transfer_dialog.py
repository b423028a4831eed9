"""Transfer an interaction to another agent or to a queue, with a note for whoever takes it over."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import Interaction
from app.sync.routing_api import RoutingQueue, TransferAgent
from app.ui.routing_labels import channel_name, state_label


class TransferDialog(QDialog):
    submitted = Signal(int, object, object, str)  # interaction id, agent id or None, queue id or None, note

    def __init__(self, interaction: Interaction, agents: list[TransferAgent],  # noqa: PLR0915 - one layout
                 queues: list[RoutingQueue], *, me: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transferDialog")
        self.interaction = interaction
        self.agents = [a for a in agents if a.id != me]
        self.queues = [q for q in queues if interaction.channel in q.channels] or list(queues)
        self.heading = QLabel()
        self.heading.setObjectName("customerName")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.to_agent = QRadioButton()
        self.to_queue = QRadioButton()
        group = QButtonGroup(self)
        group.addButton(self.to_agent)
        group.addButton(self.to_queue)
        self.agent_combo = QComboBox()
        self.agent_combo.setObjectName("transferAgent")
        self.queue_combo = QComboBox()
        self.queue_combo.setObjectName("transferQueue")
        self.note = QPlainTextEdit()
        self.note.setObjectName("transferNote")
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(80)
        self.note_label = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet("color: #c2413b;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.transfer_button = QPushButton()
        self.transfer_button.setObjectName("primary")
        buttons = QDialogButtonBox()
        buttons.addButton(self.transfer_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        grid = QGridLayout()
        grid.addWidget(self.to_agent, 0, 0)
        grid.addWidget(self.agent_combo, 0, 1)
        grid.addWidget(self.to_queue, 1, 0)
        grid.addWidget(self.queue_combo, 1, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.to_agent.toggled.connect(self._mode_changed)
        self.to_queue.toggled.connect(self._mode_changed)
        self.transfer_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.reject)
        (self.to_agent if self.agents else self.to_queue).setChecked(True)
        self.to_agent.setEnabled(bool(self.agents))
        self.setMinimumWidth(440)
        self.retranslate_ui()

    def choose_agent(self, agent_id: int) -> None:
        self.to_agent.setChecked(True)
        self.agent_combo.setCurrentIndex(max(self.agent_combo.findData(agent_id), 0))

    def choose_queue(self, queue_id: int) -> None:
        self.to_queue.setChecked(True)
        self.queue_combo.setCurrentIndex(max(self.queue_combo.findData(queue_id), 0))

    def _mode_changed(self) -> None:
        self.agent_combo.setEnabled(self.to_agent.isChecked())
        self.queue_combo.setEnabled(self.to_queue.isChecked())

    def _submit(self) -> None:
        agent = self.agent_combo.currentData() if self.to_agent.isChecked() else None
        queue = self.queue_combo.currentData() if self.to_queue.isChecked() else None
        if agent is None and queue is None:
            self.show_error(self.tr("Choose an agent or a queue."))
            return
        self.error.hide()
        self.set_busy(True)
        self.submitted.emit(self.interaction.id, agent, queue, self.note.toPlainText().strip())

    def set_busy(self, busy: bool) -> None:
        self.transfer_button.setEnabled(not busy)

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.error.setText(text)
        self.error.show()

    def retranslate_ui(self) -> None:
        i = self.interaction
        self.setWindowTitle(self.tr("Transfer"))
        who = i.customer_name or self.tr("Customer #%1").replace("%1", str(i.customer_id))
        self.heading.setText(self.tr("Transfer the %1 with %2").replace("%1", channel_name(i.channel))
                             .replace("%2", who))
        self.to_agent.setText(self.tr("To an agent"))
        self.to_queue.setText(self.tr("To a queue"))
        self.note_label.setText(self.tr("Note for the next agent"))
        self.note.setPlaceholderText(self.tr("What the customer needs, what was done so far…"))
        self.transfer_button.setText(self.tr("Transfer"))
        self.cancel_button.setText(self.tr("Cancel"))
        agent_id, queue_id = self.agent_combo.currentData(), self.queue_combo.currentData()
        self.agent_combo.clear()
        for a in self.agents:
            self.agent_combo.addItem(f"{a.display_name} — {state_label(a.state)}", a.id)
        self.queue_combo.clear()
        for q in self.queues:
            self.queue_combo.addItem(q.name, q.id)
        self.agent_combo.setCurrentIndex(max(self.agent_combo.findData(agent_id), 0))
        self.queue_combo.setCurrentIndex(max(self.queue_combo.findData(queue_id), 0))
        self._mode_changed()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
