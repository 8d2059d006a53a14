"""The side panel: Lint, SEO, Citations, Outline and History in tabs.

History and Citations follow the open draft only while they are shown (the
citations are analysed on demand); otherwise they are marked stale and brought
up to date when their tab comes up. The Citations tab is a placeholder until
the window has painted. The tab shown last is remembered.
"""

from __future__ import annotations


from PySide6.QtCore import QThreadPool, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from ...core.errors import DeskeditorError
from ..panels.history import HistoryPanel
from ..panels.lint import LintPanel
from ..panels.outline import OutlinePanel
from ..panels.placeholder import placeholder
from ..panels.seo import SeoPanel
from ..session.draft_session import DraftSession
from .settings import WindowSettings
from .theme import Colors


class SideTabs(QTabWidget):
    citationsInstalled = Signal(object)  # the CitationsPanel, once it replaced its placeholder
    message = Signal(str, int)

    def __init__(self, session: DraftSession, colors: Colors, pool: QThreadPool, settings: WindowSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.settings = session, settings
        self.setDocumentMode(True)
        self.lint_panel = LintPanel(colors)
        self.seo_panel = SeoPanel(colors)
        self.outline_panel = OutlinePanel()
        self.history_panel = HistoryPanel(colors, pool)
        self.history_panel.load_revision = session.revision_text
        self.history_panel.current_text = session.text
        self.history_panel.restoreRequested.connect(self._restore)
        self.citations_panel: QWidget = placeholder("Loading…")
        self.citations = None  # the CitationsPanel, once installed
        self.history_stale = self.citations_stale = True
        for widget, title in ((self.lint_panel, "Lint"), (self.seo_panel, "SEO"),
                              (self.citations_panel, "Citations"), (self.outline_panel, "Outline"),
                              (self.history_panel, "History")):
            self.addTab(widget, title)
        self.setCurrentIndex(settings.int("panel_tab", 0))
        self.currentChanged.connect(self._tab_changed)

    def install_citations(self) -> None:
        """The Citations tab's panel, in place of its placeholder (after the first paint)."""
        from ..panels.citations import CitationsPanel

        try:
            panel = CitationsPanel(self.session.store, self)
        except Exception as exc:  # a broken panel must not take the window down
            panel = placeholder(f"The citations panel could not start: {exc}")
        index = self.indexOf(self.citations_panel)
        current = self.currentIndex()
        self.blockSignals(True)
        self.removeTab(index)
        self.insertTab(index, panel, "Citations")
        self.setCurrentIndex(current)
        self.blockSignals(False)
        self.citations_panel.deleteLater()
        self.citations_panel = panel
        self.citations_stale = True
        if isinstance(panel, CitationsPanel):
            self.citations = panel
            self.citationsInstalled.emit(panel)

    def mark_stale(self) -> None:
        """Another draft is open: History and Citations are out of date."""
        self.history_stale = self.citations_stale = True

    def refresh_history(self) -> None:
        if self.session.draft is None:
            return
        try:
            self.history_panel.set_revisions(self.session.history())
        except DeskeditorError as exc:
            self.message.emit(f"Cannot read the history: {exc}", 8000)
        self.history_stale = False

    def _restore(self, number: int) -> None:
        """Restore a revision once the user confirmed how; the diff then
        compares it with the restored text."""
        from ..dialogs.small import ask_restore

        choice = ask_restore(self, number)
        if choice is not None:
            self.session.restore_revision(number, text_only=choice == "text")
            self.history_panel.refresh_diff()

    def saved(self) -> None:
        """A save landed: a revision more (at once if History is shown)."""
        if self.currentWidget() is self.history_panel:
            self.refresh_history()
        else:
            self.history_stale = True

    def refresh_citations(self) -> None:
        """The Citations tab follows the text while it is shown (it is analysed on demand)."""
        panel = self.citations
        if self.session.draft is None or panel is None:
            return
        if self.currentWidget() is not panel or self.isHidden():
            self.citations_stale = True
            return
        try:
            panel.set_document(self.session.text(), self.session.draft.id)
        except Exception as exc:  # the panel's trouble must not stop the window
            self.message.emit(f"Citations: {exc}", 8000)
        self.citations_stale = False

    def _tab_changed(self, index: int) -> None:
        self.settings.set_value("panel_tab", index)
        if self.widget(index) is self.history_panel and self.history_stale:
            self.refresh_history()
        if self.widget(index) is self.citations_panel and self.citations_stale:
            self.refresh_citations()

    def set_colors(self, colors: Colors) -> None:
        for w in (self.lint_panel, self.seo_panel, self.history_panel):
            w.set_colors(colors)

    def stop(self) -> None:
        """The window closes: no more diffs."""
        self.history_panel.worker.close()
