"""Fixtures for the grammar tests: the real LanguageTool server (one per test
session), and a small local HTTP server that forwards to it while counting
requests, or hangs, or answers garbage, to provoke faults.

Without an installed LanguageTool the server tests skip with the reason, unless
DESKEDITOR_REQUIRE_GRAMMAR is set (scripts/test sets it), when they fail.
"""

from __future__ import annotations

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from deskeditor.core.lint.grammar import install as lt_install
from deskeditor.core.lint.grammar.service import LocalServer


def _require_install() -> lt_install.Installation:
    found = lt_install.find_installation()
    if found is not None:
        return found
    message = (
        f"LanguageTool {lt_install.DEFAULT_VERSION} is not installed in {lt_install.cache_root()} "
        "(run scripts/install-languagetool or: deskeditor languagetool install)"
    )
    if os.environ.get("DESKEDITOR_REQUIRE_GRAMMAR"):
        pytest.fail(message + "; DESKEDITOR_REQUIRE_GRAMMAR is set, so this is a failure")
    pytest.skip(message)


@pytest.fixture(scope="session")
def lt_installation() -> lt_install.Installation:
    return _require_install()


@pytest.fixture(scope="session")
def lt_server(lt_installation, tmp_path_factory):
    """The real local LanguageTool server, started once for the session."""
    server = LocalServer(lt_installation.version, log_dir=tmp_path_factory.mktemp("lt-log"))
    url = server.ensure_ready(wait=True)
    if url is None:
        pytest.fail(f"the LanguageTool server did not start: {server.describe()}")
    yield server
    server.stop()


class FakeLT:
    """A tiny HTTP server in front of LanguageTool.

    mode "forward" passes requests to ``target`` and counts them; "limit" does
    too but refuses a long request as a server with a ``maxTextLength`` does
    (HTTP 413); "hang" never
    answers (until closed); "garbage" answers 200 with bytes that are not JSON;
    "wrong" answers JSON that is not a LanguageTool answer.
    """

    def __init__(self, target: str | None = None, mode: str = "forward") -> None:
        self.target = target
        self.mode = mode
        self.checks = 0  # POST /v2/check requests seen
        self.texts: list[str] = []  # the blocks they carried, in order
        self.release = threading.Event()
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def _handle(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if self.path.endswith("/v2/check"):
                    with fake._lock:
                        fake.checks += 1
                        import json
                        from urllib.parse import parse_qs

                        form = parse_qs(body.decode())
                        if "data" in form:  # annotated text: the blocks of one request
                            parts = json.loads(form["data"][0])["annotation"]
                            fake.texts.extend(p["text"] for p in parts if "text" in p)
                        else:
                            fake.texts.append(form.get("text", [""])[0])
                mode = fake.mode
                if mode == "limit" and self.path.endswith("/v2/check") and len(body) > 1500:
                    return self._send(413, b"Error: Your text exceeds the limit of 1000 characters", "text/plain")
                if mode == "hang":
                    fake.release.wait(60)
                    self.close_connection = True
                    return
                if mode == "garbage":
                    return self._send(200, b"\xff\xfe<html>not json", "application/json")
                if mode == "wrong":
                    return self._send(200, b'{"matches": [{"offset": "x"}]}', "application/json")
                r = requests.request(
                    method,
                    fake.target.rstrip("/") + self.path,
                    data=body,
                    headers={"Content-Type": self.headers.get("Content-Type", "application/x-www-form-urlencoded")},
                    timeout=60,
                )
                self._send(r.status_code, r.content, r.headers.get("Content-Type", "application/json"))

            def _send(self, code: int, body: bytes, ctype: str) -> None:
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                self._handle("GET")

            def do_POST(self) -> None:
                self._handle("POST")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def fake_lt():
    """``fake_lt(target=None, mode="forward") -> FakeLT``, closed after the test."""
    made: list[FakeLT] = []

    def make(target: str | None = None, mode: str = "forward") -> FakeLT:
        f = FakeLT(target, mode)
        made.append(f)
        return f

    yield make
    for f in made:
        f.close()


@pytest.fixture
def counting_proxy(lt_server, fake_lt) -> FakeLT:
    """A forwarding proxy in front of the session's real server."""
    return fake_lt(lt_server.url, "forward")


_NEEDS_LANGUAGETOOL = {"lt_installation", "lt_server", "counting_proxy"}


def pytest_collection_modifyitems(config, items):
    """Every test that needs the real LanguageTool carries the ``grammar`` mark,
    so ``-m "not grammar"`` never starts a server."""
    for item in items:
        if _NEEDS_LANGUAGETOOL & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.grammar)
