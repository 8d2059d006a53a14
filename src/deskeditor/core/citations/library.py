"""The sources a draft can cite, and which of them are the draft's.

A ``Library`` joins the store's shared Sources table with the draft's own
front matter ``references:`` (pandoc's inline CSL-JSON; an entry there wins
over a stored one with the same key). Lookups by URL find a library source
behind a plain link.

A draft's sources are known from its text alone, so the linter, the CLI on a
FILE, the panel and an export all agree without a join table:

* every key it cites (``[@key]``, also inside footnotes),
* every library source one of its links points at (same URL),
* the keys listed in its front matter ``sources:`` (sources the writer
  attached before citing them: the panel adds them there),
* pandoc's ``nocite:`` keys (listed in "Sources" on purpose, never cited).
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from .csl import CSLError, normalize, normalize_url, url_of


class Library:
    def __init__(self, sources: Any = None, references: Mapping[str, dict[str, Any]] | None = None) -> None:
        """``sources``: the store's Sources table (``find``/``all``), a mapping
        key -> CSL-JSON, or None."""
        self.sources = sources
        self.references = dict(references or {})
        self._all: dict[str, dict[str, Any]] | None = None
        self._by_url: dict[str, list[str]] | None = None

    @property
    def available(self) -> bool:
        """Whether there is any library to resolve keys against."""
        return self.sources is not None or bool(self.references)

    def all(self) -> dict[str, dict[str, Any]]:
        if self._all is None:
            out: dict[str, dict[str, Any]] = {}
            if isinstance(self.sources, Mapping):
                out.update({k: _clean(k, v) for k, v in self.sources.items()})
            elif self.sources is not None:
                out.update({s.key: _clean(s.key, s.csl) for s in self.sources.all()})
            out.update({k: _clean(k, v) for k, v in self.references.items()})
            self._all = out
        return self._all

    def get(self, key: str) -> dict[str, Any] | None:
        return self.all().get(key)

    def keys(self) -> list[str]:
        return list(self.all())

    def by_url(self, url: str) -> list[str]:
        """Keys of the sources whose URL is ``url`` (normalised)."""
        if self._by_url is None:
            index: dict[str, list[str]] = {}
            for key, csl in self.all().items():
                u = normalize_url(url_of(csl))
                if u:
                    index.setdefault(u, []).append(key)
            self._by_url = index
        return list(self._by_url.get(normalize_url(url), []))

    def twins(self, key: str) -> list[str]:
        """Other sources with the same URL as ``key``."""
        csl = self.get(key)
        if not csl or not url_of(csl):
            return []
        return [k for k in self.by_url(url_of(csl)) if k != key]


def _clean(key: str, csl: Mapping[str, Any]) -> dict[str, Any]:
    """The entry normalised (ISO date strings to CSL dates, "Family, Given"
    names to name objects); as stored when it does not normalise."""
    try:
        return normalize(dict(csl, id=key))
    except CSLError:
        return dict(csl, id=key)


def as_library(sources: Any, references: Mapping[str, dict[str, Any]] | None = None) -> Library:
    if isinstance(sources, Library):
        if references:
            return Library(sources.sources, {**sources.references, **references})
        return sources
    return Library(sources, references)


def dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
