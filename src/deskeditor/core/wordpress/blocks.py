"""Block-editor HTML (``<!-- wp:paragraph -->…``) to Markdown and back, without damage.

A post's ``content.raw`` is split into its top-level blocks (and any freeform
HTML between them). Each block becomes a Markdown chunk only when that is
provably lossless: the Markdown, rendered back the way the block editor
serializes that block (WordPress 6.1), gives the block's exact bytes. Every
other block (embeds, galleries, columns, shortcodes, custom blocks, a
paragraph with a colour...) stays in the Markdown verbatim, as a raw block.

A draft sent for review with its suggestions and comments is one block of its
own (``review``): it comes back as the draft's Markdown, marks and all.

Going back, each Markdown chunk that is unchanged is replaced by the bytes it
came from (``Document`` keeps them, with the whitespace between blocks), and
only new or edited chunks are rendered. So pull -> publish with no edit sends
``content.raw`` back byte-identical, and an edit touches only its own block.
"""

from __future__ import annotations

import html as _html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from . import review

_COMMENT = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?P<attrs>\{(?:(?!\}\s+/?-->).)*\}\s+)?(?P<void>/)?-->", re.S)
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BLANK_SPLIT = re.compile(r"(\n[ \t]*\n\s*)")


# -- the block structure of content.raw -----------------------------------------
@dataclass
class Item:
    raw: str  # the exact bytes in content.raw
    md: str  # its Markdown chunk (the raw text itself when not convertible)
    after: str = ""  # the whitespace that follows it in content.raw


@dataclass
class Document:
    lead: str = ""  # whitespace before the first item
    items: list[Item] = field(default_factory=list)

    @property
    def markdown(self) -> str:
        text = "\n\n".join(i.md for i in self.items)
        return text + "\n" if text else ""

    @property
    def raw(self) -> str:
        return self.lead + "".join(i.raw + i.after for i in self.items)


def top_level(raw: str) -> list[tuple[str, str]]:
    """``raw`` as ("block", text) and ("gap", text) pieces, in order, exactly covering it."""
    out: list[tuple[str, str]] = []
    pos = depth = start = 0
    for m in _COMMENT.finditer(raw):
        if depth == 0:
            if m.group("closer"):
                continue  # a stray closer: part of the freeform text
            if m.start() > pos:
                out.append(("gap", raw[pos:m.start()]))
            start = m.start()
            if m.group("void"):
                out.append(("block", raw[start:m.end()]))
                pos = m.end()
                continue
            depth = 1
            continue
        if m.group("void"):
            continue
        depth += -1 if m.group("closer") else 1
        if depth == 0:
            out.append(("block", raw[start:m.end()]))
            pos = m.end()
    if depth:  # an unclosed block: the rest is kept as it is
        pos = start
    if pos < len(raw):
        out.append(("gap", raw[pos:]))
    return out


def parse(raw: str) -> Document:
    """The document of ``raw``: its items with their Markdown."""
    doc = Document()

    def gap(text: str) -> None:
        if doc.items:
            doc.items[-1].after += text
        else:
            doc.lead += text

    for kind, text in top_level(raw):
        if kind == "block":
            doc.items.append(Item(text, block_markdown(text)))
            continue
        # freeform HTML: one raw item per blank-line-separated stretch
        lead = text[:len(text) - len(text.lstrip())]
        gap(lead)
        parts = _BLANK_SPLIT.split(text[len(lead):])
        for i, part in enumerate(parts):
            if i % 2:
                gap(part)
                continue
            if not part:
                continue
            body = part.rstrip()
            doc.items.append(Item(body, body))
            gap(part[len(body):])
    return doc


def to_markdown(raw: str) -> str:
    return parse(raw).markdown


