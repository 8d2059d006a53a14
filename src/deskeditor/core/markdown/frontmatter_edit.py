"""Change one front-matter key without touching the lines of any other.

A site's posts are shared through git, so a field changed in deskeditor must
show in ``git diff`` as that key's line and nothing else: comments, key order,
quoting, indentation and unknown keys stay byte for byte. Each change edits
the key's own lines (a top-level ``key: value`` in YAML, ``key = value`` in
TOML, with any indented continuation lines); a key not there yet is added as
the last line. The result is parsed again and must hold exactly the intended
data, or ``None`` is returned and the caller falls back to writing the whole
front matter.
"""

from __future__ import annotations

import re
from typing import Any, Callable

import yaml


def _yaml_line(key: str, value: Any, flow: bool = False) -> str:
    if isinstance(value, (list, tuple)) and flow:  # the key was a list on one line: "tags: [a, b]"
        flow = yaml.safe_dump(list(value), default_flow_style=True, allow_unicode=True, width=10**6)
        return f"{key}: {flow.strip()}\n"
    return yaml.safe_dump({key: value}, default_flow_style=False, allow_unicode=True,
                          sort_keys=False, width=10**6)


def _toml_line(key: str, value: Any, flow: bool = True) -> str:
    import tomlkit

    return tomlkit.dumps({key: value})


def _key_span(lines: list[str], key: str, toml: bool) -> tuple[int, int] | None:
    """The lines [i, j) that hold top-level ``key`` and its continuation."""
    sep = "=" if toml else ":"
    head = re.compile(r"^(?:" + re.escape(key) + r"|\"" + re.escape(key) + r"\"|'" + re.escape(key) + r"')"
                      r"[ \t]*" + sep + r"(?:[ \t]|$)")
    for i, line in enumerate(lines):
        if head.match(line):
            j = i + 1
            while j < len(lines) and (lines[j].startswith((" ", "\t")) or
                                      (not toml and lines[j].startswith("- "))):
                j += 1
            if toml and j == i + 1 and lines[i].rstrip().endswith(("[", '"""', "'''")):
                return None  # a multi-line TOML value: leave it to the full rewrite
            return i, j
        if toml and line.startswith("["):
            break  # past the top-level table
    return None


def edit(raw: str, changes: dict[str, Any], *, toml: bool,
         parse: Callable[[str], dict[str, Any]]) -> str | None:
    """``raw`` (the text between the fences) with ``changes`` applied (a value
    of None removes the key), or None when that cannot be done line by line."""
    lines = raw.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    expected = dict(parse(raw) or {})
    fmt = _toml_line if toml else _yaml_line
    for key, value in changes.items():
        span = _key_span(lines, key, toml)
        flow = span is not None and "[" in lines[span[0]].split(":" if not toml else "=", 1)[-1]
        new = [] if value is None else fmt(key, value, flow).splitlines(keepends=True)
        if span is None:
            if value is None:
                continue
            if key in expected:
                return None  # present, but not as a plain top-level line
            insert = len(lines)
            if toml:  # before the first [table], so the key stays top-level
                insert = next((i for i, ln in enumerate(lines) if ln.startswith("[")), len(lines))
            lines[insert:insert] = new
        else:
            lines[span[0]:span[1]] = new
        if value is None:
            expected.pop(key, None)
        else:
            expected[key] = value
    out = "".join(lines)
    try:
        if parse(out) != expected:
            return None
    except Exception:
        return None
    return out
