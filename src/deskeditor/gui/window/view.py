"""The View menu and the Show … commands: which panes are shown, focus mode,
remote images in the preview, and bringing a side tab forward. The menu's
check marks always say what is shown."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ..editor import MarkdownEditor
from ..editor.focus import FocusWriter
from ..preview.surface import PreviewSurface
from .layout import PaneLayout
from .settings import WindowSettings
from .side_tabs import SideTabs


class ViewControl(QObject):
    remoteImagesChanged = Signal(bool)  # the writer's consent to remote images, from the menu or the bar

    def __init__(self, layout: PaneLayout, tabs: SideTabs, editor: MarkdownEditor, settings: WindowSettings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.layout, self.tabs, self.editor, self.settings = layout, tabs, editor, settings
        self.actions: dict[str, QAction] = {}  # the menu's, once built
        layout.on_fit = self.sync_actions  # a pane stepped aside for the editor, or came back
        self.focus = FocusWriter(editor, self)
        self._window_state = Qt.WindowNoState
        self.focus.set_typewriter(settings.flag("typewriter", False))
        self.focus.set_dim_sentence(settings.flag("dim_sentence", False))

    @property
    def preview(self) -> PreviewSurface:
        return self.layout.widgets["preview"]

    def sync_actions(self) -> None:
        if not self.actions:
            return
        checks = {f"show_{name}": self.layout.visible(name) for name in ("library", "preview", "panels")}
        checks["remote_images"] = self.settings.flag("remote_images", False)
        checks["typewriter"], checks["dim_sentence"] = self.focus.typewriter, self.focus.dim_sentence
        for name, on in checks.items():
            a = self.actions[name]
            a.blockSignals(True)
            a.setChecked(on)
            a.blockSignals(False)

    def _toggle(self, name: str, on: bool) -> None:
        if self.layout.focus_mode and on:
            self.actions["focus_mode"].setChecked(False)
        self.layout.set_visible(name, on)
        self.sync_actions()

    def toggle_library(self, on: bool) -> None:
        self._toggle("library", on)

    def toggle_preview(self, on: bool) -> None:
        self._toggle("preview", on)

    def toggle_panels(self, on: bool) -> None:
        self._toggle("panels", on)

    def show_library(self) -> None:
        self.layout.set_visible("library", True)
        self.sync_actions()

    def toggle_focus_mode(self, on: bool) -> None:
        """Distraction-free: full screen, no menus, status bar or side panes,
        no underlines, the text around the paragraph dimmed; the cursor line
        stays where it was on screen. F11 again brings everything back."""
        window = self.parent()
        self.focus.hold_cursor_line()
        if on:
            self._window_state = window.windowState()
        self.layout.set_focus_mode(on)
        self.editor.set_focus_mode(on)
        window.menuBar().setVisible(not on)
        window.statusBar().setVisible(not on)
        if on:
            window.showFullScreen()
        else:
            window.setWindowState(self._window_state)
        self.focus.set_on(on)
        self.sync_actions()

    def toggle_typewriter(self, on: bool) -> None:
        self.settings.set_value("typewriter", on)
        self.focus.set_typewriter(on)

    def toggle_dim_sentence(self, on: bool) -> None:
        self.settings.set_value("dim_sentence", on)
        self.focus.set_dim_sentence(on)

    def toggle_remote_images(self, on: bool) -> None:
        self.settings.set_value("remote_images", on)
        self.preview.set_allow_remote_images(on)
        self.remoteImagesChanged.emit(on)

    def remote_images_allowed(self, on: bool) -> None:
        """The preview's own bar allowed them."""
        self.settings.set_value("remote_images", on)
        self.sync_actions()
        self.remoteImagesChanged.emit(on)

    def _show_tab(self, widget: QWidget) -> None:
        if not self.layout.visible("panels"):
            self._toggle("panels", True)
        self.tabs.setCurrentWidget(widget)

    def show_history(self) -> None:
        self._show_tab(self.tabs.history_panel)

    def show_outline(self) -> None:
        self._show_tab(self.tabs.outline_panel)

    def show_lint(self) -> None:
        self._show_tab(self.tabs.lint_panel)

    def show_seo(self) -> None:
        self._show_tab(self.tabs.seo_panel)
