"""Suggest mode: typing makes CriticMarkup suggestions instead of changes.

While it is on, the editor's key presses go through ``SuggestMode`` (an event
filter): typed text becomes ``{++…++}``, Backspace and Delete wrap what they
would remove in ``{--…--}``, typing over a selection makes ``{~~old~>new~~}``.
Typing inside one's own insertion (or a substitution's new text) extends it;
inside someone else's it starts a mark of one's own and their text stays
theirs (``core.review.suggesting`` plans each edit; ``owns`` and ``inherit``
say whose marks are whose). Inside a comment, keys work as usual, so a
comment is typed like text. Pasting (or dropping) text suggests it like
typing; Cut and Delete of a selection, by key or from a menu, suggest
deleting it (``editor.remove_hook``) and Cut still copies the plain text.

Each keystroke is one edit on the document, so Undo works as usual; the
characters of one run of typing are joined into one undo step, as Qt joins
plain typing. Only the keystroke's own line is scanned for marks, so the cost
does not grow with the draft.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QTextCursor

from ...core.review import marks as critic
from ...core.review import suggesting
from .offsets import Utf16Map

_NAV = Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier


class SuggestMode(QObject):
    toggled = Signal(bool)

    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.on = False
        self._joinable = -1  # document position where the last typed character ended, or -1
        # Who marks belong to, filled in by the review view (``owns(mark)``; ``inherit(mark,
        # pieces)`` when someone else's mark is split): without them every mark is one's own.
        self.owns: suggesting.Owns = lambda _m: True
        self.inherit: Callable[[critic.Mark, tuple[critic.Mark, ...]], None] = lambda _m, _p: None

    def set_on(self, on: bool) -> None:
        if on == self.on:
            return
        self.on = on
        self._joinable = -1
        if on:
            self.editor.installEventFilter(self)
            self.editor.paste_hook = self._paste
            self.editor.remove_hook = self.remove_selection
        else:
            self.editor.removeEventFilter(self)
            self.editor.paste_hook = None
            self.editor.remove_hook = None
        self.toggled.emit(on)

    # -- the filter ----------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() != QEvent.KeyPress or self.editor.isReadOnly():
            return False
        key = event.key()
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
            self._joinable = -1
            return False
        if event.matches(QKeySequence.StandardKey.Cut):  # before Delete: Shift+Delete is Cut too
            self.editor.cut()  # through ``remove_hook``
            return True
        if key == Qt.Key_Backspace and not event.modifiers() & _NAV:
            return self.remove(forward=False)
        if key == Qt.Key_Delete and not event.modifiers() & _NAV:
            return self.remove(forward=True)
        if key in (Qt.Key_Return, Qt.Key_Enter):
            return self.type_text("\n")
        text = event.text()
        if text and text.isprintable() and not event.modifiers() & (Qt.ControlModifier | Qt.MetaModifier):
            return self.type_text(text)
        return False  # Paste arrives through ``paste_hook``

    def _paste(self, text: str) -> bool:
        """Pasted (or dropped) text is suggested as typed text is."""
        self._joinable = -1
        if text:
            self.type_text(text)
        self._joinable = -1
        return True

    # -- where the cursor is ---------------------------------------------------
    def _line(self, pos: int):
        """(the block's document position, its text, its marks, ``pos`` as a code
        point of the line)."""
        block = self.editor.document().findBlock(pos)
        text = block.text()
        return block.position(), text, critic.find_marks(text), Utf16Map(text).to_codepoint(pos - block.position())

    def _in_one_line(self, c: QTextCursor):
        """The selection as (line base, line, marks, start, end) when it lies in one line, else None."""
        doc = self.editor.document()
        if doc.findBlock(c.selectionStart()) != doc.findBlock(c.selectionEnd()):
            return None
        base, line, marks, s = self._line(c.selectionStart())
        return base, line, marks, s, Utf16Map(line).to_codepoint(c.selectionEnd() - base)

    # -- typing ----------------------------------------------------------------
    def type_text(self, text: str) -> bool:
        c = self.editor.textCursor()
        if c.hasSelection():
            one = self._in_one_line(c) if "\n" not in text else None
            if one is None:  # across lines: the whole selection is the old text
                old = c.selectedText().replace("\u2029", "\n")
                start = c.selectionStart()
                c.beginEditBlock()
                c.insertText("{~~" + old + "~>" + text + "~~}")
                c.endEditBlock()
                c.setPosition(c.position() - 3)
                self.editor.setTextCursor(c)
                self._joinable = c.position() if c.position() > start else -1
                return True
            base, line, marks, s, e = one
            edit = suggesting.replaced(line, marks, s, e, text, self.owns)
            self._apply(base, line, edit, join=False)
            return True
        base, line, marks, p = self._line(c.position())
        edit = suggesting.typed(line, marks, p, text, self.owns)
        if edit is None:
            self._joinable = -1
            return False  # inside a comment: plain typing
        self._apply(base, line, edit, join=edit.extends and self._joinable == c.position())
        if text == "\n":
            self._joinable = -1
        return True

    def _apply(self, base: int, line: str, edit: suggesting.Edit, *, join: bool) -> None:
        """Make ``edit`` (code points of ``line``, which starts at document position
        ``base``) one undoable edit, or part of the run of typing before it
        (``join``), and put the cursor where it says."""
        c = self.editor.textCursor()
        if edit.changes:
            umap = Utf16Map(line)
            if join:
                c.joinPreviousEditBlock()
            else:
                c.beginEditBlock()
            c.setPosition(base + umap.to_utf16(edit.start))
            c.setPosition(base + umap.to_utf16(edit.end), QTextCursor.KeepAnchor)
            c.insertText(edit.text)
            c.endEditBlock()
            if edit.source is not None:
                self.inherit(edit.source, edit.inherit)
        before = (line[:edit.start] + edit.text + line[edit.end:])[:edit.cursor]
        c.setPosition(base + len(before.encode("utf-16-le")) // 2)
        self.editor.setTextCursor(c)
        self._joinable = c.position() if edit.changes else -1

    # -- deleting --------------------------------------------------------------
    def remove(self, *, forward: bool) -> bool:
        self._joinable = -1
        c = self.editor.textCursor()
        if c.hasSelection():
            return self.remove_selection()
        base, line, marks, p = self._line(c.position())
        edit = suggesting.removed(line, marks, p, forward=forward, owns=self.owns)
        if edit is None:
            return False  # inside a comment: plain deleting
        self._apply(base, line, edit, join=False)
        self._joinable = -1
        return True

    def remove_selection(self) -> bool:
        """The selection suggested for deletion (Cut, Delete, Backspace)."""
        self._joinable = -1
        c = self.editor.textCursor()
        if not c.hasSelection():
            return True
        one = self._in_one_line(c)
        if one is None:  # across lines: one deletion of it all
            sel = c.selectedText().replace("\u2029", "\n")
            c.insertText("{--" + sel + "--}")
            self.editor.setTextCursor(c)
            return True
        base, line, marks, s, e = one
        self._apply(base, line, suggesting.removed_range(line, marks, s, e, self.owns), join=False)
        self._joinable = -1
        return True


def comment(editor, who: str) -> None:
    """Comment on the selection (highlight it and open a comment), or reply
    when the cursor is in a comment thread, or leave a bare comment. The
    cursor ends in the new comment, after ``@who``."""
    c = editor.textCursor()
    block = editor.document().findBlock(c.position())
    umap = Utf16Map(block.text())
    p = umap.to_codepoint(c.position() - block.position())
    opener = "{>>@" + who + " "
    if not c.hasSelection():
        for m in critic.find_marks(block.text()):
            if m.comments and m.start <= p <= m.end:
                c.setPosition(block.position() + umap.to_utf16(m.end))
                break
        c.insertText(opener + "<<}")
    else:
        sel = c.selectedText().replace("\u2029", "\n")
        c.insertText("{==" + sel + "==}" + opener + "<<}")
    c.setPosition(c.position() - 3)
    editor.setTextCursor(c)
