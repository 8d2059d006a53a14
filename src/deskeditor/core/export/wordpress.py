"""Publishing to WordPress through its REST API (``/wp-json/wp/v2``).

``publish`` sends a post as a draft or pending review, with its tags and
categories (looked up by name, created when missing), its local pictures and
featured image (uploaded to ``/wp/v2/media`` once; the draft remembers the
uploads), and records the remote post's id and URL on the draft, so publishing
again updates the same remote post instead of creating a second one.

Authentication is an application password over HTTP Basic, so only over
HTTPS (plain ``http://`` only to this machine). The credentials are checked
first (``/wp/v2/users/me``), so a wrong password fails with one clear message
before anything is created. The password never appears in an error message,
not even when a server echoes the request's headers back.

A server gets ``timeout`` seconds for each whole request (a server that drips
a byte every few seconds is cut off, not waited on forever) and may answer
with at most ``MAX_RESPONSE_BYTES``; an answer of the wrong shape (an id that
is no number) is one error line, like any other.

A remote post that is already published keeps its status: an update never
takes a live post down to a draft.
"""

from __future__ import annotations

import base64
import hashlib
import html as _html
import http.client
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import ExportError
from . import images as img
from .base import clean_text, iso_date
from .html import fragment_html
from .post import Post
from .sites import Site, cleartext_problem

STATUSES = ("draft", "pending")
LIVE = ("publish", "future", "private")
Progress = Callable[[str], None]


@dataclass
class Response:
    status: int
    data: Any
    headers: dict[str, str] = field(default_factory=dict)


