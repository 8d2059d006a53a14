"""The Markdown editor: a QPlainTextEdit with highlighting, lint underlines,
formatting shortcuts, Markdown paste and a focus mode.

The editor knows nothing about drafts or the store. It counts edits in
``version`` (bumped on every change of the text, never on a re-highlight) and
tells its listeners (``add_edit_listener``: autosave, preview, lint, word
count), which only restart a timer and do their work later, off the keystroke.
Listeners are called directly rather than through a signal each, so a
keystroke enters Python as few times as possible (each entry may wait for the
GIL while a worker thread runs). ``edited`` is emitted too, for others.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import SIGNAL, SLOT, QEvent, QMimeData, QObject, QRect, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QKeySequence, QTextCursor, QTextOption
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip

from ..window.theme import Colors, colors as palette_colors
from . import formatting
from .highlighter import GRADUAL_CHARS, GRADUAL_LINES, MarkdownHighlighter
from .longlines import LONG_LINE, break_long_lines
from .offsets import Utf16Map
from .paste import has_structure, html_to_markdown
from .textdiff import minimal_edit
from .underlines import Underlines

FOCUS_WIDTH_CHARS = 78
SPLICE_CHARS = 200_000  # a text this large is kept up to date edit by edit (see ``text``)


def editor_text(document) -> str:
    """The document's text exactly, with ``\\n`` between lines.

    ``toPlainText`` would turn no-break spaces into spaces and so change the
    draft; ``toRawText`` keeps every character but separates blocks with
    U+2029, which is put back to ``\\n``.
    """
    return document.toRawText().replace("\u2029", "\n")


def round_trips(text: str) -> bool:
    """Whether a document given ``text`` holds exactly ``text``: Qt turns
    U+FDD0 and U+FDD1 (its frame markers) into line breaks and drops lone
    surrogates; every other character stays as it is."""
    if text.isascii():  # O(1)
        return True
    if "\ufdd0" in text or "\ufdd1" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def normalize_newlines(text: str) -> str:
    """What the editor will hold for ``text``: CR LF, CR and U+2029 become LF."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2029", "\n")


