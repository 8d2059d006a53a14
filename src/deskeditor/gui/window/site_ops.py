"""The Site menu: open a Hugo or Jekyll site, make a new post in it, keep it
in step, resolve a post's conflict, and git's commit, pull and push.

Long work runs in a ``SiteJobDialog`` (its own thread and store; progress and
Cancel where it can stop). What must follow a save (the post's file written
through) is the session's ``SiteSync``; this object only adds the commands,
and the SEO panel's Related posts (``RelatedPosts``: a site's or a WordPress
site's posts to link to, inserted at the cursor). It is handed the session
and the window it parents its dialogs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from ...core.errors import DeskeditorError
from ..dialogs.site import ConflictDialog, SiteJobDialog, SiteStatusDialog, describe, with_store
from ..session.draft_session import DraftSession
from ..session.related_posts import RelatedPosts
from ..session.site_sync import SiteSync


class SiteOps(QObject):
    message = Signal(str, int)

    def __init__(self, session: DraftSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.sync = SiteSync(session.autosaver, session.save_worker, session.conflicts,
                             lambda: session.draft, session.lint, session.preview_sync, session.store, self)
        self.related = RelatedPosts(session.editor, session.pool, session.save_worker, session.store,
                                    lambda: _stored_fields(session.draft), self)
        session.draftOpened.connect(self.related.draft_opened)  # before the site's index can come
        session.draftOpened.connect(self.sync.draft_opened)
        session.reportReady.connect(self.related.refresh)
        self.sync.siteIndexed.connect(self.related.set_site)
        self.sync.message.connect(self.message)
        self.sync.siteChanged.connect(session.libraryChanged)
        self.sync.conflicted.connect(self._conflicted)
        self.dialog: QWidget | None = None  # the last dialog shown (tests and screenshots look at it)

    def attach_seo(self, panel) -> None:
        """The SEO panel's Related posts follow the open draft; Insert Link puts
        the link at the editor's cursor."""
        self.related.changed.connect(panel.related.set_posts)
        panel.related.insertRequested.connect(self.insert_link)

    def insert_link(self, markdown: str) -> None:
        """Put a link to another post at the cursor, as one undoable edit."""
        editor = self.session.editor
        if self.session.draft is None or editor.isReadOnly():
            return
        editor.textCursor().insertText(markdown)
        editor.setFocus()
        self.message.emit(f"Inserted {markdown}", 5000)

    @property
    def db_path(self) -> Path:
        return self.session.store.path

    def _run(self, title: str, what: str, fn, on_done=None) -> SiteJobDialog:
        self.session.flush(5.0)  # what the editor holds is stored (and written through) first
        dialog = SiteJobDialog(title, what, with_store(self.db_path, fn), self.parent())
        dialog.job.done.connect(lambda outcome: self._after(outcome, on_done))
        dialog.job.failed.connect(lambda exc: self.message.emit(" ".join(str(exc).split()), 15000))
        self.dialog = dialog
        dialog.open()
        dialog.start()
        return dialog

    def _after(self, outcome, on_done) -> None:
        self.message.emit(describe(outcome), 10000)
        self.session.libraryChanged.emit()
        self.session.conflicts.check_external_change()
        if on_done is not None:
            on_done(outcome)

    # -- the menu's commands ----------------------------------------------------------
    def open_site(self, path: str | None = None) -> SiteJobDialog | None:
        if path is None:
            path = QFileDialog.getExistingDirectory(self.parent(), "Open a Hugo or Jekyll site")
            if not path:
                return None

        def work(store, report, cancelled):
            from ...core.site.workspace import Workspace

            return Workspace.open(store, path, progress=lambda d, t, p: report((d, t, p)), cancelled=cancelled)

        return self._run("Open Site", f"Opening {path}…", work)

    def sync_now(self) -> SiteJobDialog:
        def work(store, report, cancelled):
            from ...core.site.workspace import SyncReport, Workspace

            total = SyncReport()
            for site in store.sites.roots():
                r = Workspace.find(store, site.root).sync(progress=lambda d, t, p: report((d, t, p)),
                                                          cancelled=cancelled)
                for name in total.to_dict():
                    getattr(total, name).extend(getattr(r, name))
            return total

        return self._run("Sync Sites", "Comparing every post with its file…", work)

    def _workspace(self, quiet: bool = False):
        from ...core.site.workspace import Workspace

        draft = self.session.draft
        found = Workspace.of_draft(self.session.store, draft.id) if draft is not None else None
        if found is None and not quiet:
            self.message.emit("The open draft is not a post of a site (Site › Open Site…)", 8000)
        return found

    def _git(self, title: str, what: str, call: str, *args) -> SiteJobDialog | None:
        found = self._workspace()
        if found is None:
            return None
        root = str(found[0].root)

        def work(store, report, cancelled):
            from ...core.site.workspace import Workspace

            ws = Workspace.find(store, root)
            if call == "commit":
                return ws.commit(args[0], gate=_gate(store))
            return getattr(ws, call)()

        return self._run(title, what, work)

    def new_post(self, title: str | None = None, root: str | None = None) -> SiteJobDialog | None:
        """A new post in the open draft's site (or the only site, or the one
        chosen), named by the generator's convention; it opens when made."""
        roots = [site.root for site in self.session.store.sites.roots()]
        if root is None:
            found = self._workspace(quiet=True)
            root = str(found[0].root) if found is not None else (roots[0] if len(roots) == 1 else None)
        if root is None and roots:
            root, ok = QInputDialog.getItem(self.parent(), "New Post", "In which site:", roots, 0, False)
            if not ok:
                return None
        if root is None:
            self.message.emit("No site is open: Site › Open Site… first", 8000)
            return None
        if title is None:
            title, ok = QInputDialog.getText(self.parent(), "New Post", "The post's title:")
            if not ok:
                return None
        if not title.strip():
            self.message.emit("A new post needs a title", 5000)
            return None

        def work(store, report, cancelled):
            from ...core.site.workspace import Workspace

            draft_id, path = Workspace.find(store, root).new_post(title.strip())
            return NewPost(draft_id, path, f"New post {path}")

        return self._run("New Post", f"Making “{title.strip()}”…", work,
                         on_done=lambda made: self.session.open_draft(made.draft_id))

    def commit(self, message: str | None = None) -> SiteJobDialog | None:
        if message is None:
            message, ok = QInputDialog.getText(self.parent(), "Commit", "What changed (the commit message):")
            if not ok or not message.strip():
                return None
        return self._git("Commit", "Checking the changed posts, then committing…", "commit", message)

    def pull(self) -> SiteJobDialog | None:
        return self._git("Pull", "Pulling from the site's remote…", "pull")

    def push(self) -> SiteJobDialog | None:
        return self._git("Push", "Pushing to the site's remote…", "push")

    def show_status(self) -> SiteStatusDialog:
        from ...core.site.workspace import Workspace

        rows = []
        for site in self.session.store.sites.roots():
            try:
                rows.append((site.root, Workspace.find(self.session.store, site.root).status()))
            except DeskeditorError as exc:
                self.message.emit(f"{site.root}: {exc}", 10000)
        self.dialog = SiteStatusDialog(rows, self.parent())
        self.dialog.open()
        return self.dialog

    # -- conflicts ----------------------------------------------------------------------
    def _conflicted(self, draft_id: int) -> None:
        draft = self.session.draft
        if draft is not None and draft.id == draft_id:
            self.resolve_conflict()

    def resolve_conflict(self) -> ConflictDialog | None:
        found = self._workspace()
        if found is None:
            return None
        ws, link = found
        if not link.conflict:
            self.message.emit(f"{link.path} has no conflict", 5000)
            return None
        self.session.flush(5.0)
        try:
            _link, merged = ws.conflict(link.draft_id)
        except DeskeditorError as exc:
            self.message.emit(str(exc), 10000)
            return None
        dialog = ConflictDialog(link.path, merged, self.parent())
        dialog.accepted.connect(lambda: self._resolve(ws, link.draft_id, dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _resolve(self, ws, draft_id: int, dialog: ConflictDialog) -> None:
        try:
            if dialog.take:
                ws.resolve(draft_id, take=dialog.take)
            else:
                ws.resolve(draft_id, hunks=dialog.choices)
        except DeskeditorError as exc:
            self.message.emit(f"Cannot resolve: {exc}", 10000)
            return
        self.session.conflicts.check_external_change()
        self.message.emit("Conflict resolved: the post and the draft now hold the same text", 8000)


@dataclass(frozen=True)
class NewPost:
    draft_id: int
    path: str
    message: str  # what the status bar says (``dialogs.site.describe``)


def _stored_fields(draft) -> dict:
    return {"title": draft.title, "keyphrase": draft.keyphrase} if draft is not None else {}


def _gate(store):
    """The publication gate for a commit, without grammar (a commit must not
    wait for LanguageTool): a draft with unresolved errors blocks it."""
    from ...core.export import gate

    def check(draft_id: int) -> list[str]:
        result = gate.check(store, store.drafts.get(draft_id))
        return [result.summary()] if result.blocked else []

    return check
