"""The review on screen: the Review menu, suggest mode, the Review panel, marks
in colour in the editor and the preview's track-changes / all-accepted switch.

It is handed what it works on: the editor, what owns the open draft (its
``draft``, ``autosaver``, ``preview_sync`` and ``apply_fields``), the store,
the side tabs, the status bar and the menu bar.

Every accept or reject is one undoable edit of the editor's text and a saved
revision whose note says what was done and by whom. Who made a suggestion is
kept in the draft's table of mark authors (``core.review.service``), so the
Markdown stays plain CriticMarkup. A draft that is "in review" opens in
suggest mode.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QTextEdit, QToolButton

from ...core.review import marks as critic
from ...core.review import service
from ..editor.suggest import SuggestMode, comment
from .review import ReviewPanel

REFRESH_MS = 250  # after typing stops: the panel, the colours
COLOUR_LIMIT = 2_000_000  # characters: larger drafts are not scanned for marks on the GUI thread
INS, DEL, NOTE, HIGHLIGHT = "#1a7f37", "#cf222e", "#9a6700", "#fff3b0"


def _formats() -> dict[str, QTextCharFormat]:
    ins, dele, note, hl = QTextCharFormat(), QTextCharFormat(), QTextCharFormat(), QTextCharFormat()
    # A faint tint behind insertions and deletions, on light and dark themes: besides
    # showing them, it makes Qt draw a mark that touches the one before it
    # ("{++a++}{++b++}", as suggestions split between reviewers are), which it
    # skips for a selection that has no background.
    ins.setForeground(QColor(INS))
    ins.setBackground(QColor(0x1A, 0x7F, 0x37, 28))
    ins.setFontUnderline(True)
    ins.setFontStrikeOut(False)  # the Markdown highlighter strikes "~~…~~" through a substitution's new text
    dele.setForeground(QColor(DEL))
    dele.setBackground(QColor(0xCF, 0x22, 0x2E, 24))
    dele.setFontStrikeOut(True)
    note.setForeground(QColor(NOTE))
    note.setFontItalic(True)
    note.setBackground(QColor(HIGHLIGHT).lighter(108))
    hl.setBackground(QColor(HIGHLIGHT))
    return {"ins": ins, "del": dele, "note": note, "hl": hl}


class ReviewView(QObject):
    def __init__(self, *, editor, session, store, tabs, status, menu_bar, closing: Callable[[], bool],
                 parent) -> None:
        super().__init__(parent)
        self.editor, self.session, self.store, self.closing = editor, session, store, closing
        self.tabs, self.status = tabs, status
        self.suggest = SuggestMode(editor)
        self.suggest.owns, self.suggest.inherit = self.owns, self.inherit
        self.panel = ReviewPanel()
        self.panel.jump.connect(editor.select_range)
        self.panel.act.connect(self.apply)
        tabs.addTab(self.panel, "Review")
        self.formats = _formats()
        self.marks: list[critic.Mark] = []
        self._draft_id: int | None = None
        self._known: set[tuple] = set()  # the marks the draft came with, and those whose author is settled
        self._table: dict[tuple, tuple[str, str]] = {}  # the draft's table of mark authors, as last read
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        editor.add_edit_listener(self._timer.start)
        self.actions = self._build_menu(menu_bar, parent)
        self.badge = QToolButton()
        self.badge.setDefaultAction(self.actions["suggest"])
        self.badge.setAutoRaise(True)
        status.addPermanentWidget(self.badge)
        self.suggest.toggled.connect(self._suggest_toggled)

    # -- the menu -------------------------------------------------------------
    def _build_menu(self, bar, w) -> dict[str, QAction]:
        menu = QMenu("&Review", w)
        tools = next((a for a in bar.actions() if a.text() == "&Tools"), None)
        bar.insertMenu(tools, menu) if tools is not None else bar.addMenu(menu)
        rows = [
            ("suggest", "&Suggest Changes", "Ctrl+Alt+S", True, self.suggest.set_on),
            ("comment", "&Comment", "Ctrl+Alt+M", False, self.comment),
            None,
            ("accept_all", "&Accept All", None, False, lambda: self.apply("accept", -1)),
            ("reject_all", "&Reject All", None, False, lambda: self.apply("reject", -1)),
            ("panel", "Show Review &Panel", "Ctrl+Alt+R", False, self.show_panel),
            ("accepted_preview", "Preview as if All &Accepted", None, True, self.preview_accepted),
            None,
            ("send", "Send for Re&view", None, False, lambda: self.move("review")),
            ("approve", "A&pprove", None, False, lambda: self.move("approve")),
        ]
        out = {}
        for row in rows:
            if row is None:
                menu.addSeparator()
                continue
            name, text, key, checkable, slot = row
            action = QAction(text, w, checkable=checkable)
            if key:
                action.setShortcut(QKeySequence(key))
            if checkable:
                action.toggled.connect(slot)
            else:
                action.triggered.connect(lambda _c=False, s=slot: s())
            menu.addAction(action)
            w.addAction(action)  # shortcuts work with the menu bar hidden
            out[name] = action
        out["suggest"].setStatusTip("Typing suggests insertions, deletions and replacements (CriticMarkup)")
        return out

    def _suggest_toggled(self, on: bool) -> None:
        self.actions["suggest"].setChecked(on)
        self.badge.setText("Suggesting" if on else "Editing")

    # -- showing ---------------------------------------------------------------
    def refresh(self) -> None:
        draft = self.session.draft
        if draft is None or self.closing():
            return
        text = self.editor.text()
        self.marks = critic.find_marks(text) if len(text) <= COLOUR_LIMIT else []
        if draft.id != self._draft_id:  # another draft is shown
            self._draft_id = draft.id
            self._known = {service.signature(m) for m in self.marks}
            self.suggest.set_on(draft.status == service.IN_REVIEW)  # a draft in review opens suggesting
        self._remember_authors()
        self._table = service.authors(self.store, draft.id)
        self.panel.show_marks(self.marks, text, self._table)
        self._colour(text)

    def _remember_authors(self) -> None:
        """Suggestions and comments made here in suggest mode are signed by the reviewer."""
        if not self.suggest.on or self.store.read_only:
            return
        for m in self.marks:
            if service.signature(m) not in self._known:
                self._known.add(service.signature(m))
                service.record_author(self.store, self._draft_id, m, self.who())

    def owns(self, mark: critic.Mark) -> bool:
        """Whether ``mark`` is the reviewer's own (suggest mode extends it rather than
        starting a mark beside it): signed by them, or unsigned and made since the
        draft was opened (what is being typed now is signed when typing stops)."""
        sig = service.signature(mark)
        who = mark.author or self._table.get(sig, ("", ""))[0]
        if who:
            return who == self.who()
        return sig not in self._known

    def inherit(self, mark: critic.Mark, pieces: tuple[critic.Mark, ...]) -> None:
        """Someone else's ``mark`` was split by the reviewer's edit: its ``pieces``
        keep its author (and are never signed by the reviewer)."""
        who, when = self._table.get(service.signature(mark), ("", ""))
        for piece in pieces:
            sig = service.signature(piece)
            self._known.add(sig)
            if who:
                self._table[sig] = (who, when)
                if self._draft_id is not None and not self.store.read_only:
                    service.record_author(self.store, self._draft_id, piece, who, when=when)

    def _colour(self, text: str) -> None:
        umap = self.editor.utf16_map()
        doc = self.editor.document()
        sels = []

        def add(a: int, b: int, fmt: str) -> None:
            if b <= a:
                return
            sel = QTextEdit.ExtraSelection()
            c = QTextCursor(doc)
            c.setPosition(umap.to_utf16(a))
            c.setPosition(umap.to_utf16(b), QTextCursor.KeepAnchor)
            sel.cursor, sel.format = c, self.formats[fmt]
            sels.append(sel)

        for m in self.marks:
            if m.kind == critic.INSERT:
                add(m.start, m.end, "ins")
            elif m.kind == critic.DELETE:
                add(m.start, m.end, "del")
            elif m.kind == critic.SUBSTITUTE:  # "~>" is left uncoloured, between the old text and the new
                add(m.start, m.drop[0][1], "del")
                add(m.keep[0][0], m.end, "ins")
            else:
                if m.kind == critic.HIGHLIGHT:
                    add(m.start, m.keep[0][1] + 3, "hl")
                for c in m.comments:
                    add(c.start, c.end, "note")
        self.editor.set_layer("review", sels)

    def show_panel(self) -> None:
        self.tabs.setCurrentWidget(self.panel)
        self.refresh()

    def preview_accepted(self, on: bool) -> None:
        sync = self.session.preview_sync
        sync.transform = critic.accepted_text if on else None
        sync.reset()

    # -- acting ------------------------------------------------------------------
    def who(self) -> str:
        return self.store.settings.get("review.name") or service.reviewer()

    def comment(self) -> None:
        if self.session.draft is None or self.editor.isReadOnly():
            return
        comment(self.editor, self.who())
        self.editor.setFocus()

    def apply(self, action: str, index: int) -> None:
        """Accept or reject mark ``index`` (-1: all): one undoable edit, one revision."""
        if self.session.draft is None or self.editor.isReadOnly():
            return
        text = self.editor.text()
        marks = critic.find_marks(text)
        if not marks or index >= len(marks):
            return
        fn = critic.accept if action == "accept" else critic.reject
        self.editor.replace_text(fn(text, None if index < 0 else index))
        what = f"all {len(marks)} marks" if index < 0 else f"mark {index + 1} ({marks[index].kind})"
        self.session.autosaver.save_now(f"review: {action}ed {what} by {self.who()}")
        self.refresh()

    def move(self, step: str) -> None:
        """Send for review or approve: the status in the front matter, saved with who and when."""
        s = self.session
        if s.draft is None or self.editor.isReadOnly():
            return
        text = self.editor.text()
        if step == "approve" and any(critic.pending(critic.find_marks(text))):
            self.status.showMessage("Cannot approve: accept or reject every suggestion and resolve every comment first",
                                 10000)
            return
        target = service.IN_REVIEW if step == "review" else service.APPROVED
        before = s.draft.status
        s.apply_fields({"status": target})
        s.autosaver.save_now(f"status: {before} -> {target} by {self.who()} at {service._now()}")
        self.suggest.set_on(target == service.IN_REVIEW)
