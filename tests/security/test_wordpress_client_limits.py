"""Issue 13, Medium 5 and Low items: the WordPress client against hostile servers
(a tiny local server provokes what a real WordPress will not do on demand)."""

from __future__ import annotations

import http.server
import json
import threading
import time

import pytest

from securitykit import one_line

PASSWORD = "abcd efgh ijkl mnop"


class _Hostile(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _json(self, data, status=200):
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        mode = self.server.mode
        if self.path.startswith("/wp-json/") and self.path.rstrip("/") == "/wp-json":
            return self._json({"namespaces": ["wp/v2"]})
        if mode == "drip":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(1000):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                pass
            return
        if mode == "huge":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            try:
                self.wfile.write(b'["' + b"x" * (20 << 20))
            except OSError:
                pass
            self.close_connection = True
            return
        if mode == "echo":
            return self._json({"code": "bad", "message": f"you sent {self.headers.get('Authorization')} "
                               f"and {PASSWORD}"}, 500)
        if mode == "wrong-shape":
            if "users/me" in self.path:
                return self._json({"id": 1, "name": "jane"})
            if "/tags" in self.path or "/categories" in self.path:
                return self._json([] if self.command == "GET" else {"id": "seven"}, 200 if self.command == "GET" else 201)
            return self._json({"id": "seven", "link": 5}, 201)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def hostile_server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    srv.daemon_threads = True
    srv.mode = "drip"
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def site(run, hostile_server, monkeypatch):
    monkeypatch.setenv("DESKEDITOR_WP_PASSWORD", PASSWORD)
    url = f"http://127.0.0.1:{hostile_server.server_port}"
    code, _o, err = run("sites", "add", "evil", "--url", url, "--user", "jane")
    assert code in (0, 1), err  # 1: no keyring here, the env fallback is used
    return hostile_server


def _publish(run, store):
    d = store.drafts.create("---\ntitle: Post\nslug: post\ntags: [news]\n---\n\nHello.\n")
    return run("publish", str(d.id), "--site", "evil", "--force", "--no-grammar", "-q")


def test_http_to_another_machine_is_refused(run, store):
    code, _o, err = run("sites", "add", "blog", "--url", "http://blog.example.com", "--user", "jane")
    assert code == 2
    assert "unencrypted" in one_line(err)
    code, _o, err = run("sites", "add", "blog", "--url", "https://blog.example.com", "--user", "jane")
    assert "unencrypted" not in err
    code, _o, err = run("sites", "add", "blog", "--url", "https://jane:secret@blog.example.com", "--user", "jane")
    assert code == 2 and "not in the URL" in one_line(err) and "secret" not in err


def test_a_dripping_server_meets_an_overall_deadline(run, store, site, monkeypatch):
    from deskeditor.core.export import wordpress

    real = wordpress.Client.__init__

    def short(self, url, user, password, *, timeout=30.0):
        real(self, url, user, password, timeout=3.0)  # the deadline under test, made short

    monkeypatch.setattr(wordpress.Client, "__init__", short)
    t = time.monotonic()
    code, _o, err = _publish(run, store)
    assert code == 2
    assert "did not answer within 3 s" in one_line(err)
    assert time.monotonic() - t < 30


def test_a_huge_answer_is_cut_off(run, store, site):
    site.mode = "huge"
    code, _o, err = _publish(run, store)
    assert code == 2
    assert "over 16 MiB" in one_line(err)


def test_an_echoed_authorization_header_is_never_printed(run, store, site):
    site.mode = "echo"
    code, out, err = _publish(run, store)
    assert code == 2
    line = one_line(err)
    import base64

    token = base64.b64encode(f"jane:{PASSWORD}".encode()).decode()
    assert token not in err + out and PASSWORD not in err + out
    assert "[redacted]" in line


def test_a_wrongly_typed_answer_is_one_line(run, store, site):
    site.mode = "wrong-shape"
    code, _o, err = _publish(run, store)
    assert code == 2
    assert "unexpected shape" in one_line(err)
