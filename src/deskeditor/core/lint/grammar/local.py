"""The LanguageTool server process that deskeditor installs, starts and owns.

``LocalServer`` runs ``java ... org.languagetool.server.HTTPServer`` on a free
127.0.0.1 port: output goes to a log file (rotated past 5 MiB), it is
health-checked and warmed up before it counts as ready, it is restarted with
backoff when it dies or hangs, and it is never left orphaned: it runs in its
own process group, gets ``PR_SET_PDEATHSIG`` on Linux (the kernel stops it if
deskeditor dies), and every live server is stopped at interpreter exit.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import weakref
from concurrent.futures import Future
from pathlib import Path

import requests
from platformdirs import user_log_dir

from . import install as lt_install
from .base import (
    ABSENT,
    FAILED,
    FIX_INSTALL,
    FIX_JAVA,
    MAIN_CLASS,
    READY,
    STABLE_AFTER,
    STARTING,
    WARMUP_TEXT,
    ServerBase,
    probe,
)

_PR_SET_PDEATHSIG = 1
# LanguageTool's own server settings: a sentence cache (a draft checked again
# with few changes, e.g. by a second ``deskeditor lint``, is answered from it)
# and cached pipelines (no pipeline built per request)
SERVER_PROPERTIES = {
    "cacheSize": "20000",
    "cacheTTLSeconds": "3600",
    "pipelineCaching": "true",
    "maxPipelinePoolSize": "20",
    "pipelineExpireTimeInSeconds": "3600",
}


def _child_setup() -> None:  # pragma: no cover - runs in the forked child
    """Die with the parent (Linux): the kernel sends SIGTERM when it goes."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except Exception:
            pass


class _Spawner:
    """One long-lived daemon thread that forks every server process.

    ``PR_SET_PDEATHSIG`` fires when the *thread* that forked the child ends, not
    the process; checks run in short-lived worker threads, so the fork happens
    here, in a thread that lives as long as the process.
    """

    def __init__(self) -> None:
        self._q: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="languagetool-spawner", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            args, kwargs, fut = self._q.get()
            try:
                fut.set_result(subprocess.Popen(args, **kwargs))
            except BaseException as exc:  # report everything to the caller
                fut.set_exception(exc)

    def popen(self, args: list[str], **kwargs) -> subprocess.Popen:
        fut: Future = Future()
        self._q.put((args, kwargs, fut))
        return fut.result()


_spawner: _Spawner | None = None
_spawner_lock = threading.Lock()
_live: "weakref.WeakSet[LocalServer]" = weakref.WeakSet()


def _spawn(args: list[str], **kwargs) -> subprocess.Popen:
    global _spawner
    with _spawner_lock:
        if _spawner is None:
            _spawner = _Spawner()
    return _spawner.popen(args, **kwargs)


@atexit.register
def _stop_all() -> None:
    for server in list(_live):
        server.stop()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LOG_LIMIT = 5 * 2**20


def _rotate(log_path: Path) -> None:
    """Keep the server log small: past LOG_LIMIT it becomes ``.1``."""
    try:
        if log_path.stat().st_size > LOG_LIMIT:
            os.replace(log_path, log_path.with_name(log_path.name + ".1"))
    except OSError:
        pass


def default_log_dir() -> Path:
    return Path(user_log_dir("deskeditor"))


