"""The grammar checker's settings: one immutable value the caller passes in.

The GUI and the CLI build a ``GrammarSettings`` from the user's preferences
(the personal dictionary comes from the store's SQLite table) and hand it to
``GrammarEngine``; nothing here is global.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .install import DEFAULT_VERSION

PUBLIC_API_URL = "https://api.languagetool.org/"


@dataclass(frozen=True)
class GrammarSettings:
    """What to check and where.

    Server choice, in order: ``server_url`` (a team's or a Docker server); the
    local LanguageTool deskeditor installs and starts itself; language-tool-
    python's own download, only if ``allow_download``; the public cloud API,
    only if ``use_public_api``.
    """

    language: str = "en-US"  # en-US, en-GB, en-CA, en-AU, en-NZ, en-ZA
    picky: bool = False
    disabled_rules: tuple[str, ...] = ()
    dictionary: tuple[str, ...] = field(default=(), compare=False)  # personal words (every scope that applies)
    known_words: frozenset[str] = field(default=frozenset(), compare=False)  # casefolded words of the writer's other drafts
    server_url: str = ""
    allow_download: bool = False
    use_public_api: bool = False
    timeout: float = 20.0  # seconds one request may take
    version: str = DEFAULT_VERSION  # LanguageTool version of the local install
    heap: str = "512m"  # the local server's -Xmx

    def request_key(self) -> tuple:
        """The settings that change LanguageTool's answer (the cache key part).

        The personal dictionary is not in it: it filters answers locally, so
        adding a word never re-sends a block.
        """
        return (self.language, self.picky, tuple(sorted(set(self.disabled_rules))))

    def dictionary_set(self) -> frozenset[str]:
        return frozenset(w.strip().casefold() for w in self.dictionary if w.strip())

    def known_set(self) -> frozenset[str]:
        """Words the writer uses elsewhere: a flagged one is a probable name."""
        return frozenset(w.casefold() for w in self.known_words)
