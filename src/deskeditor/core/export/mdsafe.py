"""Making the Markdown of a Hugo or Jekyll export safe for the site.

Hugo (Goldmark with ``unsafe``) and Jekyll (kramdown) render the Markdown
themselves and pass raw HTML through, and neither checks link schemes there,
so a draft pasted from a hostile page could carry script onto the site. The
Markdown is parsed (markdown-it, CommonMark, raw HTML on, every link scheme
accepted, as those renderers do) and handled block by block:

- code blocks and fences stay exactly as written (their renderers escape them);
- a raw HTML block is replaced by what ``sanitize_raw_html`` (nh3) keeps of it,
  which keeps safe author HTML (figures, captions, classes, ``<style>``);
- any other block is rendered and audited (``audit``); a block that would
  run script or navigate (an event handler, a ``javascript:`` link, ...), or
  holds a ``<`` that CommonMark reads as text but a looser parser could read
  as a tag, or a kramdown/Goldmark attribute list or extension, is replaced by
  its rendering cleaned by the same sanitizer, as an HTML block.

Everything else stays byte for byte as the writer wrote it. The result is
audited once more; if anything were still found, the export stops.
"""

from __future__ import annotations

import functools
import re

from html.parser import HTMLParser

from markdown_it import MarkdownIt

from ..errors import ExportError
from ..markdown.sanitize import sanitize_raw_html
from .audit import SAFE_TAGS, audit

_LOOSE_TAG = re.compile(r"<[A-Za-z!?/]")
# {: .cls onclick="..."} (kramdown IAL), {::nomarkdown} (kramdown extension), {#id onclick=..} (Goldmark)
# (not Hugo's shortcodes, {{< figure src="..." >}}, which Hugo's own templates render)
_ATTR_LIST = re.compile(r"(?<!\{)\{(?![{%<])[^{}\n]*(?:\bon[a-z]+\s*=|\b(?:href|src|style)\s*=)", re.I)
_IAL_OPEN = re.compile(r"\{:")
# an IAL of classes, ids and inert attributes (what bloggers write: {: .center-image }, {:target="_blank"}),
# an attribute list definition of them ({:name: .note}) and references to one ({: name}) are kept as
# written; anything else in one (an event handler, a style, an extension) is not
_SAFE_IAL = re.compile(r"""\{:(?:[\w-]+:)?\s*(?:(?:\.[\w-]+|\#[\w-]+|(?:target|rel|title|width|height|lang|alt)\s*=\s*
                           (?:"[^"<>{}]*"|'[^'<>{}]*'|[\w-]+)|[\w-]+(?![\w-]*\s*=))\s*)+\}""", re.I | re.X)
_CODE = ("fence", "code_block")
# a block that is one HTML comment with no markup in it (not an old IE conditional comment)
_INERT_COMMENT = re.compile(r"\A[ \t]*<!--(?![\[>])(?:(?!--|<|\[if)[^\n]|\n(?!\s*\n))*-->[ \t]*\n?\Z", re.I)
_STYLE = re.compile(r"(<style\b.*?</style>)", re.S | re.I)


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    # judge what the site's renderer would emit: any scheme, entities decoded, nothing %-encoded
    md.validateLink = lambda url: True
    md.normalizeLink = lambda url: url
    return md


def _top_level(tokens):
    """(first token, one past the last, start line, end line) of each top-level block."""
    i, n = 0, len(tokens)
    while i < n:
        j, depth = i + 1, tokens[i].nesting
        while depth > 0 and j < n:
            depth += tokens[j].nesting
            j += 1
        if tokens[i].map is not None:
            yield i, j, tokens[i].map[0], tokens[i].map[1]
        i = j


def _suspicious(tokens, source: str) -> bool:
    """A block CommonMark renders harmlessly that a looser renderer might not."""
    for tok in tokens:
        for child in tok.children or ():
            if child.type == "text" and _LOOSE_TAG.search(child.content):
                return True
    if any(not _SAFE_IAL.match(source, m.start()) for m in _IAL_OPEN.finditer(source)):
        return True
    return bool(_ATTR_LIST.search(source))


