"""kramdown's inline attribute lists and the excerpt separator.

``{: .class #id key="value"}`` after a span (``[x](url){:target="_blank"}``)
or on a line of its own right after or right before a block, kramdown
extensions ``{::options …}`` and attribute definitions ``{:ref: .class}``
become ``ial`` / ``ial_block`` tokens: never prose, never printed. Their class
and id are put on the element they follow, or a block IAL's on the block right
below it when none ends right above it (as kramdown does: after wins); the
sanitizer keeps no other attribute of author HTML anyway. A definition sets
nothing by itself (references to it are not resolved).
``<!--more-->`` on its own line, Jekyll's and Hugo's excerpt separator, is an
``excerpt_separator`` token. kramdown's ``{::comment}…{:/comment}`` and
``{::nomarkdown}…{:/nomarkdown}`` are ``kramdown_extension`` tokens (inside a
paragraph ``kramdown_extension_inline``): markup, a comment never shown.
"""

from __future__ import annotations

import re

_IAL = re.compile(r"\{:(?:[^{}\n\"']|\"[^\"\n]*\"|'[^'\n]*')*\}")
_BLOCK_IAL = re.compile(r"[ ]{0,3}(\{:(?:[^{}\n\"']|\"[^\"\n]*\"|'[^'\n]*')*\})[ \t]*$")
_MORE = re.compile(r"[ ]{0,3}<!--\s*more\s*-->[ \t]*$")
_ATTR = re.compile(r"""([.#])([\w-]+)|([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))""")


def ial_attrs(text: str) -> dict[str, str]:
    """The class and id an IAL sets (``{: .a .b #c}`` -> class "a b", id "c")."""
    classes, out = [], {}
    if text.startswith("{::") or re.match(r"\{:[\w-]+:", text):  # extension or definition
        return out
    for m in _ATTR.finditer(text[2:-1]):
        if m.group(1) == ".":
            classes.append(m.group(2))
        elif m.group(1) == "#":
            out["id"] = m.group(2)
        elif m.group(3) in ("class", "id", "title"):
            out[m.group(3)] = next(g for g in m.group(4, 5, 6) if g is not None)
    if classes:
        out["class"] = " ".join(filter(None, [out.get("class", "")] + classes))
    return out