def side_margin(width: int, char_width: int, chars: int) -> int:
    """The left and right margin that centres a text ``chars`` characters wide
    in ``width`` pixels (0 when ``chars`` is 0: the text fills the editor)."""
    return max(0, (width - char_width * chars) // 2) if chars else 0


def spliced_text(doc, old: str, pos: int, removed: int, added: int) -> str | None:
    """``old`` (the text of ``doc`` before an edit) with the edit Qt reports
    (UTF-16 ``pos``, ``removed``, ``added``) applied, or None where that cannot
    be done exactly (a character outside the BMP, counts that do not add up)."""
    size = doc.characterCount() - 1  # UTF-16 units, without the last block's end
    if len(old) != size - added + removed or pos + added > size or pos + removed > len(old):
        return None  # astral characters in the old text (code points != units) or odd counts
    c = QTextCursor(doc)
    c.setPosition(pos)
    c.setPosition(pos + added, QTextCursor.KeepAnchor)
    piece = c.selectedText().replace("\u2029", "\n")
    if len(piece) != added or not round_trips(piece):
        return None
    return old[:pos] + piece + old[pos + removed:]


def context_menu(editor, at) -> QMenu:
    """The editor's context menu at viewport point ``at``: Qt's standard one, whose
    Cut and Delete call the editor's own (Qt's would bypass suggest mode), and
    what ``menu_extender`` adds."""
    menu = editor.createStandardContextMenu(at)
    for action in menu.actions():
        slot = {"edit-cut": editor.cut, "edit-delete": editor.delete_selection}.get(action.objectName())
        if slot is not None:
            action.triggered.disconnect()
            action.triggered.connect(lambda _checked=False, s=slot: s())
    if editor.menu_extender is not None:
        editor.menu_extender(menu, editor.cursorForPosition(at).position())
    return menu


class MarkdownEditor(QPlainTextEdit):
    edited = Signal()  # the text changed (``version`` was bumped)
    viewportMoved = Signal()  # scrolled or resized: the visible range changed (scrolls: once per turn of the event loop)

    def __init__(self, parent=None, colors: Colors | None = None) -> None:
        super().__init__(parent)
        self.version = 0
        self.colors = colors or palette_colors(self.palette())
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        font = QFontDatabase.systemFont(QFontDatabase.GeneralFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
        self.setFont(font)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
        self.document().setDocumentMargin(12)
        self.highlighter = MarkdownHighlighter(self.document(), self.colors)
        self.underlines = Underlines(self.document(), self.colors)
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._focus_mode = False
        self._map_cache: tuple[int, Utf16Map] | None = None
        self._text_cache: tuple[int, str] | None = None
        self._edit_listeners: list[Callable[[], None]] = []
        # hooks the window fills in
        self.tooltip_provider: Callable[[int], str | None] | None = None
        self.menu_extender: Callable[[QMenu, int], None] | None = None
        self.paste_hook: Callable[[str], bool] | None = None  # True: it inserted the text itself (suggest mode)
        self.remove_hook: Callable[[], bool] | None = None  # removes the selection itself (suggest mode)
        self.document().contentsChange.connect(self._on_contents_change)
        self._visible_timer = QTimer(self, singleShot=True, interval=30)
        self._visible_timer.timeout.connect(self.refresh_underlines)
        # One scroll (the cursor sent to the end of a long document) moves the
        # scroll bar twenty times; the timer is started from C++ each time, so
        # Python, and the GIL the workers hold, is asked once (0.25 s -> 0.06 s).
        self._moved_timer = QTimer(self, singleShot=True, interval=0)
        self._moved_timer.timeout.connect(self._viewport_moved)
        QObject.connect(self.verticalScrollBar(), SIGNAL("valueChanged(int)"), self._moved_timer, SLOT("start()"))

    # -- text ------------------------------------------------------------------
    def add_edit_listener(self, fn: Callable[[], None]) -> None:
        self._edit_listeners.append(fn)

    def remove_edit_listener(self, fn: Callable[[], None]) -> None:
        if fn in self._edit_listeners:
            self._edit_listeners.remove(fn)

    def _on_contents_change(self, pos: int, removed: int, added: int) -> None:
        if removed or added:
            before = self._text_cache if self._text_cache is not None and self._text_cache[0] == self.version else None
            self.version += 1
            self._map_cache = None
            self._text_cache = None
            if before is not None and len(before[1]) >= SPLICE_CHARS:
                spliced = spliced_text(self.document(), before[1], pos, removed, added)
                if spliced is not None:
                    self._text_cache = (self.version, spliced)
            for fn in self._edit_listeners:
                fn()
            self.edited.emit()

    def text(self) -> str:
        """The text. It is kept between changes (the window asks often), and a
        large one (``SPLICE_CHARS``) is kept up to date edit by edit: copying
        25 MB out of the document takes a quarter of a second, splicing the
        edit into the kept copy a fifth of that."""
        if self._text_cache is None or self._text_cache[0] != self.version:
            self._text_cache = (self.version, editor_text(self.document()))
        return self._text_cache[1]

    def utf16_map(self, text: str | None = None) -> Utf16Map:
        if self._map_cache is not None and self._map_cache[0] == self.version and text is None:
            return self._map_cache[1]
        umap = Utf16Map(self.text() if text is None else text)
        if text is None:
            self._map_cache = (self.version, umap)
        return umap

    def load_text(self, text: str) -> None:
        """Show a new document (another draft): undo history starts afresh. A
        large one is coloured gradually (see ``highlighter``)."""
        self.underlines.clear()
        self._layers.clear()
        self.setExtraSelections([])
        text = normalize_newlines(text)
        gradual = len(text) >= GRADUAL_CHARS or text.count("\n") >= GRADUAL_LINES
        if gradual:
            self._load_uncoloured(text)
        else:
            self.setPlainText(text)
        self.document().setModified(False)
        if round_trips(text):  # the document holds exactly this: no need to copy it back out
            self._text_cache = (self.version, text)
        if gradual:
            self.highlighter.colour_gradually(*self.visible_blocks())

    def _load_uncoloured(self, text: str) -> None:
        """Load ``text`` with block states but no colours (``colour_gradually``
        adds them): the states come from the text while the highlighter is
        detached, or else from a highlighting pass that sets no colours."""
        hl = self.highlighter
        with hl.detached() as detached:
            if detached:
                self.setPlainText(text)
        if detached and hl.load_states(text):
            return
        hl.states_only = True
        try:
            if detached:
                hl.rehighlight()
            else:
                self.setPlainText(text)
        finally:
            hl.states_only = False

    def replace_text(self, new: str) -> None:
        """Make the text ``new`` by one minimal, undoable edit (the rest keeps
        its place, the cursor and the underlines outside the change)."""
        old = self.text()
        new = normalize_newlines(new)
        if old == new:
            return
        edit = minimal_edit(old, new)
        umap = self.utf16_map()
        c = QTextCursor(self.document())
        c.setPosition(umap.to_utf16(edit.start))
        c.setPosition(umap.to_utf16(edit.old_end), QTextCursor.KeepAnchor)
        c.insertText(new[edit.start:edit.new_end])

    def replace_range(self, start: int, end: int, text: str) -> None:
        """Replace code points ``start:end`` with ``text`` (one undoable edit)."""
        umap = self.utf16_map()
        c = QTextCursor(self.document())
        c.setPosition(umap.to_utf16(start))
        c.setPosition(umap.to_utf16(end), QTextCursor.KeepAnchor)
        c.insertText(normalize_newlines(text))

    # -- positions (code points, as the core counts) --------------------------
    def select_range(self, start: int, end: int) -> None:
        umap = self.utf16_map()
        c = self.textCursor()
        c.setPosition(umap.to_utf16(start))
        c.setPosition(umap.to_utf16(end), QTextCursor.KeepAnchor)
        self.setTextCursor(c)
        self.centerCursor()

    def select_positions(self, start: int, end: int) -> None:
        """Select editor (UTF-16) positions."""
        c = self.textCursor()
        c.setPosition(start)
        c.setPosition(end, QTextCursor.KeepAnchor)
        self.setTextCursor(c)
        self.ensureCursorVisible()

    def cursor_offset(self) -> int:
        return self.utf16_map().to_codepoint(self.textCursor().position())

    def set_cursor_offset(self, offset: int) -> None:
        c = self.textCursor()
        c.setPosition(min(self.utf16_map().to_utf16(offset), self.document().characterCount() - 1))
        self.setTextCursor(c)
        self.centerCursor()

    # -- lines and scrolling ---------------------------------------------------
    def top_line(self) -> int:
        return self.firstVisibleBlock().blockNumber()

    def scroll_to_line(self, line: int) -> None:
        block = self.document().findBlockByNumber(max(0, line))
        if not block.isValid():
            return
        sb = self.verticalScrollBar()
        sb.setValue(min(sb.maximum(), block.firstLineNumber()))

    def go_to_line(self, line: int, *, to_top: bool = True) -> None:
        """Put the cursor at the start of ``line``; scroll it to the top (or
        just into view)."""
        block = self.document().findBlockByNumber(max(0, line))
        if block.isValid():
            c = self.textCursor()
            c.setPosition(block.position())
            self.setTextCursor(c)
            if to_top:
                self.scroll_to_line(line)
            else:
                self.ensureCursorVisible()
        self.setFocus()

    def visible_range(self) -> tuple[int, int]:
        vp = self.viewport().rect()
        first = self.cursorForPosition(vp.topLeft()).position()
        last = self.cursorForPosition(vp.bottomRight()).position()
        return first, last

    def visible_blocks(self) -> tuple[int, int]:
        """The first block (line) number in view and the last one that can be
        in view: the blocks below it until they fill the view, each taking at
        least one line, or as many as its characters fill at their narrowest.
        No layout is asked for (walking the geometry of 10,000-character lines
        cost up to 160 ms a time)."""
        block = self.firstVisibleBlock()
        first = block.blockNumber()
        fm = self.fontMetrics()
        fit = self.viewport().height() // max(1, fm.lineSpacing()) + 1
        narrowest = max(1, min(fm.horizontalAdvance(c) for c in " il.'"))
        per_line = max(1, self.viewport().width() // narrowest)  # the most characters a line can hold
        last, lines = first, 0
        while block.isValid():
            last = block.blockNumber()
            lines += max(1, -(-block.length() // per_line))
            if lines >= fit:
                break
            block = block.next()
        return first, last

    def _viewport_moved(self) -> None:
        if self.highlighter.catching_up and not self.highlighter.colouring:
            self.highlighter.colour_now(*self.visible_blocks())
        self._visible_timer.start()
        self.viewportMoved.emit()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.highlighter.catching_up and not self.highlighter.colouring:
            self.highlighter.colour_now(*self.visible_blocks())
        self._apply_focus_margins()
        self._visible_timer.start()
        self.viewportMoved.emit()

    # -- extra selections (underlines, find matches ...) -----------------------
    def set_layer(self, name: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        self._layers[name] = selections
        self.setExtraSelections([s for layer in self._layers.values() for s in layer])

    def refresh_underlines(self) -> None:
        first, last = self.visible_range()
        self.set_layer("lint", [] if self._focus_mode else self.underlines.selections(first, last))  # off in focus mode

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors
        self.underlines.set_colors(colors)
        self.highlighter.set_colors(colors)
        self.refresh_underlines()

    # -- formatting -------------------------------------------------------------
    def _selection_or_word(self) -> QTextCursor:
        c = self.textCursor()
        if not c.hasSelection():
            block_text = c.block().text()
            col = c.positionInBlock()
            lo, hi = formatting.word_bounds(block_text, col)
            if hi > lo:
                c.setPosition(c.block().position() + lo)
                c.setPosition(c.block().position() + hi, QTextCursor.KeepAnchor)
        return c

    def _apply(self, c: QTextCursor, rep: formatting.Replacement) -> None:
        start = c.selectionStart()
        c.beginEditBlock()
        c.insertText(rep.text)
        c.endEditBlock()
        prefix16 = lambda s: len(s.encode("utf-16-le")) // 2  # noqa: E731
        c.setPosition(start + prefix16(rep.text[: rep.sel_start]))
        c.setPosition(start + prefix16(rep.text[: rep.sel_end]), QTextCursor.KeepAnchor)
        self.setTextCursor(c)

    def toggle_emphasis(self, marker: str) -> None:
        c = self._selection_or_word()
        self._apply(c, formatting.toggle_wrap(c.selectedText().replace("\u2029", "\n"), marker))

    def bold(self) -> None:
        self.toggle_emphasis("**")

    def italic(self) -> None:
        self.toggle_emphasis("*")

    def insert_link(self) -> None:
        c = self.textCursor()
        self._apply(c, formatting.make_link(c.selectedText().replace("\u2029", "\n")))

    # -- cut, delete, paste ------------------------------------------------------
    def cut(self) -> None:
        """Edit › Cut: the selection's plain text to the clipboard, then removed
        (in suggest mode, through ``remove_hook``: marked for deletion)."""
        if self.remove_hook is None or self.isReadOnly() or not self.textCursor().hasSelection():
            super().cut()
            return
        self.copy()
        self.remove_hook()

    def delete_selection(self) -> None:
        """The context menu's Delete: the selection goes (in suggest mode, is marked for deletion)."""
        if self.isReadOnly() or not self.textCursor().hasSelection():
            return
        if self.remove_hook is None or not self.remove_hook():
            self.textCursor().removeSelectedText()

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        data = QMimeData()
        data.setText(self.textCursor().selectedText().replace("\u2029", "\n"))
        return data

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        if source.hasHtml() and has_structure(source.html()):
            try:
                markdown = html_to_markdown(source.html())
            except Exception:  # a converter failure must not lose the paste
                markdown = None
            if markdown is not None:
                self.insert_pasted(markdown)
                return
        if source.hasText():
            self.insert_pasted(source.text())
            return
        super().insertFromMimeData(source)

    def insert_pasted(self, text: str) -> None:
        """Insert pasted text; a paragraph line too long for the editor is broken
        at spaces (which Markdown renders the same)."""
        text = normalize_newlines(text)
        if len(text) > LONG_LINE:
            text = break_long_lines(text)
        if self.paste_hook is not None and self.paste_hook(text):
            return
        self.textCursor().insertText(text)
        self.ensureCursorVisible()

    def paste_plain(self) -> None:
        from PySide6.QtWidgets import QApplication

        text = QApplication.clipboard().text()
        if text:
            self.insert_pasted(text)

    # -- focus mode --------------------------------------------------------------
    def set_focus_mode(self, on: bool) -> None:
        self._focus_mode = on
        self._apply_focus_margins()
        self.refresh_underlines()

    line_chars = 0  # Preferences' line width in characters (0: the text fills the editor)

    def set_line_chars(self, chars: int) -> None:
        self.line_chars = max(0, chars)
        self._apply_focus_margins()

    def _apply_focus_margins(self) -> None:
        side = side_margin(self.width(), self.fontMetrics().averageCharWidth(),
                           FOCUS_WIDTH_CHARS if self._focus_mode else self.line_chars)
        self.setViewportMargins(side, 0, side, 0)

    # -- tooltips and the context menu ----------------------------------------
    def viewportEvent(self, e) -> bool:  # noqa: N802 (not called for key events)
        if e.type() == QEvent.ToolTip and self.tooltip_provider is not None:
            pos = self.cursorForPosition(e.pos()).position()
            tip = self.tooltip_provider(pos)
            if tip:
                QToolTip.showText(e.globalPos(), tip, self.viewport(), QRect(), 15000)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().viewportEvent(e)

    def contextMenuEvent(self, e) -> None:  # noqa: N802
        menu = context_menu(self, e.pos())
        menu.exec(e.globalPos())
        menu.deleteLater()

    def keyPressEvent(self, e) -> None:  # noqa: N802
        if e.matches(QKeySequence.StandardKey.InsertParagraphSeparator) and self._continue_list():
            return
        super().keyPressEvent(e)

    def _continue_list(self) -> bool:
        """Enter after a list item starts the next item (or ends an empty list)."""
        from .lists import continuation

        c = self.textCursor()
        if c.hasSelection():
            return False
        block = c.block()
        result = continuation(block.text(), c.positionInBlock())
        if result is None:
            return False
        kind, value = result
        if kind == "end":
            c.beginEditBlock()
            c.movePosition(QTextCursor.StartOfBlock)
            c.movePosition(QTextCursor.EndOfBlock, QTextCursor.KeepAnchor)
            c.removeSelectedText()
            c.endEditBlock()
            self.setTextCursor(c)
            return True
        c.insertText("\n" + value)
        self.setTextCursor(c)
        self.ensureCursorVisible()
        return True
