"""Markdown syntax highlighting, cheap per line.

A ``QSyntaxHighlighter`` sees one line (block) at a time; multi-line
constructs (front matter, fenced code) are carried in the block state, so an
edit re-highlights only its own line unless it opens or closes one of them.
Each line costs a handful of precompiled regular expressions; a very long line
is highlighted only at its start so a pasted 5 MB line cannot freeze typing.

A large document (``GRADUAL_CHARS`` characters or ``GRADUAL_LINES`` lines) is highlighted gradually when it
is loaded: the load carries only the block states, computed from the text
(``line_states``) while the highlighter is detached (``detached``), then the
visible lines get their colours at once and the rest a few milliseconds at a
time while the window is idle. Opening 100,000 links no longer freezes the
window for a second, and a 25 MB draft of nested lists opens 0.2 s sooner:
QSyntaxHighlighter spends time on every character of every line it sees,
even when it sets no colour.
"""

from __future__ import annotations

import re
import time

from contextlib import contextmanager
from typing import Iterable, Iterator

from PySide6.QtCore import SIGNAL, SLOT, QObject, QTimer
from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from ..window.theme import Colors

# NORMAL is Qt's "no state": a block that was never highlighted already has it
NORMAL, FRONT_MATTER, FENCE_BACKTICK, FENCE_TILDE, TOML_FRONT_MATTER = -1, 1, 2, 3, 4
FRONT = (FRONT_MATTER, TOML_FRONT_MATTER)  # YAML between "---", Hugo's TOML between "+++"
MAX_LINE = 4000  # characters highlighted per line
GRADUAL_CHARS = 200_000  # documents this large are highlighted gradually when loaded
GRADUAL_LINES = 3_000  # and so are documents of this many lines
SLICE_S = 0.008  # the most one idle step of gradual highlighting takes
NOW_S = 0.05  # the most colouring the lines that came into view takes at once
IDLE_GAP_MS = 10  # between two steps: the workers (lint, preview) get the GIL meanwhile

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ANY_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.M)
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?=\s|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_QUOTE = re.compile(r"^( {0,3}>[ >]*)")
_LIST = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(\s+)(\[[ xX]\]\s)?")
_HR = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_REFDEF = re.compile(r"^ {0,3}(\[[^\]]+\]):\s*(\S+)")
_FM_KEY = re.compile(r"^([\w-]+)\s*(:|=)")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_LINK = re.compile(r"(!?)\[([^\]\n]*)\](\(([^()\s]*(?:\([^()]*\))?[^()]*)\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]+>|\bhttps?://[^\s<>()\[\]]+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)|(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"(?<!\{)~~(?=[^\s}])(.+?)(?<=[^\s{])~~(?!\})")  # not CriticMarkup's {~~ ~> ~~}
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]|\[@[^\]]+\]")
_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->")


def next_state(prev: int, text: str, first: bool) -> int:
    """The state a line ``text`` leaves for the next one, after a line that
    left ``prev`` (NORMAL before the first line, ``first``): the one state
    machine of both ``MarkdownHighlighter.highlightBlock`` and a large load."""
    text = text[:MAX_LINE]
    if prev == FRONT_MATTER or (prev == NORMAL and first and text.rstrip() == "---"):
        return NORMAL if prev == FRONT_MATTER and text.rstrip() in ("---", "...") else FRONT_MATTER
    if prev == TOML_FRONT_MATTER or (prev == NORMAL and first and text.rstrip() == "+++"):
        return NORMAL if prev == TOML_FRONT_MATTER and text.rstrip() == "+++" else TOML_FRONT_MATTER
    m = _FENCE.match(text)
    if prev in (FENCE_BACKTICK, FENCE_TILDE):
        fence_char = "`" if prev == FENCE_BACKTICK else "~"
        return NORMAL if m and m.group(1)[0] == fence_char and not text[m.end():].strip() else prev
    if m:
        return FENCE_BACKTICK if m.group(1)[0] == "`" else FENCE_TILDE
    return NORMAL


def lines_of(text: str, pos: int = 0) -> Iterator[str]:
    """The lines of ``text`` from offset ``pos`` (a line's start), split at
    "\\n", each cut to ``MAX_LINE`` characters: what the states depend on,
    without copying the rest."""
    while True:
        end = text.find("\n", pos)
        if end < 0:
            yield text[pos:pos + MAX_LINE]
            return
        yield text[pos:min(end, pos + MAX_LINE)]
        pos = end + 1


def line_states(lines: Iterable[str], first: bool = True) -> list[int]:
    """The state of each of ``lines`` (a document's lines in order; ``first``:
    they start at its first line, else after a NORMAL one)."""
    states, prev = [], NORMAL
    for i, line in enumerate(lines):
        prev = next_state(prev, line, first and i == 0)
        states.append(prev)
    return states


def special_states(text: str) -> Iterator[tuple[int, int]]:
    """(line number, state) of each line of ``text`` whose state is not
    NORMAL. Lines before the first fence are NORMAL (unless front matter
    opens the text), so a regex finds where to start."""
    if text.startswith(("---", "+++")):
        start = 0
    else:
        m = _ANY_FENCE.search(text)
        if m is None:
            return
        start = text.rfind("\n", 0, m.start()) + 1
    first_number = text.count("\n", 0, start)
    for i, state in enumerate(line_states(lines_of(text, start), first=start == 0)):
        if state != NORMAL:
            yield first_number + i, state


