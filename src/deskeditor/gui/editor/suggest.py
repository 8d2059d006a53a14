"""Suggest mode: typing makes CriticMarkup suggestions instead of changes.

While it is on, the editor's key presses go through ``SuggestMode`` (an event
filter): typed text becomes ``{++…++}``, Backspace and Delete wrap what they
would remove in ``{--…--}``, typing over a selection makes ``{~~old~>new~~}``,
and typing inside an insertion (or a substitution's new text) extends it.
Inside a comment, keys work as usual, so a comment is typed like text.
Pasting (or dropping) text suggests it like typing; Cut suggests deleting.

Each keystroke is one edit on the document, so Undo works as usual; the
characters of one run of typing are joined into one undo step, as Qt joins
plain typing. Only the keystroke's own line is scanned for marks, so the cost
does not grow with the draft.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QTextCursor

from ...core.review import marks as critic
from .offsets import Utf16Map

_NAV = Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier


class SuggestMode(QObject):
    toggled = Signal(bool)

    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.on = False
        self._joinable = -1  # document position where the last typed character ended, or -1

    def set_on(self, on: bool) -> None:
        if on == self.on:
            return
        self.on = on
        self._joinable = -1
        if on:
            self.editor.installEventFilter(self)
            self.editor.paste_hook = self._paste
        else:
            self.editor.removeEventFilter(self)
            self.editor.paste_hook = None
        self.toggled.emit(on)

    # -- the filter ----------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() != QEvent.KeyPress or self.editor.isReadOnly():
            return False
        key = event.key()
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
            self._joinable = -1
            return False
        if key == Qt.Key_Backspace and not event.modifiers() & _NAV:
            return self.remove(forward=False)
        if key == Qt.Key_Delete and not event.modifiers() & _NAV:
            return self.remove(forward=True)
        if key in (Qt.Key_Return, Qt.Key_Enter):
            return self.type_text("\n")
        text = event.text()
        if text and text.isprintable() and not event.modifiers() & (Qt.ControlModifier | Qt.MetaModifier):
            return self.type_text(text)
        if event.matches(QKeySequence.StandardKey.Cut):
            if self.editor.textCursor().hasSelection():
                self.editor.copy()
                self.remove(forward=True)
            return True
        return False  # Paste arrives through ``paste_hook``

    def _paste(self, text: str) -> bool:
        """Pasted (or dropped) text is suggested as typed text is."""
        self._joinable = -1
        if text:
            self.type_text(text)
        self._joinable = -1
        return True

    # -- where the cursor is ---------------------------------------------------
    def _line(self, c: QTextCursor):
        """(block's document position, its text, its marks, the cursor's offset
        in the line in code points, a map of the line)."""
        block = self.editor.document().findBlock(c.position())
        text = block.text()
        umap = Utf16Map(text)
        return block.position(), text, critic.find_marks(text), umap.to_codepoint(c.position() - block.position()), umap

    def _doc_pos(self, base: int, umap: Utf16Map, cp: int) -> int:
        return base + umap.to_utf16(cp)

    # -- typing ----------------------------------------------------------------
    def type_text(self, text: str) -> bool:
        ed = self.editor
        c = ed.textCursor()
        if c.hasSelection():
            old = c.selectedText().replace("\u2029", "\n")
            c.beginEditBlock()
            c.insertText("{~~" + old + "~>" + text + "~~}")
            c.endEditBlock()
            c.setPosition(c.position() - 3)
            ed.setTextCursor(c)
            self._joinable = c.position()
            return True
        base, line, marks, p, umap = self._line(c)
        for m in marks:
            if any(cm.start + 3 <= p <= cm.end - 3 for cm in m.comments):
                self._joinable = -1
                return False  # inside a comment: plain typing
            if m.kind in (critic.INSERT, critic.SUBSTITUTE) and m.keep[0][0] <= p <= m.keep[0][1] and text != "\n":
                self._insert(c, text, join=self._joinable == c.position())
                return True
            if m.start < p < m.end:
                p = m.end  # inside another mark: suggest after it
        c.setPosition(self._doc_pos(base, umap, p))
        self._insert(c, "{++" + text + "++}", join=False, back=3)
        if text == "\n":
            self._joinable = -1
            c = ed.textCursor()
            c.setPosition(c.position() + 3)
            ed.setTextCursor(c)
        return True

    def _insert(self, c: QTextCursor, text: str, *, join: bool, back: int = 0) -> None:
        if join:
            c.joinPreviousEditBlock()
        else:
            c.beginEditBlock()
        c.insertText(text)
        c.endEditBlock()
        if back:
            c.setPosition(c.position() - back)
        self.editor.setTextCursor(c)
        self._joinable = c.position()

    # -- deleting --------------------------------------------------------------
    def remove(self, *, forward: bool) -> bool:
        ed = self.editor
        self._joinable = -1
        c = ed.textCursor()
        if c.hasSelection():
            sel = c.selectedText().replace("\u2029", "\n")
            c.insertText("{--" + sel + "--}")
            ed.setTextCursor(c)
            return True
        base, line, marks, p, umap = self._line(c)
        at = lambda cp: self._doc_pos(base, umap, cp)  # noqa: E731
        for m in marks:
            if any(cm.start + 3 <= p <= cm.end - 3 for cm in m.comments):
                return False
            if m.kind == critic.INSERT:
                a, b = m.keep[0]
                if not forward and m.end == p:
                    p = b  # Backspace just after an insertion takes back its last character
                if a < p <= b if not forward else a <= p < b:
                    if b - a == 1:  # the insertion's only character: the whole mark goes
                        self._replace(at(m.start), at(m.end), "", at(m.start))
                    else:
                        k = p - 1 if not forward else p
                        self._replace(at(k), at(k + 1), "", at(k))
                    return True
            if m.kind == critic.DELETE:
                if not forward and m.end == p:
                    p = m.start
                if not forward and m.start == p:
                    if p == 0:
                        return True  # the line's start: grow no further
                    ch = line[p - 1]
                    self._replace(at(p - 1), at(p + 3), "{--" + ch, at(p - 1))
                    return True
                if forward and m.end == p:
                    if p >= len(line):
                        return True
                    ch = line[p]
                    self._replace(at(p - 3), at(p + 1), ch + "--}", at(p + 1))
                    return True
            if m.start < p < m.end:
                return True  # inside a mark's delimiters or a deletion: nothing to take
        if not forward and p == 0 or forward and p >= len(line):
            return True  # across a line break: not as a suggestion
        k = p - 1 if not forward else p
        self._replace(at(k), at(k + 1), "{--" + line[k] + "--}", at(k) if not forward else at(k) + 7)
        return True

    def _replace(self, start: int, end: int, text: str, cursor: int) -> None:
        c = self.editor.textCursor()
        c.beginEditBlock()
        c.setPosition(start)
        c.setPosition(end, QTextCursor.KeepAnchor)
        c.insertText(text)
        c.endEditBlock()
        c.setPosition(cursor)
        self.editor.setTextCursor(c)


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
