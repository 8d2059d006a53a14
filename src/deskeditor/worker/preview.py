"""The preview lane: the draft's blocks rendered in the worker.

The worker keeps the ``CitationRenderer`` (a ``BlockRenderer`` reading citations) of the open draft (only the changed
blocks are rendered again) and answers with every block, but sends the HTML
only of blocks the window does not hold yet (``Rendered``; the window's
``BlockCache`` fills in the rest), with the source of each new heading (for
the outline). The sources snapshot comes in the shared state ("sources"), and
so do a site post's links ("links": other posts' addresses, and the site's
folder, from which its images are shown: ``core.site.images``).
``RenderRequest.remote_media`` is the writer's consent to remote images: a
video card then shows the video's thumbnail (without it, the HTML names no
remote image). A render over ``PREVIEW_BUDGET_S`` gives up with one line.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.lint.budget import Budget, GaveUp
from ..core.citations.render import CitationRenderer
from ..core.markdown.render import Block
from ..core.site.images import SiteFiles, local_images

if TYPE_CHECKING:
    from .child import Job

PREVIEW_BUDGET_S = 120.0  # one render of the preview; then it gives up on the draft
BLOCK_HTML_CAP = 1 << 20  # characters of one block's HTML the page is sent whole
CUT_SOURCE = 20_000  # characters of such a block's source the preview shows instead


def cut_block(html: str, source: str) -> str:
    """What the preview shows of a block whose HTML is over ``BLOCK_HTML_CAP``
    (a 5 MB line, 100,000 links in one paragraph): a calm note and the block's
    first ``CUT_SOURCE`` characters (cut after a line or a space), rendered.
    Sending megabytes into the page held the window and then the page for
    half a second per keystroke; the draft and its exports keep everything."""
    from ..core.markdown.render import render_html

    cut = source[:CUT_SOURCE]
    at = max(cut.rfind("\n"), cut.rfind(" "))
    if len(source) > CUT_SOURCE and at > CUT_SOURCE // 2:
        cut = cut[:at]
    note = (f'<div class="de-placeholder de-cut">This block is {len(source):,} characters long; the preview '
            f'shows its first {len(cut):,}. The draft and its exports keep all of it.</div>')
    return note + render_html(cut, source_lines=False)

@dataclass(frozen=True)
class RenderRequest:
    generation: int  # a new one renders from scratch (another draft, other sources)
    citation_style: str = "apa"
    remote_media: bool = False  # the writer allowed remote images (video thumbnails)


@dataclass
class Rendered:
    """The blocks, each ``(start, end, key, html, kind)`` with ``html`` None
    when the previous answer had that key already (``BlockCache`` fills it
    in), and the source of each heading block not sent before."""

    blocks: list[tuple]
    headings: dict[str, str]
    took_ms: float


_CITED = re.compile(r"@([\w:.#$%&\-+?<>~/]+)")


def sources_block(renderer: CitationRenderer, text: str, cache: dict) -> Block | None:
    """The "Sources" list under the preview, as one more block. citeproc takes a
    few hundred ms, so it is redone only when the cited keys or the front matter
    (``references:``, ``sources:``) change; ``cache`` keeps the last one."""
    if "@" not in text and "sources:" not in text:
        return None
    head = text[: text.find("\n---", 3) + 4] if text.startswith("---") else ""
    key = (tuple(sorted(set(_CITED.findall(text)))), head, id(renderer.sources))
    if cache.get("key") != key:
        from ..core.citations.render import sources_section

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


class _Preview:
    """The render state of the preview worker (one document at a time)."""

    def __init__(self) -> None:
        self.generation = -1
        self.sources: Any = None
        self.links: Any = None  # {"site_links", "base_url"} of the draft's site (the window's snapshot)
        self.remote_media = False
        self.renderer = CitationRenderer()
        self.site_files: SiteFiles | None = None  # where a site post's images are
        self.sources_cache: dict = {}
        self.sent: set[str] = set()  # keys whose HTML the parent holds (those of the last answer)

    def render(self, job: Job, request: RenderRequest, text: str) -> Rendered:
        sources = job.state.get("sources")  # the same object until the parent sends another
        links = job.state.get("links")
        if (request.generation != self.generation or sources is not self.sources or links is not self.links
                or request.remote_media != self.remote_media):
            self.generation, self.sources, self.links = request.generation, sources, links
            self.remote_media = request.remote_media
            self.renderer = CitationRenderer(sources=sources or {}, citation_style=request.citation_style)
            self.renderer.env.update(links or {})  # a site's post: its links to other posts resolve
            self.renderer.env["remote_media"] = request.remote_media
            self.site_files = SiteFiles.from_env(links)
            self.sent = set()  # the same source may render otherwise now: every block's HTML goes again
        job.step(["preview"], "", PREVIEW_BUDGET_S)
        began = time.perf_counter()
        try:
            with Budget(PREVIEW_BUDGET_S):
                result = self.renderer.update(text)
        except GaveUp:
            raise RuntimeError(f"the preview gave up: rendering took longer than {PREVIEW_BUDGET_S:g} s") from None
        blocks = list(result.blocks)
        extra = sources_block(self.renderer, text, self.sources_cache)
        if extra is not None:
            blocks.append(extra)
        lines: list[str] | None = None
        headings: dict[str, str] = {}
        out = []
        for b in blocks:
            known = b.key in self.sent
            html = None if known else b.html
            if html is not None and len(html) > BLOCK_HTML_CAP:
                if lines is None:
                    lines = text.split("\n")
                html = cut_block(html, "\n".join(lines[b.start:b.end]))
            out.append((b.start, b.end, b.key, None if html is None else local_images(html, self.site_files),
                        b.kind))
            if b.kind == "heading_open" and not known:
                if lines is None:
                    lines = text.split("\n")
                headings[b.key] = "\n".join(lines[b.start:b.end])
        self.sent = {b.key for b in blocks}
        return Rendered(out, headings, (time.perf_counter() - began) * 1000)


class BlockCache:
    """The parent's side of ``Rendered``: fills in the HTML of the blocks the
    previous answer had (and keeps their ``Block`` objects where they have not
    moved). It sees every answer of its worker, in order (stale ones too)."""

    def __init__(self) -> None:
        self.blocks: dict[str, Block] = {}

    def expand(self, rendered: Rendered) -> list[Block]:
        known = self.blocks
        out = []
        for start, end, key, html, kind in rendered.blocks:
            old = known.get(key)
            if html is None and old is not None and old.start == start and old.end == end:
                out.append(old)
            else:
                out.append(Block(start, end, key, html if html is not None else (old.html if old else ""), kind))
        self.blocks = {b.key: b for b in out}
        return out


_preview = _Preview()
HANDLERS = {"render": _preview.render}
