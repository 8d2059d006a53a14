"""One warm LanguageTool per user, kept in the background between commands.

A LanguageTool start costs 5-10 s; ``deskeditor lint`` of a long post should
not pay it every time. ``deskeditor languagetool start`` runs this module as a
detached process (the *keeper*): it starts a ``LocalServer``, writes a state
file naming its URL, and stops the server and itself once no check has reached
the server for ``idle`` seconds (the server logs every check; the keeper
watches its log grow). Later commands find the server through the state file
(``find_running``) and use it as a remote server they never stop.

One per user: the keeper holds an exclusive ``flock`` on ``languagetool.lock``
beside the state file for its whole life, so a second ``start`` sees it is
taken and waits for the first keeper's state instead of starting another.
The state lives in ``$XDG_RUNTIME_DIR/deskeditor`` (gone at logout), else in
the user cache folder.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_dir, user_log_dir

from . import install as lt_install
from .base import FIX_INSTALL, probe
from .local import LocalServer

IDLE_S = 30 * 60.0  # the keeper stops the server after this long without a check
POLL_S = 2.0
CHECK_LOGGED = b"POST /v2/check"  # how LanguageTool's log shows a check request
START_TIMEOUT_S = 120.0
KEEPER_UP_S = 15.0  # a keeper process not holding its lock by then did not start


def state_dir() -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        return Path(runtime) / "deskeditor"
    return Path(user_cache_dir("deskeditor")) / "run"


@dataclass(frozen=True)
class Running:
    """What the state file says about the background server."""

    url: str
    pid: int  # the keeper's
    server_pid: int
    version: str
    idle_s: float
    log: str


def _state_path(folder: Path | None = None) -> Path:
    return (folder or state_dir()) / "languagetool.json"


def read_state(folder: Path | None = None) -> Running | None:
    try:
        data = json.loads(_state_path(folder).read_text(encoding="utf-8"))
        return Running(str(data["url"]), int(data["pid"]), int(data["server_pid"]), str(data["version"]),
                       float(data["idle_s"]), str(data.get("log", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def find_running(folder: Path | None = None, timeout: float = 1.0) -> Running | None:
    """The background server if its state file names one that answers."""
    state = read_state(folder)
    if state is None or probe(state.url, timeout) is not None:
        return None
    return state


def _write_state(folder: Path, state: Running) -> None:
    """Atomically: a reader sees the old file or the new one, never half."""
    path = _state_path(folder)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state.__dict__), encoding="utf-8")
    os.replace(tmp, path)


def _remove_state(folder: Path, pid: int) -> None:
    state = read_state(folder)
    if state is not None and state.pid == pid:
        _state_path(folder).unlink(missing_ok=True)


def _lock(folder: Path):
    """The exclusive lock file handle, or None when another keeper holds it."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = open(folder / "languagetool.lock", "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def _locked(folder: Path) -> bool:
    handle = _lock(folder)
    if handle is None:
        return True
    handle.close()
    return False


def start(version: str = lt_install.DEFAULT_VERSION, idle_s: float = IDLE_S, folder: Path | None = None,
          timeout: float = START_TIMEOUT_S) -> tuple[Running | None, str]:
    """(the running server, "") once one answers, started if need be; or
    (None, one line saying why not)."""
    folder = folder or state_dir()
    running = find_running(folder)
    if running is not None:
        return running, ""
    if lt_install.find_installation(version) is None:
        return None, f"LanguageTool {version} is not installed; fix: {FIX_INSTALL}"
    if not _locked(folder):
        log_dir = Path(user_log_dir("deskeditor"))
        log_dir.mkdir(parents=True, exist_ok=True)
        with open(log_dir / "languagetool-keeper.log", "ab") as log:
            keeper = subprocess.Popen(
                [sys.executable, "-m", __name__, "--version", version, "--idle", str(idle_s), "--state", str(folder)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                close_fds=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
            )
        # reaped when it ends, should this process live longer than it
        threading.Thread(target=keeper.wait, name="languagetool-keeper-reaper", daemon=True).start()
    began = time.monotonic()
    seen_keeper = False
    while time.monotonic() - began < timeout:
        running = find_running(folder)
        if running is not None:
            return running, ""
        if _locked(folder):
            seen_keeper = True
        elif seen_keeper or time.monotonic() - began > KEEPER_UP_S:
            break  # the keeper gave up, or never came up
        time.sleep(0.2)
    return None, ("the background LanguageTool did not start; see "
                  f"{Path(user_log_dir('deskeditor')) / 'languagetool-keeper.log'}")


def stop(folder: Path | None = None, timeout: float = 15.0) -> Running | None:
    """Stop the background server (its keeper); the state it had, or None if none ran."""
    folder = folder or state_dir()
    state = read_state(folder)
    if state is None or not _locked(folder):
        _state_path(folder).unlink(missing_ok=True)
        return None
    try:
        os.kill(state.pid, signal.SIGTERM)
    except ProcessLookupError:
        _state_path(folder).unlink(missing_ok=True)
        return None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _locked(folder):
        time.sleep(0.1)
    return state


# -- the keeper process ----------------------------------------------------------------
class Keeper:
    """Runs the server, publishes its URL, stops it when idle or told to."""

    def __init__(self, version: str, idle_s: float, folder: Path) -> None:
        self.version, self.idle_s, self.folder = version, idle_s, folder
        # its own log beside the state: the keeper reads it to see checks arrive
        self.server = LocalServer(version, log_dir=folder / "log")
        self._stop = False

    def run(self) -> int:
        lock = _lock(self.folder)
        if lock is None:
            return 0  # another keeper runs: it is the one
        signal.signal(signal.SIGTERM, lambda *_: setattr(self, "_stop", True))
        signal.signal(signal.SIGINT, lambda *_: setattr(self, "_stop", True))
        try:
            url = self.server.ensure_ready(wait=True)
            if url is None:
                print(f"languagetool keeper: {self.server.describe()}", flush=True)
                return 1
            _write_state(self.folder, Running(url, os.getpid(), self.server.pid or 0, self.version, self.idle_s,
                                              str(self.server.log_path or "")))
            self._watch()
            return 0
        finally:
            _remove_state(self.folder, os.getpid())
            self.server.stop()
            lock.close()

    def _watch(self) -> None:
        """Until told to stop, the server dies, or no check came for ``idle_s``:
        the server logs each request, and only checks count (a probe of
        ``/v2/languages`` by a command looking for the server does not)."""
        offset, last_seen = 0, time.monotonic()
        while not self._stop and self.server.alive():
            try:
                with open(self.server.log_path or "", "rb") as log:
                    log.seek(0, os.SEEK_END)
                    end = log.tell()
                    if end < offset:  # rotated
                        offset = 0
                    log.seek(offset)
                    if CHECK_LOGGED in log.read(end - offset):
                        last_seen = time.monotonic()
                    offset = end
            except OSError:
                pass
            if time.monotonic() - last_seen > self.idle_s:
                print(f"languagetool keeper: no check for {self.idle_s:g} s, stopping", flush=True)
                return
            time.sleep(min(POLL_S, self.idle_s / 2))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="deskeditor-languagetool-keeper")
    ap.add_argument("--version", default=lt_install.DEFAULT_VERSION)
    ap.add_argument("--idle", type=float, default=IDLE_S)
    ap.add_argument("--state", default="")
    args = ap.parse_args(argv)
    return Keeper(args.version, args.idle, Path(args.state) if args.state else state_dir()).run()


if __name__ == "__main__":
    raise SystemExit(main())
