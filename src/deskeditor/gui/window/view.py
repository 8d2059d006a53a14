"""The View menu and the Show … commands: which panes are shown, focus mode,
remote images in the preview, and bringing a side tab forward. The menu's
check marks always say what is shown."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ..editor import MarkdownEditor
from ..preview.surface import PreviewSurface
from .layout import PaneLayout
from .settings import WindowSettings
from .side_tabs import SideTabs


class ViewControl(QObject):
    def __init__(self, layout: PaneLayout, tabs: SideTabs, editor: MarkdownEditor, settings: WindowSettings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.layout, self.tabs, self.editor, self.settings = layout, tabs, editor, settings
        self.actions: dict[str, QAction] = {}  # the menu's, once built
        layout.on_fit = self.sync_actions  # a pane stepped aside for the editor, or came back

    @property
    def preview(self) -> PreviewSurface:
        return self.layout.widgets["preview"]

    def sync_actions(self) -> None:
        if not self.actions:
            return
        checks = {f"show_{name}": self.layout.visible(name) for name in ("library", "preview", "panels")}
        checks["remote_images"] = self.settings.flag("remote_images", False)
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
        self.layout.set_focus_mode(on)
        self.editor.set_focus_mode(on)
        self.sync_actions()

    def toggle_remote_images(self, on: bool) -> None:
        self.settings.set_value("remote_images", on)
        self.preview.set_allow_remote_images(on)

    def remote_images_allowed(self, on: bool) -> None:
        """The preview's own bar allowed them."""
        self.settings.set_value("remote_images", on)
        self.sync_actions()

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
