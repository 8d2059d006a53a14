"""Finding citations in a draft's Markdown: pandoc ``[@key]`` citations,
footnotes whose text links a source, and plain links.

The scanner works on the source text itself so every range is exact. Code
(fenced and indented blocks, inline code spans), raw HTML blocks and front
matter are masked first (replaced by spaces, same length), so a ``[@key]`` in a
code sample is not a citation.

Supported pandoc forms: ``[@key]``, ``[@key, para. 4]``, ``[see @a, p. 3; @b]``,
``[-@key]`` (suppress author) and ``@{key with spaces}``. Bare in-text ``@key``
is *not* read as a citation (it collides with e-mail addresses and handles).
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Iterable


from ..errors import InputError
from ..markdown import frontmatter
from ..markdown.links import link_tail
from ..markdown.parser import make_parser
from ..text.chunks import blanked
from .csl import CSLError, normalize
from .model import Citation, CiteItem, Footnote, Scan

# a pandoc citation key: starts with a letter, digit or _, may hold internal
# punctuation :.#$%&-+?<>~/ but does not end with it
KEY = r"[\w](?:[\w:.#$%&\-+?<>~/]*[\w])?"
_ITEM = re.compile(
    r"^\s*(?P<prefix>.*?)(?:(?<=\s)|^)(?P<minus>-)?@(?:\{(?P<bkey>[^{}]+)\}|(?P<key>" + KEY + r"))"
    r"(?P<rest>.*)$",
    re.S,
)
_BRACKET = re.compile(r"(?<![\\!\]])\[(?!\^)(?P<inner>[^\[\]]*?@[^\[\]]*?)\](?![(\[:])")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^(?P<label>[^\]\s]+)\]:[ \t]?", re.M)
_FOOTNOTE_REF = re.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")
_REF_DEF = re.compile(r"^ {0,3}\[(?P<label>[^\]\^\n][^\]\n]{0,998})\]:[ \t]*\n?[ \t]*(?P<dest><[^>\n]*>|\S+)[^\n]*$", re.M)
_AUTOLINK = re.compile(r"<(?P<url>https?://[^\s<>]+)>", re.I)
_HTML_A = re.compile(r"<a\s[^>]*?href\s*=\s*[\"'](?P<url>[^\"']+)[\"'][^>]*>(?P<text>.*?)</a\s*>", re.I | re.S)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

# pandoc's locator terms -> CSL locator labels
LOCATOR_TERMS = {
    "p": "page", "pp": "page", "page": "page", "pages": "page",
    "para": "paragraph", "paras": "paragraph", "paragraph": "paragraph", "paragraphs": "paragraph",
    "¶": "paragraph", "¶¶": "paragraph",
    "ch": "chapter", "chap": "chapter", "chaps": "chapter", "chapter": "chapter", "chapters": "chapter",
    "sec": "section", "secs": "section", "section": "section", "sections": "section", "§": "section",
    "§§": "section",
    "fig": "figure", "figs": "figure", "figure": "figure", "figures": "figure",
    "vol": "volume", "vols": "volume", "volume": "volume", "volumes": "volume",
    "l": "line", "ll": "line", "line": "line", "lines": "line",
    "n": "note", "nn": "note", "note": "note", "notes": "note",
    "col": "column", "cols": "column", "column": "column", "columns": "column",
    "bk": "book", "bks": "book", "book": "book", "books": "book",
    "pt": "part", "pts": "part", "part": "part", "parts": "part",
    "no": "issue", "nos": "issue", "number": "issue", "numbers": "issue",
    "v": "verse", "vv": "verse", "verse": "verse", "verses": "verse",
    "op": "opus", "opp": "opus", "opus": "opus",
    "s.v": "sub verbo", "s.vv": "sub verbo",
}
_LOCATOR = re.compile(
    r"^\s*,?\s*(?:(?P<term>[^\W\d]+(?:\.[^\W\d]+)?|¶¶?|§§?)\.?\s*)?(?P<value>\d[\w\-–:]*(?:\s*[,\-–]\s*\d[\w\-–:]*)*)"
    r"(?P<suffix>.*)$",
    re.S,
)


# -- masking -------------------------------------------------------------------
_TICK_OR_ESCAPE = re.compile(r"[\\`]")


def blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with every character of ``spans`` except newlines turned into
    a space (offsets stay the same). Built from slices: a character list of a
    5 MB draft held the GIL, and so the window, for a third of a second."""
    parts: list[str] = []
    pos, n = 0, len(text)
    for a, b in sorted(spans):
        a, b = max(a, pos, 0), min(b, n)
        if b <= a:
            continue
        parts.append(text[pos:a])
        parts.append(blanked(text[a:b]))
        pos = b
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for m in re.finditer("\n", source):
        starts.append(m.end())
    starts.append(len(source))
    return starts


