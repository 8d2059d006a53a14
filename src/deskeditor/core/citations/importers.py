"""Importing sources from BibTeX/BibLaTeX (bibtexparser 2) and CSL-JSON files.

Each importer returns an ``ImportResult``: the entries that converted, as
(key, CSL-JSON) pairs, and one problem line for each entry that did not (a
syntax error, a duplicate key, a malformed field). A malformed entry is
skipped; the rest import. Only a file that cannot be read at all (missing,
binary, not UTF-8, not JSON) raises ``InputError``.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..importers import read_text
from .csl import CSLError, normalize, parse_date

# bibtexparser logs every parse failure; the failures are reported in the
# ImportResult instead, so its records go nowhere (not to stderr).
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False


@dataclass
class ImportResult:
    entries: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return [k for k, _ in self.entries]


# -- BibTeX ----------------------------------------------------------------------
BIB_TYPES = {
    "article": "article-journal", "book": "book", "booklet": "pamphlet", "inbook": "chapter",
    "incollection": "chapter", "inproceedings": "paper-conference", "conference": "paper-conference",
    "proceedings": "book", "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "techreport": "report", "report": "report", "manual": "report", "unpublished": "manuscript",
    "patent": "patent", "dataset": "dataset", "software": "software", "online": "webpage",
    "electronic": "webpage", "www": "webpage", "webpage": "webpage", "misc": "document",
    "newsarticle": "article-newspaper", "periodical": "periodical", "collection": "book",
    "reference": "book", "video": "motion_picture", "movie": "motion_picture", "audio": "song",
}
MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_URL_CMD = re.compile(r"\\url\{([^}]*)\}")
# BibTeX field -> CSL variable (plain text)
BIB_FIELDS = {
    "title": "title", "shorttitle": "title-short", "journal": "container-title",
    "journaltitle": "container-title", "booktitle": "container-title", "publisher": "publisher",
    "organization": "publisher", "institution": "publisher", "school": "publisher",
    "address": "publisher-place", "location": "publisher-place", "doi": "DOI", "isbn": "ISBN",
    "issn": "ISSN", "volume": "volume", "pages": "page", "note": "note", "edition": "edition",
    "series": "collection-title", "abstract": "abstract", "language": "language",
    "url": "URL", "eprint": "number", "version": "version",
}


def _plain(value: Any) -> str:
    text = str(value)
    m = _URL_CMD.search(text)
    if m:
        text = _URL_CMD.sub(lambda x: x.group(1), text)
    return " ".join(text.replace("{", "").replace("}", "").split())


def _latex(text: str) -> str:
    """LaTeX to text for name parts, which bibtexparser's decoding middleware
    leaves alone once co-authors are split ("M{\\"u}ller" -> "Müller")."""
    if "\\" not in text:
        return text
    from pylatexenc.latex2text import LatexNodes2Text  # a dependency of bibtexparser

    try:
        return LatexNodes2Text(keep_braced_groups=True).latex_to_text(text)
    except Exception:  # noqa: BLE001 - undecodable LaTeX stays as written
        return text


def _bib_name(parts: Any) -> dict[str, str]:
    first = _latex(" ".join(getattr(parts, "first", []) or []))
    von = _latex(" ".join(getattr(parts, "von", []) or []))
    last = _latex(" ".join(getattr(parts, "last", []) or []))
    jr = _latex(" ".join(getattr(parts, "jr", []) or []))
    if not first and not von and last.startswith("{") and last.endswith("}"):
        return {"literal": _plain(last)}
    name = {"family": _plain(last)}
    if first:
        name["given"] = _plain(first)
    if von:
        name["non-dropping-particle"] = _plain(von)
    if jr:
        name["suffix"] = _plain(jr)
    if not name["family"]:
        raise CSLError("an author without a name")
    return name


def _bib_date(fields: dict[str, Any]) -> dict[str, Any] | None:
    if fields.get("date"):
        return parse_date(_plain(fields["date"]))
    year = _plain(fields.get("year", ""))
    if not year:
        return None
    if not re.fullmatch(r"\d{4}", year):
        return {"literal": year}
    parts = [int(year)]
    month = _plain(fields.get("month", "")).lower()[:3]
    if month.isdigit() and 1 <= int(month) <= 12:
        parts.append(int(month))
    elif month in MONTHS:
        parts.append(MONTHS[month])
    day = _plain(fields.get("day", ""))
    if len(parts) == 2 and day.isdigit():
        parts.append(int(day))
    return {"date-parts": [parts]}


