"""The window's panes and their remembered sizes and visibility.

Library | editor | preview | side panel, in one horizontal splitter. Hiding
a pane keeps its size for when it comes back; focus mode hides all three side
panes and centres the text, and leaving it restores exactly what was shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from .settings import WindowSettings

PANES = ("library", "editor", "preview", "panels")
DEFAULT_SHARES = (0.16, 0.40, 0.28, 0.26)  # of the window's width, before anything is remembered


class PaneLayout:
    def __init__(self, splitter: QSplitter, widgets: dict[str, QWidget], settings: WindowSettings) -> None:
        self.splitter = splitter
        self.widgets = widgets
        self.settings = settings
        self.focus_mode = False
        self._before_focus: dict[str, bool] = {}
        for i, name in enumerate(PANES):
            splitter.setCollapsible(i, name != "editor")
        splitter.setStretchFactor(PANES.index("editor"), 3)
        splitter.setStretchFactor(PANES.index("preview"), 2)

    def restore(self) -> None:
        sizes = self.settings.int_list("splitter")
        if len(sizes) != len(PANES) or sum(sizes) <= 0:
            width = max(self.splitter.width(), 800)
            sizes = [int(width * share) for share in DEFAULT_SHARES]
        self.splitter.setSizes(sizes)
        for name in ("library", "preview", "panels"):
            self.widgets[name].setVisible(self.settings.flag(f"visible/{name}", True))

    def save(self) -> None:
        if not self.focus_mode:
            self.settings.set_value("splitter", [int(s) for s in self.splitter.sizes()])
            for name in ("library", "preview", "panels"):
                self.settings.set_value(f"visible/{name}", self.widgets[name].isVisibleTo(self.splitter.window()))
        else:
            for name, shown in self._before_focus.items():
                self.settings.set_value(f"visible/{name}", shown)

    def visible(self, name: str) -> bool:
        return not self.widgets[name].isHidden()

    def set_visible(self, name: str, on: bool) -> None:
        self.widgets[name].setVisible(on)

    def set_focus_mode(self, on: bool) -> None:
        if on == self.focus_mode:
            return
        if on:
            self.save()
            self._before_focus = {n: self.visible(n) for n in ("library", "preview", "panels")}
            for name in self._before_focus:
                self.widgets[name].hide()
        else:
            for name, shown in self._before_focus.items():
                self.widgets[name].setVisible(shown)
        self.focus_mode = on


def horizontal_splitter() -> QSplitter:
    s = QSplitter(Qt.Horizontal)
    s.setHandleWidth(1)
    s.setChildrenCollapsible(True)
    return s
