"""Hugo shortcodes and Liquid tags as markdown-it tokens.

Block level (the tag alone on its line, possibly spanning lines):

* ``shortcode_block`` / ``liquid_block``: a tag standing for what the site
  generator puts there (``{{< youtube id >}}``, ``{% include x.html %}``);
* ``shortcode_open`` … ``shortcode_close`` (and ``liquid_open`` …
  ``liquid_close``): a pair whose inner text is Markdown (``{{% note %}}``,
  ``{% if %}``), parsed as blocks so its prose is read;
* ``dialect_code``: a pair whose inner text is code (``{% highlight py %}``,
  ``{{< highlight go >}}``, ``{% raw %}``, ``{{< mermaid >}}``);
* ``liquid_comment``: ``{% comment %}…{% endcomment %}``, never shown.

Inline: ``shortcode``, ``liquid_tag``, ``liquid_output`` (``{{ site.title }}``).

Every token keeps its ``Tag`` in ``meta["tag"]``.
"""

from __future__ import annotations

from .tags import CODE_PAIRS, LIQUID_PAIRED, Tag, find_closing, scan_memo, scan_tag

_BLOCK_TYPES = {"shortcode": "shortcode_block", "liquid_tag": "liquid_block", "liquid_output": "liquid_block"}
_INLINE_TYPES = {"shortcode": "shortcode", "liquid_tag": "liquid_tag", "liquid_output": "liquid_output"}


def _line_of(state, pos: int, start: int, end: int) -> int:
    line = start
    while line < end - 1 and state.eMarks[line] < pos:
        line += 1
    return line


def _rest_blank(src: str, pos: int, line_end: int) -> bool:
    return not src[pos:line_end].strip()


def _code_info(tag: Tag) -> str:
    if tag.name in ("highlight", "code"):
        lang = tag.args.split()[0] if tag.args.split() else ""
        return lang.strip("\"'")
    return "" if tag.name == "raw" else tag.name


def template_block(state, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start] + state.tShift[start]
    src = state.src
    if not src.startswith(("{{<", "{{%", "{%", "{{"), pos):
        return False
    limit = state.eMarks[end - 1]
    memo = scan_memo(state)
    tag = scan_tag(src, pos, limit, memo)
    if tag is None:
        return False
    last = _line_of(state, tag.end, start, end)
    if not _rest_blank(src, tag.end, state.eMarks[last]):
        return False
    if silent:
        return True
    paired = not tag.closing and not tag.self_closing and not tag.comment and \
        (tag.kind == "shortcode" or (tag.kind == "liquid_tag" and tag.name in LIQUID_PAIRED))
    closing = find_closing(src, tag.end, limit, tag, memo) if paired else None
    if closing is not None:
        close_line = _line_of(state, closing.start, last + 1, end)
        alone = state.bMarks[close_line] + state.tShift[close_line] == closing.start and \
            _rest_blank(src, closing.end, state.eMarks[_line_of(state, closing.end, close_line, end)])
        close_last = _line_of(state, closing.end, close_line, end)
        if tag.name in CODE_PAIRS or tag.name == "comment":
            inner_from = state.eMarks[last] + 1
            token = state.push("liquid_comment" if tag.name == "comment" else "dialect_code", "code", 0)
            token.content = src[inner_from:closing.start] if closing.start > inner_from else ""
            token.info = _code_info(tag)
            token.meta = {"tag": tag, "closing": closing}
            token.map = [start, close_last + 1]
            token.block = True
            state.line = close_last + 1
            return True
        if alone and close_line > last:
            prefix = "shortcode" if tag.kind == "shortcode" else "liquid"
            token = state.push(f"{prefix}_open", "div", 1)
            token.meta = {"tag": tag}
            token.map = [start, close_last + 1]  # the whole pair: the preview keys blocks by their lines
            old_max, old_parent = state.lineMax, state.parentType
            state.lineMax = close_line
            state.parentType = prefix
            state.md.block.tokenize(state, last + 1, close_line)
            state.lineMax, state.parentType = old_max, old_parent
            token = state.push(f"{prefix}_close", "div", -1)
            token.meta = {"tag": closing}
            token.map = [close_line, close_last + 1]
            state.line = close_last + 1
            return True
    token = state.push(_BLOCK_TYPES[tag.kind], "", 0)
    token.content = src[tag.start:tag.end]
    token.meta = {"tag": tag}
    token.map = [start, last + 1]
    token.block = True
    state.line = last + 1
    return True


def template_inline(state, silent: bool) -> bool:
    src = state.src
    pos = state.pos
    if not src.startswith(("{{", "{%"), pos):
        return False
    tag = scan_tag(src, pos, state.posMax, scan_memo(state))
    if tag is None:
        return False
    end = tag.end
    if tag.kind == "liquid_tag" and tag.name == "raw":  # {% raw %}{{ shown as written }}{% endraw %}
        closing = find_closing(src, tag.end, state.posMax, tag, scan_memo(state))
        if closing is not None:
            end = closing.end
    if not silent:
        token = state.push(_INLINE_TYPES[tag.kind], "", 0)
        token.content = src[pos:end]
        token.meta = {"tag": tag, "src": src[pos:end]}
    state.pos = end
    return True