def _closing_run(text: str, start: int, limit: int, run: int) -> int:
    """The end of the first run of exactly ``run`` backticks in
    ``text[start:limit]``, or -1."""
    k = start
    while k < limit:
        k = text.find("`", k, limit)
        if k < 0:
            return -1
        e = k
        while e < limit and text[e] == "`":
            e += 1
        if e - k == run:
            return e
        k = e
    return -1


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Inline code spans: a run of N backticks up to the next run of exactly N
    backticks in the same block."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        m = _TICK_OR_ESCAPE.search(text, i)
        if m is None:
            break
        i = m.start()
        if text[i] == "\\":
            i += 2
            continue
        j = i
        while j < n and text[j] == "`":
            j += 1
        run = j - i
        block_end = _BLANK_LINE.search(text, j)
        close = _closing_run(text, j, block_end.start() if block_end else n, run)
        if close < 0:
            i = j
            continue
        spans.append((i, close))
        i = close
    return spans


def masked(source: str, front_end: int = 0, tokens: Any = None) -> str:
    """``source`` with front matter, code and HTML blocks, and inline code
    blanked out (spaces, newlines kept), so offsets stay the same."""
    if tokens is None:
        tokens = make_parser().parse(source, {"source_lines": False})
    starts = _line_starts(source)
    spans = [(0, front_end)]
    for tok in tokens:
        if tok.type in ("fence", "code_block", "html_block") and tok.map:
            a, b = tok.map
            spans.append((starts[min(a, len(starts) - 1)], starts[min(b, len(starts) - 1)]))
    text = blank_spans(source, spans)
    return blank_spans(text, _code_spans(text))


# -- pandoc citations ----------------------------------------------------------
def parse_locator(rest: str) -> tuple[str, str, str]:
    """", para. 4, and more" -> ("paragraph", "4", "and more")."""
    if not rest.strip():
        return "", "", ""
    m = _LOCATOR.match(rest)
    if m and rest.lstrip().startswith(","):
        term = (m.group("term") or "").lower().rstrip(".")
        if term and term not in LOCATOR_TERMS:
            return "", "", rest.strip().lstrip(",").strip()
        label = LOCATOR_TERMS.get(term, "page")
        return label, m.group("value").strip(), m.group("suffix").strip().lstrip(",").strip()
    return "", "", rest.strip().lstrip(",").strip()


def parse_items(inner: str) -> tuple[CiteItem, ...] | None:
    """The items of a bracketed citation's inside, or None when some part of
    it is not a citation (then the bracket is ordinary text)."""
    items = []
    for part in inner.split(";"):
        m = _ITEM.match(part)
        if not m:
            return None
        key = m.group("bkey") or m.group("key")
        prefix = m.group("prefix").strip()
        label, locator, suffix = parse_locator(m.group("rest"))
        items.append(CiteItem(key=key.strip(), prefix=prefix, locator=locator, label=label,
                              suffix=suffix, suppress_author=bool(m.group("minus"))))
    return tuple(items) if items else None


def find_key_citations(source: str, mask: str) -> list[Citation]:
    out = []
    for m in _BRACKET.finditer(mask):
        inner = source[m.start("inner"): m.end("inner")]
        if "\n\n" in inner:
            continue
        items = parse_items(inner)
        if items is None:
            continue
        out.append(Citation("key", m.start(), m.end(), source[m.start(): m.end()], items))
    return out


# -- links ---------------------------------------------------------------------
def _norm_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def find_reference_definitions(mask: str) -> tuple[dict[str, str], list[tuple[int, int]]]:
    defs: dict[str, str] = {}
    spans = []
    for m in _REF_DEF.finditer(mask):
        dest = m.group("dest")
        if dest.startswith("<") and dest.endswith(">"):
            dest = dest[1:-1]
        defs.setdefault(_norm_label(m.group("label")), dest)
        spans.append((m.start(), m.end()))
    return defs, spans


