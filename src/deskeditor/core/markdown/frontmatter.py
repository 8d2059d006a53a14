"""Front matter (YAML between ``---``, or TOML between ``+++`` as Hugo
writes it): read it, write it, keep it in step with a draft's fields.

The draft's text is the truth; its fields (title, slug, keyphrase, ...) are read
from the front matter, and a field changed in the window is written back into
the front matter, leaving the other keys and the body alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import InputError

_FM = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
_TOML_FM = re.compile(r"\A\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.S)

# draft field -> front matter key
class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors and aliases, and with dates that do not
    exist kept as the text written.

    An alias lets a few lines of front matter expand into gigabytes
    (``a: &a [x, x]``, ``b: &b [*a, *a]`` ... ``title: *i``): refusing them while
    composing, before anything is built, makes that one line in microseconds.
    Front matter has no use for them. ``date: 2025-02-30`` matches YAML's
    timestamp pattern but is no date; PyYAML raises ValueError for it, which
    would stop every save of the draft. It stays a string, and exporters that
    need a date say that it is not one."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (& and *) are not allowed in front matter", event.start_mark)
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load_yaml(raw: str) -> Any:
    """``raw`` YAML read with ``_Loader`` (raises ``yaml.YAMLError``)."""
    return yaml.load(raw, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


FIELD_KEYS = {
    "title": "title",
    "slug": "slug",
    "author": "author",
    "status": "status",
    "date": "date",
    "tags": "tags",
    "categories": "categories",
    "meta_description": "description",
    "keyphrase": "focus_keyphrase",
    "related_keyphrases": "related_keyphrases",
    "seo_title": "seo_title",
}
LIST_FIELDS = {"tags", "categories", "related_keyphrases"}
# keys the blog generators use for the same thing, read when ours is absent:
# Jekyll's ``excerpt`` and Hugo's ``summary`` are the post's summary
FIELD_ALIASES = {"meta_description": ("excerpt", "summary")}


@dataclass
class FrontMatter:
    data: dict[str, Any]
    raw: str  # the YAML text between the fences ("" when there is none)
    end: int  # offset in the source where the body begins (0 when there is none)
    present: bool
    toml: bool = False  # Hugo's "+++" TOML front matter


def split(source: str, name: str = "the draft") -> FrontMatter:
    """Parse the front matter at the start of ``source``.

    Raises ``InputError`` naming the line of a YAML error, or when the front
    matter is not a mapping.
    """
    if source.startswith("+++"):
        return _split_toml(source, name)
    m = _FM.match(source)
    if not m:
        if source.startswith("---\n") and "\n---" not in source[4:]:
            raise InputError(f"{name}: front matter opened on line 1 is never closed with '---'")
        return FrontMatter({}, "", 0, False)
    raw = m.group(1) or ""
    try:
        data = load_yaml(raw) if raw.strip() else {}
    except RecursionError:
        raise InputError(f"{name}: malformed front matter: nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 2  # +1 for 1-based, +1 for the fence
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(f"{name}: malformed front matter at line {line}: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{name}: front matter must be a YAML mapping (key: value), line 2")
    return FrontMatter(data, raw, m.end(), True)


def _split_toml(source: str, name: str) -> FrontMatter:
    import tomllib

    m = _TOML_FM.match(source)
    if not m:
        if source.startswith("+++\n") and "\n+++" not in source[4:]:
            raise InputError(f"{name}: front matter opened on line 1 is never closed with '+++'")
        return FrontMatter({}, "", 0, False)
    raw = m.group(1) or ""
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        where = int(line.group(1)) + 1 if line else 2
        problem = str(exc).split(" (at line")[0]
        raise InputError(f"{name}: malformed front matter at line {where}: {problem}") from None
    return FrontMatter(data, raw, m.end(), True, toml=True)


def _parse_raw(raw: str, toml: bool) -> dict[str, Any]:
    if toml:
        import tomllib

        return tomllib.loads(raw)
    return load_yaml(raw) or {}  # anchors and aliases refused, as in split()


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return [str(value)]


def fields_from(fm: FrontMatter) -> dict[str, Any]:
    """Draft fields found in the front matter (only the keys present)."""
    out: dict[str, Any] = {}
    for fld, key in FIELD_KEYS.items():
        if key not in fm.data:
            key = next((k for k in FIELD_ALIASES.get(fld, ()) if fm.data.get(k)), key)
        if key in fm.data:
            value = fm.data[key]
            if fld in LIST_FIELDS:
                out[fld] = _as_list(value)
            elif value is None:
                out[fld] = ""
            else:
                out[fld] = str(value) if not hasattr(value, "isoformat") else value.isoformat()
    return out


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def with_fields(source: str, **fields: Any) -> str:
    """``source`` with its front matter updated by ``fields`` (draft field names).

    Empty values remove the key. Keys not named are kept as they were, in their
    order; a document without front matter gains one only when a value is set.
    """
    fm = split(source)
    data = dict(fm.data)
    for fld, value in fields.items():
        key = FIELD_KEYS.get(fld, fld)
        if value in (None, "", [], ()):
            data.pop(key, None)
        else:
            data[key] = list(value) if fld in LIST_FIELDS else value
    body = source[fm.end :]
    if not data:
        return body if fm.present else source
    if data == fm.data and fm.present:
        return source
    if fm.present:  # change only the lines of the keys that changed
        from .frontmatter_edit import edit

        changes = {k: data.get(k) for k in set(data) | set(fm.data) if data.get(k) != fm.data.get(k)}
        raw = edit(fm.raw, changes, toml=fm.toml, parse=lambda r: _parse_raw(r, fm.toml))
        if raw is not None:
            fence = "+++" if fm.toml else "---"
            opening = source[: source.index("\n") + 1]
            closing = source[len(opening) + len(fm.raw): fm.end]
            return opening + raw + closing + body if closing.startswith(fence) else \
                f"{fence}\n{raw}{fence}\n{body}"
    if fm.toml:
        import tomlkit

        return "+++\n" + tomlkit.dumps(data) + "+++\n" + body
    if not fm.present and not body.startswith("\n"):
        body = "\n" + body  # a blank line between new front matter and the text
    return "---\n" + dump(data) + "---\n" + body


def body_of(source: str) -> str:
    """The document without its front matter (tolerates malformed front matter)."""
    try:
        return source[split(source).end :]
    except InputError:
        return source
