"""The WordPress client's behaviour on faults a real WordPress does not produce on demand:
a redirecting server (provoked with a tiny local HTTP server) and garbage answers."""

from __future__ import annotations

import http.server
import threading

import pytest

from deskeditor.core.export.wordpress import Client, WordPressError


class _Handler(http.server.BaseHTTPRequestHandler):
    seen: list[tuple[str, str, str | None]] = []

    def _answer(self):
        _Handler.seen.append((self.command, self.path, self.headers.get("Authorization")))
        if self.path.startswith("/moved"):
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"{}")
            return
        if self.server.mode == "redirect":
            self.send_response(301)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/moved{self.path}")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html>a blog, but no REST API</html>")

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.mode = "redirect"
    _Handler.seen = []
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def test_redirect_is_reported_and_credentials_are_not_forwarded(server):
    url = f"http://127.0.0.1:{server.server_port}"
    client = Client(url, "jane", "secret pass")
    client._root = f"{url}/wp-json"  # skip discovery: an authenticated call meets the redirect
    with pytest.raises(WordPressError) as info:
        client.me()
    assert str(info.value).startswith(f"{url} redirects to {url}/moved/wp-json/wp/v2/users/me")
    assert "secret" not in str(info.value)
    assert [p for _m, p, _a in _Handler.seen if p.startswith("/moved")] == []  # not followed


def test_a_site_without_the_rest_api_is_one_clear_error(server):
    server.mode = "html"
    url = f"http://127.0.0.1:{server.server_port}"
    with pytest.raises(WordPressError, match=r"does not answer as a WordPress site \(no REST API at "):
        Client(url, "jane", "pw").me()
