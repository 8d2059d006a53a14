"""The main window: composes the library, the editor, the preview and the side
panels, and wires them to the store through the background helpers.

Everything slow happens elsewhere: saving in ``SaveWorker`` (``autosave``),
rendering in ``PreviewSync`` (``live_preview``), linting in ``LintController``
(``lint_controller``), word counting in a worker. This class holds the draft
that is open and moves between drafts; conflicts and a damaged database are
shown in the banner above the editor.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (QApplication, QFileDialog, QMainWindow, QMessageBox, QTabWidget,
                               QVBoxLayout, QWidget)

from ..core.errors import DeskeditorError, InputError
from ..core.markdown import frontmatter
from ..core.store import Store, count_words
from ..core.store.database import list_backups
from .actions import build_menus, shortcut_table
from .autosave import AutoSaver
from .banner import Banner
from .editor import MarkdownEditor
from .editor.findbar import FindBar
from .editor.longlines import LONG_LINE, break_long_lines, longest_line
from .grammar import GrammarHandle, load_grammar
from .layout import PaneLayout, horizontal_splitter
from .library import LibraryPane
from .conflicts import ConflictHandler
from .draft_ops import DraftOps
from .lint_controller import LintController, fields_for
from .lint_view import LintView
from .live_preview import PreviewSync
from .panels.history import HistoryPanel
from .panels.lint import LintPanel
from .panels.outline import OutlinePanel
from .panels.placeholder import placeholder
from .panels.seo import SeoPanel
from .preview_host import LoadingPreview, OnFirstPaint, make_preview
from .saving import SaveWorker
from .settings import WindowSettings
from .status import StatusBar
from .theme import colors as palette_colors
from .theme import is_dark
from .workers import LatestOnly
from .panels.review_view import ReviewView

if TYPE_CHECKING:
    from ..core.lint.runner import LintRunner

APP_NAME = "deskeditor"
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
WORDS_DELAY_MS = 400
GRAMMAR_POLL_MS = 1500
CHECK_PROGRESS_MS = 250
FIELD_KEYS = ("title", "slug", "seo_title", "meta_description", "keyphrase", "related_keyphrases",
              "author", "tags", "categories", "date", "status")


def draft_fields(draft) -> dict[str, Any]:
    return {k: getattr(draft, k) for k in FIELD_KEYS}


NO_DRAFT_HINT = "Create a draft with File › New Draft (Ctrl+N), or import one."
HELD_HINT = "This draft is not shown yet: choose Break Long Lines or Show Anyway above."
SNIPPET_CHARS = 1_000  # of the first paragraph: more than a search snippet shows
SNIPPET_SCAN = 200_000  # characters of the draft searched for its first paragraph


def first_paragraph(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The first prose paragraph of ``text``'s body, its whitespace folded, cut
    at ``limit`` characters. Reads only as far as it needs to (a 5 MB draft):
    a first paragraph further in than ``SNIPPET_SCAN`` is not looked for."""
    body = frontmatter.body_of(text[:SNIPPET_SCAN])
    start = 0
    while start < len(body):
        m = _BLANK_LINE.search(body, start)
        end = m.start() if m else len(body)
        p = " ".join(body[start:min(end, start + limit * 2)].split())[:limit]
        if p and not p.startswith(("#", "!", "<", "```", "---", "|")):
            return p
        start = m.end() if m else len(body)
    return ""