# -- Markdown chunks ---------------------------------------------------------------
def split_chunks(md: str) -> list[str]:
    """The blank-line-separated chunks of ``md``; a fenced code block and a raw
    ``<!-- wp:... -->`` block are one chunk each, blank lines inside included."""
    chunks: list[str] = []
    pos, n = 0, len(md)
    while pos < n:
        while pos < n and md[pos] in " \t\n":
            nl = md.find("\n", pos)
            if md[pos:nl if nl >= 0 else n].strip():
                break
            pos = n if nl < 0 else nl + 1
        if pos >= n:
            break
        line_end = md.find("\n", pos)
        line = md[pos:line_end if line_end >= 0 else n]
        m = _COMMENT.match(line.lstrip(" "))
        if m and not m.group("closer") and line.startswith(("<!--", " <!--", "  <!--", "   <!--")):
            end = _balanced_end(md, pos)
            if end > 0:
                chunks.append(md[pos:end])
                pos = end
                continue
        fence = _FENCE_OPEN.match(line)
        end = _fence_end(md, pos, fence.group(1)) if fence else _paragraph_end(md, pos)
        chunks.append(md[pos:end].rstrip("\n").rstrip(" \t") if not fence else md[pos:end].rstrip("\n"))
        pos = end
    return chunks


def _balanced_end(md: str, start: int) -> int:
    depth = 0
    for m in _COMMENT.finditer(md, start):
        if m.group("void"):
            if depth == 0:
                return m.end()
            continue
        depth += -1 if m.group("closer") else 1
        if depth == 0:
            return m.end()
    return -1


def _fence_end(md: str, start: int, marker: str) -> int:
    nl = md.find("\n", start)
    if nl < 0:
        return len(md)
    close = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$", re.M)
    m = close.search(md, nl + 1)
    return len(md) if m is None else m.end()


def _paragraph_end(md: str, start: int) -> int:
    m = re.compile(r"\n[ \t]*\n").search(md, start)
    return len(md) if m is None else m.start() + 1


def to_raw(md: str, known: list[Document] | tuple[Document, ...] = ()) -> str:
    """Block-editor HTML for the Markdown ``md``: chunks that ``known`` documents
    hold come back as their exact bytes (with the whitespace that followed them
    there); new and edited chunks are rendered as blocks."""
    raw_of: dict[str, str] = {}
    after: dict[tuple[str, str | None], str] = {}
    first: dict[str, str] = {}
    for doc in known:
        for i, item in enumerate(doc.items):
            raw_of.setdefault(item.md, item.raw)
            nxt = doc.items[i + 1].md if i + 1 < len(doc.items) else None
            after.setdefault((item.md, nxt), item.after)
        if doc.items:
            first.setdefault(doc.items[0].md, doc.lead)
    chunks = split_chunks(md)
    out = [first.get(chunks[0], "")] if chunks else []
    for i, chunk in enumerate(chunks):
        out.append(raw_of[chunk] if chunk in raw_of else render_chunk(chunk))
        nxt = chunks[i + 1] if i + 1 < len(chunks) else None
        out.append(after.get((chunk, nxt), "\n\n" if nxt is not None else ""))
    return "".join(out)


# -- Markdown -> blocks (as the block editor of WordPress 6.1 serializes them) ----
_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _esc_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _esc_attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _inline(tokens) -> str:
    out = []
    for t in tokens or []:
        if t.type == "text":
            out.append(_esc_text(t.content))
        elif t.type in ("strong_open", "strong_close", "em_open", "em_close", "s_open", "s_close"):
            tag = {"strong": "strong", "em": "em", "s": "s"}[t.type.rsplit("_", 1)[0]]
            out.append(f"<{'/' if t.nesting < 0 else ''}{tag}>")
        elif t.type == "code_inline":
            out.append(f"<code>{_esc_text(t.content)}</code>")
        elif t.type == "link_open":
            out.append(f'<a href="{_esc_attr(str(t.attrGet("href") or ""))}">')
        elif t.type == "link_close":
            out.append("</a>")
        elif t.type == "image":
            out.append(f'<img src="{_esc_attr(str(t.attrGet("src") or ""))}" alt="{_esc_attr(t.content)}"/>')
        elif t.type == "softbreak":
            out.append("\n")
        elif t.type == "hardbreak":
            out.append("<br>")
        elif t.type == "html_inline":
            out.append(t.content)
        else:
            out.append(_esc_text(t.content))
    return "".join(out)