def bracket_pairs(text: str) -> dict[int, int]:
    """Each ``[``'s matching ``]`` (nesting and backslash escapes respected; a
    blank line closes every open bracket), in one pass."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            stack.append(i)
        elif ch == "]":
            if stack:
                pairs[stack.pop()] = i
        elif ch == "\n" and stack:
            nxt = text.find("\n", i + 1)
            if nxt >= 0 and not text[i + 1: nxt].strip():
                stack.clear()  # a blank line ends the paragraph
        i += 1
    return pairs


def _inline_tail(text: str, p: int) -> tuple[int, str] | None:
    """``p`` at ``(`` after a link text: (end, destination) or None."""
    n = len(text)
    q, dest = link_tail(text, p + 1, n)
    if q < n and text[q] == ")":
        return q + 1, dest
    return None


def is_web(url: str) -> bool:
    return bool(re.match(r"(?i)https?://", url)) or bool(re.match(r"(?i)www\.", url))


def find_links(source: str, mask: str, defs: dict[str, str]) -> tuple[list[Citation], list[tuple[int, int]]]:
    """Inline and reference links, autolinks and HTML anchors (web URLs only),
    and the spans of *every* link found (for masking bare URLs and for telling
    whether some text is inside a link)."""
    out: list[Citation] = []
    spans: list[tuple[int, int]] = []
    pairs = bracket_pairs(mask)
    i, n = 0, len(mask)
    while i < n:
        i = mask.find("[", i)
        if i < 0:
            break
        if (i > 0 and mask[i - 1] == "\\") or mask.startswith("[^", i):
            i += 1
            continue
        close = pairs.get(i, -1)
        if close < 0:
            i += 1
            continue
        image = i > 0 and mask[i - 1] == "!"
        label = source[i + 1: close]
        end, dest = -1, ""
        if close + 1 < n and mask[close + 1] == "(":
            tail = _inline_tail(mask, close + 1)
            if tail:
                end, dest = tail
        elif close + 1 < n and mask[close + 1] == "[":
            ref_close = mask.find("]", close + 2)
            if ref_close > 0:
                ref = mask[close + 2: ref_close] or label
                if _norm_label(ref) in defs:
                    end, dest = ref_close + 1, defs[_norm_label(ref)]
        elif _norm_label(label) in defs and not (close + 1 < n and mask[close + 1] == ":"):
            end, dest = close + 1, defs[_norm_label(label)]
        if end < 0:
            i += 1
            continue
        start = i - 1 if image else i
        spans.append((start, end))
        if not image and is_web(dest):
            out.append(Citation("link", start, end, source[start:end], urls=(dest,), label=label))
        i = end
    bracketed = sorted(spans)
    starts = [a for a, _b in bracketed]
    for rx in (_AUTOLINK, _HTML_A):
        for m in rx.finditer(mask):
            k = bisect.bisect_right(starts, m.start()) - 1
            if k >= 0 and bracketed[k][0] <= m.start() < bracketed[k][1]:
                continue
            spans.append((m.start(), m.end()))
            url = m.group("url")
            if is_web(url):
                text = m.group("text") if "text" in rx.groupindex else url
                out.append(Citation("link", m.start(), m.end(), source[m.start(): m.end()],
                                    urls=(url,), label=text))
    return out, spans


def find_bare_urls(source: str, mask: str, spans: Iterable[tuple[int, int]]) -> list[Citation]:
    """Bare URLs the shared parser would linkify (``www.x.org``, ``https://...``)."""
    text = blank_spans(mask, spans)
    linkify = make_parser().linkify
    if linkify is None or not linkify.test(text):
        return []
    out = []
    for m in linkify.match(text) or []:
        if m.schema.lower() in ("mailto:",) or "@" in m.raw and not m.raw.lower().startswith("http"):
            continue
        out.append(Citation("link", m.index, m.last_index, source[m.index: m.last_index],
                            urls=(m.url,), label=m.raw))
    return out


# -- footnotes -----------------------------------------------------------------
def find_footnote_definitions(mask: str) -> list[tuple[str, int, int]]:
    """(label, text start, text end) of each footnote definition. A definition
    runs until a blank line followed by an unindented line, or the next one."""
    out = []
    for m in _FOOTNOTE_DEF.finditer(mask):
        start = m.end()
        pos = mask.find("\n", start)
        end = len(mask) if pos < 0 else pos
        while pos >= 0:
            nxt = pos + 1
            line_end = mask.find("\n", nxt)
            line = mask[nxt: line_end if line_end >= 0 else len(mask)]
            if _FOOTNOTE_DEF.match(line):
                break
            if not line.strip():
                # a blank line: continue only if the next non-blank line is indented
                look = nxt
                while True:
                    le = mask.find("\n", look)
                    ln = mask[look: le if le >= 0 else len(mask)]
                    if ln.strip() or le < 0:
                        break
                    look = le + 1
                if not ln.startswith(("    ", "\t")) or not ln.strip():
                    break
            elif mask[pos - 1: pos] == "\n" and not line.startswith(("    ", "\t")):
                break
            end = line_end if line_end >= 0 else len(mask)
            pos = line_end
        out.append((m.group("label"), start, end))
    return out


# -- front matter --------------------------------------------------------------
def _key_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = re.split(r"[,;\s]+", value)
    elif isinstance(value, (list, tuple)):
        parts = [str(v) for v in value if v is not None]
    else:
        parts = [str(value)]
    return [p.strip().lstrip("@") for p in parts if p.strip().lstrip("@") and p.strip() != "@*"]


def read_front_matter(source: str) -> tuple[int, list[str], list[str], dict[str, dict[str, Any]]]:
    """(end of front matter, attached keys, nocite keys, inline references).

    ``sources:`` lists the keys attached to the draft (deskeditor's own field);
    ``nocite:`` and ``references:`` are pandoc's. Malformed front matter reads
    as none: the front matter linter reports it, not this one."""
    try:
        fm = frontmatter.split(source)
    except InputError:
        return 0, [], [], {}
    data = fm.data
    refs: dict[str, dict[str, Any]] = {}
    raw_refs = data.get("references")
    if isinstance(raw_refs, list):
        for ref in raw_refs:
            try:
                clean = normalize(ref)
            except CSLError:
                continue  # a malformed inline reference resolves nothing
            refs[clean["id"]] = clean
    return fm.end, _key_list(data.get("sources")), _key_list(data.get("nocite")), refs


# -- the whole scan --------------------------------------------------------------
def _has_linkified(tokens: Any) -> bool:
    """Whether the parser linkified any bare URL (else skip the costly search)."""
    return any(child.markup == "linkify" for tok in tokens if tok.type == "inline"
               for child in tok.children or ())


def scan_citations(source: str, tokens: Any = None) -> tuple[Scan, str, list[tuple[int, int]]]:
    """All citations in ``source`` (no attributions), the masked text and the
    spans of every link, which the attribution detector needs."""
    front_end, attached, nocite, refs = read_front_matter(source)
    if tokens is None:
        tokens = make_parser().parse(source, {"source_lines": False})
    mask = masked(source, front_end, tokens)
    scan = Scan(attached=attached, nocite=nocite, references=refs, front_matter_end=front_end)
    keyed = find_key_citations(source, mask)
    # a citation's brackets are not a link's
    mask_nocite = blank_spans(mask, [(c.start, c.end) for c in keyed])
    defs, def_spans = find_reference_definitions(mask_nocite)
    links, link_spans = find_links(source, mask_nocite, defs)
    bare = []
    if _has_linkified(tokens):
        bare = find_bare_urls(source, mask_nocite, link_spans + def_spans + [(c.start, c.end) for c in keyed])
    link_spans = link_spans + [(c.start, c.end) for c in bare]
    fdefs = find_footnote_definitions(mask_nocite)
    all_links = sorted(links + bare, key=lambda c: c.start)
    for label, a, b in fdefs:
        urls = tuple(u for c in all_links if a <= c.start < b for u in c.urls)
        keys = tuple(k for c in keyed if a <= c.start < b for k in c.keys)
        scan.footnotes.setdefault(label, Footnote(label, a, b, urls, keys))
    refs_found = []
    for m in _FOOTNOTE_REF.finditer(mask_nocite):
        note = scan.footnotes.get(m.group("label"))
        if note is not None and (note.urls or note.keys):
            items = tuple(CiteItem(k) for k in note.keys)
            refs_found.append(Citation("footnote", m.start(), m.end(), m.group(0), items,
                                       urls=note.urls, label=note.label))
    scan.citations = sorted(keyed + all_links + refs_found, key=lambda c: (c.start, c.end))
    return scan, mask, link_spans + def_spans


def footnote_of(scan: Scan, pos: int) -> str:
    """The label of the footnote definition containing ``pos``, or ""."""
    for note in scan.footnotes.values():
        if note.start <= pos < note.end:
            return note.label
    return ""
