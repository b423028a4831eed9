"""Paints a conversation: chat bubbles (customer left, agent right, internal notes amber) or e-mail cards
(header lines, the new text, a fold for the quoted history, attachments). Plain drawText only: whatever a
customer sends is never interpreted as HTML."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.domain import Message
from app.ui.conversation_email import attachment_lines, header_lines
from app.ui.conversation_model import DeliveryRole, ExpandedRole, MessageRole
from app.ui.conversation_quotes import split_quoted
from app.ui.inbox_labels import delivery_label
from app.ui.theme import ACCENT, BORDER, MUTED, TEXT
from app.ui.timeline_delegate import format_event_time

# One shared pen: PySide6 6.x drops a reference to None on every setPen(Qt.PenStyle.NoPen) call,
# which crashes the process after enough paints (seen while scrolling 100k rows).
NO_PEN = QPen(Qt.PenStyle.NoPen)
PAD = 12
BUBBLE_PAD = 9
WRAP = int(Qt.TextFlag.TextWordWrap)
COLOURS = {"in": "#eef1f4", "out": "#dbeaf7", "internal": "#fdf3d7"}
FAILED = "#c2413b"


def quote_toggle_text(expanded: bool, quoted: str) -> str:
    from PySide6.QtCore import QCoreApplication

    lines = len(quoted.splitlines())
    if expanded:
        return QCoreApplication.translate("ConversationDelegate", "▾ Hide quoted text")
    return QCoreApplication.translate("ConversationDelegate", "▸ Show quoted text (%n line(s))", "", lines)


class ConversationDelegate(QStyledItemDelegate):
    def __init__(self, view: QListView, parent: QWidget | None = None) -> None:
        super().__init__(parent or view)
        self._view = view
        self.email = False
        self.subject = ""
        self.opened_id: int | None = None  # the e-mail shown in the reader, outlined in the list

    def _width(self) -> int:
        return max(self._view.viewport().width() - 2, 200)

    @staticmethod
    def _fonts(option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        body = QFont(option.font)
        bold = QFont(body)
        bold.setBold(True)
        small = QFont(body)
        small.setPointSizeF(max(body.pointSizeF() - 1.0, 7.0))
        return body, bold, small

    # --- chat -------------------------------------------------------------------------------
    def _bubble_width(self) -> int:
        return int(self._width() * 0.72)

    def _chat_size(self, option: QStyleOptionViewItem, message: Message) -> QSize:
        body, _, small = self._fonts(option)
        text = QFontMetrics(body).boundingRect(QRect(0, 0, self._bubble_width() - 2 * BUBBLE_PAD, 100_000),
                                               WRAP, message.body or " ")
        return QSize(self._width(), text.height() + 2 * BUBBLE_PAD + QFontMetrics(small).lineSpacing() + PAD)

    def _paint_chat(self, painter: QPainter, option: QStyleOptionViewItem, message: Message,
                    delivery: str) -> None:
        body, _, small = self._fonts(option)
        rect: QRect = option.rect
        inner_w = self._bubble_width() - 2 * BUBBLE_PAD
        text = QFontMetrics(body).boundingRect(QRect(0, 0, inner_w, 100_000), WRAP, message.body or " ")
        bubble_w = min(max(text.width(), 40) + 2 * BUBBLE_PAD, self._bubble_width())
        bubble_h = text.height() + 2 * BUBBLE_PAD
        if message.direction == "in":
            left = rect.left() + PAD
        elif message.direction == "internal":
            left = rect.left() + (rect.width() - bubble_w) // 2
        else:
            left = rect.right() - PAD - bubble_w
        bubble = QRect(left, rect.top() + PAD // 2, bubble_w, bubble_h)
        painter.setPen(QColor(FAILED) if delivery == "failed" else NO_PEN)
        painter.setBrush(QColor(COLOURS.get(message.direction, COLOURS["in"])))
        painter.drawRoundedRect(bubble, 10, 10)
        painter.setFont(body)
        painter.setPen(QColor(TEXT))
        inner = bubble.adjusted(BUBBLE_PAD, BUBBLE_PAD, -BUBBLE_PAD, -BUBBLE_PAD)
        painter.drawText(inner, WRAP, message.body)
        meta = [message.author_name, format_event_time(message.created_at)]
        if message.direction != "in":
            meta.append(delivery_label(delivery))
        painter.setFont(small)
        painter.setPen(QColor(FAILED if delivery == "failed" else MUTED))
        line = QRect(rect.left() + PAD, bubble.bottom() + 2, rect.width() - 2 * PAD,
                     QFontMetrics(small).lineSpacing())
        align = Qt.AlignmentFlag.AlignLeft if message.direction == "in" else Qt.AlignmentFlag.AlignRight
        if message.direction == "internal":
            align = Qt.AlignmentFlag.AlignHCenter
        painter.drawText(line, align, " · ".join(m for m in meta if m))

    # --- e-mail -------------------------------------------------------------------------------
    def _email_blocks(self, option: QStyleOptionViewItem, message: Message, expanded: bool,
                      delivery: str) -> list[tuple[str, QFont, str, int]]:
        """(text, font, colour, flags) blocks top to bottom."""
        body, bold, small = self._fonts(option)
        blocks: list[tuple[str, QFont, str, int]] = []
        for label, value in header_lines(message, self.subject):
            blocks.append((f"{label}: {value}", small if label else body, MUTED, 0))
        if message.direction != "in":
            blocks.append((delivery_label(delivery), small, FAILED if delivery == "failed" else ACCENT, 0))
        visible, quoted = split_quoted(message.body)
        blocks.append((visible or " ", body, TEXT, WRAP))
        if quoted:
            blocks.append((quote_toggle_text(expanded, quoted), bold, ACCENT, 0))
            if expanded:
                blocks.append((quoted, body, MUTED, WRAP))
        blocks.extend((line, small, TEXT, 0) for line in attachment_lines(message))
        return blocks

    def _email_size(self, option: QStyleOptionViewItem, message: Message, expanded: bool,
                    delivery: str) -> QSize:
        inner = self._width() - 4 * PAD
        height = 3 * PAD
        for text, font, _, flags in self._email_blocks(option, message, expanded, delivery):
            height += QFontMetrics(font).boundingRect(QRect(0, 0, inner, 1_000_000), flags, text).height() + 4
        return QSize(self._width(), height)

    def _paint_email(self, painter: QPainter, option: QStyleOptionViewItem, message: Message,
                     expanded: bool, delivery: str) -> None:
        rect: QRect = option.rect
        card = rect.adjusted(PAD, PAD // 2, -PAD, -PAD // 2)
        outline = ACCENT if message.id == self.opened_id else BORDER
        width = 2 if outline == ACCENT else 1
        painter.setPen(QPen(QColor(FAILED if delivery == "failed" else outline), width))
        painter.setBrush(QColor("#ffffff" if message.direction == "in" else COLOURS["out"]))
        painter.drawRoundedRect(card, 6, 6)
        top = card.top() + PAD
        inner = card.width() - 2 * PAD
        for text, font, colour, flags in self._email_blocks(option, message, expanded, delivery):
            height = QFontMetrics(font).boundingRect(QRect(0, 0, inner, 1_000_000), flags, text).height()
            painter.setFont(font)
            painter.setPen(QColor(colour))
            painter.drawText(QRect(card.left() + PAD, top, inner, height), flags, text)
            top += height + 4

    # --- QStyledItemDelegate -------------------------------------------------------------------
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        message = index.data(MessageRole)
        if not isinstance(message, Message):
            return QSize(200, 40)
        delivery = str(index.data(DeliveryRole))
        if self.email:
            return self._email_size(option, message, bool(index.data(ExpandedRole)), delivery)
        return self._chat_size(option, message)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        message = index.data(MessageRole)
        if not isinstance(message, Message):
            return
        delivery = str(index.data(DeliveryRole))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.email:
            self._paint_email(painter, option, message, bool(index.data(ExpandedRole)), delivery)
        else:
            self._paint_chat(painter, option, message, delivery)
        painter.restore()