def _wrap(name: str, inner: str, attrs: dict | None = None) -> str:
    a = f" {json.dumps(attrs, separators=(',', ':'))}" if attrs else ""
    return f"<!-- wp:{name}{a} -->\n{inner}\n<!-- /wp:{name} -->"


def _blocks(tokens, i: int, stop: str | None) -> tuple[list[str], int]:
    """Render block tokens from ``i`` until the closing token ``stop``."""
    out: list[str] = []
    while i < len(tokens):
        t = tokens[i]
        if stop and t.type == stop:
            return out, i + 1
        if t.type == "paragraph_open":
            inline = tokens[i + 1]
            kids = inline.children or []
            if len(kids) == 1 and kids[0].type == "image" and not kids[0].attrGet("title"):
                img = kids[0]
                out.append(_wrap("image", f'<figure class="wp-block-image"><img src="{_esc_attr(str(img.attrGet("src")))}"'
                                          f' alt="{_esc_attr(img.content)}"/></figure>'))
            else:
                out.append(_wrap("paragraph", f"<p>{_inline(kids)}</p>"))
            i += 3
        elif t.type == "heading_open":
            level = int(t.tag[1])
            out.append(_wrap("heading", f"<h{level}>{_inline(tokens[i + 1].children)}</h{level}>",
                             None if level == 2 else {"level": level}))
            i += 3
        elif t.type in ("bullet_list_open", "ordered_list_open"):
            ordered = t.type.startswith("ordered")
            items, i = _list_items(tokens, i + 1, t.type.replace("_open", "_close"))
            tag = "ol" if ordered else "ul"
            attrs: dict = {"ordered": True} if ordered else {}
            start = t.attrGet("start")
            if ordered and start and int(start) != 1:
                attrs["start"] = int(start)
            open_tag = f'<{tag} start="{int(start)}">' if "start" in attrs else f"<{tag}>"
            out.append(_wrap("list", f"{open_tag}{_join_items(items)}</{tag}>",
                             attrs or None))
        elif t.type == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close")
            out.append(_wrap("quote", f'<blockquote class="wp-block-quote">{_join_blocks(inner)}</blockquote>'))
        elif t.type in ("fence", "code_block"):
            code = t.content[:-1] if t.content.endswith("\n") else t.content
            out.append(_wrap("code", f'<pre class="wp-block-code"><code>{_esc_text(code)}</code></pre>'))
            i += 1
        elif t.type == "hr":
            out.append(_wrap("separator", '<hr class="wp-block-separator has-alpha-channel-opacity"/>'))
            i += 1
        elif t.type == "table_open":
            end = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
            out.append(_wrap("table", f'<figure class="wp-block-table">{_table(tokens[i:end + 1])}</figure>'))
            i = end + 1
        elif t.type == "html_block":
            out.append(t.content.rstrip("\n"))
            i += 1
        else:
            i += 1
    return out, i


def _join_blocks(blocks: list[str]) -> str:
    return "\n\n".join(blocks)


def _join_items(items: list[str]) -> str:
    return "\n\n".join(items)


def _list_items(tokens, i: int, stop: str) -> tuple[list[str], int]:
    items: list[str] = []
    while i < len(tokens) and tokens[i].type != stop:
        if tokens[i].type != "list_item_open":
            i += 1
            continue
        i += 1
        text, nested = "", ""
        while tokens[i].type != "list_item_close":
            t = tokens[i]
            if t.type == "paragraph_open":
                text += ("<br>" if text else "") + _inline(tokens[i + 1].children)
                i += 3
            elif t.type in ("bullet_list_open", "ordered_list_open"):
                sub, i = _nested(tokens, i)
                nested += sub
            else:
                i += 1
        items.append(_wrap("list-item", f"<li>{text}{nested}</li>"))
        i += 1
    return items, i + 1


