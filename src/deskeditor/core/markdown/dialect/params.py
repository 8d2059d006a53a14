"""Arguments of a shortcode or Liquid tag: ``src="a.png" caption='A "b"' 42``."""

from __future__ import annotations

import re

_ARG = re.compile(r"""(?:([\w-]+)\s*=\s*)?(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|'([^']*)'|([^\s"'`=]+))""", re.S)


def parse_args(args: str) -> tuple[list[str], dict[str, str]]:
    """(positional arguments, named arguments)."""
    positional: list[str] = []
    named: dict[str, str] = {}
    for m in _ARG.finditer(args):
        value = next((g for g in m.group(2, 3, 4, 5) if g is not None), "")
        if m.group(2) is not None:
            value = value.replace('\\"', '"')
        if m.group(1):
            named[m.group(1).lower()] = value
        else:
            positional.append(value)
    return positional, named


def arg_spans(args_src: str, offset: int, names: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """(name, start, end) of the quoted values of the named arguments in
    ``names`` (their text without quotes), as offsets from ``offset``."""
    out = []
    for m in _ARG.finditer(args_src):
        if m.group(1) and m.group(1).lower() in names:
            for g in (2, 3, 4, 5):
                if m.group(g) is not None:
                    out.append((m.group(1).lower(), offset + m.start(g), offset + m.end(g)))
                    break
    return out
