"""A draft changed elsewhere (another window, another process) while open here.

The save thread refuses to overwrite it (``ConflictError``); this module shows
the banner and carries out the user's choice: keep mine (overwrite theirs),
use theirs (mine becomes a new draft first, so nothing is lost), or compare.
On activation, a draft changed elsewhere while this window had no unsaved
edits is simply reloaded (as an undoable edit).
"""

from __future__ import annotations


from PySide6.QtCore import QObject

from ..core.errors import DeskeditorError
from .panels.diff import DARK, DiffStyle, side_by_side_html

BANNER = ("<b>This draft was changed elsewhere</b> (another window or program) since you opened it. "
          "Your text is safe here but not saved until you choose.")


class ConflictHandler(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.w = window
        window.autosaver.conflict.connect(self.on_conflict)

    def on_conflict(self, draft_id: int) -> None:
        w = self.w
        if w.draft is not None and draft_id == w.draft.id:
            w.banner.show_message("conflict", BANNER, [("Keep Mine", self.keep_mine),
                                                       ("Use Theirs", self.use_theirs),
                                                       ("Compare", self.compare)])
            return
        orphan = w.autosaver.orphans.get(draft_id)
        if orphan is not None and self.save_as_copy(draft_id, orphan.text, "unsaved copy") is not None:
            w.autosaver.resolve_adopted(draft_id, w.store.drafts.get(draft_id).version)

    def save_as_copy(self, draft_id: int, text: str, label: str) -> int | None:
        w = self.w
        try:
            title = w.store.drafts.get(draft_id).title
            copy = w.store.drafts.create(text, title=f"{title} ({label})")
        except DeskeditorError as exc:
            w.status.showMessage(f"Cannot save a copy: {exc}", 10000)
            return None
        w.library.refresh()
        w.status.showMessage(f"Your version was kept as a new draft: “{copy.title}”.", 10000)
        return copy.id

    def keep_mine(self) -> None:
        w = self.w
        theirs = w.store.drafts.get(w.draft.id)
        w.autosaver.resolve_keep_mine(theirs.version)
        w.banner.clear("conflict")

    def use_theirs(self) -> None:
        """Show the stored version; the editor's text becomes a new draft first."""
        w = self.w
        draft_id = w.draft.id
        if self.save_as_copy(draft_id, w.editor.text(), "my version") is None:
            return
        theirs = w.store.drafts.get(draft_id)
        w.draft = theirs
        w.editor.replace_text(theirs.body)
        w.autosaver.resolve_adopted(draft_id, theirs.version)
        w.banner.clear("conflict")
        w.update_title()

    def compare(self) -> None:
        from . import dialogs

        w = self.w
        theirs = w.store.drafts.get(w.draft.id)
        style = DARK if w.colors.dark else DiffStyle()
        dialogs.show_html(w, "Their version and yours",
                          side_by_side_html(theirs.body, w.editor.text(), "Saved elsewhere", "Yours", style))

    def check_external_change(self) -> None:
        """A draft saved elsewhere while we had no unsaved edits is reloaded."""
        w = self.w
        if w.draft is None or w.autosaver.dirty or w.save_worker.pending() or w.draft.id in w.autosaver.conflicted:
            return
        try:
            stored = w.store.drafts.get(w.draft.id)
        except DeskeditorError:
            return
        known = w.save_worker.version(w.draft.id)
        if known is None or stored.version == known:
            return
        if stored.body != w.editor.text():
            w.draft = stored
            w.editor.replace_text(stored.body)  # undoable
            w.status.showMessage("Reloaded: this draft was changed elsewhere.", 8000)
        w.autosaver.resolve_adopted(stored.id, stored.version)
