"""Grammar servers: where LanguageTool answers, and who keeps it running.

A *server* here is what the checker talks to. Each kind has one small state
machine, ``absent | starting | ready | failed``, a one-line ``reason`` and a
one-line ``fix`` for the user, and ``ensure_ready()`` which returns the base
URL to send requests to, or None.

* ``LocalServer`` owns a ``java ... org.languagetool.server.HTTPServer`` child
  process on a free 127.0.0.1 port: its output goes to a log file, it is
  health-checked and warmed up before it counts as ready, it is restarted with
  backoff when it dies or hangs, and it is never left orphaned (own process
  group, ``PR_SET_PDEATHSIG`` on Linux, stopped at interpreter exit).
* ``RemoteServer`` is a URL someone else runs (a configured team or Docker
  server, or the public API when the user turned it on).
* ``DownloadServer`` lets language-tool-python download and run its own
  LanguageTool, only when the user allows it.

``server_for(settings)`` picks one in that order; before starting a local
server of its own it uses the user's background server
(``deskeditor languagetool start``, see ``background``) when one answers.
"""

from __future__ import annotations

from pathlib import Path

from . import install as lt_install
from .base import (
    ABSENT,
    BACKOFF,
    FAILED,
    FIX_INSTALL,
    FIX_JAVA,
    READY,
    STARTING,
    Backoff,
    ServerBase,
    base_url,
    probe,
)
from .local import LocalServer, free_port
from .settings import PUBLIC_API_URL, GrammarSettings

__all__ = [  # the servers and their shared vocabulary, in one place
    "ABSENT", "BACKOFF", "FAILED", "FIX_INSTALL", "FIX_JAVA", "READY", "STARTING",
    "Backoff", "DownloadServer", "LocalServer", "RemoteServer", "ServerBase",
    "base_url", "free_port", "probe", "server_for",
]


class RemoteServer(ServerBase):
    """A server someone else runs: probed, never started or stopped."""

    def __init__(self, url: str, kind: str = "configured", probe_timeout: float = 3.0) -> None:
        super().__init__()
        self.kind = kind
        self.url = base_url(url)
        self.probe_timeout = probe_timeout

    def default_fix(self) -> str:
        if self.kind == "public":
            return "check the internet connection, or turn the public API off"
        if self.kind == "background":
            return "run: deskeditor languagetool start"
        return f"start the server at {self.url} or clear the grammar server URL in the settings"

    def ensure_ready(self, wait: bool = True) -> str | None:
        with self._lock:
            if self.state == READY:
                return self.url
            if self.state == FAILED and not self.backoff.ready():
                return None
            problem = probe(self.url, self.probe_timeout)
            if problem:
                self._set(FAILED, f"{self.kind} server {self.url} does not answer ({problem})", self.default_fix())
                self.backoff.failed()
                return None
            self._set(READY)
            self.backoff.succeeded()
            return self.url


class DownloadServer(ServerBase):
    """language-tool-python's own LanguageTool: it downloads (from the internet)
    and runs its server. Used only when the user allows the download."""

    kind = "downloaded"

    def __init__(self, language: str = "en-US") -> None:
        super().__init__()
        self.language = language
        self._tool = None

    def default_fix(self) -> str:
        return f"allow internet access for the download, or {FIX_INSTALL}"

    def ensure_ready(self, wait: bool = True) -> str | None:
        with self._lock:
            if self.state == READY and self._tool is not None:
                return self.url
            if self.state == FAILED and not self.backoff.ready():
                return None
            self._set(STARTING, "downloading and starting LanguageTool", "wait")
            try:
                import language_tool_python

                self._tool = language_tool_python.LanguageTool(self.language)
            except Exception as exc:  # the library raises many kinds
                self._set(FAILED, f"language-tool-python could not start LanguageTool ({str(exc)[:120]})", self.default_fix())
                self.backoff.failed()
                return None
            self.url = base_url(self._tool.url)
            self._set(READY)
            self.backoff.succeeded()
            return self.url

    def stop(self) -> None:
        with self._lock:
            if self._tool is not None:
                self._tool.close()
                self._tool = None
            self._set(ABSENT, "stopped", "it starts again on the next check")


def server_for(settings: GrammarSettings, root: Path | None = None, log_dir: Path | None = None) -> ServerBase:
    """The server the settings ask for, in the documented order."""
    if settings.server_url.strip():
        return RemoteServer(settings.server_url, "configured")
    if root is None:
        from .background import find_running

        running = find_running()
        if running is not None and running.version == settings.version:
            return RemoteServer(running.url, "background")
    local = LocalServer(settings.version, root=root, heap=settings.heap, log_dir=log_dir)
    if lt_install.find_installation(settings.version, root) is not None:
        return local
    if settings.allow_download:
        return DownloadServer(settings.language)
    if settings.use_public_api:
        return RemoteServer(PUBLIC_API_URL, "public")
    return local  # reports "not installed" with the fix
