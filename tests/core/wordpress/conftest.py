"""Fixtures for the two-way WordPress tests: the real WordPress of the export tests
(scripts/wordpress-test-server), an independent REST helper, and a second user."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from fixtures.export import png_bytes  # noqa: F401  (the real WordPress fixture, wordpress_site, is global too)


def pytest_configure(config):
    config.addinivalue_line("markers", "wordpress: publishes to a real WordPress (scripts/wordpress-test-server)")


class WP:
    """The site seen through its own REST API (plain urllib), as any other user of it."""

    def __init__(self, url: str, user: str, password: str) -> None:
        self.url = url.rstrip("/")
        self.headers = {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}

    def call(self, method: str, route: str, body=None, **params):
        query = urllib.parse.urlencode(params)
        data = json.dumps(body).encode() if body is not None else None
        headers = dict(self.headers, **({"Content-Type": "application/json"} if data else {}))
        req = urllib.request.Request(f"{self.url}/?rest_route={route}&{query}", data=data, method=method,
                                     headers=headers)
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.loads(resp.read())

    def post(self, post_id: int) -> dict:
        return self.call("GET", f"/wp/v2/posts/{post_id}", context="edit")

    def create(self, **fields) -> dict:
        return self.call("POST", "/wp/v2/posts", fields)

    def update(self, post_id: int, **fields) -> dict:
        return self.call("POST", f"/wp/v2/posts/{post_id}", fields)

    def delete(self, post_id: int) -> None:
        self.call("DELETE", f"/wp/v2/posts/{post_id}", force="true")

    def term(self, taxonomy: str, name: str) -> int:
        try:
            return self.call("POST", f"/wp/v2/{taxonomy}", {"name": name})["id"]
        except urllib.error.HTTPError as exc:
            return json.loads(exc.read())["data"]["term_id"]


@pytest.fixture(scope="session")
def wp(wordpress_site) -> WP:
    return WP(wordpress_site["url"], wordpress_site["user"], wordpress_site["password"])


@pytest.fixture(scope="session")
def second_user(wp, wordpress_site) -> WP:
    """Another editor of the site, with an application password of their own."""
    name = "editor2"
    found = wp.call("GET", "/wp/v2/users", search=name, context="edit")
    user = found[0] if found else wp.call("POST", "/wp/v2/users", {
        "username": name, "email": "editor2@example.invalid", "password": uuid.uuid4().hex,
        "roles": ["editor"], "name": "Second Editor"})
    made = wp.call("POST", f"/wp/v2/users/{user['id']}/application-passwords", {"name": f"t-{uuid.uuid4().hex[:6]}"})
    return WP(wordpress_site["url"], name, made["password"])
