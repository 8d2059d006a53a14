"""Shared parts of the grammar servers: states, backoff, URL handling, probing.

Every server kind (``local.LocalServer``, ``service.RemoteServer``,
``service.DownloadServer``) has one small state machine,
``absent | starting | ready | failed``, a one-line ``reason`` and ``fix`` for
the user, and ``ensure_ready()`` which returns the base URL to send requests
to, or None.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from typing import Callable

import requests

ABSENT, STARTING, READY, FAILED = "absent", "starting", "ready", "failed"
BACKOFF = (0.0, 2.0, 5.0, 15.0, 30.0, 60.0)  # seconds before restart attempt n
STABLE_AFTER = 60.0  # a server up this long resets the backoff
MAIN_CLASS = "org.languagetool.server.HTTPServer"
WARMUP_TEXT = "This is a short sentence to warm up the checker."
FIX_INSTALL = "run: deskeditor languagetool install"
FIX_JAVA = "install Java 17 or later (e.g. apt-get install openjdk-17-jre-headless)"


def base_url(url: str) -> str:
    """``host:8081``, ``http://h/``, ``http://h/v2`` -> ``http://h/`` (ends in /)."""
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    if path.endswith("/v2"):
        path = path[: -len("/v2")]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path + "/", "", ""))


def probe(url: str, timeout: float = 3.0) -> str | None:
    """None if a LanguageTool server answers ``GET /v2/languages`` at ``url``,
    else a short reason."""
    try:
        r = requests.get(urllib.parse.urljoin(url, "v2/languages"), timeout=timeout)
    except requests.Timeout:
        return f"no answer within {timeout:g} s"
    except requests.ConnectionError as exc:
        return "connection refused" if "refused" in str(exc).lower() else "cannot connect"
    except requests.RequestException as exc:
        return type(exc).__name__
    if r.status_code != 200:
        return f"HTTP {r.status_code}"
    try:
        data = r.json()
    except ValueError:
        return "not a LanguageTool server (unreadable answer)"
    if not isinstance(data, list) or not any(isinstance(x, dict) and "code" in x for x in data):
        return "not a LanguageTool server (unexpected answer)"
    return None


class Backoff:
    """Consecutive failures -> the earliest time of the next attempt."""

    def __init__(self, delays: tuple[float, ...] = BACKOFF, clock: Callable[[], float] = time.monotonic):
        self.delays = delays
        self.clock = clock
        self.failures = 0
        self.not_before = 0.0

    def failed(self) -> None:
        delay = self.delays[min(self.failures, len(self.delays) - 1)]
        self.failures += 1
        self.not_before = self.clock() + delay

    def succeeded(self) -> None:
        self.failures = 0
        self.not_before = 0.0

    def ready(self) -> bool:
        return self.clock() >= self.not_before

    def wait_left(self) -> float:
        return max(0.0, self.not_before - self.clock())


class ServerBase:
    """State shared by every kind of server."""

    kind = "server"

    def __init__(self) -> None:
        self.state = ABSENT
        self.reason = ""
        self.fix = ""
        self.url: str | None = None
        self.backoff = Backoff()
        self._lock = threading.RLock()

    def _set(self, state: str, reason: str = "", fix: str = "") -> None:
        self.state, self.reason, self.fix = state, reason, fix

    def ensure_ready(self, wait: bool = True) -> str | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def report_failure(self, reason: str, fix: str = "") -> None:
        """The checker saw a request fail: mark the server failed."""
        with self._lock:
            self._set(FAILED, reason, fix or self.default_fix())
            self.backoff.failed()

    def default_fix(self) -> str:
        return "wait a moment and check again"

    def describe(self) -> str:
        """One line: which server, its state, and the reason if it is not ready."""
        where = f" at {self.url}" if self.url else ""
        line = f"{self.kind} LanguageTool{where}: {self.state}"
        if self.state != READY and self.reason:
            line += f" ({self.reason}; fix: {self.fix})"
        return line

    def stop(self) -> None:
        pass
