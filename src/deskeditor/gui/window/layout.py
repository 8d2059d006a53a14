"""The window's panes and their remembered sizes and visibility.

Library | editor | preview | side panel, in one horizontal splitter. Hiding
a pane keeps its size for when it comes back; focus mode hides all three side
panes and centres the text, and leaving it restores exactly what was shown.

The editor has priority: it keeps a readable measure (``EDITOR_CHARS``), and
when the window is too narrow for every pane at its minimum width the preview
steps aside first, then the side panel, then the library; they come back by
themselves when the window is wide enough again. The preview never gets
narrower than ``PREVIEW_MIN`` (dragged narrower, it collapses).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QPlainTextEdit, QSplitter, QWidget

from .settings import WindowSettings

PANES = ("library", "editor", "preview", "panels")
DEFAULT_SHARES = (0.16, 0.40, 0.28, 0.26)  # of the window's width, before anything is remembered
EDITOR_CHARS = 60  # the editor's narrowest measure
PREVIEW_MIN = 320  # px: narrower, a preview is one word per line
STEP_ASIDE = ("preview", "panels", "library")  # who makes room for the editor, first to last


def readable_width(editor: QPlainTextEdit) -> int:
    """The editor's width for ``EDITOR_CHARS`` characters of its font, with
    its margins and scroll bar."""
    chars = editor.fontMetrics().averageCharWidth() * EDITOR_CHARS
    return int(chars + 2 * editor.document().documentMargin() + editor.verticalScrollBar().sizeHint().width() + 4)


class _Resized(QObject):
    def __init__(self, target: QWidget, call) -> None:
        super().__init__(target)
        self.call = call
        target.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Resize:
            self.call()
        return False


class PaneLayout:
    def __init__(self, splitter: QSplitter, widgets: dict[str, QWidget], settings: WindowSettings) -> None:
        self.splitter = splitter
        self.widgets = widgets
        self.settings = settings
        self.focus_mode = False
        self._before_focus: dict[str, bool] = {}
        self.stepped_aside: set[str] = set()  # hidden only for want of room, not by the user
        self.on_fit = lambda: None  # the View menu's check marks follow
        splitter.setMinimumWidth(widgets["editor"].minimumWidth())  # the window may get narrower: panes step aside
        self._resized = _Resized(splitter, self.fit)
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
        self.stepped_aside.clear()
        for name in ("library", "preview", "panels"):
            self.widgets[name].setVisible(self.settings.flag(f"visible/{name}", True))
        self.fit()

    def save(self) -> None:
        if not self.focus_mode:
            self.settings.set_value("splitter", [int(s) for s in self.splitter.sizes()])
            for name in ("library", "preview", "panels"):
                shown = self.widgets[name].isVisibleTo(self.splitter.window()) or name in self.stepped_aside
                self.settings.set_value(f"visible/{name}", shown)
        else:
            for name, shown in self._before_focus.items():
                self.settings.set_value(f"visible/{name}", shown)

    def visible(self, name: str) -> bool:
        return not self.widgets[name].isHidden()

    def set_visible(self, name: str, on: bool) -> None:
        self.stepped_aside.discard(name)
        self.widgets[name].setVisible(on)
        if on:
            self.fit(keep=name)

    def _min_width(self, name: str) -> int:
        w = self.widgets[name]
        return max(w.minimumWidth(), w.minimumSizeHint().width(), PREVIEW_MIN if name == "preview" else 0)

    def fit(self, keep: str | None = None) -> None:
        """Hide the panes there is no room for (``STEP_ASIDE`` order, never the
        editor nor ``keep``), and bring back those that fit again."""
        self.widgets["preview"].setMinimumWidth(PREVIEW_MIN)  # a new preview widget gets it too
        width = self.splitter.width()
        if self.focus_mode or width <= 0 or not self.splitter.isVisible():
            return
        handle = self.splitter.handleWidth()
        shown = [n for n in PANES if n == "editor" or self.visible(n)]

        def need(names) -> int:
            return sum(self._min_width(n) for n in names) + handle * (len(names) - 1)

        for name in reversed(STEP_ASIDE):
            if name in self.stepped_aside and need(shown + [name]) <= width:
                self.stepped_aside.discard(name)
                self.widgets[name].show()
                shown.append(name)
        for name in STEP_ASIDE:
            if need(shown) <= width:
                break
            if name in shown and name != keep:
                self.widgets[name].hide()
                self.stepped_aside.add(name)
                shown.remove(name)
        self.on_fit()

    def set_focus_mode(self, on: bool) -> None:
        if on == self.focus_mode:
            return
        if on:
            self.save()
            self._before_focus = {n: self.visible(n) or n in self.stepped_aside for n in ("library", "preview", "panels")}
            self.stepped_aside.clear()
            for name in self._before_focus:
                self.widgets[name].hide()
        else:
            for name, shown in self._before_focus.items():
                self.widgets[name].setVisible(shown)
        self.focus_mode = on
        if not on:
            self.fit()


def horizontal_splitter() -> QSplitter:
    s = QSplitter(Qt.Horizontal)
    s.setHandleWidth(1)
    s.setChildrenCollapsible(True)
    return s