def ial_inline(state, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("{:", pos):
        return False
    m = _IAL.match(src, pos, state.posMax)
    if m is None:
        return False
    if not silent:
        token = state.push("ial", "", 0)
        token.content = m.group(0)
        token.meta = {"src": m.group(0)}
    state.pos = m.end()
    return True


def _line(state, line: int) -> str:
    return state.src[state.bMarks[line]:state.eMarks[line]]


def ial_block(state, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("{:", pos):
        return False
    m = _BLOCK_IAL.match(state.src, state.bMarks[start], state.eMarks[start])
    if m is None:
        return False
    if not silent:
        token = state.push("ial_block", "", 0)
        token.content = m.group(1)
        token.map = [start, start + 1]
        token.block = True
    state.line = start + 1
    return True


_EXT_OPEN = re.compile(r"[ ]{0,3}\{::(comment|nomarkdown)\b[^{}\n]*\}")
_EXT_INLINE = re.compile(r"\{::(comment|nomarkdown)\b[^{}\n]*\}(.*?)\{:/(?:comment|nomarkdown)?\}", re.S)


def _ext_close(name: str):
    return re.compile(r"\{:/(?:%s)?\}" % name)


def extension_block(state, start: int, end: int, silent: bool) -> bool:
    """kramdown's ``{::comment}`` … ``{:/comment}`` and ``{::nomarkdown}`` …
    ``{:/nomarkdown}`` (or ``{:/}``) starting a line: one
    ``kramdown_extension`` token up to the closing tag's line. A comment is
    never published; nomarkdown text goes out as the writer wrote it. Neither
    is prose. An extension never closed is left to the other rules."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    m = _EXT_OPEN.match(state.src, state.bMarks[start], state.eMarks[start])
    if m is None:
        return False
    close = _ext_close(m.group(1))
    line, at = start, m.end()
    while line < end:
        found = close.search(state.src, at, state.eMarks[line])
        if found is not None:
            if state.src[found.end():state.eMarks[line]].strip():
                return False  # text after the closing tag: leave it to the paragraph
            break
        line += 1
        at = state.bMarks[line] if line < end else 0
    else:
        return False
    if not silent:
        token = state.push("kramdown_extension", "", 0)
        token.map = [start, line + 1]
        token.block = True
        token.content = state.src[m.end():found.start()]
        token.meta = {"name": m.group(1)}
    state.line = line + 1
    return True


def extension_inline(state, silent: bool) -> bool:
    """The same inside a paragraph: ``text {::comment}a note{:/comment} text``."""
    if not state.src.startswith("{::", state.pos):
        return False
    m = _EXT_INLINE.match(state.src, state.pos, state.posMax)
    if m is None:
        return False
    if not silent:
        token = state.push("kramdown_extension_inline", "", 0)
        token.content = m.group(2)
        token.meta = {"name": m.group(1), "src": m.group(0)}
    state.pos = m.end()
    return True


def _render_extension(self, tokens, idx, options, env) -> str:
    tok = tokens[idx]
    return tok.content if tok.meta.get("name") == "nomarkdown" else ""  # sanitized with the rest


def more_block(state, start: int, end: int, silent: bool) -> bool:
    pos = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("<!--", pos) or not _MORE.match(state.src, state.bMarks[start], state.eMarks[start]):
        return False
    if not silent:
        token = state.push("excerpt_separator", "", 0)
        token.map = [start, start + 1]
        token.block = True
    state.line = start + 1
    return True


_NOT_A_TARGET = ("ial_block", "excerpt_separator")


def _blank(line: str) -> bool:
    return not line.lstrip(" \t>").strip()  # a blank line, in a blockquote too


def block_before(tokens, i: int, lines: list[str]):
    """The block that ends on the line right above block IAL ``tokens[i]`` (its
    opening token), or None. ``lines`` are the source's: a list's map takes in
    the blank lines after it, which do not make it adjacent."""
    tok = tokens[i]
    if tok.map is None or tok.map[0] == 0 or _blank(lines[tok.map[0] - 1]):
        return None
    j = i - 1
    while j >= 0 and tokens[j].level > tok.level:
        j -= 1
    if j >= 0 and tokens[j].nesting == -1:
        depth = 0
        while j >= 0:
            depth += tokens[j].nesting
            if depth == 0:
                break
            j -= 1
    if j >= 0 and tokens[j].map is not None and tok.map is not None and tokens[j].map[1] == tok.map[0] \
            and tokens[j].nesting >= 0 and tokens[j].type not in _NOT_A_TARGET:
        return tokens[j]
    return None


def block_after(tokens, i: int):
    """The block that starts on the line right below block IAL ``tokens[i]`` (its
    opening token; over more IALs in a row), or None."""
    line = tokens[i].map[1] if tokens[i].map else None
    k = i + 1
    while k < len(tokens) and tokens[k].type == "ial_block" and tokens[k].map and tokens[k].map[0] == line:
        line = tokens[k].map[1]
        k += 1
    if k < len(tokens) and line is not None and tokens[k].map is not None and tokens[k].map[0] == line \
            and tokens[k].level == tokens[i].level and tokens[k].nesting >= 0 \
            and tokens[k].type not in _NOT_A_TARGET:
        return tokens[k]
    return None


def attach_ials(state) -> None:
    """Core rule: put each block IAL's class and id on the block it sits right
    after, else (kramdown: "directly before or after"; after wins when both) on
    the block right below it; a span IAL's on the element before it."""
    tokens = state.tokens
    lines = state.src.split("\n") if any(t.type == "ial_block" for t in tokens) else []
    for i, tok in enumerate(tokens):
        if tok.type == "ial_block":
            target = block_before(tokens, i, lines) or block_after(tokens, i)
            if target is not None:
                _apply(target, tok.content)
        elif tok.type == "inline" and tok.children and any(c.type == "ial" for c in tok.children):
            kids = tok.children
            for k, child in enumerate(kids):
                if child.type == "ial" and k > 0:
                    prev = kids[k - 1]
                    if prev.type == "link_close":  # find its link_open
                        d = 0
                        for q in range(k - 1, -1, -1):
                            d += kids[q].nesting
                            if d == 0:
                                prev = kids[q]
                                break
                    if prev.type in ("image", "link_open", "code_inline", "em_open", "strong_open"):
                        _apply(prev, child.content)


def _apply(token, ial: str) -> None:
    for key, value in ial_attrs(ial).items():
        if key == "class" and token.attrGet("class"):
            value = f"{token.attrGet('class')} {value}"
        token.attrSet(key, value)


def kramdown_plugin(md) -> None:
    md.core.ruler.push("ial_attach", attach_ials)
    for name in ("ial", "ial_block", "excerpt_separator"):
        md.add_render_rule(name, lambda self, tokens, idx, options, env: "")
    for name in ("kramdown_extension", "kramdown_extension_inline"):
        md.add_render_rule(name, _render_extension)
