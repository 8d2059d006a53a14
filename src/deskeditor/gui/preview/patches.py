"""The Python side of the preview's patch protocol (no Qt here).

The preview page holds one wrapper element per rendered block, identified by
the block's key. ``PageMirror`` remembers what the page holds, so that each
patch carries the full ordered list of keys with their source lines (small)
but HTML only for the blocks the page does not have yet (usually the one block
being typed in). A first load of a long draft is split into patches of at most
``budget`` characters of HTML, each leaving the page in a consistent state.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from deskeditor.core.markdown.render import Block

DEFAULT_BUDGET = 256 * 1024  # characters of HTML per patch


@dataclass
class Patch:
    seq: int
    keys: list[str]
    starts: list[int]
    ends: list[int]
    html: dict[str, str] = field(default_factory=dict)
    final: bool = True  # False while a chunked load still has blocks to send

    def script(self) -> str:
        """The JavaScript call that applies this patch (returns a JSON string)."""
        payload = {"seq": self.seq, "k": self.keys, "s": self.starts, "e": self.ends, "h": self.html}
        return "window.__de ? window.__de.patch(%s) : '\"not-ready\"'" % json.dumps(payload)


def shown(blocks: list[Block]) -> list[Block]:
    """The blocks that have something to show (front matter and blank tails do not)."""
    return [b for b in blocks if b.html and not b.html.isspace()]


def page_keys(blocks: list[Block]) -> list[str]:
    """The key the page uses for each block.

    A block's key is a hash of its text, so equal blocks share a key. Should two
    blocks with the same key render differently, the later variant gets its own
    key so the page never shows one block's HTML for another.
    """
    first: dict[str, str] = {}
    out = []
    for b in blocks:
        seen = first.setdefault(b.key, b.html)
        if seen is b.html or seen == b.html:
            out.append(b.key)
        else:
            out.append(f"{b.key}~{abs(hash(b.html)) & 0xFFFFFFFF:08x}")
    return out


class PageMirror:
    """What the page shows: its ordered keys, their lines, and the HTML per key."""

    def __init__(self) -> None:
        self.seq = 0
        self.forget()

    def forget(self) -> None:
        """The page lost its content (reload, crash): everything must be sent again."""
        self.keys: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.html: dict[str, str] = {}
        self.counts: Counter[str] = Counter()

    def next_patch(self, blocks: list[Block], budget: int = DEFAULT_BUDGET) -> Patch | None:
        """The patch that brings the page (closer) to ``blocks``; None when it already shows them.

        The mirror assumes the patch will be applied; call ``forget`` if it is not.
        """
        blocks = shown(blocks)
        keys = page_keys(blocks)
        wanted = Counter(keys)
        entries: list[int] = []
        html: dict[str, str] = {}
        size = 0
        final = True
        for i, (key, block) in enumerate(zip(keys, blocks)):
            if key in html or self._page_has(key, block.html, wanted[key]):
                entries.append(i)
                continue
            if not final or (size and size + len(block.html) > budget):
                final = False  # the rest of the new HTML goes in later patches
                continue
            html[key] = block.html
            size += len(block.html)
            entries.append(i)
        new_keys = [keys[i] for i in entries]
        starts = [blocks[i].start for i in entries]
        ends = [blocks[i].end for i in entries]
        if not html and new_keys == self.keys and starts == self.starts and ends == self.ends:
            return None
        self.seq += 1
        patch = Patch(self.seq, new_keys, starts, ends, html, final)
        self._apply(patch)
        return patch

    def _page_has(self, key: str, block_html: str, needed: int) -> bool:
        have = self.html.get(key)
        if have is None or self.counts[key] < needed:
            return False
        return have is block_html or have == block_html

    def _apply(self, patch: Patch) -> None:
        old = self.html
        self.html = {k: patch.html[k] if k in patch.html else old[k] for k in patch.keys}
        self.keys, self.starts, self.ends = patch.keys, patch.starts, patch.ends
        self.counts = Counter(patch.keys)
