"""CSL-JSON helpers: checking and normalising an entry, reading its URL, dates
and names, making keys, and a source for an attribution.

A source is stored as one CSL-JSON object. deskeditor reads these variables:
``type``, ``title``, ``author``/``editor``, ``container-title`` (the site or
paper: "Reuters"), ``container-title-short`` (the short name an attribution
uses), ``publisher``, ``URL``, ``issued``, ``accessed``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any, Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

CSL_TYPES = {
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
    "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
    "entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview", "legal_case",
    "legislation", "manuscript", "map", "motion_picture", "musical_score", "pamphlet",
    "paper-conference", "patent", "performance", "periodical", "personal_communication", "post",
    "post-weblog", "regulation", "report", "review", "review-book", "software", "song", "speech",
    "standard", "thesis", "treaty", "webpage",
}
NAME_VARS = ("author", "editor", "translator", "container-author", "collection-editor", "director",
             "interviewer", "recipient", "reviewed-author", "composer", "illustrator")
STRING_VARS = {
    "id", "title", "title-short", "container-title", "container-title-short", "publisher",
    "publisher-place", "URL", "DOI", "ISBN", "ISSN", "page", "volume", "issue", "edition", "number",
    "section", "genre", "medium", "abstract", "note", "language", "source", "version",
    "collection-title", "event", "event-place", "archive", "references",
}
DATE_VARS = ("issued", "accessed", "event-date", "original-date", "submitted")
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


class CSLError(ValueError):
    """An entry that is not valid CSL-JSON; the message says what is wrong."""


# -- dates ---------------------------------------------------------------------
def parse_date(value: Any) -> dict[str, Any] | None:
    """A CSL date object from CSL date JSON, an ISO string or a year."""
    if value is None or value == "":
        return None
    if isinstance(value, date):  # YAML front matter reads 2025-03-01 as a date
        return {"date-parts": [[value.year, value.month, value.day]]}
    if isinstance(value, int) and not isinstance(value, bool):
        return {"date-parts": [[value]]}
    if isinstance(value, str):
        m = _ISO.match(value)
        if m:
            return {"date-parts": [[int(p) for p in m.groups() if p]]}
        return {"literal": value.strip()}
    if isinstance(value, dict):
        if "date-parts" in value:
            parts = value["date-parts"]
            if not isinstance(parts, list) or not parts or not all(isinstance(p, list) and p for p in parts):
                raise CSLError("date-parts must be a list of [year, month, day] lists")
            clean = []
            for p in parts[:2]:
                try:
                    clean.append([int(x) for x in p[:3]])
                except (TypeError, ValueError):
                    raise CSLError(f"date part {p!r} is not a number") from None
            out = dict(value, **{"date-parts": clean})
            return out
        for k in ("raw", "literal"):
            if isinstance(value.get(k), str):
                return parse_date(value[k]) if k == "raw" else {"literal": value[k]}
    raise CSLError(f"not a date: {value!r}")


def date_text(value: Any) -> str:
    """``{"date-parts": [[2025, 3, 13]]}`` -> "2025-03-13" ("" when none)."""
    try:
        d = parse_date(value)
    except CSLError:
        return ""
    if not d:
        return ""
    if "date-parts" in d:
        p = d["date-parts"][0]
        return "-".join([f"{p[0]:04d}"] + [f"{x:02d}" for x in p[1:]])
    return str(d.get("literal", ""))


def today() -> dict[str, Any]:
    t = date.today()
    return {"date-parts": [[t.year, t.month, t.day]]}


# -- names ---------------------------------------------------------------------
def parse_name(value: Any) -> dict[str, str]:
    if isinstance(value, str):
        text = value.strip()
        if "," in text:
            family, given = (p.strip() for p in text.split(",", 1))
            return {"family": family, "given": given} if given else {"family": family}
        return {"literal": text}
    if isinstance(value, dict):
        name = {k: v for k, v in value.items() if isinstance(v, (str, int))}
        if not any(name.get(k) for k in ("family", "given", "literal")):
            raise CSLError(f"a name needs family, given or literal: {value!r}")
        return {k: str(v) for k, v in name.items()}
    raise CSLError(f"not a name: {value!r}")


def name_text(name: dict[str, Any]) -> str:
    if name.get("literal"):
        return str(name["literal"])
    return ", ".join(p for p in (name.get("family", ""), name.get("given", "")) if p)


# -- entries -------------------------------------------------------------------
def normalize(entry: Any) -> dict[str, Any]:
    """A checked, cleaned copy of a CSL-JSON entry, or ``CSLError``.

    Needs a non-empty ``id``; ``type`` defaults to ``webpage`` when there is a
    URL, ``document`` otherwise. Names may be given as "Family, Given"
    strings and dates as ISO strings; both are converted."""
    if not isinstance(entry, dict):
        raise CSLError(f"an entry must be an object, not {type(entry).__name__}")
    key = entry.get("id")
    if key is None or isinstance(key, (dict, list, bool)) or not str(key).strip():
        raise CSLError("an entry needs an id")
    out: dict[str, Any] = {}
    for var, value in entry.items():
        if value is None:
            continue
        if var in NAME_VARS:
            values = value if isinstance(value, list) else [value]
            out[var] = [parse_name(v) for v in values]
        elif var in DATE_VARS:
            d = parse_date(value)
            if d:
                out[var] = d
        elif var == "type":
            if not isinstance(value, str):
                raise CSLError(f"type must be a string, not {value!r}")
            if value not in CSL_TYPES:
                raise CSLError(f"unknown type {value!r}")
            out[var] = value
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            out[var] = str(value)
        elif var in STRING_VARS:
            raise CSLError(f"{var} must be text, not {type(value).__name__}")
        # other structured values (extensions such as "custom") are dropped
    out["id"] = str(key).strip()
    out.setdefault("type", "webpage" if out.get("URL") else "document")
    return out


def url_of(csl: dict[str, Any]) -> str:
    return str(csl.get("URL") or csl.get("url") or "").strip()


def accessed_of(csl: dict[str, Any]) -> str:
    return date_text(csl.get("accessed"))


def short_name(csl: dict[str, Any]) -> str:
    """The name an attribution would use: "Reuters", "Wikipedia"."""
    for var in ("container-title-short", "container-title", "publisher", "title-short"):
        if csl.get(var):
            return str(csl[var])
    return ""


def label(csl: dict[str, Any]) -> str:
    """A one-line human label: "Reuters – Putin says ..." or the title."""
    name, title = short_name(csl), str(csl.get("title") or "")
    if name and title and name != title:
        return f"{name} – {title}"
    return title or name or str(csl.get("id", ""))


def normalize_url(url: str) -> str:
    """For comparing URLs: lower-case scheme and host, no ``www.``, no
    fragment, no tracking parameters, no trailing slash; http == https."""
    url = url.strip()
    if not url:
        return ""
    if not re.match(r"(?i)[a-z][a-z0-9+.\-]*://", url):
        url = "http://" + url
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for "host:99999" or "host:x"
    except ValueError:  # not a URL one can visit: compare it as written, never give up on the draft
        return url.lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(("utm_", "fbclid", "gclid", "mc_"))])
    path = parts.path.rstrip("/")
    return urlunsplit(("http", host, path, query, ""))


def slug(text: str, words: int = 4) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['’]", "", text)
    parts = [p for p in re.split(r"[^a-z0-9]+", text) if p]
    stop = {"the", "a", "an", "of", "in", "on", "and", "for", "to"}
    kept = [p for p in parts if p not in stop] or parts
    return "-".join(kept[:words])


def make_key(csl: dict[str, Any], existing: Iterable[str] = ()) -> str:
    """A readable, unused key: "reuters", "kalikablogs-natos-role-russia", "smith2020"."""
    taken = {k.casefold() for k in existing}
    authors = csl.get("author") or []
    year = ""
    parts = (csl.get("issued") or {}).get("date-parts") if isinstance(csl.get("issued"), dict) else None
    if parts:
        year = str(parts[0][0])
    if authors and isinstance(authors[0], dict) and (authors[0].get("family") or authors[0].get("literal")):
        base = slug(authors[0].get("family") or authors[0].get("literal"), 2).replace("-", "") + year
    else:
        name = short_name(csl)
        title = str(csl.get("title") or "")
        base = "-".join(p for p in (slug(name, 2), slug(title, 3) if title != name else "") if p)
        if year and base:
            base += "-" + year
    base = base or "source"
    key, n = base, 2
    while key.casefold() in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def from_attribution(name: str, title: str = "") -> dict[str, Any]:
    """A starting CSL entry for an attribution: the site as container, the
    article title if it was given. URL and accessed date are for the editor
    to fill in (the linter asks for them)."""
    csl: dict[str, Any] = {"type": "webpage", "container-title": name, "container-title-short": name}
    if title:
        csl["title"] = title
    return csl
