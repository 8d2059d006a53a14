"""The main window: builds the library, the editor, the preview, the side
panels and the status bar, and connects them to the ``DraftSession``.

The session owns the open draft (loading, saving, conflicts, lint, preview,
words, grammar) and says what happened through its signals; this class only
shows it. Its helpers are handed the parts they work on: ``Notices`` (the
banner), ``SideTabs`` (the side panel), ``ViewControl`` (the View menu),
``DraftOps`` (the library's commands), ``LintView`` (findings on screen).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from ...core.model import Draft
from ...core.store import Store
from ..dialogs import small as dialogs
from ..editor import MarkdownEditor
from ..editor.findbar import FindBar
from ..editor.title_line import TitleLine
from ..panels.library import LibraryPane
from ..panels.lint_view import LintView
from ..preview.host import LoadingPreview, OnFirstPaint, make_preview
from ..session.autosave import SaveState
from ..session.draft_session import DraftSession
from .actions import build_menus, shortcut_table
from .banner import Banner
from .closing import finish_saving
from .draft_ops import DraftOps
from .site_ops import SiteOps
from ..panels.review_view import ReviewView
from .layout import PaneLayout, horizontal_splitter, readable_width
from .notices import Notices
from .settings import WindowSettings
from .side_tabs import SideTabs
from .status import StatusBar
from .theme import colors as palette_colors
from .theme import is_dark
from .view import ViewControl
from .writer_tools import WriterTools

APP_NAME = "deskeditor"
NO_DRAFT_HINT = "Create a draft with File › New Draft (Ctrl+N), or import one."
HELD_HINT = "This draft is not shown yet: choose Break Long Lines or Show Anyway above."


class MainWindow(QMainWindow):
    restoreBackupRequested = Signal(object)  # Path of the backup to restore

    def __init__(self, store: Store, settings: WindowSettings, *, grammar: bool = True,
                 lint_engines: tuple[str, ...] | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.colors = palette_colors(self.palette())
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(3)
        self._closing = False
        self._build_widgets()
        self.session = DraftSession(store, self.editor, self.preview, self.pool, grammar=grammar,
                                    lint_engines=lint_engines, parent=self)
        self.session.preview_sync.remote_media = settings.flag("remote_images", False)  # video thumbnails
        self._build_side()
        self.actions_by_name = build_menus(self)
        self.view.actions = self.actions_by_name
        self._wire()
        self.review = ReviewView(editor=self.editor, session=self.session, store=self.store, tabs=self.tabs,
                                 status=self.status, menu_bar=self.menuBar(), closing=lambda: self._closing, parent=self)
        self.layout_state.restore()
        self.view.sync_actions()
        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        self.notices.show_store_problem()
        self.library.refresh()
        self.session.open_initial(settings.int("last_draft", 0))
        # the window paints first; the rest follows at once (or when start_background is called)
        self._first_paint = OnFirstPaint(self.editor.viewport(), self.start_background)

    def start_background(self) -> None:
        """What the first paint need not wait for: the web preview and the first
        render, the citations panel, the grammar server, the first lint run,
        the word count, the SEO and History panels. Worker threads started
        before the paint would hold the GIL the window needs to paint."""
        if self.session.started or self._closing:
            return
        self.session.start()
        self.install_preview()
        self.tabs.install_citations()
        self.session.start_checks()
        if self.session.draft is not None and not self.session.held:  # what opening it left for now
            self._refresh_panels()
            self.tabs.refresh_citations()

    # -- construction ---------------------------------------------------------------
    def _build_widgets(self) -> None:
        c = self.colors
        self.editor = MarkdownEditor(colors=c)
        self.editor.setPlaceholderText(NO_DRAFT_HINT)
        self.findbar = FindBar(self.editor)
        self.banner = Banner(c)
        center = QWidget()
        cl = QVBoxLayout(center)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(self.banner)
        cl.addWidget(self.editor, 1)
        cl.addWidget(self.findbar)
        self.library = LibraryPane(self.store)
        self.preview = LoadingPreview()  # replaced by the web preview after the first paint
        self.splitter = horizontal_splitter()
        self._center = center
        self.status = StatusBar(c)
        self.setStatusBar(self.status)

    def _build_side(self) -> None:
        s = self.session
        self.tabs = SideTabs(s, self.colors, self.pool, self.settings)
        self.title_line = TitleLine(s)
        self._center.layout().insertWidget(1, self.title_line)  # under the banner, above the text
        self.lint_panel, self.seo_panel = self.tabs.lint_panel, self.tabs.seo_panel
        self.outline_panel, self.history_panel = self.tabs.outline_panel, self.tabs.history_panel
        self._center.setMinimumWidth(readable_width(self.editor))  # the editor has priority (layout.py)
        for w in (self.library, self._center, self.preview, self.tabs):
            self.splitter.addWidget(w)
        self.setCentralWidget(self.splitter)
        self.layout_state = PaneLayout(self.splitter, {"library": self.library, "editor": self._center,
                                                       "preview": self.preview, "panels": self.tabs},
                                       self.settings)
        self.view = ViewControl(self.layout_state, self.tabs, self.editor, self.settings, self)
        self.notices = Notices(self.banner, s, lambda: self.colors, self)
        self.drafts = DraftOps(s, self.library, self.view.show_library, self)
        self.site = SiteOps(s, self)
        self.site.attach_seo(self.seo_panel)
        self.lint_view = LintView(self, self.editor, s.lint, self.lint_panel, self.seo_panel, self.status,
                                  self.store, lambda: self.colors, s.dictionary_changed)
        self.writer = WriterTools(self.store, self.settings, s, self.editor, self.seo_panel, self.status,
                                  lambda: self.colors, self.edit_dictionary, self)

    def _wire(self) -> None:
        s, e, say = self.session, self.editor, self.status.showMessage
        s.draftOpened.connect(self._draft_opened)
        s.draftHeld.connect(self._draft_held)
        s.draftChanged.connect(self._draft_changed)
        s.saved.connect(lambda _version: self.tabs.saved())
        s.saveStateChanged.connect(self._save_state_changed)
        s.reportReady.connect(self._report_ready)
        s.libraryChanged.connect(self.library.refresh)
        s.wordsCounted.connect(self.status.set_words)
        s.grammar.stateChanged.connect(self.status.set_grammar)
        s.grammar.progress.connect(self.status.show_check)
        s.grammar.progressEnded.connect(self.status.hide_check)
        self.status.cancelCheck.connect(s.grammar.cancel_check)
        s.preview_sync.outlineChanged.connect(self.outline_panel.set_headings)
        self.outline_panel.jumpTo.connect(lambda line: e.go_to_line(line))
        self.seo_panel.fieldsEdited.connect(self.apply_fields)
        self.view.remoteImagesChanged.connect(s.preview_sync.set_remote_media)
        self.tabs.citationsInstalled.connect(self._citations_installed)
        self.library.draftActivated.connect(s.open_draft)
        self.library.newRequested.connect(self.drafts.new)
        self.library.duplicateRequested.connect(self.drafts.duplicate)
        self.library.trashRequested.connect(self.drafts.trash)
        self.library.restoreRequested.connect(self.drafts.restore)
        self.notices.restoreBackupRequested.connect(self.restoreBackupRequested)
        for source in (s, s.conflicts, s.grammar, self.drafts, self.tabs, self.site, self.writer):
            source.message.connect(say)
        self.library.problem.connect(lambda m: say(m, 8000))

    def _citations_installed(self, panel) -> None:
        e = self.editor
        panel.jumpTo.connect(lambda start, end: e.select_range(start, end))
        panel.insertText.connect(lambda t: (e.textCursor().insertText(t), e.setFocus()))
        panel.replaceRange.connect(e.replace_range)
        panel.libraryChanged.connect(self.session.lint_now)
        panel.libraryChanged.connect(self.session.sources_changed)

    # -- the preview ----------------------------------------------------------------
    def install_preview(self) -> None:
        """Start the web preview (after the first paint, so the window shows at once)."""
        if self._closing or not isinstance(self.preview, LoadingPreview):
            return
        allow = self.settings.flag("remote_images", False)
        pane, problem = make_preview(None, dark=self.colors.dark, allow_remote_images=allow)
        old = self.preview
        index = self.splitter.indexOf(old)
        visible = not old.isHidden()
        sizes = self.splitter.sizes()
        self.splitter.replaceWidget(index, pane)
        pane.setVisible(visible)
        self.layout_state.widgets["preview"] = pane
        if self.isVisible() and sum(sizes) > 0:
            self.splitter.setSizes(sizes)
        else:  # not laid out yet: the remembered sizes again
            self.layout_state.restore()
        pane.remoteImagesAllowedChanged.connect(self.view.remote_images_allowed)
        old.deleteLater()
        self.preview = pane
        self.session.preview_sync.set_preview(pane)
        if problem:
            self.notices.preview_fell_back(problem)

    # -- what the session says ------------------------------------------------------------
    def _draft_opened(self, draft: Draft | None) -> None:
        for name in ("duplicate", "trash", "export", "publish"):
            self.actions_by_name[name].setEnabled(draft is not None)
        if draft is None:
            self.editor.setPlaceholderText(NO_DRAFT_HINT)
            self.setWindowTitle(f"{APP_NAME}[*]")
            self.setWindowModified(False)
            self.lint_panel.set_report([], [], [], lambda m: "")
            self.history_panel.set_revisions([])
            return
        self.editor.setPlaceholderText(NO_DRAFT_HINT)
        self.tabs.mark_stale()
        self._point_at(draft)
        if self.session.started:  # else start_background does it, once the window has painted
            self._refresh_panels()
            self.tabs.refresh_citations()
        self.editor.setFocus()

    def _draft_held(self, draft: Draft, _longest: int) -> None:
        self.editor.setPlaceholderText(HELD_HINT)
        self.lint_panel.set_report([], [], [], lambda m: "")
        self.lint_panel.summary.setText("Not checked: the draft is not shown yet.")
        self.status.set_lint("")
        self._point_at(draft)

    def _point_at(self, draft: Draft) -> None:
        self.library.set_current(draft.id)
        self.settings.set_value("last_draft", draft.id)
        self.update_title()

    def _draft_changed(self, _draft: Draft) -> None:
        self.update_title()
        self._sync_status_actions()

    def _refresh_panels(self) -> None:
        """The SEO fields, the history and the status menu, for the open draft."""
        self._update_seo_fields()
        self.tabs.refresh_history()
        self._sync_status_actions()

    def _save_state_changed(self, state: SaveState, message: str) -> None:
        self.status.set_save_state(state, message)
        self.setWindowModified(state is not SaveState.SAVED and self.session.draft is not None)

    def _report_ready(self, _report) -> None:
        self._update_seo_fields()
        self._sync_status_actions()
        self.tabs.refresh_citations()

    def update_title(self) -> None:
        draft = self.session.draft
        title = draft.title if draft is not None else ""
        self.setWindowTitle(f"{title or 'Untitled'} — {APP_NAME}[*]")

    def _update_seo_fields(self) -> None:
        if self.session.draft is not None:
            self.seo_panel.set_fields(*self.session.snippet())

    def apply_fields(self, changes: dict[str, Any]) -> None:
        """Write draft fields into the front matter (one undoable edit)."""
        if self.session.apply_fields(changes):
            self._update_seo_fields()

    def _sync_status_actions(self) -> None:
        status = self.session.fields().get("status")
        for name, action in self.actions_by_name.items():
            if name.startswith("status_"):
                action.setChecked(name == f"status_{status}")

    # -- dialogs ------------------------------------------------------------------------------
    def _publishing_dialog(self, kind: str) -> None:
        if self.session.draft is None:
            return
        from ..dialogs.publishing import ExportDialog, PublishDialog

        self.session.save_revision()  # the dialogs export what is stored: store it first
        dialog = (ExportDialog if kind == "export" else PublishDialog)(self.store, self.session.draft.id, self)
        dialog.exec()

    def export_dialog(self) -> None:
        self._publishing_dialog("export")

    def publish_dialog(self) -> None:
        self._publishing_dialog("publish")

    def wordpress_sites(self) -> None:
        from ..dialogs.wordpress import SitesDialog

        SitesDialog(self.store, self).exec()

    def wordpress_pull(self) -> None:
        from ..dialogs.wordpress import PullDialog

        PullDialog(self.store, self).exec()
        self.library.refresh()  # the pulled posts are drafts now

    def install_grammar(self):
        """Tools › Install Grammar Checker…: LanguageTool, with progress and Cancel."""
        from ..dialogs.install import InstallGrammarDialog

        dialog = InstallGrammarDialog(self)
        dialog.finished.connect(lambda _result: self._grammar_installed(dialog))
        dialog.open()
        return dialog

    def _grammar_installed(self, dialog) -> None:
        dialog.deleteLater()
        if dialog.outcome == "installed" and not self._closing and self.session.started:
            self.session.grammar.restart()

    def grammar_status(self) -> None:
        text, detail = self.session.grammar.describe()
        QMessageBox.information(self, "Grammar checker", f"{text}\n\n{detail}".strip())

    def edit_dictionary(self) -> None:
        box = dialogs.DictionaryDialog(self.store, self)
        box.exec()
        if box.changed:
            self.session.dictionary_changed()
            self.session.lint.run_now()

    def show_shortcuts(self) -> None:
        dialogs.show_html(self, "Keyboard shortcuts", dialogs.shortcuts_html(shortcut_table()), 420, 560)

    def about(self) -> None:
        dialogs.about(self)

    # -- Qt events ------------------------------------------------------------------------------
    _laid_out = False

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._laid_out:  # sizes apply well only once the window has its size
            self._laid_out = True
            self.layout_state.restore()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange):
            self.apply_palette()
        elif event.type() == QEvent.ActivationChange and self.isActiveWindow() and not self._closing:
            self.session.conflicts.check_external_change()
        super().changeEvent(event)

    def apply_palette(self) -> None:
        new = palette_colors(QApplication.palette())
        if new.dark == self.colors.dark:
            return
        self.colors = new
        self.editor.set_colors(new)
        for w in (self.tabs, self.status, self.banner):
            w.set_colors(new)
        self.preview.set_dark(is_dark(QApplication.palette()))

    def closeEvent(self, event) -> None:  # noqa: N802
        if self._closing:  # already shut down
            event.accept()
            return
        if not finish_saving(self, self.session):
            event.ignore()
            return
        self._closing = True
        self._save_layout()
        self.hide()  # gone at once; background work may take a moment to stop
        self.shutdown()
        event.accept()

    def _save_layout(self) -> None:
        self.layout_state.save()
        self.settings.set_value("geometry", self.saveGeometry())
        self.settings.set_value("panel_tab", self.tabs.currentIndex())
        self.settings.sync()

    def shutdown(self) -> None:
        """Stop background work (idempotent). The store stays open: the caller owns it."""
        self._closing = True
        self.tabs.stop()
        self.site.related.worker.close()
        self.session.shutdown()
