"""Clipboard HTML (from a browser or a word processor) to Markdown.

Browsers and office suites put both HTML and plain text on the clipboard. The
HTML keeps the structure (headings, links, lists, images), so it is converted
with the importer's ``fragment_to_markdown``. Windows' CF_HTML envelope
(``<!--StartFragment-->``) is honoured; a single inline run pastes without the
trailing newline so a word pasted mid-sentence stays mid-sentence.
"""

from __future__ import annotations

import re

_FRAGMENT = re.compile(r"<!--\s*StartFragment\s*-->(.*?)<!--\s*EndFragment\s*-->", re.S | re.I)
_BLOCK_TAGS = re.compile(r"<(p|h[1-6]|ul|ol|li|blockquote|pre|table|tr|br|div|hr|img)\b", re.I)
_STRUCTURE_TAGS = re.compile(r"<(h[1-6]|ul|ol|li|blockquote|pre|table|a|img|strong|b|em|i|code|s|del)\b", re.I)


def has_structure(html: str) -> bool:
    """True if the HTML carries something Markdown can keep (else paste plain text)."""
    return bool(_STRUCTURE_TAGS.search(html))


def html_to_markdown(html: str) -> str:
    from ...core.importers.html import fragment_to_markdown  # markdownify: loaded on first paste

    m = _FRAGMENT.search(html)
    if m:
        html = m.group(1)
    md = fragment_to_markdown(html)
    if not _BLOCK_TAGS.search(html) and "\n" not in md.strip("\n"):
        return md.strip("\n")
    return md
