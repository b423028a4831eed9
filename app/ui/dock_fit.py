"""The desk fits the screen: on a 1366×768 laptop the Work and Phone docks together are taller than the
screen, and without this the window grew past its bottom edge (Answer, Hang up and the status bar off
screen). Each dock's panel sits in a scroll area, so a short screen scrolls a dock instead of hiding it,
and the window's first size never exceeds the screen it opens on.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

PREFERRED_SIZE = QSize(1180, 760)
MIN_HEIGHT = 120  # a dock can shrink to this and scroll
FRAME_ALLOWANCE = QMargins(0, 40, 0, 0)  # a window manager's title bar, which availableGeometry leaves in


class DockScroll(QScrollArea):
    """A frameless, vertically scrolling holder for a dock's panel."""

    def __init__(self, panel: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dockScroll")
        self.setWidget(panel)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel.installEventFilter(self)
        self._follow_panel_width()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._follow_panel_width()
        return False

    def _follow_panel_width(self) -> None:
        """The panel grew (texts, rows, another language): the dock may not get narrower than it."""
        panel = self.panel()  # as QScrollArea sizes it: its minimum size if set, else its hint
        needed = max(panel.minimumWidth(), panel.minimumSizeHint().width())
        self.setMinimumWidth(needed + self._bar_width())
        self.updateGeometry()

    def panel(self) -> QWidget:
        widget = self.widget()
        assert widget is not None
        return widget

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override: the panel's size, with room for the scroll bar
        hint = self.panel().sizeHint()
        return QSize(hint.width() + self._bar_width(), hint.height())

    def _bar_width(self) -> int:
        return self.verticalScrollBar().sizeHint().width()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override: the panel's width, any height
        return QSize(self.minimumWidth(), MIN_HEIGHT)

    def reveal(self, child: QWidget) -> None:
        """Scroll so that `child` (e.g. the Answer button when a call rings) is in view."""
        self.ensureWidgetVisible(child, 0, 8)


def first_size(window: QWidget) -> QSize:
    """The window's size when it first opens: the preferred size, cut to the screen it opens on."""
    screen = window.screen()
    if screen is None:
        return PREFERRED_SIZE
    area = screen.availableGeometry().marginsRemoved(FRAME_ALLOWANCE)
    return PREFERRED_SIZE.boundedTo(area.size())
