"""DraftSession: the draft that is open, and everything that follows it.

It owns what happens to the open draft: loading it into the editor (or
holding it back when a line is too long to show), autosave and the save
thread, conflicts with other windows, lint and preview scheduling, the word
count, the grammar checker's state, restoring revisions, writing fields into
the front matter, and the library's writes (new, duplicate, trash, restore).

It builds no widget. It is handed the editor (the text it edits: the lint and
preview controllers follow it) and the preview surface, and tells the window
what happened through typed signals; the window decides how to show it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from ...core.errors import DeskeditorError, InputError
from ...core.markdown import frontmatter
from ...core.model import Draft, Revision
from ...core.store import Store, count_words
from ..editor import MarkdownEditor
from ..editor.longlines import LONG_LINE, break_long_lines, longest_line
from ..jobs.workers import LatestOnly
from ..preview.surface import PreviewSurface
from ..preview.welcome import WELCOME
from .autosave import AutoSaver, SaveState
from .conflicts import ConflictResolver
from .fields import draft_fields, extra_fields, first_paragraph
from .grammar_control import GrammarControl
from .lint_controller import LintController, fields_for, lint_spec
from .live_preview import PreviewSync
from .saving import SaveWorker

if TYPE_CHECKING:
    from ...worker.lint import LintSpec

WORDS_DELAY_MS = 400
NEW_DRAFT = "\n"  # the body under the front matter; the title is a field (README: "The title")


def open_save_store(path) -> Store:
    """The save thread's own connection to the database file."""
    return Store.open(path, check=False)


