"""The open draft's site file kept in step with the draft.

After each save of a draft that belongs to a Hugo or Jekyll site, its file is
written through (``Workspace.save_through``) in the save thread, with the save
thread's own store, after the save itself. When the file had changed on disk
too, the two are merged; the merged text comes back into the editor the way a
change made elsewhere does (``ConflictResolver.check_external_change``), and an
overlapping change is a conflict the writer resolves (Site › Resolve
Conflict…). A re-scan of the open sites (``rescan``: when the window comes
back to the front, and every minute) brings in files changed outside.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from ...core.errors import DeskeditorError

RESCAN_MS = 60_000


class SiteSync(QObject):
    conflicted = Signal(int)  # a draft whose post changed on both sides, overlapping
    siteChanged = Signal()  # drafts were added or updated from disk: lists are out of date
    siteIndexed = Signal(int, object)  # the open draft's id, {"index", "path", "env"} or None: no site's post
    message = Signal(str, int)
    _outcome = Signal(int, str, str)  # draft id, what happened, the post's path (from the save thread)
    _scanned = Signal(object)  # [(root, SyncReport)] (from the save thread)
    _indexed = Signal(int, object)  # draft id, {"index", "path"} or None (from the save thread)

    def __init__(self, autosaver: Any, save_worker: Any, conflicts: Any, current: Callable[[], Any],
                 lint: Any = None, preview: Any = None, store: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store  # the window's connection: cheap looks before the save thread is asked
        self.save_worker, self.conflicts, self.current, self.lint = save_worker, conflicts, current, lint
        self.preview = preview
        self._indexed.connect(self._on_indexed)
        self._outcome.connect(self._on_outcome)
        self._scanned.connect(self._on_scanned)
        autosaver.saved.connect(self.write_through)
        self._timer = QTimer(self, interval=RESCAN_MS)
        self._timer.timeout.connect(self.rescan)
        self._timer.start()
        app = QCoreApplication.instance()
        if hasattr(app, "applicationStateChanged"):  # back to the front: files may have changed meanwhile
            app.applicationStateChanged.connect(
                lambda state: self.rescan() if state == Qt.ApplicationState.ApplicationActive else None)

    # -- after a save -----------------------------------------------------------------
    def write_through(self, draft_id: int, _version: int = 0) -> None:
        self.save_worker.call(lambda store: self._through(store, draft_id), self._failed)

    def _through(self, store, draft_id: int) -> None:  # save thread
        from ...core.site.workspace import Workspace

        found = Workspace.of_draft(store, draft_id)
        if found is None:
            return
        ws, link = found
        self._outcome.emit(draft_id, ws.save_through(draft_id), link.path)

    def _failed(self, _store, message: str) -> None:  # save thread
        self.message.emit(f"Cannot write the post's file: {message}", 10000)

    def _on_outcome(self, draft_id: int, outcome: str, path: str) -> None:
        if outcome == "written":
            self.message.emit(f"Saved to {path}", 3000)
        elif outcome in ("merged", "updated from disk"):
            self.conflicts.check_external_change()
            self.message.emit(f"{path} had changed on disk too: both changes are kept", 8000)
        elif outcome == "conflict":
            self.conflicted.emit(draft_id)
            self.message.emit(f"{path} changed on disk where you edited too: Site › Resolve Conflict…", 15000)

    # -- the open draft's site, for the lint ---------------------------------------------
    def draft_opened(self, draft: Any) -> None:
        if draft is None:
            return
        if not self._is_site_post(draft.id):  # most drafts: nothing to read, the save thread is left alone
            self._on_indexed(draft.id, None)
            return
        self.save_worker.call(lambda store: self._index(store, draft.id), self._failed)

    def _is_site_post(self, draft_id: int) -> bool:
        if self.store is None:
            return True
        try:
            return self.store.sites.file_of_draft(draft_id) is not None
        except DeskeditorError:
            return False

    def _index(self, store, draft_id: int) -> None:  # save thread
        from ...core.site.links import for_draft

        found = for_draft(store, draft_id)
        self._indexed.emit(draft_id, None if found is None else
                           {"index": found[0].to_dict(), "path": found[1],
                            "env": {**found[0].link_env(), **found[0].files_env(found[1])}})

    def _on_indexed(self, draft_id: int, snapshot: dict | None) -> None:
        draft = self.current()
        if draft is None or draft.id != draft_id:
            return
        if self.lint is not None:
            self.lint.set_site(draft_id, snapshot and {"index": snapshot["index"], "path": snapshot["path"]})
        if self.preview is not None:
            self.preview.set_links(snapshot["env"] if snapshot else {})
        self.siteIndexed.emit(draft_id, snapshot)

    # -- changes from outside ---------------------------------------------------------
    def rescan(self) -> None:
        """Bring every open site in step with its files (in the save thread)."""
        try:
            if self.store is not None and not self.store.sites.roots():
                return  # no site open: nothing to compare
        except DeskeditorError:
            return
        self.save_worker.call(self._scan, self._failed)

    def _scan(self, store) -> None:  # save thread
        from ...core.site.workspace import Workspace

        out = []
        if getattr(store, "read_only", False):
            return  # nothing can be brought in; the banner already says why
        for site in store.sites.roots():
            try:
                out.append((site.root, Workspace.find(store, site.root).sync()))
            except DeskeditorError as exc:
                out.append((site.root, str(exc)))
        self._scanned.emit(out)

    def _on_scanned(self, results) -> None:
        changed = False
        draft = self.current()
        for root, report in results:
            if isinstance(report, str):
                self.message.emit(f"Site {root}: {report}", 10000)
                continue
            changed = changed or report.changed()
            if report.conflicts:
                self.message.emit(f"{len(report.conflicts)} post(s) of {root} have conflicts: "
                                  f"Site › Resolve Conflict…", 15000)
        if changed:
            self.siteChanged.emit()
            if draft is not None:
                self.conflicts.check_external_change()
                # posts added, renamed or retitled outside: the open post's links,
                # images and related posts follow (each side redraws only on a change)
                self.draft_opened(draft)