def _nested(tokens, i: int) -> tuple[str, int]:
    depth, j = 0, i
    while True:
        if tokens[j].type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tokens[j].type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                break
        j += 1
    blocks, _ = _blocks(tokens[i:j + 1], 0, None)
    return "".join(blocks), j + 1


def _table(tokens) -> str:
    out = []
    for t in tokens:
        if t.type in ("table_open", "thead_open", "tbody_open", "tr_open"):
            out.append(f"<{t.tag}>")
        elif t.type in ("table_close", "thead_close", "tbody_close", "tr_close", "th_close", "td_close"):
            out.append(f"</{t.tag}>")
        elif t.type in ("th_open", "td_open"):
            style = str(t.attrGet("style") or "")
            align = style.split(":", 1)[1].strip() if style.startswith("text-align:") else ""
            out.append(f'<{t.tag} class="has-text-align-{align}" data-align="{align}">' if align else f"<{t.tag}>")
        elif t.type == "inline":
            out.append(_inline(t.children))
    return "".join(out)


def render_chunk(md: str) -> str:
    """Block HTML for one Markdown chunk (a raw ``<!-- wp:`` chunk is sent as written)."""
    if _COMMENT.match(md.lstrip(" ")):
        return md
    blocks, _ = _blocks(_MD.parse(md), 0, None)
    return "\n\n".join(blocks)


# -- blocks -> Markdown --------------------------------------------------------------
class _Node:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag, self.attrs, self.kids = tag, attrs, []  # kids: _Node or str