class LocalServer(ServerBase):
    """The LanguageTool server deskeditor installs, starts and owns."""

    kind = "local"

    def __init__(
        self,
        version: str = lt_install.DEFAULT_VERSION,
        root: Path | None = None,
        java: str = "java",
        heap: str = "512m",
        log_dir: Path | None = None,
        start_timeout: float = 90.0,
        warmup: bool = True,
    ) -> None:
        super().__init__()
        self.version = version
        self.root = root
        self.java = java
        self.heap = heap
        self.log_dir = log_dir or default_log_dir()
        self.start_timeout = start_timeout
        self.warmup = warmup
        self.process: subprocess.Popen | None = None
        self.port: int | None = None
        self.log_path: Path | None = None
        self.started_at = 0.0
        self.start_seconds = 0.0  # last start: launch to ready, warm-up included
        self.starts = 0
        self._starter: threading.Thread | None = None
        _live.add(self)

    def default_fix(self) -> str:
        return "it restarts by itself; if it keeps failing see the log or run: deskeditor languagetool status"

    # -- public ----------------------------------------------------------------
    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def ensure_ready(self, wait: bool = True) -> str | None:
        """The server's URL once it answers; starts or restarts it as needed.

        With ``wait=False`` a start happens in a background thread and this
        returns None (state ``starting``) until it is ready.
        """
        if self.state == READY and self.alive():
            if self.backoff.failures and time.monotonic() - self.started_at > STABLE_AFTER:
                self.backoff.succeeded()
            return self.url
        if not wait:
            self._start_in_background()
            return None
        with self._lock:
            return self._ensure_locked()

    def report_failure(self, reason: str, fix: str = "") -> None:
        """A request failed: if the server is dead or hung, kill it so the next
        ``ensure_ready`` restarts it (after backoff); if it still answers, keep it."""
        with self._lock:
            if self.alive() and self.url and probe(self.url, 2.0) is None:
                return  # the server is fine; that one request failed
            if self.alive():
                reason = f"{reason}; the server stopped answering and is being restarted"
            self._kill()
            self._set(FAILED, reason, fix or self.default_fix())
            self.backoff.failed()

    def stop(self) -> None:
        """Stop the server (idempotent); the next ``ensure_ready`` starts anew."""
        with self._lock:
            self._kill()
            self._set(ABSENT, "stopped", "it starts again on the next check")

    def rss_bytes(self) -> int:
        import psutil

        if not self.alive():
            return 0
        try:
            return psutil.Process(self.pid).memory_info().rss
        except psutil.Error:
            return 0

    def describe(self) -> str:
        line = super().describe()
        if self.log_path:
            line += f"; log: {self.log_path}"
        return line

    # -- internals ---------------------------------------------------------------
    def _start_in_background(self) -> None:
        """Start in a daemon thread; never blocks (the lock may be held for the
        whole of a start, so it is only tried, not waited for)."""
        if not self._lock.acquire(blocking=False):
            return  # a start, restart or failure report is under way
        try:
            if self.state == READY and self.alive():
                return
            if self._starter and self._starter.is_alive():
                return
            if self.state == FAILED and not self.backoff.ready():
                return
            self._set(STARTING, "starting", "wait a few seconds")

            def run() -> None:
                with self._lock:
                    self._ensure_locked()

            self._starter = threading.Thread(target=run, name="languagetool-start", daemon=True)
            self._starter.start()
        finally:
            self._lock.release()

    def _ensure_locked(self) -> str | None:
        if self.state == READY and self.alive():
            return self.url
        if self.process is not None and not self.alive():
            code = self.process.returncode
            self._kill()
            self._set(FAILED, f"the local LanguageTool server exited (code {code})", self.default_fix())
            self.backoff.failed()
        if self.state == FAILED and not self.backoff.ready():
            self.reason = self.reason.split(" [retry in")[0] + f" [retry in {self.backoff.wait_left():.0f} s]"
            return None
        found = lt_install.find_installation(self.version, self.root)
        if found is None:
            self._set(ABSENT, f"LanguageTool {self.version} is not installed", FIX_INSTALL)
            return None
        java = lt_install.java_version(self.java)
        if java is None:
            self._set(ABSENT, "Java is not installed", FIX_JAVA)
            return None
        if java[0] < lt_install.MIN_JAVA:
            self._set(ABSENT, f"LanguageTool needs Java {lt_install.MIN_JAVA}+, found {java[1]}", FIX_JAVA)
            return None
        for _attempt in range(3):  # a port taken between our probe and the bind
            outcome = self._launch(found)
            if outcome != "port":
                break
        if self.state == READY:
            return self.url
        if self.state != FAILED:
            self._set(FAILED, "no free port for the local LanguageTool server", self.default_fix())
        self.backoff.failed()
        return None

    def _command(self, found: lt_install.Installation, port: int) -> list[str]:
        return [
            self.java,
            f"-Xmx{self.heap}",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",  # C1 only: warm-up 5 s instead of 10-15 s, less memory, as fast here
            "-Xss1m",
            "-cp",
            found.classpath,
            MAIN_CLASS,
            "--port",
            str(port),
            "--config",
            str(self._properties()),
        ]

    def _properties(self) -> Path:
        path = self.log_dir / "languagetool-server.properties"
        text = "".join(f"{k}={v}\n" for k, v in SERVER_PROPERTIES.items())
        try:
            if path.read_text(encoding="utf-8") == text:
                return path
        except OSError:
            pass
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
        return path

    def _launch(self, found: lt_install.Installation) -> str:
        """Start once; returns "ready", "port" (port taken: retry) or "failed"."""
        self._kill()  # never two processes for one server
        self._set(STARTING, "starting", "wait a few seconds")
        port = free_port()
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log_path = self.log_dir / "languagetool.log"
        _rotate(log_path)
        began = time.monotonic()
        with open(log_path, "ab") as log:
            log.write(f"\n=== deskeditor: starting LanguageTool {found.version} on 127.0.0.1:{port} at {time.ctime()}\n".encode())
            log.flush()
            try:
                proc = _spawn(
                    self._command(found, port),
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                    preexec_fn=_child_setup,
                    close_fds=True,
                )
            except OSError as exc:
                self._set(FAILED, f"cannot start Java ({exc.strerror or exc})", FIX_JAVA)
                return "failed"
        self.process, self.port, self.log_path = proc, port, log_path
        self.url = f"http://127.0.0.1:{port}/"
        self.starts += 1
        problem = self._wait_until_up(began)
        if problem is None and self.warmup:
            problem = self._warm_up()
        if problem is not None:
            if "Address already in use" in self._log_tail():
                self._kill()
                return "port"
            self._kill()
            self._set(FAILED, f"the local LanguageTool server did not start ({problem}); log: {log_path}", self.default_fix())
            return "failed"
        self.started_at = time.monotonic()
        self.start_seconds = self.started_at - began
        self._set(READY)
        return "ready"

    def _wait_until_up(self, began: float) -> str | None:
        assert self.url is not None
        while time.monotonic() - began < self.start_timeout:
            if not self.alive():
                return f"exited with code {self.process.returncode if self.process else '?'}"
            if probe(self.url, 1.0) is None:
                return None
            time.sleep(0.1)
        return f"not answering after {self.start_timeout:g} s"

    def _warm_up(self) -> str | None:
        """One small check, so the first real check is not the one that loads
        every English rule (that first check takes several seconds)."""
        try:
            r = requests.post(
                urllib.parse.urljoin(self.url or "", "v2/check"),
                data={"language": "en-US", "text": WARMUP_TEXT},
                timeout=self.start_timeout,
            )
            r.raise_for_status()
            r.json()["matches"]
        except (requests.RequestException, ValueError, KeyError, TypeError) as exc:
            return f"warm-up check failed: {type(exc).__name__}"
        return None

    def _log_tail(self, n: int = 4000) -> str:
        try:
            with open(self.log_path or "", "rb") as fh:
                fh.seek(0, os.SEEK_END)
                fh.seek(max(0, fh.tell() - n))
                return fh.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def _kill(self) -> None:
        proc, self.process = self.process, None
        self.url = None
        if proc is None:
            return
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except (ProcessLookupError, PermissionError):
                proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    proc.kill()
                proc.wait(timeout=5)
        else:
            proc.wait()