def _no_braces(html: str) -> str:
    """``{`` as a character reference outside style sheets: no kramdown attribute
    list or extension can start there."""
    return "".join(part if i % 2 else part.replace("{", "&#123;") for i, part in enumerate(_STYLE.split(html)))


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Nesting(HTMLParser):
    """Which elements an HTML block opens without closing, and which it closes without
    opening: raw HTML often wraps Markdown (``<details>`` ... Markdown ... ``</details>``)
    across blocks, and a sanitizer that sees one block alone would close or drop them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.lead: list[str] = []  # closers before anything else
        self.trail: list[str] = []  # other closers of elements opened elsewhere
        self._seen = False

    def handle_starttag(self, tag, attrs):
        self._seen = True
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        elif tag in SAFE_TAGS:
            (self.trail if self._seen else self.lead).append(tag)

    def handle_data(self, data):
        if data.strip():
            self._seen = True


def _clean_block(raw: str) -> str:
    """``raw`` through the sanitizer, keeping the block's open and close tags that belong
    to elements spanning several blocks."""
    nesting = _Nesting()
    nesting.feed(raw)
    nesting.close()
    clean = sanitize_raw_html(raw).rstrip("\n")
    added = "".join(f"</{t}>" for t in reversed(nesting.stack) if t in SAFE_TAGS)
    if added and clean.endswith(added) and "style" not in nesting.stack:  # a style sheet is always closed
        clean = clean[: -len(added)]
    lead = "".join(f"</{t}>" for t in nesting.lead)
    trail = "".join(f"</{t}>" for t in nesting.trail)
    return lead + clean + trail


def _as_html_block(html: str) -> list[str]:
    """Sanitized HTML as lines of one HTML block (a blank line would end it)."""
    lines = [ln for ln in _no_braces(html).strip("\n").split("\n") if ln.strip()]
    return [ln + "\n" for ln in lines]


def defuse(markdown: str) -> tuple[str, int]:
    """(``markdown`` safe for a static site generator, how many blocks had to change).
    Liquid, which Jekyll runs first, is judged apart (``liquid_is_inert``)."""
    md = _parser()
    env: dict = {}
    tokens = md.parse(markdown, env)
    lines = markdown.splitlines(keepends=True)
    out: list[str] = []
    last, changed = 0, 0
    for i, j, start, end in _top_level(tokens):
        block = tokens[i:j]
        text = "".join(lines[start:end])
        if block[0].type in _CODE:
            continue
        if block[0].type == "html_block":
            if _INERT_COMMENT.match(block[0].content):
                continue  # <!--more--> and other plain comments: the generator's summary divider, inert
            clean = _clean_block(block[0].content)
            if clean.strip() == block[0].content.strip():
                continue
            new = _as_html_block(clean)
        else:
            rendered = md.renderer.render(block, md.options, env)
            if not audit(rendered) and not _suspicious(block, text):
                continue
            new = _as_html_block(sanitize_raw_html(rendered))
        if new and end < len(lines) and lines[end].strip():
            new.append("\n")  # the next line would otherwise join the HTML block
        out += lines[last:start] + new
        last = end
        changed += 1
    out += lines[last:]
    result = "".join(out)
    if changed:
        _final_check(result)
    return result, changed


def _final_check(markdown: str) -> None:
    md = _parser()
    problems = audit(md.render(markdown))
    if problems:  # the blocks were cleaned one by one; this would be a bug, so refuse
        raise ExportError(f"refusing to export unsafe Markdown: it still contains {problems[0]}")


# Liquid that only reads the site's own configuration or includes its own files
# (no filters, no assignments, no page variables a draft could fill).
_LIQUID_ANY = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_LIQUID_INERT = re.compile(
    r"\{\{-?\s*site(?:\.[A-Za-z0-9_]+)*\s*-?\}\}"
    r"|\{%-?\s*(?:include|include_relative)\s+[A-Za-z0-9_./-]+\s*-?%\}"
    r"|\{%-?\s*(?:link|post_url)\s+[A-Za-z0-9_./-]+\s*-?%\}"
    r"|\{%-?\s*(?:highlight\s+[A-Za-z0-9_+-]+(?:\s+linenos)?|endhighlight|raw|endraw|comment|endcomment)\s*-?%\}")


def liquid_is_inert(markdown: str) -> bool:
    """Whether every Liquid tag in ``markdown`` is one that cannot make markup.

    Jekyll runs Liquid over a post before kramdown, anywhere in it (code blocks
    included), and Liquid can build any text: ``{{ "%3Cscript%3E" | url_decode }}``,
    a ``capture``, a page variable from the front matter. A post with anything
    beyond reading ``site.*``, plain includes, links and highlighting is
    exported with ``render_with_liquid: false``, so Jekyll shows it as written."""
    return all(_LIQUID_INERT.fullmatch(m.group(0)) for m in _LIQUID_ANY.finditer(markdown))