class WordPressError(ExportError):
    """WordPress answered with an error (``status`` and WordPress's ``code``)."""

    def __init__(self, message: str, status: int = 0, code: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are reported, not followed: urllib would resend the Authorization header
    to wherever the redirect points, and turn a POST into a GET."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


MAX_RESPONSE_BYTES = 16 * 1024 * 1024
_BASIC = re.compile(r"Basic\s+[A-Za-z0-9+/=]{8,}", re.I)


class _Deadline:
    """Shuts the request's socket when its time is up, wherever the request is blocked
    (headers or body): per-read socket timeouts alone let a dripping server hang on."""

    def __init__(self, seconds: float) -> None:
        self.sock: socket.socket | None = None
        self.expired = False
        self.end = time.monotonic() + seconds
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def _expire(self) -> None:
        self.expired = True
        if self.sock is not None:
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def __enter__(self) -> "_Deadline":
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def opener(self) -> urllib.request.OpenerDirector:
        deadline = self

        class Conn(http.client.HTTPConnection):
            def connect(self):
                super().connect()
                deadline.sock = self.sock

        class SecureConn(http.client.HTTPSConnection):
            def connect(self):
                super().connect()
                deadline.sock = self.sock

        class Plain(urllib.request.HTTPHandler):
            def http_open(self, req):
                return self.do_open(Conn, req)

        class Secure(urllib.request.HTTPSHandler):
            def https_open(self, req):
                return self.do_open(SecureConn, req, context=self._context)

        return urllib.request.build_opener(_NoRedirect, Plain, Secure)


def _read_capped(resp, deadline: _Deadline) -> bytes:
    parts, total = [], 0
    while chunk := resp.read1(65536) if hasattr(resp, "read1") else resp.read(65536):
        total += len(chunk)
        if total > MAX_RESPONSE_BYTES:
            raise WordPressError(f"the server's answer is over {MAX_RESPONSE_BYTES >> 20} MiB; stopped reading it")
        parts.append(chunk)
        if deadline.expired:
            break
    return b"".join(parts)


def check_transport(url: str) -> None:
    problem = cleartext_problem(url)
    if problem:
        raise WordPressError(problem)


class Client:
    """A small WordPress REST client (urllib; no session state besides the API root)."""

    def __init__(self, url: str, user: str, password: str, *, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        check_transport(self.url)
        self.user = user
        self._auth = "Basic " + base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
        self._secrets = [s for s in (password, self._auth[6:], password.replace(" ", "")) if len(s) >= 4]
        self.timeout = timeout
        self._root: str | None = None  # "https://site/wp-json" or "https://site/?rest_route="

    # -- transport -------------------------------------------------------------
    def _open(self, url: str, method: str, body: bytes | None, headers: dict[str, str]) -> Response:
        req = urllib.request.Request(url, data=body, method=method, headers=headers)
        with _Deadline(self.timeout) as deadline:
            try:
                with deadline.opener().open(req, timeout=self.timeout) as resp:
                    raw = _read_capped(resp, deadline)
                    status = resp.status
                    hdrs = {k.lower(): v for k, v in resp.headers.items()}
            except urllib.error.HTTPError as exc:
                try:
                    raw = _read_capped(exc, deadline)
                except (OSError, http.client.HTTPException):
                    raw = b""
                status = exc.code
                hdrs = {k.lower(): v for k, v in (exc.headers or {}).items()}
            except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
                reason = getattr(exc, "reason", exc)
                if deadline.expired or isinstance(exc, TimeoutError) or isinstance(reason, TimeoutError):
                    # a read that timed out a moment before the overall deadline is the same answer
                    raise WordPressError(f"WordPress at {self.url} did not answer within {self.timeout:g} s") from None
                raise WordPressError(f"cannot reach WordPress at {self.url}: {self.redact(str(reason))}") from None
            if deadline.expired:
                raise WordPressError(f"WordPress at {self.url} did not answer within {self.timeout:g} s")
        if 300 <= status < 400:
            where = hdrs.get("location", "another address")
            raise WordPressError(f"{self.url} redirects to {where}: configure the site with the address "
                                 "WordPress itself uses (deskeditor sites add NAME --url ...)", status)
        try:
            data = json.loads(raw.decode("utf-8-sig")) if raw.strip() else None
        except (UnicodeDecodeError, json.JSONDecodeError):
            data = raw.decode("utf-8", "replace")
        return Response(status, data, hdrs)

    def redact(self, text: str) -> str:
        """``text`` without the password or the Authorization header's value in it."""
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return _BASIC.sub("Basic [redacted]", text)

    def _api_url(self, route: str, params: dict[str, Any] | None = None) -> str:
        root = self.api_root()
        query = urllib.parse.urlencode(params or {}, doseq=True)
        if root.endswith("rest_route="):
            return root + urllib.parse.quote(route, safe="/") + (f"&{query}" if query else "")
        return root + route + (f"?{query}" if query else "")

    def api_root(self) -> str:
        """Find the REST API: ``/wp-json`` (pretty permalinks) or ``?rest_route=`` (plain)."""
        if self._root is None:
            for root, probe in ((f"{self.url}/wp-json", f"{self.url}/wp-json/"),
                                (f"{self.url}/?rest_route=", f"{self.url}/?rest_route=/")):
                resp = self._open(probe, "GET", None, {"Accept": "application/json"})
                if resp.status == 200 and isinstance(resp.data, dict) and "namespaces" in resp.data:
                    if "wp/v2" not in resp.data.get("namespaces", []):
                        raise WordPressError(f"{self.url} has a REST API without wp/v2 (WordPress 4.7 or newer is needed)")
                    self._root = root
                    break
            else:
                raise WordPressError(f"{self.url} does not answer as a WordPress site (no REST API at "
                                     f"{self.url}/wp-json/ or {self.url}/?rest_route=/)")
        return self._root

    def request(self, method: str, route: str, *, params: dict | None = None, json_body: Any = None,
                body: bytes | None = None, headers: dict[str, str] | None = None) -> Any:
        hdrs = {"Authorization": self._auth, "Accept": "application/json"}
        if json_body is not None:
            body = json.dumps(json_body).encode("utf-8")
            hdrs["Content-Type"] = "application/json; charset=utf-8"
        hdrs.update(headers or {})
        resp = self._open(self._api_url(route, params), method, body, hdrs)
        if 200 <= resp.status < 300:
            return resp.data
        raise self._error(resp, method, route)

    def _error(self, resp: Response, method: str, route: str) -> WordPressError:
        code, message = "", ""
        if isinstance(resp.data, dict):
            code = str(resp.data.get("code", ""))
            message = self.redact(_html.unescape(str(resp.data.get("message", ""))))
        if resp.status == 401 or code in ("incorrect_password", "invalid_username", "rest_not_logged_in",
                                          "invalid_email", "application_passwords_disabled"):
            return WordPressError(
                f"WordPress at {self.url} refused user {self.user!r} ({message or 'HTTP 401'}): "
                "check the user name and the application password", resp.status, code)
        if resp.status == 403:
            return WordPressError(f"WordPress at {self.url} does not let {self.user!r} do this: "
                                  f"{message or 'HTTP 403'}", resp.status, code)
        detail = message or (self.redact(str(resp.data))[:200] if resp.data else "")
        return WordPressError(f"WordPress at {self.url} answered HTTP {resp.status} to {method} {route}"
                              f"{': ' + detail if detail else ''}", resp.status, code)

    # -- the API ------------------------------------------------------------------
    def me(self) -> dict:
        return self.request("GET", "/wp/v2/users/me", params={"context": "edit"})

    def term_id(self, taxonomy: str, name: str) -> int:
        """The id of the tag or category called ``name``, created when missing."""
        name = clean_text(name).strip()
        found = self.request("GET", f"/wp/v2/{taxonomy}", params={"search": name, "per_page": 100})
        for term in found or []:
            if _html.unescape(str(term.get("name", ""))).casefold() == name.casefold():
                return int(term["id"])
        try:
            made = self.request("POST", f"/wp/v2/{taxonomy}", json_body={"name": name})
        except WordPressError as exc:
            if exc.code == "term_exists":  # created meanwhile, or a name WordPress normalizes
                found = self.request("GET", f"/wp/v2/{taxonomy}", params={"search": name, "per_page": 100})
                if found:
                    return int(found[0]["id"])
            raise
        return int(made["id"])

    def upload(self, path: Path) -> dict:
        data = b"".join(img.read_chunks(path))  # capped at images.MAX_IMAGE_BYTES while reading
        name = path.name.encode("ascii", "replace").decode("ascii").replace('"', "")
        return self.request("POST", "/wp/v2/media", body=data, headers={
            "Content-Type": img.mime_type(path),
            "Content-Disposition": f'attachment; filename="{name}"',
        })

    def media_exists(self, media_id: int) -> bool:
        try:
            self.request("GET", f"/wp/v2/media/{int(media_id)}", params={"context": "edit"})
        except WordPressError as exc:
            if exc.status in (404, 410):
                return False
            raise
        return True

    def get_post(self, post_id: int) -> dict | None:
        try:
            return self.request("GET", f"/wp/v2/posts/{int(post_id)}", params={"context": "edit"})
        except WordPressError as exc:
            if exc.status in (404, 410):
                return None
            raise

    def save_post(self, payload: dict, post_id: int | None = None) -> dict:
        route = f"/wp/v2/posts/{int(post_id)}" if post_id else "/wp/v2/posts"
        return self.request("POST", route, json_body=payload)


@dataclass
class Published:
    id: int
    link: str
    status: str
    created: bool  # False when an existing remote post was updated
    notes: list[str] = field(default_factory=list)
    uploaded: int = 0


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    for chunk in img.read_chunks(path):
        digest.update(chunk)
    return digest.hexdigest()


def _upload_images(client: Client, post: Post, remembered: dict, notes: list[str],
                   say: Progress) -> tuple[dict[str, str], dict[str, int], int]:
    """Upload the post's local pictures once: (src -> URL, src -> media id, uploads made)."""
    feature = post.featured_image
    scan = img.scan(post.body, post.base_dir, extra=[feature] if feature else [])
    notes += [f"image not found or not an image: {m}" for m in scan.missing] + scan.refused
    urls: dict[str, str] = {}
    ids: dict[str, int] = {}
    by_path: dict[Path, tuple[str, int]] = {}
    made = 0
    for ref in scan.images:
        digest = _file_hash(ref.path)
        known = remembered.get(digest)
        if known and client.media_exists(known["id"]):
            by_path[ref.path] = (known["url"], int(known["id"]))
            continue
        say(f"uploading {ref.path.name}")
        media = client.upload(ref.path)
        made += 1
        remembered[digest] = {"id": int(media["id"]), "url": media.get("source_url", "")}
        by_path[ref.path] = (media.get("source_url", ""), int(media["id"]))
    for raw, ref in scan.by_raw.items():
        url, media_id = by_path[ref.path]
        urls[raw] = url
        ids[raw] = media_id
    return urls, ids, made


def post_payload(post: Post, image_urls: dict[str, str], *, status: str = "draft",
                 tag_ids: list[int] = (), cat_ids: list[int] = ()) -> dict[str, Any]:
    """The JSON body of the REST request that creates or updates the post. The body
    is the sanitized fragment; title and excerpt are plain text (``Post`` holds
    them so), since WordPress prints them unescaped for users with ``unfiltered_html``."""
    payload: dict[str, Any] = {
        "title": clean_text(post.title),
        "content": fragment_html(post, image_urls),
        "excerpt": clean_text(post.description),
        "slug": post.slug,
        "status": status,
        "tags": list(tag_ids),
        "categories": list(cat_ids),
    }
    date = iso_date(post.date)
    if date:
        payload["date"] = date if "T" in date else f"{date}T00:00:00"
    return payload


def publish(post: Post, site: Site, password: str, *, status: str = "draft", remote: dict | None = None,
            progress: Progress | None = None, timeout: float = 30.0) -> tuple[Published, dict]:
    """Send ``post`` to ``site``. ``remote`` is what the draft remembers about this site
    (from an earlier publication); returns the result and the new ``remote`` record."""
    try:
        return _publish(post, site, password, status=status, remote=remote, progress=progress, timeout=timeout)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        # a server (or something posing as one) answered JSON of another shape: {"id": "seven"}
        raise WordPressError(f"WordPress at {site.url} gave an answer of an unexpected shape "
                             f"({type(exc).__name__}); nothing more was sent") from None


def _publish(post: Post, site: Site, password: str, *, status: str, remote: dict | None,
             progress: Progress | None, timeout: float) -> tuple[Published, dict]:
    if status not in STATUSES:
        raise ExportError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    say = progress or (lambda _m: None)
    remote = dict(remote or {})
    client = Client(site.url, site.user, password, timeout=timeout)
    say(f"connecting to {site.url}")
    client.me()  # a wrong password stops here, before anything is created
    notes: list[str] = []
    say("tags and categories")
    tag_ids = [client.term_id("tags", t) for t in post.tags if t.strip()]
    cat_ids = [client.term_id("categories", c) for c in post.categories if c.strip()]
    media = dict(remote.get("media", {}))
    urls, media_ids, uploaded = _upload_images(client, post, media, notes, say)
    payload = post_payload(post, urls, status=status, tag_ids=tag_ids, cat_ids=cat_ids)
    if post.featured_image:
        feature_id = media_ids.get(post.featured_image)
        if feature_id:
            payload["featured_media"] = feature_id
        else:
            notes.append(f"featured image {post.featured_image!r} is not a local picture; not uploaded")
    existing = None
    if remote.get("id"):
        existing = client.get_post(int(remote["id"]))
        if existing is None:
            notes.append(f"remote post {remote['id']} no longer exists on {site.url}; created a new one")
        elif existing.get("status") in LIVE:
            payload.pop("status")
            notes.append(f"the post is already {existing.get('status')} on {site.url}; its status was kept")
    say("updating the post" if existing else "creating the post")
    saved = client.save_post(payload, int(existing["id"]) if existing else None)
    result = Published(int(saved["id"]), str(saved.get("link", "")), str(saved.get("status", "")),
                       created=existing is None, notes=notes, uploaded=uploaded)
    remote.update(id=result.id, link=result.link, status=result.status, site=site.url, media=media)
    return result, remote
