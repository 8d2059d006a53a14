"""Plain text as pasted from a web page, to Markdown.

What a copy from a browser brings: a byline, the title, image captions, section
titles as short lines of their own, paragraphs separated by blank lines, and the
comment form's debris at the end ("Leave a Comment", "Scroll to Top"). Short
stand-alone lines that read as titles (Title Case, no closing full stop) become
headings; the first one is the post's title, the rest are sections (``##``). A
one- to three-word name line before the title is taken as the byline (author).
"""

from __future__ import annotations

import re

from ..markdown import frontmatter

_DEBRIS = re.compile(
    r"^(leave a (comment|reply)|post comment|scroll to top|back to top|cancel reply|"
    r"your email address will not be published.*|required fields are marked.*|"
    r"(name|email|website|comment)\s*\*?|save my name, email.*|share this:?|"
    r"like this:?|related posts?:?|you may also like:?|previous post|next post)$",
    re.I,
)
_SMALL = {
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in",
    "of", "on", "to", "up", "via", "with", "from", "into", "over", "vs", "per", "than", "is",
}
_MD_SPECIAL = re.compile(r"^(\s*)([#>*+\-]|\d+[.)])(\s)")


def _words(line: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'’.\-]*", line)


def is_title_like(line: str) -> bool:
    """A short line in Title Case with no closing full stop."""
    line = line.strip()
    if not line or len(line) > 100 or line[-1] in ".!?;:,":
        return False
    words = _words(line)
    if not words or len(words) > 14:
        return False
    content = [w for w in words if w.lower() not in _SMALL]
    if not content:
        return False
    capital = sum(1 for w in content if w[0].isupper())
    return capital / len(content) >= 0.75 and words[0][0].isupper()


def _is_byline(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 3 and len(line) <= 40 and all(w[0].isupper() for w in words) \
        and not re.search(r"[.!?:]$", line)


def _escape(line: str) -> str:
    """Keep a pasted line from turning into Markdown syntax by accident."""
    return _MD_SPECIAL.sub(lambda m: m.group(1) + "\\" + m.group(2) + m.group(3), line)


def split_paragraphs(text: str) -> list[str]:
    paras = [p.strip() for p in re.split(r"\n\s*\n", text)]
    return [re.sub(r"[ \t]*\n[ \t]*", "\n", p) for p in paras if p]


def to_markdown(text: str) -> str:
    paras = split_paragraphs(text)
    while paras and all(_DEBRIS.match(line.strip()) for line in paras[-1].splitlines()):
        paras.pop()
    # a trailing debris line may share a paragraph with others ("Name*\nEmail*")
    author = ""
    title = ""
    start = 0
    head = [p for p in paras[:3]]
    if len(head) >= 2 and "\n" not in head[0] and _is_byline(head[0]) and is_title_like(head[1]) \
            and len(_words(head[1])) > len(_words(head[0])):
        author = head[0]
        start = 1
    if start < len(paras) and "\n" not in paras[start] and is_title_like(paras[start]):
        title = paras[start]
        start += 1
    out = []
    for para in paras[start:]:
        if "\n" not in para and is_title_like(para):
            out.append("## " + para)
        else:
            out.append("\n".join(_escape(line) for line in para.splitlines()))
    body = "\n\n".join(out) + "\n"
    fields = {}
    if title:
        fields["title"] = title
    if author:
        fields["author"] = author
    return frontmatter.with_fields(body, **fields) if fields else body
