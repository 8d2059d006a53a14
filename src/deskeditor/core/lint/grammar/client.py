"""Talking to a LanguageTool server through language-tool-python.

``language_tool_python.LanguageTool(remote_server=url)`` is used as the client:
given ``remote_server`` it neither downloads nor starts anything (it only asks
the server for its languages, to validate the language code), and it builds
the request parameters (language, picky level, disabled rules). Two things are
done here instead of through its ``check()``:

* its ``Match`` objects fix up offsets for astral characters with class-level
  state (not thread-safe) and leave the length in UTF-16 units, so this module
  asks for the raw JSON and the checker maps UTF-16 offsets itself;
* its request timeout is 300 s with one retry; here it is the settings' timeout
  and no retry, so a hanging server costs one timeout, not ten minutes;
* it sends one text per request; ``check_many`` sends many blocks in one, as
  LanguageTool's annotated text (``data=``), and splits the answer per block.

Every failure comes out as ``CheckFailed`` with a one-line reason.
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass
from typing import Any

import requests

from .settings import GrammarSettings


class CheckFailed(Exception):
    """A request to the server failed; ``str()`` is a short reason."""

    def __init__(self, reason: str, kind: str = "error") -> None:
        super().__init__(reason)
        self.kind = kind  # timeout, connection, garbage, language, too-long, error


@dataclass(frozen=True)
class RawMatch:
    """One LanguageTool match, still in the server's UTF-16 units."""

    offset: int
    length: int
    rule: str
    category: str
    category_name: str
    issue_type: str
    message: str
    short_message: str
    replacements: tuple[str, ...]


def parse_matches(data: Any) -> list[RawMatch]:
    """Validate a ``/v2/check`` answer; ``CheckFailed("...", "garbage")`` if it is not one."""
    if not isinstance(data, dict) or not isinstance(data.get("matches"), list):
        raise CheckFailed("unreadable answer (no list of matches)", "garbage")
    out = []
    for m in data["matches"]:
        try:
            rule = m["rule"]
            cat = rule.get("category") or {}
            offset, length = m["offset"], m["length"]
            if not (isinstance(offset, int) and isinstance(length, int)) or offset < 0 or length < 0:
                raise TypeError("bad offset")
            out.append(
                RawMatch(
                    offset=offset,
                    length=length,
                    rule=str(rule["id"]),
                    category=str(cat.get("id", "")),
                    category_name=str(cat.get("name", "")),
                    issue_type=str(rule.get("issueType", "")),
                    message=str(m.get("message", "")),
                    short_message=str(m.get("shortMessage", "") or ""),
                    replacements=tuple(
                        str(r["value"]) for r in (m.get("replacements") or [])[:5] if isinstance(r, dict) and "value" in r
                    ),
                )
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise CheckFailed(f"unreadable answer ({type(exc).__name__} in a match)", "garbage") from None
    return out


SEPARATOR = {"markup": "\n\n", "interpretAs": "\n\n"}  # between two blocks of one request


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (what LanguageTool counts)."""
    return len(text) + sum(1 for ch in text if ord(ch) >= 0x10000)


def split_matches(matches: list[RawMatch], starts: list[int], lengths: list[int]) -> list[list[RawMatch]]:
    """Matches over several texts joined by separators -> matches per text,
    offsets relative to that text (both in UTF-16 units)."""
    from bisect import bisect_right
    from dataclasses import replace

    out: list[list[RawMatch]] = [[] for _ in starts]
    for m in matches:
        k = bisect_right(starts, m.offset) - 1
        if k < 0:
            continue
        rel = m.offset - starts[k]
        if rel + m.length <= lengths[k] and (rel < lengths[k] or m.length == 0):
            out[k].append(replace(m, offset=rel))
    return out


class Client:
    """A language-tool-python client bound to one server URL and settings."""

    def __init__(self, url: str, settings: GrammarSettings) -> None:
        import language_tool_python
        from language_tool_python.exceptions import LanguageToolError

        self.url = url
        self.settings = settings
        timeout = (min(5.0, settings.timeout), settings.timeout)

        class _Tool(language_tool_python.LanguageTool):
            _TIMEOUT = timeout  # type: ignore[assignment]

        try:
            tool = _Tool(language=settings.language, remote_server=url)
        except ValueError as exc:  # unknown language code
            raise CheckFailed(f"language {settings.language!r} is not supported by the server ({exc})", "language") from None
        except (LanguageToolError, requests.RequestException, OSError) as exc:
            raise _failure(exc) from None
        except Exception as exc:  # garbage from /v2/languages
            raise CheckFailed(f"unreadable answer to the language list ({type(exc).__name__})", "garbage") from None
        tool.picky = settings.picky
        tool.disabled_rules = set(settings.disabled_rules)
        self.tool = tool

    def check(self, text: str) -> list[RawMatch]:
        """The matches of one text."""
        return self.check_many([text])[0]

    def check_many(self, texts: list[str]) -> list[list[RawMatch]]:
        """The matches of several texts, checked in ONE request.

        The texts go as LanguageTool's annotated text (the ``data`` parameter):
        each text a ``text`` part, between two texts a ``markup`` part read as
        a paragraph break, so no sentence runs from one block into the next
        and LanguageTool's own sentence cache and pipeline serve the whole
        batch. Offsets in the answer count every part (markup included) in
        UTF-16 units; each match is handed back relative to its own text. A
        match that reaches into a separator belongs to no block and is dropped.
        """
        from language_tool_python.exceptions import LanguageToolError

        tool = self.tool
        url = urllib.parse.urljoin(tool.url, "check")
        params = tool._create_params("")
        del params["text"]
        annotation: list[dict[str, str]] = []
        starts: list[int] = []  # UTF-16 offset of each text in the whole
        pos = 0
        for k, text in enumerate(texts):
            if k:
                annotation.append(SEPARATOR)
                pos += len(SEPARATOR["markup"])
            annotation.append({"text": text})
            starts.append(pos)
            pos += utf16_len(text)
        params["data"] = json.dumps({"annotation": annotation}, ensure_ascii=False)
        try:
            data = tool._query_server(url, params, num_tries=1, method="post")
        except (LanguageToolError, requests.RequestException, OSError) as exc:
            raise _failure(exc) from None
        except Exception as exc:  # e.g. an undecodable error page
            raise CheckFailed(f"unreadable answer ({type(exc).__name__})", "garbage") from None
        return split_matches(parse_matches(data), starts, [utf16_len(t) for t in texts])

    def close(self) -> None:
        self.tool = None  # a remote tool owns no process


def _failure(exc: BaseException) -> CheckFailed:
    """Turn whatever language-tool-python/requests raised into a reason."""
    chain = [exc]
    while chain[-1].__cause__ is not None and len(chain) < 5:
        chain.append(chain[-1].__cause__)
    text = " ".join(str(exc).split())
    if "exceeds the limit" in text.lower():  # a server with a maxTextLength
        return CheckFailed(f"the server refuses a text this long ({text[:120]})", "too-long")
    for e in chain:
        if isinstance(e, requests.Timeout):
            return CheckFailed("the server did not answer in time", "timeout")
        if isinstance(e, requests.ConnectionError):
            return CheckFailed("the server does not answer (connection failed)", "connection")
        if isinstance(e, ValueError) and "JSON" in type(e).__name__:
            return CheckFailed(f"unreadable answer (not JSON: {text[:80]!r})", "garbage")
    if "timed out" in text.lower():
        return CheckFailed("the server did not answer in time", "timeout")
    return CheckFailed(f"request failed ({text[:120] or type(exc).__name__})", "error")
