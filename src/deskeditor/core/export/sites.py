"""WordPress sites: their configuration in the store, their passwords in the keyring.

A site is a name, the WordPress URL and the user (``store.settings`` key
``wordpress.sites``). Its application password lives only in the system
keyring (service ``deskeditor-wordpress``, user ``USER@URL``): never in the
database, never in a log or an error message.

On a machine without a keyring backend (a headless server), saying so is the
answer; the environment variable ``DESKEDITOR_WP_PASSWORD`` is read only as an
explicit fallback when no password can be found in a keyring.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import ExportError, InputError

SETTING = "wordpress.sites"
KEYRING_SERVICE = "deskeditor-wordpress"
ENV_PASSWORD = "DESKEDITOR_WP_PASSWORD"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class Site:
    name: str
    url: str
    user: str

    @property
    def account(self) -> str:
        return f"{self.user}@{self.url}"


def is_loopback(host: str) -> bool:
    host = (host or "").strip("[]").lower()
    return host == "localhost" or host.endswith(".localhost") or host == "::1" or host.startswith("127.")


def cleartext_problem(url: str) -> str:
    """Why ``url`` must not get an application password ("" when it may): over
    plain http the password would cross the network readable by anyone on the way."""
    parts = urlsplit(url)
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        return (f"refusing {url}: over http:// the application password would travel unencrypted; "
                "use https:// (plain http is accepted only for this machine, localhost or 127.0.0.1)")
    return ""


def normalize_url(url: str) -> str:
    url = (url or "").strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"not a WordPress site URL: {url!r} (e.g. https://blog.example.com)")
    if parts.username is not None or parts.password is not None:  # it would be printed with the URL
        raise InputError("put the user name in --user and the password in the keyring, not in the URL")
    problem = cleartext_problem(url)
    if problem:
        raise InputError(problem)
    return url


class Sites:
    """The configured sites, kept in the store's settings."""

    def __init__(self, settings) -> None:
        self.settings = settings

    def _all(self) -> dict[str, dict]:
        return dict(self.settings.get(SETTING, {}) or {})

    def list(self) -> list[Site]:
        return [Site(n, v["url"], v["user"]) for n, v in sorted(self._all().items())]

    def get(self, name: str) -> Site:
        data = self._all().get(name)
        if data is None:
            known = ", ".join(sorted(self._all())) or "none"
            raise InputError(f"no site named {name!r} (configured: {known}; add one with 'deskeditor sites add')")
        return Site(name, data["url"], data["user"])

    def add(self, name: str, url: str, user: str) -> Site:
        if not _NAME.match(name or ""):
            raise InputError(f"a site name is letters, digits, '.', '_' or '-': {name!r}")
        if not (user or "").strip():
            raise InputError("a site needs a WordPress user name")
        site = Site(name, normalize_url(url), user.strip())
        data = self._all()
        data[name] = {"url": site.url, "user": site.user}
        self.settings.set(SETTING, data)
        return site

    def remove(self, name: str) -> Site:
        site = self.get(name)
        data = self._all()
        data.pop(name, None)
        self.settings.set(SETTING, data)
        return site


# -- the keyring -------------------------------------------------------------
class NoKeyring(ExportError):
    """No system keyring backend is available on this machine."""


def _keyring():
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise NoKeyring(
            "no system keyring is available on this machine (headless? install and unlock a Secret "
            f"Service keyring such as gnome-keyring or KWallet); as an explicit fallback, set {ENV_PASSWORD} "
            "in the environment of the command that publishes")
    return keyring


def keyring_status() -> str:
    """One line: which keyring backend passwords go to, or why there is none."""
    try:
        kr = _keyring()
    except NoKeyring as exc:
        return str(exc)
    return f"passwords are kept in the system keyring ({type(kr.get_keyring()).__name__})"


def store_password(site: Site, password: str) -> None:
    """Keep ``password`` in the system keyring (raises ``NoKeyring`` when there is none)."""
    if not password:
        raise InputError("an empty password was given")
    kr = _keyring()
    try:
        kr.set_password(KEYRING_SERVICE, site.account, password)
    except Exception as exc:  # keyring backends raise their own kinds (locked, denied, ...)
        raise ExportError(f"the system keyring refused to store the password: {type(exc).__name__}") from None


def forget_password(site: Site) -> bool:
    try:
        kr = _keyring()
        kr.delete_password(KEYRING_SERVICE, site.account)
    except Exception:
        return False
    return True


def password_for(site: Site, environ: dict | None = None) -> tuple[str, str]:
    """(password, where it came from: "keyring" or the env variable's name).

    The keyring first; ``DESKEDITOR_WP_PASSWORD`` only when the keyring has none
    (or there is no keyring). Raises ``ExportError`` saying what to do.
    """
    environ = os.environ if environ is None else environ
    problem = ""
    try:
        kr = _keyring()
        value = kr.get_password(KEYRING_SERVICE, site.account)
        if value:
            return value, "keyring"
        problem = (f"no password for {site.user} at {site.url} in the system keyring "
                   f"(store one with: deskeditor sites add {site.name} --url {site.url} --user {site.user})")
    except NoKeyring as exc:
        problem = str(exc)
    except Exception as exc:
        problem = f"the system keyring could not be read ({type(exc).__name__})"
    env = environ.get(ENV_PASSWORD, "")
    if env:
        return env, ENV_PASSWORD
    raise ExportError(problem)