def bib_entry_to_csl(entry_type: str, key: str, fields: dict[str, Any]) -> dict[str, Any]:
    """One parsed BibTeX entry as CSL-JSON (raises ``CSLError``)."""
    csl: dict[str, Any] = {"id": key, "type": BIB_TYPES.get(entry_type.lower(), "document")}
    for name, value in fields.items():
        name = name.lower()
        if name in ("author", "editor", "translator"):
            values = value if isinstance(value, list) else [value]
            csl[name] = [_bib_name(v) if not isinstance(v, str) else {"literal": _plain(v)} for v in values]
        elif name in BIB_FIELDS and BIB_FIELDS[name] not in csl:
            csl[BIB_FIELDS[name]] = _plain(value)
        elif name == "number":
            csl["issue" if csl["type"].startswith("article") else "number"] = _plain(value)
        elif name == "howpublished":
            text = _plain(value)
            if re.match(r"(?i)https?://", text):
                csl.setdefault("URL", text)
            else:
                csl.setdefault("medium", text)
        elif name == "urldate":
            csl["accessed"] = parse_date(_plain(value))
    if "page" in csl:
        csl["page"] = csl["page"].replace("--", "–")
    issued = _bib_date({k.lower(): v for k, v in fields.items()})
    if issued:
        csl["issued"] = issued
    if csl["type"] == "document" and csl.get("URL"):
        csl["type"] = "webpage"
    return normalize(csl)


def _block_key(raw: str) -> str:
    m = re.match(r"\s*@\w+\s*[{(]\s*([^,\s=]+)", raw or "")
    return m.group(1) if m else ""


def _failure_reason(error: Any) -> str:
    text = (getattr(error, "abort_reason", None) or getattr(error, "message", None) or str(error or ""))
    lines = [ln.strip() for ln in str(text).splitlines() if ln.strip()]
    return ("not valid BibTeX: " + lines[0].rstrip(".")) if lines else "not valid BibTeX"


def parse_bibtex(text: str, name: str = "the file") -> ImportResult:
    import bibtexparser
    from bibtexparser import middlewares as mw

    library = bibtexparser.parse_string(
        text,
        append_middleware=[mw.MonthIntMiddleware(allow_inplace_modification=True),
                           mw.SeparateCoAuthors(), mw.SplitNameParts(), mw.LatexDecodingMiddleware()],
    )
    result = ImportResult()
    failed = []
    for block in library.failed_blocks:
        key = _block_key(getattr(block, "raw", ""))
        reason = _failure_reason(getattr(block, "error", None))
        if type(block).__name__ == "DuplicateBlockKeyBlock":
            reason = f"duplicate key {key!r}, the first entry with it is kept"
        failed.append((block.start_line + 1, key, reason))
    seen: set[str] = set()
    for entry in library.entries:
        fields = {f.key: f.value for f in entry.fields}
        try:
            csl = bib_entry_to_csl(entry.entry_type, entry.key, fields)
        except CSLError as exc:
            failed.append((entry.start_line + 1, entry.key, str(exc)))
            continue
        seen.add(entry.key)
        result.entries.append((entry.key, csl))
    for line, key, reason in sorted(failed, key=lambda x: x[0]):
        what = f"entry {key!r}" if key else "an entry"
        result.problems.append(f"{name}: line {line}: {what} skipped: {reason}")
    return result


# -- CSL-JSON --------------------------------------------------------------------
def parse_csl_json(text: str, name: str = "the file") -> ImportResult:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise InputError(f"{name}: JSON nested too deeply to be CSL-JSON") from None
    if isinstance(data, dict):
        if isinstance(data.get("items"), list):
            data = data["items"]
        elif isinstance(data.get("references"), list):
            data = data["references"]
        else:
            data = [data]
    if not isinstance(data, list):
        raise InputError(f"{name}: CSL-JSON must be a list of entries")
    result = ImportResult()
    seen: set[str] = set()
    for n, raw in enumerate(data, 1):
        ident = raw.get("id") if isinstance(raw, dict) else None
        what = f"entry {n} ({ident!r})" if isinstance(ident, (str, int)) else f"entry {n}"
        try:
            csl = normalize(raw)
        except RecursionError:
            result.problems.append(f"{name}: {what} skipped: nested too deeply")
            continue
        except CSLError as exc:
            result.problems.append(f"{name}: {what} skipped: {exc}")
            continue
        if csl["id"] in seen:
            result.problems.append(f"{name}: {what} skipped: duplicate id {csl['id']!r}, the first is kept")
            continue
        seen.add(csl["id"])
        result.entries.append((csl["id"], csl))
    return result


def import_file(path: str | Path) -> ImportResult:
    """Read a ``.bib`` or ``.json`` file of sources (by suffix, else by content)."""
    path = Path(path)
    text = read_text(path)
    suffix = path.suffix.lower()
    if suffix in (".bib", ".bibtex", ".biblatex"):
        return parse_bibtex(text, path.name)
    if suffix in (".json", ".csljson"):
        return parse_csl_json(text, path.name)
    head = text.lstrip()[:1]
    if head in ("[", "{"):
        return parse_csl_json(text, path.name)
    if head in ("@", "%"):
        return parse_bibtex(text, path.name)
    raise InputError(f"{path.name}: not a BibTeX (.bib) or CSL-JSON (.json) file")


def store_entries(sources: Any, result: ImportResult) -> tuple[int, int]:
    """Put the imported entries into the store's Sources table: (added, updated)."""
    added = updated = 0
    for key, csl in result.entries:
        if sources.find(key) is None:
            added += 1
        else:
            updated += 1
        sources.put(key, csl)
    return added, updated
