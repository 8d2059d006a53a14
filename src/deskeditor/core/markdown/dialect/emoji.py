"""Emoji shortcodes (``:heavy_check_mark:``) as ``emoji`` tokens.

mdit-py-emoji would do this but pins markdown-it-py below 4, so this is a
small inline rule over the maintained ``emoji`` package's names (GitHub's
aliases, which jemoji and Hugo's ``enableEmoji`` use, and the CLDR names).
A code only counts when it is a known name and is not glued to a word
("10:30:00", "std::vector" stay text)."""

from __future__ import annotations

import functools
import re

_CODE = re.compile(r":([a-z0-9_+\-]+):")


@functools.lru_cache(maxsize=1)
def shortcodes() -> dict[str, str]:
    import emoji

    out: dict[str, str] = {}
    for char, data in emoji.EMOJI_DATA.items():
        for name in [data.get("en", "")] + list(data.get("alias", ())):
            if name.startswith(":") and name.endswith(":"):
                out.setdefault(name[1:-1].lower(), char)
    return out


def emoji_inline(state, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != ":" or (pos > 0 and src[pos - 1].isalnum()):
        return False
    m = _CODE.match(src, pos, state.posMax)
    if m is None:
        return False
    char = shortcodes().get(m.group(1))
    if char is None or (m.end() < state.posMax and src[m.end()].isalnum()):
        return False
    if not silent:
        token = state.push("emoji", "", 0)
        token.content = char
        token.markup = m.group(1)
        token.meta = {"src": m.group(0)}
    state.pos = m.end()
    return True


def emoji_plugin(md) -> None:
    md.add_render_rule("emoji", lambda self, tokens, idx, options, env: tokens[idx].content)
