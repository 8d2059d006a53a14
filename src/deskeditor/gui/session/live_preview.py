"""Keeps the preview in step with the editor: rendering and scrolling.

On each edit a render is scheduled: at once while renders are quick (a few ms,
even for a long draft, since only the changed blocks are rendered), else after
as long as the last render took (at most 50 ms), so a draft whose every render
is a full parse does not keep a core busy. Rendering happens in the preview
worker process (``worker.preview``, through ``analysis_jobs``), which keeps
the draft's ``BlockRenderer`` and gets each new text as an edit; while it
renders, only the newest request waits. The changed blocks go to the preview,
which patches only those. Jobs carry ``(generation, version)``: a result for
another draft, or older than one already shown, is dropped. A render that
fails, or a worker that is stopped or crashes, leaves the preview as it was
and says why in ``last_error``. Scrolling is synced both ways through source
lines; a click in the preview moves the editor's cursor to that line.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from ...core.markdown.render import Block
from ..jobs.analysis import AnalysisJobs
from ..editor import MarkdownEditor
from ..panels.outline import Heading, heading_of

if TYPE_CHECKING:
    from ...worker.preview import Rendered

FAST_RENDER_MS = 12  # renders quicker than this start at once
MAX_DELAY_MS = 50
ECHO_S = 0.25  # ignore the other side's scroll report this long after we scrolled it
BIG_PATCH_CHARS = 500_000  # of new HTML: the page takes a good part of a second to patch that in


class _Answers:
    """Turns the worker's answers into blocks and headings, on the lane's
    reader thread, for every answer in order (see ``worker.preview.BlockCache``)."""

    def __init__(self) -> None:
        from ...worker.preview import BlockCache

        self.cache = BlockCache()
        self.headings: dict[str, Heading | None] = {}  # by block key, line relative to the block

    def __call__(self, rendered: Rendered) -> tuple[list[Block], list[Heading], float]:
        blocks = self.cache.expand(rendered)
        for key, src in rendered.headings.items():
            lines = src.split("\n")
            self.headings[key] = heading_of(lines, 0, len(lines))
        found, keep = [], {}
        for b in blocks:
            if b.kind != "heading_open":
                continue
            h = self.headings.get(b.key)
            keep[b.key] = h
            if h is not None:
                found.append(Heading(b.start, h.level, h.text))
        self.headings = keep
        return blocks, found, rendered.took_ms


class PreviewSync(QObject):
    outlineChanged = Signal(list)  # [Heading]
    rendered = Signal(int)  # the editor version now shown

    def __init__(self, editor: MarkdownEditor, preview, pool: Any = None, parent=None) -> None:
        """``pool`` is not used (rendering happens in the preview worker process)."""
        super().__init__(parent)
        self.editor = editor
        self.preview = preview
        self.worker = AnalysisJobs("preview", self, decode=_Answers())
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.worker.gaveUp.connect(self._gave_up)
        self.generation = 0
        self.sources: dict = {}  # key -> CSL-JSON: a snapshot, so workers never touch the store
        self.links: dict = {}  # {"site_links", "base_url", "site_files"}: the open site post's (SiteSync)
        self.remote_media = False  # the writer allowed remote images: video cards show thumbnails
        self.blocks: list[Block] = []  # what the preview shows
        self.transform: Callable[[str], str] | None = None  # the text as the preview shows it (panels/review_view.py)
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

    def set_links(self, links: dict) -> None:
        """The open draft's site links (post key -> URL, the base URL): its
        ``ref``/``post_url`` links render as the posts' links."""
        if links != self.links:
            self.links = dict(links)
            self.reset()

    def set_remote_media(self, allowed: bool) -> None:
        """The writer allowed (or withdrew) remote images: the renderer puts the
        videos' thumbnails in their cards, or no remote address at all."""
        if bool(allowed) != self.remote_media:
            self.remote_media = bool(allowed)
            self.reset()

    def reset(self) -> None:
        """A new document is in the editor: render it from scratch."""
        self.generation += 1
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
        from ...worker.preview import RenderRequest

        self._timer.stop()
        if self._closed:
            return
        text = self.editor.text()
        if self.transform is not None:  # the review's "as if all accepted" view
            text = self.transform(text)
        self.worker.submit((self.generation, self.editor.version), "render", RenderRequest(self.generation, remote_media=self.remote_media),
                           text, {"sources": self.sources, "links": self.links})

    def _finished(self, token, value) -> None:
        generation, version = token
        if generation != self.generation or version <= self.shown_version:
            return
        blocks, headings, took = value
        self.last_render_ms = took
        if self.worker.busy and self._new_html(blocks) > BIG_PATCH_CHARS:
            return  # a newer render is on its way: the page takes in a big patch once, with that one
        self.shown_version = version
        self.last_error = ""
        self.blocks = blocks
        self.preview.show_blocks(blocks or self.empty_page)
        self.outlineChanged.emit(headings)
        self.rendered.emit(version)

    def _new_html(self, blocks: list[Block]) -> int:
        """Characters of HTML the page does not have yet."""
        shown = {b.key for b in self.blocks}
        return sum(len(b.html) for b in blocks if b.key not in shown)

    def _failed(self, token, message: str) -> None:
        self.last_error = message  # the preview keeps what it shows

    def _gave_up(self, token, reason: str, _step) -> None:
        self.last_error = f"the preview gave up: {reason}"

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
