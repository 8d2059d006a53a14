"""Site configuration in the store; passwords in a keyring, never in the database.

This machine has no system keyring (keyring finds no backend), so the tests
that need one install a small in-memory backend through keyring's own API.
"""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from deskeditor.core.errors import ExportError, InputError
from deskeditor.core.export import sites


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.items = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        self.items.pop((service, username))


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_sites_live_in_settings(store):
    s = sites.Sites(store.settings)
    site = s.add("team", "https://blog.example.com/", "jane")
    assert site == sites.Site("team", "https://blog.example.com", "jane")
    assert store.settings.get(sites.SETTING) == {"team": {"url": "https://blog.example.com", "user": "jane"}}
    assert s.get("team") == site and s.list() == [site]
    s.remove("team")
    with pytest.raises(InputError, match="no site named 'team'"):
        s.get("team")


@pytest.mark.parametrize("url", ["blog.example.com", "ftp://x.org", "https://"])
def test_bad_urls_are_refused(store, url):
    with pytest.raises(InputError, match="not a WordPress site URL"):
        sites.Sites(store.settings).add("x", url, "jane")


def test_password_goes_to_the_keyring_not_the_database(store, memory_keyring):
    site = sites.Sites(store.settings).add("team", "https://blog.example.com", "jane")
    sites.store_password(site, "abcd efgh ijkl mnop")
    assert memory_keyring.items == {("deskeditor-wordpress", "jane@https://blog.example.com"): "abcd efgh ijkl mnop"}
    assert "abcd" not in str(store.settings.all())
    dump = "\n".join(store.conn.iterdump())
    assert "abcd efgh" not in dump
    assert sites.password_for(site, environ={}) == ("abcd efgh ijkl mnop", "keyring")


def test_keyring_wins_over_the_environment(store, memory_keyring):
    site = sites.Site("team", "https://blog.example.com", "jane")
    sites.store_password(site, "from-keyring")
    assert sites.password_for(site, {sites.ENV_PASSWORD: "from-env"}) == ("from-keyring", "keyring")
    memory_keyring.items.clear()
    assert sites.password_for(site, {sites.ENV_PASSWORD: "from-env"}) == ("from-env", sites.ENV_PASSWORD)
    with pytest.raises(ExportError, match="no password for jane at https://blog.example.com in the system keyring"):
        sites.password_for(site, {})


def test_headless_machine_says_so_and_allows_the_env_fallback(no_keyring):
    site = sites.Site("team", "https://blog.example.com", "jane")
    with pytest.raises(sites.NoKeyring, match="no system keyring is available on this machine"):
        sites.store_password(site, "secret")
    with pytest.raises(ExportError) as info:
        sites.password_for(site, {})
    assert "DESKEDITOR_WP_PASSWORD" in str(info.value) and "secret" not in str(info.value)
    assert sites.password_for(site, {sites.ENV_PASSWORD: "x y"}) == ("x y", sites.ENV_PASSWORD)
    assert sites.keyring_status().startswith("no system keyring")