def _fmt(color=None, bold=False, italic=False, background=None, strike=False) -> QTextCharFormat:
    f = QTextCharFormat()
    if color is not None:
        f.setForeground(color)
    if bold:
        f.setFontWeight(QFont.Bold)
    if italic:
        f.setFontItalic(True)
    if background is not None:
        f.setBackground(background)
    if strike:
        f.setFontStrikeOut(True)
    return f


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, colors: Colors) -> None:
        super().__init__(document)
        self.states_only = False  # set while loading a large document: block states, no colours
        self._order: list[int] = []  # block numbers still to colour, next last
        self._pending: set[int] = set()  # the same, as a set (some are coloured out of order)
        self.colouring = False  # inside a step (its relayout may move the view: no nested colouring)
        self._idle = QTimer(self, interval=IDLE_GAP_MS)
        self._idle.timeout.connect(self._colour_some)
        self.set_colors(colors, rehighlight=False)

    @property
    def catching_up(self) -> bool:
        return bool(self._pending)

    @contextmanager
    def detached(self) -> Iterator[bool]:
        """While inside, changes to the document are not highlighted (yields
        whether that holds: False if Qt's connection was not found)."""
        doc = self.document()
        signal, slot = SIGNAL("contentsChange(int,int,int)"), SLOT("_q_reformatBlocks(int,int,int)")
        off = doc is not None and QObject.disconnect(doc, signal, self, slot)
        try:
            yield bool(off)
        finally:
            if off:
                QObject.connect(doc, signal, self, slot)

    def load_states(self, text: str) -> bool:
        """Give each block the state it would have after highlighting, from
        ``text`` (what the document holds, lines split at "\\n"); False, and
        nothing set, if the blocks are not those lines."""
        doc = self.document()
        if doc.blockCount() != text.count("\n") + 1:
            return False  # (a paragraph separator, U+2029, splits a block in Qt)
        for number, state in special_states(text):  # (the blocks of a new document have NORMAL)
            doc.findBlockByNumber(number).setUserState(state)
        return True

    def colour_gradually(self, first: int = 0, last: int = 60) -> None:
        """Colour every block: blocks ``first``..``last`` (the visible ones) now,
        then those below and those above in idle steps of at most ``SLICE_S``."""
        n = self.document().blockCount()
        first, last = max(0, first), min(max(first, last), n - 1)
        # popped from the end: below the visible blocks top down, then above them
        self._order = list(range(first - 1, -1, -1)) + list(range(n - 1, last, -1))
        self._pending = set(self._order)
        self._pending.update(range(first, last + 1))
        self.colour_now(first, last)
        if self._order:
            self._idle.start()

    def colour_now(self, first: int, last: int, budget_s: float = NOW_S) -> None:
        """Colour blocks ``first``..``last`` now if they are still waiting (the
        view moved onto them), top down for at most ``budget_s``; those left
        are the next idle steps' (forty 10,000-character lines took 340 ms)."""
        if not self._pending:
            return
        doc = self.document()
        deadline = time.perf_counter() + budget_s
        self.colouring = True
        try:
            for i in range(max(0, first), last + 1):
                if i not in self._pending:
                    continue
                if time.perf_counter() >= deadline:
                    self._order.extend(j for j in range(last, i - 1, -1) if j in self._pending)
                    self._idle.start()
                    return
                self._pending.discard(i)
                block = doc.findBlockByNumber(i)
                if block.isValid():
                    self.rehighlightBlock(block)
        finally:
            self.colouring = False

    def _colour_some(self) -> None:
        doc = self.document()
        deadline = time.perf_counter() + SLICE_S
        self.colouring = True
        try:
            while self._order and time.perf_counter() < deadline:
                i = self._order.pop()
                if i in self._pending:
                    self._pending.discard(i)
                    block = doc.findBlockByNumber(i)
                    if block.isValid():  # (an edit may have removed it)
                        self.rehighlightBlock(block)
        finally:
            self.colouring = False
        if not self._order:
            self._pending.clear()
            self._idle.stop()

    def set_colors(self, c: Colors, rehighlight: bool = True) -> None:
        self.f_heading = _fmt(c.heading, bold=True)
        self.f_marker = _fmt(c.marker)
        self.f_quote = _fmt(c.quote, italic=True)
        self.f_code = _fmt(c.code, background=c.code_bg)
        self.f_fence = _fmt(c.muted, background=c.code_bg)
        self.f_link = _fmt(c.link)
        self.f_url = _fmt(c.url)
        self.f_muted = _fmt(c.muted)
        self.f_fm_key = _fmt(c.marker)
        self.f_fm = _fmt(c.muted)
        self.f_strike = _fmt(strike=True)
        if rehighlight:
            doc = self.document()
            if doc is not None and (doc.characterCount() >= GRADUAL_CHARS or doc.blockCount() >= GRADUAL_LINES):
                self.colour_gradually()
            else:
                self.rehighlight()

    # QSyntaxHighlighter calls this for every changed line
    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt name)
        """Colour one line; its state (front matter, fenced code) is
        ``next_state``'s, the same a large load computes from the text."""
        prev = self.previousBlockState()
        text = text[:MAX_LINE]
        state = next_state(prev, text, self.currentBlock().blockNumber() == 0)
        self.setCurrentBlockState(state)
        if prev in FRONT or state in FRONT:
            self.setFormat(0, len(text), self.f_fm)
            m = _FM_KEY.match(text) if state in FRONT else None
            if m:
                self.setFormat(0, m.end(1), self.f_fm_key)
        elif prev in (FENCE_BACKTICK, FENCE_TILDE):  # inside a fence, or its closing line
            self.setFormat(0, len(text), self.f_code if state == prev else self.f_fence)
        elif state != NORMAL:  # a fence opens
            self.setFormat(0, len(text), self.f_fence)
        elif not self.states_only:
            self._block_line(text)

    def _block_line(self, text: str) -> None:
        if not text.strip():
            return
        m = _HEADING.match(text)
        if m:
            self.setFormat(0, len(text), self.f_heading)
            self.setFormat(0, m.end(1), self.f_marker)
            self._inline(text, m.end(1), base_bold=True)
            return
        if _HR.match(text) or _SETEXT.match(text):
            self.setFormat(0, len(text), self.f_marker)
            return
        m = _REFDEF.match(text)
        if m:
            self.setFormat(m.start(1), m.end(1) - m.start(1), self.f_link)
            self.setFormat(m.start(2), len(text) - m.start(2), self.f_url)
            return
        start = 0
        m = _QUOTE.match(text)
        if m:
            self.setFormat(0, len(text), self.f_quote)
            self.setFormat(0, m.end(1), self.f_marker)
            start = m.end(1)
        m = _LIST.match(text, start)
        if m:
            self.setFormat(m.start(2), m.end(2) - m.start(2), self.f_marker)
            if m.group(4):
                self.setFormat(m.start(4), 3, self.f_marker)
            start = m.end()
        self._inline(text, start)

    def _inline(self, text: str, start: int, base_bold: bool = False) -> None:
        if start >= len(text):
            return
        has = text.find
        masked: list[tuple[int, int]] = []
        if has("`", start) >= 0:
            for m in _CODE_SPAN.finditer(text, start):
                self.setFormat(m.start(), m.end() - m.start(), self.f_code)
                masked.append((m.start(), m.end()))

        def free(a: int, b: int) -> bool:
            return not any(x < b and a < y for x, y in masked)

        if has("<", start) >= 0:
            for m in _HTML.finditer(text, start):
                if free(m.start(), m.end()):
                    self.setFormat(m.start(), m.end() - m.start(), self.f_muted)
        if has("[", start) >= 0:
            for m in _LINK.finditer(text, start):
                if not free(m.start(), m.end()):
                    continue
                self.setFormat(m.start(), m.end() - m.start(), self.f_url)
                self.setFormat(m.start(2), m.end(2) - m.start(2), self.f_link)
                masked.append((m.start(3), m.end(3)))
            for m in _FOOTNOTE.finditer(text, start):
                if free(m.start(), m.end()):
                    self.setFormat(m.start(), m.end() - m.start(), self.f_marker)
        if "http" in text or has("<", start) >= 0:
            for m in _AUTOLINK.finditer(text, start):
                if free(m.start(), m.end()):
                    self.setFormat(m.start(), m.end() - m.start(), self.f_link)
        if has("*", start) >= 0 or has("_", start) >= 0:
            for m in _STRONG.finditer(text, start):
                if free(m.start(), m.end()):
                    self._merge(m.start(), m.end(), bold=True)
                    self._merge_marker(m.start(), 2)
                    self._merge_marker(m.end() - 2, 2)
            for m in _EM.finditer(text, start):
                if free(m.start(), m.end()):
                    self._merge(m.start(), m.end(), italic=True)
                    self._merge_marker(m.start(), 1)
                    self._merge_marker(m.end() - 1, 1)
        if has("~~", start) >= 0:
            for m in _STRIKE.finditer(text, start):
                if free(m.start(), m.end()):
                    self._merge(m.start(), m.end(), strike=True)

    def _merge(self, start: int, end: int, *, bold=False, italic=False, strike=False) -> None:
        # formats are set per run: merge onto what each character already has
        pos = start
        while pos < end:
            f = QTextCharFormat(self.format(pos))
            run_end = pos + 1
            while run_end < end and self.format(run_end) == self.format(pos):
                run_end += 1
            if bold:
                f.setFontWeight(QFont.Bold)
            if italic:
                f.setFontItalic(True)
            if strike:
                f.setFontStrikeOut(True)
            self.setFormat(pos, run_end - pos, f)
            pos = run_end

    def _merge_marker(self, start: int, length: int) -> None:
        f = QTextCharFormat(self.format(start))
        f.setForeground(self.f_marker.foreground())
        self.setFormat(start, length, f)
