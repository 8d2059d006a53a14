"""CriticMarkup as a markdown-it plugin: marks become tokens, rendered as track changes.

``{++a++}`` -> ``<ins class="critic">``, ``{--a--}`` -> ``<del class="critic">``,
``{~~a~>b~~}`` -> ``<del class="critic">a</del><ins class="critic">b</ins>``,
``{==a==}`` -> ``<mark class="critic">``, ``{>>a<<}`` -> ``<span class="critic
comment">`` (the same HTML pymdownx.critic gives). The text inside a mark is
parsed as inline Markdown, so ``{++*new*++}`` is emphasised and a mark sits
inside emphasis or a link as well.

Token kinds: ``critic_ins``/``critic_del``/``critic_old``/``critic_new``/
``critic_mark`` open-close pairs and a ``critic_comment`` leaf. The prose
extractor reads ``critic_del``, ``critic_old`` and ``critic_comment`` as
markup (not prose); the linters normally see no marks at all, since they read
the all-accepted text (``core.review.marks``).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

_PAIRS = {"{++": ("++}", "critic_ins", "ins"), "{--": ("--}", "critic_del", "del"),
          "{==": ("==}", "critic_mark", "mark")}
SKIPPED = {"critic_del_open": "--}", "critic_old_open": "~>"}  # what prose skips to


_BLANK = "\u2063"  # stands in for a blank line inside a paragraph-break mark (see ``_paragraph_breaks``)
_BREAK_MARK = re.compile(r"\{\+\+(\s*)\+\+\}|\{--(\s*)--\}|\{~~(\s*)~>(\s*)~~\}")


def _paragraph_breaks(state) -> None:
    """Core rule: a mark that only adds or removes a paragraph break
    (``{++\\n\\n++}``, ``{--\\n\\n--}``, ``{~~\\n\\n~> ~~}``: the spec's way
    across paragraphs) stays one inline run. Its blank lines get an invisible
    character, so the block parser sees no paragraph end; lines keep their
    numbers, so ``data-source-line`` stays right."""
    src = state.src
    if "\n\n" not in src or "{" not in src:
        return

    def fill(m: re.Match) -> str:
        if "\n\n" not in m.group(0).replace(" ", "").replace("\t", ""):
            return m.group(0)
        return re.sub(r"(?<=\n)([ \t]*)(?=\n)", lambda b: b.group(1) + _BLANK, m.group(0))

    state.src = _BREAK_MARK.sub(fill, src)


def _wrapped(state, name: str, tag: str, markup: str, start: int, end: int) -> None:
    """``name``_open, the inline tokens of src[start:end], ``name``_close."""
    token = state.push(f"{name}_open", tag, 1)
    token.markup = markup
    if _BLANK in state.src[start:end] and not state.src[start:end].strip(" \t\n" + _BLANK):
        token.attrSet("class", "critic break")  # a paragraph break added or removed, as pymdownx.critic shows it
        state.push("text", "", 0).content = "\u00a0"
        state.push(f"{name}_close", tag, -1).markup = markup
        return
    token.attrSet("class", "critic")
    old_pos, old_max = state.pos, state.posMax
    state.pos, state.posMax = start, end
    state.md.inline.tokenize(state)
    state.pos, state.posMax = old_pos, old_max
    state.push(f"{name}_close", tag, -1).markup = markup


def _critic(state, silent: bool) -> bool:
    src, pos, limit = state.src, state.pos, state.posMax
    if src[pos] != "{" or pos + 3 > limit:
        return False
    opener = src[pos:pos + 3]
    if opener in _PAIRS:
        closer, name, tag = _PAIRS[opener]
        end = src.find(closer, pos + 3, limit)
        if end < 0:
            return False
        if not silent:
            _wrapped(state, name, tag, opener, pos + 3, end)
        state.pos = end + 3
        return True
    if opener == "{~~":
        end = src.find("~~}", pos + 3, limit)
        arrow = src.find("~>", pos + 3, end) if end >= 0 else -1
        if arrow < 0:
            return False
        if not silent:
            _wrapped(state, "critic_old", "del", opener, pos + 3, arrow)
            _wrapped(state, "critic_new", "ins", "~>", arrow + 2, end)
        state.pos = end + 3
        return True
    if opener == "{>>":
        end = src.find("<<}", pos + 3, limit)
        if end < 0:
            return False
        if not silent:
            token = state.push("critic_comment", "span", 0)
            token.content = src[pos + 3:end]
            token.markup = src[pos:end + 3]
        state.pos = end + 3
        return True
    return False


def _render_comment(self, tokens, idx, options, env) -> str:
    from markdown_it.common.utils import escapeHtml

    return f'<span class="critic comment">{escapeHtml(tokens[idx].content.strip())}</span>'


def critic_plugin(md: MarkdownIt) -> None:
    # before strikethrough: "{~~a~>b~~}" is a substitution, not struck-out text
    md.core.ruler.after("normalize", "critic_breaks", _paragraph_breaks)
    md.inline.ruler.before("strikethrough", "critic", _critic)
    md.add_render_rule("critic_comment", _render_comment)