class DraftSession(QObject):
    draftOpened = Signal(object)  # the Draft now in the editor, or None: no draft is open
    draftHeld = Signal(object, int)  # a Draft held back from the editor, and its longest line
    draftChanged = Signal(object)  # the open Draft's stored fields changed (a save, their version)
    saved = Signal(int)  # a save of the open draft landed: its new version
    saveStateChanged = Signal(object, str)  # SaveState, one line for the status bar
    reportReady = Signal(object)  # a LintReport, its findings on the current text
    libraryChanged = Signal()  # drafts were added, renamed or moved: a list of them is out of date
    wordsCounted = Signal(int)
    message = Signal(str, int)  # a line for the status bar, for so many ms

    def __init__(self, store: Store, editor: MarkdownEditor, preview: PreviewSurface, pool: QThreadPool, *,
                 grammar: bool = True, lint_engines: tuple[str, ...] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.editor, self.pool = store, editor, pool
        self.draft: Draft | None = None  # the open draft, as stored
        self.held = False  # the open draft is held back from the editor (a line too long)
        self._held_text = ""
        self._fresh: tuple[int, str] | None = None  # a new draft, and its text until the user types
        self.started = False  # what waits for the first paint has started
        self.closing = False
        self._lint_engines = lint_engines
        path = store.path
        self.save_worker = SaveWorker(lambda: open_save_store(path), self._deliver_save)
        self.autosaver = AutoSaver(self.save_worker, self, read_only=store.read_only)
        self.save_worker.start()
        self.conflicts = ConflictResolver(store, self.autosaver, self.save_worker, editor, lambda: self.draft, self)
        self.grammar = GrammarControl(store, grammar, self)
        self.lint = LintController(editor, store, pool, self._make_runner, self)
        self.preview_sync = PreviewSync(editor, preview, pool, self)
        self.words_worker = LatestOnly(pool, self)
        self._words_timer = QTimer(self, singleShot=True, interval=WORDS_DELAY_MS)
        editor.add_edit_listener(self._words_timer.start)
        self._words_timer.timeout.connect(self.count_words)
        self.words_worker.finished.connect(lambda _version, words: self.wordsCounted.emit(words))
        # one word count everywhere: the SEO analysis's (Yoast's), when it runs
        self._words_from_report = lint_engines is None or "seo" in lint_engines
        self.lint.reportReady.connect(self._report_words)
        self.autosaver.stateChanged.connect(self.saveStateChanged)
        self.autosaver.saved.connect(self._on_saved)
        self.conflicts.adopted.connect(self._adopted)
        self.conflicts.copied.connect(lambda _copy: self.libraryChanged.emit())
        self.conflicts.message.connect(self.message)
        self.lint.reportReady.connect(self.reportReady)
        self.lint.checking.connect(self.grammar.checking)
        self.grammar.ready.connect(self.lint.run_now)
        self.grammar.message.connect(self.message)

    def _deliver_save(self, result) -> None:  # save thread
        self.autosaver.deliver(result)

    # -- after the first paint -------------------------------------------------------
    def start(self) -> None:
        """The sources the preview links citations from (before the preview renders)."""
        self.started = True
        self.preview_sync.sources = self.sources() if not self.store.read_only else {}

    def start_checks(self) -> None:
        """The grammar server, the first word count and lint run."""
        self.grammar.start()
        if self.draft is not None and not self.held:
            self.count_words()
            self.lint.set_draft(self.draft.id, draft_fields(self.draft))

    # -- opening and leaving drafts ------------------------------------------------------
    def open_initial(self, last: int) -> None:
        """Open draft ``last`` if it is still there, else the newest, else none."""
        ids = [d["id"] for d in self.store.drafts.summaries()]
        target = last if last in ids else (ids[0] if ids else None)
        if target is not None:
            self.open_draft(target)
        else:
            self._show_none()

    def open_draft(self, draft_id: int) -> bool:
        """Show draft ``draft_id`` (the open one is saved first)."""
        if self.draft is not None and draft_id == self.draft.id:
            return True
        self._leave()
        orphan = self.autosaver.orphans.get(draft_id)
        if orphan is not None:  # its save is still in flight: let it land first
            self.autosaver.flush(5.0)
            orphan = self.autosaver.orphans.get(draft_id)
        try:
            draft = self.store.drafts.get(draft_id)
            cursor = self.store.drafts.cursor(draft_id)
        except DeskeditorError as exc:
            self.message.emit(f"Cannot open draft {draft_id}: {exc}", 10000)
            self._show_none()
            return False
        text = orphan.text if orphan is not None else draft.body
        if longest_line(text) > LONG_LINE:
            self._hold(draft, text)
        else:
            self._show(draft, cursor, orphan.text if orphan is not None else None)
        return True

    def _show_none(self) -> None:
        self.draft = None
        self.held = False
        self.preview_sync.empty_page = [WELCOME]
        self.editor.load_text("")
        self.editor.setReadOnly(True)
        self.draftOpened.emit(None)

    def _show(self, draft: Draft, cursor: int, unsaved: str | None = None, note: str = "") -> None:
        """Put ``draft`` in the editor (``unsaved``: newer text not yet stored,
        saved at once with ``note``) and point everything else at it."""
        self.draft = draft
        self.held = False
        self.preview_sync.empty_page = []
        self.editor.setReadOnly(self.store.read_only)
        self.editor.load_text(unsaved if unsaved is not None and note else draft.body)
        self.autosaver.attach(draft.id, draft.version, self.editor)
        if unsaved is not None and not note:  # text that could not be saved yet: keep showing it
            self.editor.replace_text(unsaved)
            self.autosaver.orphans.pop(draft.id, None)
        if note:
            self.autosaver.save_now(note)
        self.editor.set_cursor_offset(cursor)
        if self.started:  # else start and start_checks do it, once the window has painted
            self.sources_changed()
            self.preview_sync.reset()
            self.count_words()
            self.lint.set_draft(draft.id, draft_fields(draft))
        self.draftOpened.emit(draft)

    def _hold(self, draft: Draft, text: str) -> None:
        """A draft with a line so long that Qt would freeze on it is not put in
        the editor until the user says how (``break_long_lines`` or ``show_anyway``)."""
        self.draft = draft
        self.held = True
        self.preview_sync.empty_page = []
        self._held_text = text
        self.editor.load_text("")
        self.editor.setReadOnly(True)
        self.lint.hold()
        self.preview_sync.reset()
        self.draftHeld.emit(draft, longest_line(text))

    def break_long_lines(self) -> None:
        """Show the held draft with its paragraph lines broken at spaces (saved at once)."""
        if self.held:
            self._show(self.draft, 0, break_long_lines(self._held_text), note="broke long lines")

    def show_anyway(self) -> None:
        if self.held:
            text = self._held_text
            self._show(self.draft, 0, None if text == self.draft.body else text)

    def close_draft(self) -> None:
        """Leave the open draft (saved) and show none."""
        self._leave()
        self.draft = None

    def _leave(self) -> None:
        if self.draft is None:
            return
        self.save_cursor()
        self.autosaver.detach()
        self._drop_if_untouched()

    def _drop_if_untouched(self) -> None:
        """A new draft left as it was made goes to the trash (restorable), so
        empty "Untitled" drafts do not pile up in the library."""
        fresh, self._fresh = self._fresh, None
        if fresh is None or self.draft is None or fresh != (self.draft.id, self.editor.text()):
            return
        try:
            self.store.drafts.trash(fresh[0])
        except (DeskeditorError, sqlite3.Error):
            return  # kept: nothing lost
        self.libraryChanged.emit()

    def save_cursor(self) -> None:
        if self.draft is None or self.store.read_only:
            return
        draft_id, offset = self.draft.id, self.editor.cursor_offset()
        self.save_worker.call(lambda store: store.drafts.set_cursor(draft_id, offset))

    def current_id(self) -> int | None:
        return self.draft.id if self.draft is not None else None

    # -- saving ------------------------------------------------------------------------------
    def save_revision(self, note: str = "saved") -> None:
        self.autosaver.save_now(note)

    @property
    def save_state(self) -> SaveState:
        return self.autosaver.state

    def _on_saved(self, draft_id: int, version: int) -> None:
        if self.draft is None or draft_id != self.draft.id:
            self.libraryChanged.emit()
            return
        old_title, old_status = self.draft.title, self.draft.status
        stored = self.autosaver.last_saved
        if stored is not None and stored.id == draft_id and stored.version == version:
            self.draft = stored  # as the save thread stored it: no 25 MB read on the GUI thread
        else:
            try:
                self.draft = self.store.drafts.get(draft_id)
            except DeskeditorError:
                return
        if (self.draft.title, self.draft.status) != (old_title, old_status):
            self.libraryChanged.emit()
            self.draftChanged.emit(self.draft)
        self.saved.emit(version)

    def _adopted(self, draft: Draft) -> None:
        self.draft = draft
        self.draftChanged.emit(draft)

    def flush(self, timeout: float = 10.0) -> bool:
        """Save everything now and wait; True when nothing is left unsaved (or nothing can be saved)."""
        return self.autosaver.flush(timeout) or self.store.read_only

    def unsaved_texts(self) -> list[str]:
        """The texts the store would not take: the editor's, those of drafts left."""
        texts = [self.editor.text()] if self.autosaver.dirty else []
        return texts + [o.text for o in self.autosaver.orphans.values()]

    # -- revisions and fields --------------------------------------------------------------
    def history(self) -> list[Revision]:
        return self.store.drafts.history(self.draft.id) if self.draft is not None else []

    def revision_text(self, number: int) -> str:
        return self.store.drafts.revision_text(self.draft.id, number)

    def restore_revision(self, number: int, text_only: bool = False) -> None:
        """Bring back revision ``number`` as an undoable edit, saved as a new
        revision; ``text_only``: its text under the current front matter."""
        if self.draft is None or self.editor.isReadOnly():
            return
        try:
            text = self.revision_text(number)
        except DeskeditorError as exc:
            self.message.emit(f"Cannot read revision {number}: {exc}", 10000)
            return
        if text_only:
            current = self.editor.text()
            text = current[: len(current) - len(frontmatter.body_of(current))] + frontmatter.body_of(text)
        self.editor.replace_text(text)
        self.autosaver.save_now(f"restored revision {number}")
        self.message.emit(f"Restored revision {number} (Undo brings your text back).", 8000)

    def fields(self) -> dict[str, Any]:
        """The open draft's fields as its text says now ({} with no draft)."""
        return fields_for(self.editor.text(), draft_fields(self.draft)) if self.draft is not None else {}

    def snippet(self) -> tuple[dict[str, Any], str, str | None]:
        """What the SEO snippet shows: the fields, the first paragraph, the site's URL."""
        text = self.editor.text()
        base = self.store.settings.get("site_url", "https://example.com") if not self.store.read_only else None
        fields = {**extra_fields(text), **self.fields()}
        return fields, first_paragraph(text), base if isinstance(base, str) else None

    def apply_fields(self, changes: dict[str, Any]) -> bool:
        """Write draft fields into the front matter (one undoable edit)."""
        if self.draft is None or self.editor.isReadOnly():
            return False
        try:
            new = frontmatter.with_fields(self.editor.text(), **changes)
        except InputError as exc:
            self.message.emit(f"Cannot change the front matter: {exc}", 10000)
            return False
        self.editor.replace_text(new)
        return True

    def retitle(self, title: str) -> bool:
        """Set the title field (one undoable edit). A leading ``# heading`` that
        was the title moves out of the body: the title lives in the front
        matter only (README: "The title")."""
        from ...core.export.post import strip_title_heading

        if self.draft is None or self.editor.isReadOnly():
            return False
        old = str(self.fields().get("title") or "")
        try:
            new = frontmatter.with_fields(self.editor.text(), title=title)
        except InputError as exc:
            self.message.emit(f"Cannot change the front matter: {exc}", 10000)
            return False
        body = frontmatter.body_of(new)
        stripped = strip_title_heading(body, old) if old else body
        if stripped != body:
            new = new[: len(new) - len(body)] + "\n" + stripped
        self.editor.replace_text(new)
        return True

    # -- the library's writes ----------------------------------------------------------------
    def create(self, make: Callable[[], Draft]) -> bool:
        """Make a draft with ``make`` and open it."""
        if self.store.read_only:
            self.message.emit("The database is read-only: no new drafts.", 8000)
            return False
        try:
            draft = make()
        except DeskeditorError as exc:
            self.message.emit(f"Cannot create the draft: {exc}", 10000)
            return False
        self.libraryChanged.emit()
        self.open_draft(draft.id)
        return True

    def new_draft(self) -> bool:
        """A draft titled "Untitled" (the title is a field), the cursor in its
        empty body under the front matter."""
        if not self.create(lambda: self.store.drafts.create(NEW_DRAFT, title="Untitled", status="draft")):
            return False
        self.editor.set_cursor_offset(len(self.editor.text()))
        self._fresh = (self.draft.id, self.editor.text())
        return True

    def duplicate(self, draft_id: int) -> bool:
        if draft_id == self.current_id():
            self._fresh = None  # copied: the user wants it
            self.autosaver.flush(5.0)  # the copy gets what is on screen
        return self.create(lambda: self.store.drafts.duplicate(draft_id))

    def trash(self, draft_id: int) -> bool:
        """Move a draft to the trash; if it was open, the newest draft opens."""
        try:
            self.store.drafts.trash(draft_id)
        except DeskeditorError as exc:
            self.message.emit(f"Cannot move the draft to the trash: {exc}", 10000)
            return False
        if draft_id == self.current_id():
            self.close_draft()
        self.libraryChanged.emit()
        if self.draft is None:
            self.open_initial(draft_id)  # gone from the list: the newest opens
        self.message.emit("Moved to the trash (Draft › Show Trash to restore it).", 6000)
        return True

    def restore(self, draft_id: int) -> bool:
        """Bring a draft back from the trash, and open it."""
        try:
            self.store.drafts.restore(draft_id)
        except DeskeditorError as exc:
            self.message.emit(f"Cannot restore the draft: {exc}", 10000)
            return False
        self.libraryChanged.emit()
        self.open_draft(draft_id)
        return True

    # -- lint, words and sources -------------------------------------------------------------
    def _make_runner(self) -> "LintSpec":
        return lint_spec(self.grammar, self._lint_engines, self.preview_sync.sources)

    def lint_now(self) -> None:
        """Tools › Check Now: every engine, grammar too if a cancel paused it."""
        self.grammar.resume()
        self.lint.run_now()

    def dictionary_changed(self) -> None:
        """The personal dictionary changed: grammar learns it (the next check uses it)."""
        self.grammar.set_dictionary(self.store.dictionary.words())

    def _report_words(self, report) -> None:
        words = report.stats.get("words")
        if isinstance(words, int):
            self.wordsCounted.emit(words)

    def count_words(self) -> None:
        """Words without the SEO analysis (its engine off): the store's count."""
        if self._words_from_report:
            return
        text = self.editor.text()
        self.words_worker.submit(self.editor.version, lambda: count_words(text))

    def sources(self) -> dict[str, dict]:
        """The source library as a snapshot (key -> CSL-JSON), so workers never touch the store."""
        try:
            return {s.key: s.csl for s in self.store.sources.all()}
        except Exception:  # a read-only or damaged store: citations stay unresolved
            return {}

    def sources_changed(self) -> None:
        self.preview_sync.set_sources(self.sources())

    def text(self) -> str:
        return self.editor.text()

    # -- closing --------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop background work (idempotent). The store stays open: its opener owns it."""
        self._drop_if_untouched()
        self.closing = True
        self.grammar.halt()
        self.preview_sync.close()
        self.lint.enabled = False
        for w in (self.lint.worker, self.words_worker):
            w.close()
        self.pool.clear()
        self.pool.waitForDone(5000)
        self.save_worker.stop(10.0)
        self.grammar.stop()
