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

_TAG = re.compile(r"\{\{[<%].*?[>%]\}\}|\{%.*?%\}|\{\{.*?\}\}")
_SPACE = re.compile(r"\s")
_HOLD = "\ue000"
_REFDEF_HEAD = re.compile(r"(?:^|\n)[ ]{0,3}\[[^\]\n]+\]:[ \t]*$")


def _in_destination(src: str, start: int) -> bool:
    k = start
    while k > 0 and not src[k - 1].isspace() and src[k - 1] not in "()[]":
        k -= 1
    if src.startswith("](", k - 2) or src.startswith("](<", k - 3):
        return True
    line_start = src.rfind("\n", 0, k) + 1
    return bool(_REFDEF_HEAD.search(src, max(0, line_start - 1), k))


def protect(src: str) -> tuple[str, bool]:
    """``src`` with the whitespace of destination tags held; whether any was."""
    if ("{{" not in src and "{%" not in src) or _HOLD in src:
        return src, False
    out, last, changed = [], 0, False
    for m in _TAG.finditer(src):
        if _SPACE.search(m.group(0)) and _in_destination(src, m.start()):
            out.append(src[last:m.start()])
            out.append(_SPACE.sub(_HOLD, m.group(0)))
            last = m.end()
            changed = True
    if not changed:
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