class _Tree(HTMLParser):
    VOID = {"br", "img", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, dict(attrs))
        self.stack[-1].kids.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].kids.append(_Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        if len(self.stack) > 1 and self.stack[-1].tag == tag:
            self.stack.pop()
        else:
            raise ValueError("unbalanced")

    def handle_data(self, data):
        self.stack[-1].kids.append(data)

    def handle_comment(self, data):
        raise ValueError("comment")


def _tree(html_text: str) -> _Node:
    t = _Tree()
    t.feed(html_text)
    t.close()
    if len(t.stack) != 1:
        raise ValueError("unclosed")
    return t.root


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^([ \t]*)([#>+=-]|\d+[.)])", re.M)


def _md_text(text: str) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY_LIKE.sub(r"\\&", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                           else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def _md_inline(node: _Node) -> str:
    out = []
    for k in node.kids:
        if isinstance(k, str):
            out.append(_md_text(k))
        elif k.tag in ("strong", "b"):
            out.append(f"**{_md_inline(k)}**")
        elif k.tag in ("em", "i"):
            out.append(f"*{_md_inline(k)}*")
        elif k.tag == "s":
            out.append(f"~~{_md_inline(k)}~~")
        elif k.tag == "code":
            inner = "".join(x for x in k.kids if isinstance(x, str))
            if any(not isinstance(x, str) for x in k.kids) or "`" in inner:
                raise ValueError("code")
            out.append(f"`{inner}`")
        elif k.tag == "a" and set(k.attrs) == {"href"}:
            out.append(f"[{_md_inline(k)}](<{k.attrs['href']}>)" if " " in (k.attrs["href"] or "")
                       else f"[{_md_inline(k)}]({k.attrs['href']})")
        elif k.tag == "br":
            out.append("\\\n")
        elif k.tag == "img" and set(k.attrs) <= {"src", "alt"}:
            out.append(f"![{_md_text(k.attrs.get('alt') or '')}]({k.attrs.get('src') or ''})")
        else:
            raise ValueError(k.tag)
    return "".join(out)


def _only(node: _Node, tag: str) -> _Node:
    kids = [k for k in node.kids if not (isinstance(k, str) and not k.strip())]
    if len(kids) != 1 or isinstance(kids[0], str) or kids[0].tag != tag:
        raise ValueError(tag)
    return kids[0]


def _inner(raw: str) -> tuple[str, dict, str]:
    """(block name, attributes, inner HTML) of one block."""
    m = _COMMENT.match(raw)
    if m is None:
        raise ValueError("not a block")
    attrs = json.loads(m.group("attrs")) if m.group("attrs") else {}
    if m.group("void"):
        return m.group("name"), attrs, ""
    close = list(_COMMENT.finditer(raw))[-1]
    return m.group("name"), attrs, raw[m.end():close.start()]


def _convert(raw: str) -> str:
    name, attrs, inner = _inner(raw)
    if name == "paragraph":
        return _md_inline(_only(_tree(inner), "p"))
    if name == "heading":
        level = int(attrs.get("level", 2))
        return "#" * level + " " + _md_inline(_only(_tree(inner), f"h{level}"))
    if name == "separator":
        return "---"
    if name == "code":
        pre = _only(_tree(inner), "pre")
        code = _only(pre, "code")
        text = "".join(x for x in code.kids if isinstance(x, str))
        if any(not isinstance(x, str) for x in code.kids):
            raise ValueError("code markup")
        run = max((len(r) for r in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, run + 1)
        return f"{fence}\n{text}\n{fence}"
    if name == "image":
        fig = _only(_tree(inner), "figure")
        img = _only(fig, "img")
        return f"![{_md_text(img.attrs.get('alt') or '')}]({img.attrs.get('src') or ''})"
    if name == "list":
        return _md_list(raw, 0)
    if name == "quote":
        body = inner[inner.index(">") + 1: inner.rindex("</blockquote>")]
        parts = [_convert(text) for kind, text in top_level(body) if kind == "block"]
        return "\n>\n".join("\n".join("> " + ln if ln else ">" for ln in p.split("\n")) for p in parts)
    if name == "table":
        return _md_table(_only(_only(_tree(inner), "figure"), "table"))
    raise ValueError(name)


def _md_list(raw: str, indent: int) -> str:
    _name, attrs, inner = _inner(raw)
    ordered = bool(attrs.get("ordered"))
    start = int(attrs.get("start", 1))
    lst = inner.strip()
    body = lst[lst.index(">") + 1: lst.rindex("</")]
    lines = []
    n = start
    for kind, text in top_level(body):
        if kind == "gap":
            continue
        _n, _a, li = _inner(text)
        li = li.strip()
        if not (li.startswith("<li>") and li.endswith("</li>")):
            raise ValueError("list item")
        content = li[4:-5]
        nested = ""
        sub = top_level(content)
        if sub and sub[-1][0] == "block":
            nested = sub[-1][1]
            content = content[:len(content) - len(nested)]
        marker = f"{n}. " if ordered else "- "
        lines.append(" " * indent + marker + _md_inline(_tree(content)).replace("\n", "\n" + " " * (indent + len(marker))))
        if nested:
            lines.append(_md_list(nested, indent + len(marker)))
        n += 1
    return "\n".join(lines)


def _md_table(table: _Node) -> str:
    rows: list[list[str]] = []
    head = True
    for section in [k for k in table.kids if not isinstance(k, str)]:
        for tr in [k for k in section.kids if not isinstance(k, str)]:
            cells = [k for k in tr.kids if not isinstance(k, str)]
            rows.append([_md_inline(c).replace("|", "\\|") for c in cells])
        if head and section.tag != "thead":
            raise ValueError("table without a header")
        head = False
    if not rows:
        raise ValueError("empty table")
    width = len(rows[0])
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(["---"] * width) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def block_markdown(raw: str) -> str:
    """Markdown for one block when it renders back to exactly ``raw``; else ``raw``
    itself. A draft under review (``review``'s block) is its Markdown, marks and all."""
    carried = review.read(raw)
    if carried is not None:
        return carried[0].strip("\n")
    try:
        md = _convert(raw)
    except (ValueError, KeyError, IndexError, TypeError, json.JSONDecodeError):
        return raw
    if not md.strip() or _COMMENT.match(md.lstrip(" ")):
        return raw
    if split_chunks(md) != [md] or render_chunk(md) != raw:
        return raw
    return md


__all__ = ["Document", "Item", "parse", "to_markdown", "to_raw", "split_chunks", "render_chunk", "block_markdown"]
