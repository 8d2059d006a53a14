"""What the preview may reach: pure rules shared by the web page and the plain fallback."""

from __future__ import annotations

NETWORK_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp"})
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})  # a clicked link opens these in the browser


def is_remote(scheme: str) -> bool:
    return scheme.lower() in NETWORK_SCHEMES


def should_block(scheme: str, is_image: bool, allow_remote_images: bool) -> bool:
    """Local requests pass; remote ones only as images the user allowed."""
    if not is_remote(scheme):
        return False
    return not (is_image and allow_remote_images)


def opens_externally(scheme: str) -> bool:
    return scheme.lower() in EXTERNAL_SCHEMES
