"""Keeps the preview in step with the editor: rendering and scrolling.

On each edit a render is scheduled: at once while renders are quick (a few ms,
even for a long draft, since only the changed blocks are rendered), else after
as long as the last render took (at most 50 ms), so a draft whose every render
is a full parse does not keep a core busy. ``BlockRenderer.update`` runs on a
worker thread; while one runs, only the newest request waits. The changed
blocks go to the preview, which patches only those. Jobs carry
``(generation, version)``: a result for another draft, or older than one
already shown, is dropped. Scrolling is synced both ways through source lines;
a click in the preview moves the editor's cursor to that line.
"""

from __future__ import annotations

import hashlib
import re
import time

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from ...core.markdown.render import Block, BlockRenderer
from ..editor import MarkdownEditor
from ..panels.outline import Heading, heading_of
from ..jobs.workers import LatestOnly

FAST_RENDER_MS = 12  # renders quicker than this start at once
MAX_DELAY_MS = 50
ECHO_S = 0.25  # ignore the other side's scroll report this long after we scrolled it


_CITED = re.compile(r"@([\w:.#$%&\-+?<>~/]+)")


def sources_block(renderer: BlockRenderer, text: str, cache: dict) -> Block | None:
    """The "Sources" list under the preview, as one more block. citeproc takes a
    few hundred ms, so it is redone only when the cited keys or the front matter
    (``references:``, ``sources:``) change; ``cache`` keeps the last one."""
    if "@" not in text and "sources:" not in text:
        return None
    head = text[: text.find("\n---", 3) + 4] if text.startswith("---") else ""
    key = (tuple(sorted(set(_CITED.findall(text)))), head, id(renderer.sources))
    if cache.get("key") != key:
        from ...core.citations.render import sources_section

        try:
            html = sources_section(text, renderer.sources or None, renderer.citation_style)
        except Exception:  # a broken entry must not take the preview down
            html = ""
        cache.clear()
        cache.update(key=key, html=html)
    html = cache["html"]
    if not html:
        return None
    end = text.count("\n") + 1
    digest = hashlib.blake2b(html.encode("utf-8", "replace"), digest_size=12).hexdigest()
    return Block(end, end, "sources-" + digest, html, "sources")


def render_job(renderer: BlockRenderer, text: str, headings: dict[str, Heading | None],
               sources_cache: dict | None = None):
    """Render ``text``; the outline comes from the heading blocks, each parsed
    once per distinct text (``headings`` caches them by block key).
    Returns (blocks, headings, milliseconds taken)."""
    began = time.perf_counter()
    result = renderer.update(text)
    lines: list[str] | None = None
    found = []
    for b in result.blocks:
        if b.kind != "heading_open":
            continue
        if b.key not in headings:
            if lines is None:
                lines = text.split("\n")
            headings[b.key] = heading_of(lines, b.start, b.end)
        h = headings[b.key]
        if h is not None:
            found.append(Heading(b.start, h.level, h.text))
    blocks = result.blocks
    extra = sources_block(renderer, text, sources_cache) if sources_cache is not None else None
    if extra is not None:
        blocks = [*blocks, extra]
    return blocks, found, (time.perf_counter() - began) * 1000


class PreviewSync(QObject):
    outlineChanged = Signal(list)  # [Heading]
    rendered = Signal(int)  # the editor version now shown

    def __init__(self, editor: MarkdownEditor, preview, pool: QThreadPool, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.preview = preview
        self.worker = LatestOnly(pool, self)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.generation = 0
        self.sources: dict = {}  # key -> CSL-JSON: a snapshot, so workers never touch the store
        self._sources_cache: dict = {}
        self.renderer = BlockRenderer()
        self._headings: dict = {}
        self.shown_version = -1
        self.last_render_ms = 0.0
        self.last_error = ""
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.render_now)
        self._editor_echo_until = 0.0
        self._preview_echo_until = 0.0
        self._last_line_sent = -1
        self._closed = False
        self.empty_page: list[Block] = []  # shown for an empty document (the welcome page, with no draft)
        editor.add_edit_listener(self.schedule)
        editor.viewportMoved.connect(self._editor_scrolled)
        self._connect_preview(preview)

    def close(self) -> None:
        """Stop following the editor (the window is closing); idempotent."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        self.worker.close()
        self.editor.remove_edit_listener(self.schedule)
        try:
            self.editor.viewportMoved.disconnect(self._editor_scrolled)
        except (RuntimeError, TypeError):
            pass

    def _connect_preview(self, preview) -> None:
        preview.lineClicked.connect(self._line_clicked)
        preview.scrolledToLine.connect(self._preview_scrolled)
        if hasattr(preview, "ready"):
            preview.ready.connect(self._preview_ready)

    def set_preview(self, preview) -> None:
        """Swap in another preview widget (the real one, once it has loaded)."""
        self.preview = preview
        self._connect_preview(preview)
        self.shown_version = -1
        self.reset()

    def set_sources(self, sources: dict) -> None:
        """The source library changed (or a draft opened): citations ``[@key]``
        render as linked attributions from this snapshot."""
        if sources != self.sources:
            self.sources = dict(sources)
            self.reset()

    def reset(self) -> None:
        """A new document is in the editor: render it from scratch."""
        self.generation += 1
        self.renderer = BlockRenderer(sources=self.sources)
        self._headings = {}
        self.shown_version = -1
        self._last_line_sent = -1
        self.render_now()

    def schedule(self) -> None:
        """Render soon (a throttle, not a debounce: fast typing is followed too)."""
        if self._timer.isActive() or self._closed:
            return
        last = self.last_render_ms
        self._timer.start(0 if last < FAST_RENDER_MS else int(min(MAX_DELAY_MS, last)))

    def render_now(self) -> None:
        self._timer.stop()
        if self._closed:
            return
        renderer, text, cache, sources = self.renderer, self.editor.text(), self._headings, self._sources_cache
        self.worker.submit((self.generation, self.editor.version),
                           lambda: render_job(renderer, text, cache, sources))

    def _finished(self, token, value) -> None:
        generation, version = token
        if generation != self.generation or version <= self.shown_version:
            return
        blocks, headings, took = value
        self.last_render_ms = took
        self.shown_version = version
        self.last_error = ""
        self.preview.show_blocks(blocks or self.empty_page)
        self.outlineChanged.emit(headings)
        self.rendered.emit(version)

    def _failed(self, token, message: str) -> None:
        # the renderer's state is suspect after an error: start over next time
        self.last_error = message
        if token[0] == self.generation:
            self.renderer = BlockRenderer(sources=self.sources)

    def _preview_ready(self) -> None:
        self.shown_version = -1
        self.render_now()
        QTimer.singleShot(50, lambda: self._sync_preview(force=True))

    # -- scrolling ---------------------------------------------------------------
    def _editor_scrolled(self) -> None:
        if time.monotonic() < self._editor_echo_until:
            return
        self._sync_preview()

    def _sync_preview(self, force: bool = False) -> None:
        line = self.editor.top_line()
        if line == self._last_line_sent and not force:
            return
        self._last_line_sent = line
        self._preview_echo_until = time.monotonic() + ECHO_S
        self.preview.scroll_to_line(line)

    def _preview_scrolled(self, line: int) -> None:
        if time.monotonic() < self._preview_echo_until:
            return
        self._editor_echo_until = time.monotonic() + ECHO_S
        self._last_line_sent = line
        self.editor.scroll_to_line(line)

    def _line_clicked(self, line: int) -> None:
        self._editor_echo_until = time.monotonic() + ECHO_S
        self.editor.go_to_line(line, to_top=False)
