"""Defusing raw HTML left in Markdown that goes to a static site generator.

Hugo and Jekyll render the Markdown themselves, and Jekyll (kramdown) passes
raw HTML through, so a draft pasted from a hostile page could carry a script
onto the site. Before a Markdown export, outside code blocks and code spans:
``<script>``, ``<style>``, ``<iframe>``, ``<object>``, ``<embed>`` and
``<form>`` elements are removed, event-handler attributes (``onerror=`` ...)
are dropped, and ``javascript:``/``vbscript:`` URLs become ``#``. Ordinary
Markdown and harmless HTML are left exactly as they were.
"""

from __future__ import annotations

import re

from .images import _masked

_ELEMENTS = r"(?:script|style|iframe|object|embed|form|base|meta)"
_PAIRED = re.compile(rf"<{_ELEMENTS}\b[^>]*>.*?</{_ELEMENTS}\s*>", re.I | re.S)
_LONE = re.compile(rf"</?{_ELEMENTS}\b[^>]*>", re.I)
_TAG = re.compile(r"<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_HANDLER = re.compile(r"""\s+on[A-Za-z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.I)
_BAD_URL = re.compile(r"""(?P<pre>\]\(\s*<?|\b(?:href|src|action|formaction|xlink:href)\s*=\s*["']?)"""
                      r"""(?P<url>\s*(?:j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t)\s*:[^\s"'>()]*(?:\([^)]*\))?)""",
                      re.I)


def _replace_outside_code(markdown: str, pattern: re.Pattern, repl) -> tuple[str, int]:
    masked = _masked(markdown)
    out, last, count = [], 0, 0
    for m in pattern.finditer(masked):
        a, b = m.span()
        new = repl(markdown[a:b], m)
        if new != markdown[a:b]:
            count += 1
            out.append(markdown[last:a])
            out.append(new)
            last = b
    out.append(markdown[last:])
    return "".join(out), count


def defuse(markdown: str) -> tuple[str, int]:
    """(``markdown`` without active content, how many things were removed or changed)."""
    total = 0
    markdown, n = _replace_outside_code(markdown, _PAIRED, lambda _t, _m: "")
    total += n
    markdown, n = _replace_outside_code(markdown, _LONE, lambda _t, _m: "")
    total += n
    markdown, n = _replace_outside_code(markdown, _TAG, lambda t, _m: _HANDLER.sub("", t))
    total += n
    markdown, n = _replace_outside_code(markdown, _BAD_URL, lambda t, m: m.group("pre") + "#")
    total += n
    return markdown, total
