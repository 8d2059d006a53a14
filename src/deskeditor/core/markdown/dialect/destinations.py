"""Template tags inside link destinations.

``[post]({{< ref "post.md" >}})``, ``![x]({{ site.baseurl }}/a.png)`` and
``[name]: {{< baseurl >}}/page`` are how bloggers link within their site, but
the spaces inside the tag make them invalid CommonMark destinations, so the
link is read as text. Before parsing, the whitespace inside a tag that sits in
a destination becomes U+E000 (same length, so every offset holds); after
parsing it is put back in every token, and the destination's template is kept
in ``meta["template"]`` of the link or image for the renderer to resolve.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from .tags import MAX_TAG, scan_tag

_TAG = re.compile(r"\{\{[<%].*?[>%]\}\}|\{%.*?%\}|\{\{.*?\}\}")  # resolved URLs are short strings
_SPACE = re.compile(r"\s")
_HOLD = "\ue000"
_DEST_START = re.compile(r"\]\([ \t]*\n?[ \t]*<?|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*", re.M)


def protect(src: str) -> tuple[str, bool]:
    """``src`` with the whitespace of destination tags held; whether any was."""
    if ("{{" not in src and "{%" not in src) or _HOLD in src:
        return src, False
    out, last = [], 0
    for m in _DEST_START.finditer(src):
        p = m.end()
        if p < last:
            continue
        stop = min(len(src), p + 2 * MAX_TAG)
        while p < stop and not src[p].isspace() and src[p] not in ")>":
            tag = scan_tag(src, p, stop) if src.startswith(("{{", "{%"), p) else None
            if tag is None:
                p += 1
                continue
            text = src[tag.start:tag.end]
            if _SPACE.search(text):
                out.append(src[last:tag.start])
                out.append(_SPACE.sub(_HOLD, text))
                last = tag.end
            p = tag.end
    if not out:
        return src, False
    out.append(src[last:])
    return "".join(out), True


def _restore_url(token, attr: str) -> None:
    url = token.attrGet(attr)
    if url and ("%7B" in url or "{" in url):
        raw = unquote(url).replace(_HOLD, " ")
        if _TAG.search(raw):
            token.meta = dict(token.meta or {}, template=raw)
            token.attrSet(attr, raw)


def restore(state) -> None:
    """Core rule: put the held whitespace back and mark templated destinations
    (a reference definition keeps its held form in ``env["references"]``, so a
    block parsed on its own later resolves it the same way)."""
    held = state.env.pop("_held_destinations", False)
    for tok in state.tokens:
        if held and _HOLD in tok.content:
            tok.content = tok.content.replace(_HOLD, " ")
        if tok.children is None:
            continue
        for child in tok.children:
            if held and _HOLD in child.content:
                child.content = child.content.replace(_HOLD, " ")
            if child.type == "link_open":
                _restore_url(child, "href")
            elif child.type == "image":
                _restore_url(child, "src")
