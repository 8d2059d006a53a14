"""Markdown to HTML, whole or block by block.

A *block* is one top-level Markdown block (a paragraph, a heading, a whole list,
a table, a fenced code block ...) with its source line range. The preview keeps
one DOM element per block and patches only the blocks whose text changed, so
typing never re-renders or reloads the page.

``render_html`` renders a whole document (export, ``deskeditor render``).
``BlockRenderer`` keeps the blocks of the document being edited and, given the
new text after an edit, re-parses only the region around the changed lines.

Each takes the markdown-it ``plugins`` of other packages and the ``env``
entries they read; ``core.citations.render`` builds its citation-aware
renderers from these, so this package never imports that one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from .dialect import expand_math
from .dialect.kramdown import block_after, block_before
from .parser import make_parser
from .sanitize import sanitize

# Constructs whose meaning reaches beyond their own block: a change to (or near)
# one of these makes the incremental renderer fall back to a full parse.
# Paired shortcodes and Liquid tags, ``$$`` and ``\\[`` math blocks (their
# closers too: a ``\\]`` typed far below closes an opener far above), kramdown
# attribute lists (applied to the block before them) are such constructs too.
_NONLOCAL = re.compile(r"^\s{0,3}(```|~~~|\[\^|\[[^\]]+\]:|---\s*$|<|\{\{|\{%|\{:|\$\$|\\\\?[\[\]])", re.M)
# A link reference definition anywhere in the re-parsed region (it may turn
# into one, or stop being one, when a neighbouring line changes).
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:", re.M)
# A display-math delimiter line (``$$``, ``\[``, ``\]``, ``\\[``, ``\\]``) anywhere in the re-parsed region.
_MATH_LINE = re.compile(r"^\s{0,3}(\$\$|\\\\?[\[\]])", re.M)


@dataclass(frozen=True)
class Block:
    start: int  # first source line, 0-based
    end: int  # one past the last source line
    key: str  # hash of the block's source text: same text, same HTML
    html: str  # sanitized HTML; data-source-line values are relative to ``start``
    kind: str  # the top-level token type: paragraph_open, heading_open, ...


@dataclass
class RenderResult:
    blocks: list[Block]
    full: bool  # True when the whole document was re-parsed
    reparsed: int  # how many blocks were (re)rendered this time
    env: dict = field(default_factory=dict)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def render_html(source: str, *, source_lines: bool = True, sanitized: bool = True,
                plugins: tuple = (), env: dict | None = None) -> str:
    """The whole document as HTML (front matter left out); ``plugins`` and
    ``env`` as ``make_parser`` and the plugins take them. Math becomes MathML
    after sanitizing (``dialect.expand_math``)."""
    md = make_parser(plugins=plugins)
    env = {**(env or {}), "source_lines": source_lines}
    html = md.render(source, env)
    return expand_math(sanitize(html) if sanitized else html, env)


def _top_level_ranges(tokens, lines: list[str]) -> list[tuple[int, int, int, int]]:
    """(first token, last token + 1, start line, end line) of each top-level block.

    Blocks are found by nesting, not by ``level``: the footnote plugin gives
    the tokens inside its footnote block level 0."""
    out = []
    i = 0
    n = len(tokens)
    before = None  # (first token, start line) of block IALs right above the next block
    while i < n:
        tok = tokens[i]
        j = i + 1
        if tok.nesting == 1:
            depth = 1
            while j < n and depth:
                depth += tokens[j].nesting
                j += 1
        if tok.type == "ial_block" and out and out[-1][3] == tok.map[0] and block_before(tokens, i, lines):
            # a kramdown attribute list belongs to the block it follows: one block, one key
            out[-1] = (out[-1][0], j, out[-1][2], tok.map[1])
        elif tok.type == "ial_block" and block_after(tokens, i) is not None:
            # ... or, when none ends right above it, to the block right below it
            before = before or (i, tok.map[0])
        elif before is not None:
            out.append((before[0], j, before[1], tok.map[1]))
            before = None
        elif tok.map is not None:
            out.append((i, j, tok.map[0], tok.map[1]))
        elif out:
            # e.g. footnote_block: attach to the end of the document
            out.append((i, j, out[-1][3], out[-1][3]))
        i = j
    return out


def _render_tokens(md, tokens, env, line_offset: int) -> str:
    for tok in tokens:
        # make source lines relative to the block start
        if tok.attrs and "data-source-line" in tok.attrs:
            tok.attrSet("data-source-line", str(int(tok.attrs["data-source-line"]) - line_offset))
    return expand_math(sanitize(md.renderer.render(tokens, md.options, env)), env)


def render_blocks(source: str, *, line_offset: int = 0, continues: bool = False,
                  plugins: tuple = (), env: dict | None = None,
                  references: dict | None = None, math_off: bool = False) -> RenderResult:
    """Parse and render ``source`` as a list of top-level blocks.

    ``continues`` says that ``source`` is a region of a larger document that
    goes on after it (so its last line is followed by a line break)."""
    md = make_parser(plugins=plugins)
    env = {**(env or {}), "line_offset": line_offset}
    if references:
        env["references"] = dict(references)  # link reference definitions made elsewhere in the document
    if math_off:
        env["math_off"] = True  # the document's front matter turns math off
    tokens = md.parse(source, env)
    lines = source.split("\n")
    blocks = []
    h1s = [tokens[k + 1].content for k, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"
           and t.level == 0]
    for i, j, start, end in _top_level_ranges(tokens, lines):
        # the block's own kind, not that of the attribute list above it
        kind = next((t.type for t in tokens[i:j] if t.type != "ial_block"), tokens[i].type)
        if kind == "front_matter":
            text = "\n".join(lines[start:end])
            html = title_heading(source, h1s)
            blocks.append(Block(start + line_offset, end + line_offset, _digest(text + "\x00" + html), html, kind))
            continue
        html = _render_tokens(md, tokens[i:j], env, start + line_offset)
        # the key covers the block's lines and whether a line break ends it
        text = "\n".join(lines[start:end]) + ("\n" if end < len(lines) or continues else "")
        if kind == "footnote_block_open":
            text = "\x00footnotes\x00" + _digest(html)
        blocks.append(Block(start + line_offset, end + line_offset, _digest(text), html, kind))
    return RenderResult(blocks, True, len(blocks), env)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def title_heading(source: str, h1s: list[str]) -> str:
    """The post's title as its H1, where the front matter block stands: the
    title is a field (``title:``), and the page shows it as the one H1, as
    every export does. A body H1 equal to the title is that same heading
    (older drafts, the exports leave it out), so it is not shown twice."""
    from html import escape

    from . import frontmatter

    try:
        title = frontmatter.split(source).data.get("title")
    except Exception:  # malformed front matter: the linter says so; no title here
        return ""
    if not isinstance(title, str) or not title.strip() or _norm(title) in {_norm(h) for h in h1s}:
        return ""
    return f'<h1 class="de-title">{escape(title.strip())}</h1>'


class BlockRenderer:
    """Keeps the rendered blocks of one document between edits.

    ``update(text)`` returns the blocks of the new text, re-rendering only the
    region of blocks that touch the changed lines (plus one block either side,
    so that joins such as a paragraph becoming a list item are seen). It falls
    back to a full parse when the change involves a construct whose meaning
    reaches across blocks (fences, footnotes, link reference definitions, front
    matter, raw HTML) or when the region's parse does not end cleanly.
    """

    def __init__(self, *, plugins: tuple = (), env: dict | None = None) -> None:
        self.lines: list[str] = []
        self.blocks: list[Block] = []
        self.has_text = False
        self.plugins = plugins
        self.env = dict(env or {})
        self.references: dict = {}
        self.math_off = False

    def reset(self, text: str) -> RenderResult:
        result = render_blocks(text, plugins=self.plugins, env=self.env)
        self.references = dict(result.env.get("references") or {})
        self.math_off = bool(result.env.get("math_off"))
        self.lines = text.split("\n")
        self.blocks = result.blocks
        self.has_text = True
        return result

    def update(self, text: str) -> RenderResult:
        if not self.has_text:
            return self.reset(text)
        new = text.split("\n")
        old = self.lines
        # common prefix and suffix, in lines
        n_old, n_new = len(old), len(new)
        p = 0
        limit = min(n_old, n_new)
        while p < limit and old[p] == new[p]:
            p += 1
        if p == n_old == n_new:
            return RenderResult(self.blocks, False, 0)
        s = 0
        while s < limit - p and old[n_old - 1 - s] == new[n_new - 1 - s]:
            s += 1
        old_lo, old_hi = p, n_old - s  # changed lines in the old text
        new_hi = n_new - s
        delta = n_new - n_old
        changed_old = "\n".join(old[old_lo:old_hi])
        changed_new = "\n".join(new[p:new_hi])
        if _NONLOCAL.search(changed_old) or _NONLOCAL.search(changed_new):
            return self.reset(text)
        blocks = [b for b in self.blocks if b.kind != "footnote_block_open"]
        if len(blocks) != len(self.blocks):
            return self.reset(text)
        # blocks touching the changed lines (an insertion between blocks touches both neighbours)
        touched = [i for i, b in enumerate(blocks) if b.end >= old_lo and b.start <= old_hi]
        if not touched:
            return self.reset(text)
        first = max(0, touched[0] - 1)
        last = min(len(blocks) - 1, touched[-1] + 1)
        region_start = blocks[first].start
        # Lines just above the region that belong to no block are definitions
        # (footnotes, link references) that may continue into the changed lines.
        gap_from = blocks[first - 1].end if first > 0 else 0
        if any(old[k].strip() for k in range(gap_from, region_start)):
            return self.reset(text)
        # The parse window runs on through one unchanged "lookahead" block, so the
        # region's last block is parsed with what follows it (a list's trailing
        # blank lines depend on it); the lookahead's own result is then checked
        # against the block it was, and dropped.
        look = last + 1 if last + 1 < len(blocks) else None
        window_end_old = n_old
        if look is not None:
            window_end_old = blocks[look + 1].start if look + 1 < len(blocks) else n_old
            if blocks[look].start < old_hi:
                return self.reset(text)
        elif blocks[last].end < old_hi:
            return self.reset(text)
        window_end_new = window_end_old + delta
        if region_start > p or window_end_new < new_hi:
            return self.reset(text)
        window_text = "\n".join(new[region_start:window_end_new])
        old_window_text = "\n".join(old[region_start:window_end_old])
        if "[^" in window_text or _REFDEF.search(window_text) or _REFDEF.search(old_window_text):
            return self.reset(text)  # footnote numbering and references are document-wide
        if _MATH_LINE.search(window_text) or _MATH_LINE.search(old_window_text):
            return self.reset(text)  # a math block's lines pair up across the window (and rarely occur)
        part = render_blocks(window_text, line_offset=region_start, continues=window_end_new < n_new,
                             plugins=self.plugins, env=self.env, references=self.references,
                             math_off=self.math_off)
        if any(b.kind in ("front_matter", "footnote_block_open") for b in part.blocks):
            return self.reset(text)
        if part.blocks and part.blocks[-1].end > window_end_new:
            return self.reset(text)
        if look is not None:
            look_start = blocks[look].start + delta
            at = [k for k, b in enumerate(part.blocks) if b.start == look_start]
            if not at or part.blocks[at[0]].key != blocks[look].key or \
                    (len(part.blocks) > at[0] + 1):
                return self.reset(text)
            part.blocks = part.blocks[: at[0]]
        # unchanged neighbours keep the HTML they had (rendered in the whole
        # document's context); what changed is rendered anew
        old_by_key: dict[str, list[Block]] = {}
        for b in blocks[first : last + 1]:
            old_by_key.setdefault(b.key, []).append(b)
        region_blocks, fresh = [], []
        for b in part.blocks:
            same = old_by_key.get(b.key)
            if same:
                region_blocks.append(Block(b.start, b.end, b.key, same.pop(0).html, b.kind))
            else:
                region_blocks.append(b)
                fresh.append(b)
        gone = [b for left in old_by_key.values() for b in left]
        # headings' ids are unique across the whole document ("a", "a-1"), so a
        # change that adds, removes or edits a heading re-renders everything
        if any(b.kind == "heading_open" for b in fresh + gone):
            return self.reset(text)
        shifted = [
            Block(b.start + delta, b.end + delta, b.key, b.html, b.kind) for b in blocks[last + 1 :]
        ]
        self.blocks = blocks[:first] + region_blocks + shifted
        self.lines = new
        return RenderResult(self.blocks, False, len(fresh))


def document_html(blocks: list[Block]) -> str:
    """Concatenate blocks into one HTML string, each in a positioned wrapper."""
    return "".join(
        f'<div class="de-block" data-block="{b.key}" data-source-line="{b.start}">{b.html}</div>'
        for b in blocks
        if b.html
    )