class MainWindow(QMainWindow):
    restoreBackupRequested = Signal(object)  # Path of the backup to restore

    def __init__(self, store: Store, settings: WindowSettings, *, grammar: bool = True,
                 lint_engines: tuple[str, ...] | None = None, lazy_preview: bool = True,
                 save_store_factory=None) -> None:
        """``save_store_factory`` opens the save thread's own store (default: the
        same file); tests pass one that fails on demand."""
        super().__init__()
        self._save_store_factory = save_store_factory
        self.store = store
        self.settings = settings
        self.draft = None  # the open Draft, as loaded
        self.held = False  # the open draft is held back from the editor (a line too long)
        self.colors = palette_colors(self.palette())
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(3)
        self._closing = False
        self._lint_engines = lint_engines
        self._lint_store: Store | None = None
        self.grammar: GrammarHandle | None = None
        self._grammar_state = ""
        self.grammar_problem = "Grammar off"
        self._build_widgets()
        self._build_background()
        self.actions_by_name = build_menus(self)
        self._wire()
        self.review = ReviewView(editor=self.editor, session=self, store=self.store, tabs=self.tabs,  # issue 17
                                 status=self.status, menu_bar=self.menuBar(), closing=lambda: self._closing, parent=self)
        self.layout_state.restore()
        self.sync_view_actions()
        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        self._want_grammar = grammar
        self._started = False
        self._show_store_problem()
        self.library.refresh()
        self.open_initial_draft()
        if lazy_preview:  # the window paints first; the rest follows at once
            self._first_paint = OnFirstPaint(self.editor.viewport(), self.start_background)
        else:
            self.start_background()

    def start_background(self) -> None:
        """What the first paint need not wait for: the web preview and the first
        render, the citations panel, the grammar server, the first lint run,
        the word count, the SEO and History panels. Worker threads started
        before the paint would hold the GIL the window needs to paint."""
        if self._started or self._closing:
            return
        self._started = True
        self.preview_sync.sources = {s.key: s.csl for s in self.store.sources.all()} if not \
            self.store.read_only else {}
        self.install_preview()
        self._install_citations_panel()
        if self._want_grammar:
            self._start_grammar()
        else:
            self.status.set_grammar("Grammar off", False)
        if self.draft is not None and not self.held:  # what _show_draft left for now (the preview renders on install)
            self._count_words()
            self._refresh_panels()
            self.lint.set_draft(self.draft.id, draft_fields(self.draft))
            self._refresh_citations()

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
        self.preview_problem = ""
        self.lint_panel = LintPanel(c)
        self.seo_panel = SeoPanel(c)
        self.outline_panel = OutlinePanel()
        self.history_panel = HistoryPanel(c, self.pool)
        self.history_panel.load_revision = self._revision_text
        self.history_panel.current_text = lambda: self.editor.text()
        self.citations_panel = placeholder("Loading…")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for widget, title in ((self.lint_panel, "Lint"), (self.seo_panel, "SEO"),
                              (self.citations_panel, "Citations"), (self.outline_panel, "Outline"),
                              (self.history_panel, "History")):
            self.tabs.addTab(widget, title)
        self.splitter = horizontal_splitter()
        for w in (self.library, center, self.preview, self.tabs):
            self.splitter.addWidget(w)
        self.setCentralWidget(self.splitter)
        self.layout_state = PaneLayout(self.splitter, {"library": self.library, "editor": center,
                                                       "preview": self.preview, "panels": self.tabs},
                                       self.settings)
        self.status = StatusBar(c)
        self.setStatusBar(self.status)
        self.tabs.setCurrentIndex(self.settings.int("panel_tab", 0))

    def _install_citations_panel(self) -> None:
        """The Citations tab: ``panels.citations.CitationsPanel`` if this build has it."""
        try:
            from .panels.citations import CitationsPanel
        except ImportError:
            panel = placeholder("Citations are not available in this build.")
        else:
            try:
                panel = CitationsPanel(self.store, self)
            except Exception as exc:  # a broken panel must not take the window down
                panel = placeholder(f"The citations panel could not start: {exc}")
        index = self.tabs.indexOf(self.citations_panel)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, panel, "Citations")
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        self.citations_panel.deleteLater()
        self.citations_panel = panel
        e = self.editor
        if hasattr(panel, "jumpTo"):
            panel.jumpTo.connect(lambda s, en: e.select_range(s, en))
        if hasattr(panel, "insertText"):
            panel.insertText.connect(lambda t: (e.textCursor().insertText(t), e.setFocus()))
        if hasattr(panel, "replaceRange"):
            panel.replaceRange.connect(e.replace_range)
        if hasattr(panel, "libraryChanged"):
            panel.libraryChanged.connect(self.lint_now)
            panel.libraryChanged.connect(self._sources_changed)
        self._citations_stale = True

    def _build_background(self) -> None:
        path = self.store.path
        factory = self._save_store_factory or (lambda: Store.open(path, check=False))
        self.save_worker = SaveWorker(factory, self._deliver_save)
        self.autosaver = AutoSaver(self.save_worker, self, read_only=self.store.read_only)
        self.save_worker.start()
        self.preview_sync = PreviewSync(self.editor, self.preview, self.pool, self)
        self.lint = LintController(self.editor, self.store, self.pool, self._make_runner, self)
        self.lint_view = LintView(self, self.editor, self.lint, self.lint_panel, self.seo_panel, self.status,
                                  self.store, lambda: self.colors, self._dictionary_changed)
        self.conflicts = ConflictHandler(self)
        self.drafts = DraftOps(self)
        self.words_worker = LatestOnly(self.pool, self)
        self._words_timer = QTimer(self, singleShot=True, interval=WORDS_DELAY_MS)
        self._grammar_timer = QTimer(self, interval=GRAMMAR_POLL_MS)
        self._check_timer = QTimer(self, interval=CHECK_PROGRESS_MS)

    def _deliver_save(self, result) -> None:  # save thread
        self.autosaver.deliver(result)

    def _wire(self) -> None:
        e = self.editor
        e.add_edit_listener(self._words_timer.start)
        self._words_timer.timeout.connect(self._count_words)
        self.words_worker.finished.connect(self._words_counted)
        self.autosaver.stateChanged.connect(self._save_state_changed)
        self.autosaver.saved.connect(self._on_saved)
        self.preview_sync.outlineChanged.connect(self.outline_panel.set_headings)
        self.outline_panel.jumpTo.connect(lambda line: e.go_to_line(line))
        self.lint.reportReady.connect(self._report_ready)
        self.seo_panel.fieldsEdited.connect(self.apply_fields)
        self.history_panel.restoreRequested.connect(self.restore_revision)
        self.library.draftActivated.connect(self.open_draft)
        self.library.newRequested.connect(self.drafts.new)
        self.library.duplicateRequested.connect(self.drafts.duplicate)
        self.library.trashRequested.connect(self.drafts.trash)
        self.library.restoreRequested.connect(self.drafts.restore)
        self.library.problem.connect(lambda m: self.status.showMessage(m, 8000))
        self.tabs.currentChanged.connect(self._tab_changed)
        self._grammar_timer.timeout.connect(self._poll_grammar)
        self._check_timer.timeout.connect(self._poll_check)
        self.lint.checking.connect(self._lint_checking)
        self.status.cancelCheck.connect(self.cancel_grammar_check)

    # -- the preview ----------------------------------------------------------------
    def install_preview(self) -> None:
        """Start the web preview (after the first paint, so the window shows at once)."""
        if self._closing or not isinstance(self.preview, LoadingPreview):
            return
        allow = self.settings.flag("remote_images", False)
        pane, problem = make_preview(None, dark=self.colors.dark, allow_remote_images=allow)
        self.preview_problem = problem
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
        if hasattr(pane, "remoteImagesAllowedChanged"):
            pane.remoteImagesAllowedChanged.connect(self._remote_images_allowed)
        old.deleteLater()
        self.preview = pane
        self.preview_sync.set_preview(pane)
        if problem:
            self.banner.show_message("preview", f"Plain preview: {problem}.",
                                     [("Dismiss", lambda: self.banner.clear("preview"))])

    # -- drafts -----------------------------------------------------------------------
    def open_initial_draft(self) -> None:
        last = self.settings.int("last_draft", 0)
        ids = [d["id"] for d in self.store.drafts.summaries()]
        target = last if last in ids else (ids[0] if ids else None)
        if target is not None:
            self.open_draft(target)
        else:
            self._show_no_draft()

    def _show_no_draft(self) -> None:
        self.draft = None
        self.held = False
        self.banner.clear("long-lines")
        self.editor.setPlaceholderText(NO_DRAFT_HINT)
        self.editor.load_text("")
        self.editor.setReadOnly(True)
        self.setWindowTitle(f"{APP_NAME}[*]")
        self.setWindowModified(False)
        self.lint_panel.set_report([], [], [], lambda m: "")
        self.history_panel.set_revisions([])

    def open_draft(self, draft_id: int) -> bool:
        """Show draft ``draft_id`` (the open one is saved first)."""
        if self.draft is not None and draft_id == self.draft.id:
            return True
        self._leave_draft()
        orphan = self.autosaver.orphans.get(draft_id)
        if orphan is not None:  # its save is still in flight: let it land first
            self.autosaver.flush(5.0)
            orphan = self.autosaver.orphans.get(draft_id)
        try:
            draft = self.store.drafts.get(draft_id)
            cursor = self.store.drafts.cursor(draft_id)
        except (DeskeditorError, sqlite3.Error) as exc:
            self.status.showMessage(f"Cannot open draft {draft_id}: {exc}", 10000)
            self._show_no_draft()
            return False
        if longest_line(orphan.text if orphan is not None else draft.body) > LONG_LINE:
            self._hold_long_draft(draft, orphan.text if orphan is not None else draft.body)
            return True
        self._show_draft(draft, cursor, orphan.text if orphan is not None else None)
        return True

    def _show_draft(self, draft, cursor: int, unsaved: str | None = None, note: str = "") -> None:
        """Put ``draft`` in the editor (``unsaved``: newer text not yet stored,
        saved at once with ``note``) and point everything else at it."""
        self.draft = draft
        self.held = False
        self.banner.clear("long-lines")
        self.editor.setPlaceholderText(NO_DRAFT_HINT)
        self.editor.setReadOnly(self.store.read_only)
        self.editor.load_text(unsaved if unsaved is not None and note else draft.body)
        self.autosaver.attach(draft.id, draft.version, self.editor)
        if unsaved is not None and not note:  # text that could not be saved yet: keep showing it
            self.editor.replace_text(unsaved)
            self.autosaver.orphans.pop(draft.id, None)
        if note:
            self.autosaver.save_now(note)
        self.editor.set_cursor_offset(cursor)
        self.banner.clear("conflict")
        self._citations_stale = self._history_stale = True
        self._point_at(draft)
        if self._started:  # else start_background does it, once the window has painted
            self._sources_changed()
            self.preview_sync.reset()
            self._count_words()
            self._refresh_panels()
            self.lint.set_draft(draft.id, draft_fields(draft))
            self._refresh_citations()
        self.editor.setFocus()

    def _refresh_panels(self) -> None:
        """The SEO fields, the history and the status menu, for the open draft."""
        self._update_seo_fields()
        self._refresh_history()
        self._sync_status_actions()

    def _point_at(self, draft) -> None:
        self.library.set_current(draft.id)
        self.settings.set_value("last_draft", draft.id)
        self.update_title()

    def _hold_long_draft(self, draft, text: str) -> None:
        """A draft with a line so long that Qt would freeze on it is not put in
        the editor until the user says how (see ``editor.longlines``)."""
        self.draft = draft
        self.held = True
        self.editor.load_text("")
        self.editor.setReadOnly(True)
        self.editor.setPlaceholderText(HELD_HINT)
        self.lint.hold()
        self.lint_panel.set_report([], [], [], lambda m: "")
        self.lint_panel.summary.setText("Not checked: the draft is not shown yet.")
        self.status.set_lint("")
        self.preview_sync.reset()
        self._point_at(draft)
        n = longest_line(text)

        def broken() -> None:
            self._show_draft(draft, 0, break_long_lines(text), note="broke long lines")

        def anyway() -> None:
            self._show_draft(draft, 0, None if text == draft.body else text)

        self.banner.show_message(
            "long-lines",
            f"<b>This draft has a line of {n:,} characters.</b> Typing in a line that long would freeze "
            "the window, so it is not shown yet. Breaking its paragraph lines at spaces changes nothing "
            "in the published post (the old text stays in History).",
            [("Break Long Lines", broken), ("Show Anyway", anyway)])

    def close_draft(self) -> None:
        """Leave the open draft (saved) and show none."""
        self._leave_draft()
        self.draft = None

    def _leave_draft(self) -> None:
        if self.draft is None:
            return
        self._save_cursor()
        self.autosaver.detach()

    def _save_cursor(self) -> None:
        if self.draft is None or self.store.read_only:
            return
        draft_id, offset = self.draft.id, self.editor.cursor_offset()
        self.save_worker.call(lambda store: store.drafts.set_cursor(draft_id, offset))

    def current_id(self) -> int | None:
        return self.draft.id if self.draft is not None else None

    # -- saving -------------------------------------------------------------------------
    def save_revision(self) -> None:
        self.autosaver.save_now("saved")

    def _save_state_changed(self, state: str, message: str) -> None:
        self.status.set_save_state(state, message)
        self.setWindowModified(state != "saved" and self.draft is not None)

    def _on_saved(self, draft_id: int, version: int) -> None:
        if self.draft is None or draft_id != self.draft.id:
            self.library.refresh()
            return
        old_title, old_status = self.draft.title, self.draft.status
        try:
            self.draft = self.store.drafts.get(draft_id)
        except (DeskeditorError, sqlite3.Error):
            return
        if (self.draft.title, self.draft.status) != (old_title, old_status):
            self.library.refresh()
            self.update_title()
            self._sync_status_actions()
        if self.tabs.currentWidget() is self.history_panel:
            self._refresh_history()
        else:
            self._history_stale = True

    def update_title(self) -> None:
        title = self.draft.title if self.draft is not None else ""
        self.setWindowTitle(f"{title or 'Untitled'} — {APP_NAME}[*]")

    def apply_fields(self, changes: dict[str, Any]) -> None:
        """Write draft fields into the front matter (one undoable edit)."""
        if self.draft is None or self.editor.isReadOnly():
            return
        try:
            new = frontmatter.with_fields(self.editor.text(), **changes)
        except InputError as exc:
            self.status.showMessage(f"Cannot change the front matter: {exc}", 10000)
            return
        self.editor.replace_text(new)
        self._update_seo_fields()

    def set_status(self, status: str) -> None:
        self.apply_fields({"status": status})

    def _sync_status_actions(self) -> None:
        status = fields_for(self.editor.text(), draft_fields(self.draft)).get("status") if self.draft else None
        for name, action in self.actions_by_name.items():
            if name.startswith("status_"):
                action.setChecked(name == f"status_{status}")

    # -- integrity ---------------------------------------------------------------------
    def _show_store_problem(self) -> None:
        if not self.store.read_only:
            return
        backups = list_backups(self.store.path) if self.store.path else []
        actions = [("Restore Latest Backup…", self.restore_latest_backup)] if backups else []
        self.banner.show_message(
            "integrity",
            f"<b>The database is open read-only:</b> {self.store.problem or 'it cannot be written'}. "
            "Nothing can be saved until it is repaired" + (" or a backup is restored." if backups else "."),
            actions)

    def restore_latest_backup(self) -> None:
        backups = list_backups(self.store.path)
        if not backups:
            return
        answer = QMessageBox.question(
            self, "Restore backup",
            f"Replace the database with its latest backup, {backups[0].name}?\n\n"
            "The current file is backed up first, so nothing is destroyed. The window reopens.")
        if answer == QMessageBox.Yes:
            self.restoreBackupRequested.emit(backups[0])

    def restore_backup(self) -> None:
        from . import dialogs

        if self.store.path is None:
            return
        chosen = dialogs.choose_backup(self, list_backups(self.store.path))
        if chosen is not None:
            self.restoreBackupRequested.emit(chosen)

    # -- history ------------------------------------------------------------------------
    _history_stale = True
    _citations_stale = True

    def _revision_text(self, number: int) -> str:
        return self.store.drafts.revision_text(self.draft.id, number)

    def _refresh_history(self) -> None:
        if self.draft is None:
            return
        try:
            self.history_panel.set_revisions(self.store.drafts.history(self.draft.id))
        except (DeskeditorError, sqlite3.Error) as exc:
            self.status.showMessage(f"Cannot read the history: {exc}", 8000)
        self._history_stale = False

    def _tab_changed(self, index: int) -> None:
        self.settings.set_value("panel_tab", index)
        if self.tabs.widget(index) is self.history_panel and self._history_stale:
            self._refresh_history()
        if self.tabs.widget(index) is self.citations_panel and self._citations_stale:
            self._refresh_citations()

    def restore_revision(self, number: int) -> None:
        """Bring back revision ``number`` as an undoable edit, saved as a new revision."""
        if self.draft is None or self.editor.isReadOnly():
            return
        try:
            text = self.store.drafts.revision_text(self.draft.id, number)
        except (DeskeditorError, sqlite3.Error) as exc:
            self.status.showMessage(f"Cannot read revision {number}: {exc}", 10000)
            return
        self.editor.replace_text(text)
        self.autosaver.save_now(f"restored revision {number}")
        self.status.showMessage(f"Restored revision {number} (Undo brings your text back).", 8000)

    # -- lint ---------------------------------------------------------------------------
    def _make_runner(self) -> LintRunner:
        from ..core.lint.runner import LintRunner

        if self._lint_store is None and self.store.path is not None:
            try:
                self._lint_store = Store.open(self.store.path, check=False)
            except DeskeditorError:
                self._lint_store = None
        sources = self._lint_store.sources if self._lint_store is not None else None
        kwargs = {"engines": self._lint_engines} if self._lint_engines else {}
        if self.grammar is not None and self.grammar.paused:  # a long check was cancelled
            from ..core.lint.runner import ENGINES

            kwargs["engines"] = tuple(e for e in (self._lint_engines or ENGINES) if e != "grammar")
        return LintRunner(grammar=self.grammar.checker if self.grammar else None, sources=sources, **kwargs)

    def _report_ready(self, _report) -> None:
        self._update_seo_fields()
        self._sync_status_actions()
        self._refresh_citations()

    def _refresh_citations(self) -> None:
        """The Citations tab follows the text while it is shown (it is analysed on demand)."""
        panel = self.citations_panel
        if self.draft is None or not hasattr(panel, "set_document"):
            return
        if self.tabs.currentWidget() is not panel or not self.layout_state.visible("panels"):
            self._citations_stale = True
            return
        try:
            panel.set_document(self.editor.text(), self.draft.id)
        except Exception as exc:  # the panel's trouble must not stop the window
            self.status.showMessage(f"Citations: {exc}", 8000)
        self._citations_stale = False

    def _dictionary_changed(self) -> None:
        if self.grammar is not None:
            self.grammar.set_dictionary(self.store.dictionary.words())

    def lint_now(self) -> None:
        """Tools › Check Now: every engine, grammar too if a cancel paused it."""
        if self.grammar is not None and self.grammar.paused:
            self.grammar.resume()
            self._poll_grammar()
        self.lint.run_now()

    # -- a long grammar check: progress and Cancel ---------------------------------------
    def _lint_checking(self, on: bool) -> None:
        if on and self.grammar is not None:
            self._check_timer.start()
        elif not on:
            self._check_timer.stop()
            self.status.hide_check()

    def _poll_check(self) -> None:
        job = self.grammar.current if self.grammar is not None else None
        if job is None or job.cancelled:
            self.status.hide_check()
            return
        self.status.show_check(job.done(), job.total)

    def cancel_grammar_check(self) -> None:
        """Stop the long grammar check under way; grammar pauses until Check Now."""
        if self.grammar is None or not self.grammar.cancel_check():
            return
        self.status.hide_check()
        self._poll_grammar()
        self.status.showMessage("Grammar check cancelled. Tools › Check Now (F7) checks again.", 8000)

    def install_grammar(self):
        """Tools › Install Grammar Checker…: LanguageTool, with progress and Cancel."""
        from .install_dialog import InstallGrammarDialog

        dialog = InstallGrammarDialog(self)
        dialog.finished.connect(lambda _result: self._grammar_installed(dialog))
        dialog.open()
        return dialog

    def _grammar_installed(self, dialog) -> None:
        dialog.deleteLater()
        if dialog.outcome != "installed" or self._closing or not self._want_grammar:
            return
        if self.grammar is not None:  # the old handle knew no install: start afresh
            self.grammar.stop()
            self.grammar = None
        self._grammar_state = ""
        if self._started:
            self._start_grammar()

    # -- grammar ------------------------------------------------------------------------
    def _start_grammar(self) -> None:
        self.grammar, problem = load_grammar(self.store)
        if self.grammar is None:
            self.grammar_problem = problem
            self.status.set_grammar(problem, False)
            return
        self.grammar.start()
        self._poll_grammar()
        self._grammar_timer.start()

    def _poll_grammar(self) -> None:
        if self.grammar is None:
            return
        line, ok = self.grammar.describe()
        state = getattr(self.grammar.server, "state", "")
        self.status.set_grammar(line, ok)
        if state == "ready" and self._grammar_state != "ready":
            self.lint.run_now()  # the checks made while it was starting lacked grammar
        self._grammar_state = state

    def grammar_status(self) -> None:
        text = self.grammar.describe()[0] if self.grammar else self.grammar_problem
        detail = self.grammar.server.describe() if self.grammar else ""
        QMessageBox.information(self, "Grammar checker", f"{text}\n\n{detail}".strip())

    # -- words ------------------------------------------------------------------------------
    def _count_words(self) -> None:
        text, version = self.editor.text(), self.editor.version
        self.words_worker.submit(version, lambda: count_words(text))

    def _words_counted(self, version: int, words: int) -> None:
        self.status.set_words(words)

    # -- panels and fields --------------------------------------------------------------------
    def _update_seo_fields(self) -> None:
        if self.draft is None:
            return
        text = self.editor.text()
        fields = fields_for(text, draft_fields(self.draft))
        base = self.store.settings.get("site_url", "https://example.com") if not self.store.read_only else None
        self.seo_panel.set_fields(fields, first_paragraph(text), base if isinstance(base, str) else None)

    # -- view menu ------------------------------------------------------------------------------
    def sync_view_actions(self) -> None:
        for name in ("library", "preview", "panels"):
            a = self.actions_by_name[f"show_{name}"]
            a.blockSignals(True)
            a.setChecked(self.layout_state.visible(name))
            a.blockSignals(False)
        a = self.actions_by_name["remote_images"]
        a.blockSignals(True)
        a.setChecked(self.settings.flag("remote_images", False))
        a.blockSignals(False)

    def _toggle(self, name: str, on: bool) -> None:
        if self.layout_state.focus_mode and on:
            self.actions_by_name["focus_mode"].setChecked(False)
        self.layout_state.set_visible(name, on)
        self.sync_view_actions()

    def toggle_library(self, on: bool) -> None:
        self._toggle("library", on)

    def toggle_preview(self, on: bool) -> None:
        self._toggle("preview", on)

    def toggle_panels(self, on: bool) -> None:
        self._toggle("panels", on)

    def toggle_focus_mode(self, on: bool) -> None:
        self.layout_state.set_focus_mode(on)
        self.editor.set_focus_mode(on)
        self.sync_view_actions()

    def toggle_remote_images(self, on: bool) -> None:
        self.settings.set_value("remote_images", on)
        self.preview.set_allow_remote_images(on)

    def _remote_images_allowed(self, on: bool) -> None:
        self.settings.set_value("remote_images", on)
        self.sync_view_actions()

    def _show_tab(self, widget: QWidget) -> None:
        if not self.layout_state.visible("panels"):
            self._toggle("panels", True)
        self.tabs.setCurrentWidget(widget)

    def show_history(self) -> None:
        self._show_tab(self.history_panel)

    def show_outline(self) -> None:
        self._show_tab(self.outline_panel)

    def show_lint(self) -> None:
        self._show_tab(self.lint_panel)

    def show_seo(self) -> None:
        self._show_tab(self.seo_panel)

    def _sources_changed(self) -> None:
        try:
            snapshot = {s.key: s.csl for s in self.store.sources.all()}
        except Exception:  # a read-only or damaged store: citations stay unresolved
            snapshot = {}
        self.preview_sync.set_sources(snapshot)

    # -- export and publish -----------------------------------------------------------------------
    def _publishing_dialog(self, kind: str) -> None:
        if self.draft is None:
            return
        from .publishing import ExportDialog, PublishDialog

        self.autosaver.save_now("saved")  # the dialogs export what is stored: store it first
        dialog = (ExportDialog if kind == "export" else PublishDialog)(self.store, self.draft.id, self)
        dialog.exec()

    def export_dialog(self) -> None:
        self._publishing_dialog("export")

    def publish_dialog(self) -> None:
        self._publishing_dialog("publish")

    # -- tools and help ---------------------------------------------------------------------------
    def edit_dictionary(self) -> None:
        from . import dialogs

        box = dialogs.DictionaryDialog(self.store, self)
        box.exec()
        if box.changed:
            if self.grammar is not None:
                self.grammar.set_dictionary(self.store.dictionary.words())
            self.lint.run_now()

    def show_shortcuts(self) -> None:
        from . import dialogs

        dialogs.show_html(self, "Keyboard shortcuts", dialogs.shortcuts_html(shortcut_table()), 420, 560)

    def about(self) -> None:
        from . import dialogs

        dialogs.about(self)

    _laid_out = False

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._laid_out:  # sizes apply well only once the window has its size
            self._laid_out = True
            self.layout_state.restore()

    # -- palette --------------------------------------------------------------------------------------
    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange):
            self.apply_palette()
        elif event.type() == QEvent.ActivationChange and self.isActiveWindow() and not self._closing:
            self.conflicts.check_external_change()
        super().changeEvent(event)

    def apply_palette(self) -> None:
        new = palette_colors(QApplication.palette())
        if new.dark == self.colors.dark:
            return
        self.colors = new
        self.editor.set_colors(new)
        for w in (self.lint_panel, self.seo_panel, self.status, self.banner, self.history_panel):
            w.set_colors(new)
        self.preview.set_dark(is_dark(QApplication.palette()))

    # -- closing -----------------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802
        if self._closing:  # already shut down
            event.accept()
            return
        if not self._finish_saving():
            event.ignore()
            return
        self._closing = True
        self._save_layout()
        self.hide()  # gone at once; background work may take a moment to stop
        self.shutdown()
        event.accept()

    def _finish_saving(self) -> bool:
        """Save everything; if that fails, let the user decide. False: stay open."""
        from . import dialogs

        self._save_cursor()
        while True:
            if self.autosaver.flush(10.0) or self.store.read_only:
                return True
            choice = dialogs.unsaved_on_close(self, self.autosaver.message)
            if choice == "retry":
                continue
            if choice == "discard":
                return True
            if choice == "file":
                if self._save_text_to_file():
                    return True
                continue
            return False

    def _save_text_to_file(self) -> bool:
        import os
        import tempfile

        name, _ = QFileDialog.getSaveFileName(self, "Save the text to a file", str(Path.home() / "draft.md"),
                                              "Markdown (*.md);;All files (*)")
        if not name:
            return False
        texts = [self.editor.text()] if self.autosaver.dirty else []
        texts += [o.text for o in self.autosaver.orphans.values()]
        target = Path(name)
        try:
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".deskeditor-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write("\n\n".join(texts))
            os.replace(tmp, target)
        except OSError as exc:
            QMessageBox.warning(self, "Save to file", f"Cannot write {target}: {exc.strerror or exc}")
            return False
        return True

    def _save_layout(self) -> None:
        self.layout_state.save()
        self.settings.set_value("geometry", self.saveGeometry())
        self.settings.set_value("panel_tab", self.tabs.currentIndex())
        self.settings.sync()

    def shutdown(self) -> None:
        """Stop background work (idempotent). The store stays open: the caller owns it."""
        self._closing = True
        self._grammar_timer.stop()
        self._check_timer.stop()
        if self.grammar is not None and self.grammar.current is not None:
            self.grammar.current.cancel()  # a long check stops before its next block
        self.preview_sync.close()
        self.lint.enabled = False
        for w in (self.lint.worker, self.words_worker, self.history_panel.worker):
            w.close()
        self.pool.clear()
        self.pool.waitForDone(5000)
        self.save_worker.stop(10.0)
        if self.grammar is not None:
            self.grammar.stop()
        if self._lint_store is not None:
            self._lint_store.close()
            self._lint_store = None
