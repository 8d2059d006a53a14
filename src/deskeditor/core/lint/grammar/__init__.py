"""Grammar and spelling with a local LanguageTool server.

Use::

    from deskeditor.core.lint.grammar import GrammarEngine, GrammarSettings

    engine = GrammarEngine(GrammarSettings(language="en-GB", dictionary=words))
    result = engine.check(markdown, is_stale=lambda: doc.version != version)
    result.findings   # list[Finding], engine "grammar", offsets in the source
    result.status     # one line; "grammar unavailable: ...; fix: ..." on trouble
    engine.status()   # one line for a status bar, without checking

Call ``check`` from a worker thread: it blocks on the network (and, with
``wait=True``, on a local server's start, about 10 s the first time).

Modules: ``install`` (assemble LanguageTool from Maven Central), ``service``
(which server: configured URL, local, language-tool-python's download, public
API), ``local`` (the local server process: start, health, restart, cleanup),
``base`` (states, backoff, probing), ``background`` (one warm server per
user, ``deskeditor languagetool start|stop``), ``client`` (batched requests
through language-tool-python), ``checker`` (Markdown-aware incremental
checks), ``names`` (names and jargon are not misspellings), ``severity``
(what is an error), ``settings``; the shell commands are in ``deskeditor.cli.grammar``.
"""

from .checker import GrammarEngine, GrammarResult, check_draft
from .service import LocalServer, RemoteServer, server_for
from .settings import GrammarSettings

__all__ = [
    "GrammarEngine",
    "GrammarResult",
    "GrammarSettings",
    "LocalServer",
    "RemoteServer",
    "check_draft",
    "server_for",
]
