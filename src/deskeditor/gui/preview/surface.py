"""What every preview surface offers, in one ``Protocol``.

The surfaces: ``PreviewPane`` (what the window embeds), the two it shows
(``web.WebPreview``, ``fallback.FallbackPreview``) and the stand-ins
(``host.LoadingPreview`` until the first paint, ``host.PlainPreview`` when the
pane cannot be made, ``pane.ClosedPreview`` after the application quit). Code
holding a preview calls these and nothing else, so any surface can take the
place of another without asking what it is.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import SignalInstance

from ...core.markdown.render import Block


@runtime_checkable
class PreviewSurface(Protocol):
    lineClicked: SignalInstance  # (int) the source line (0-based) the user clicked
    scrolledToLine: SignalInstance  # (int) the top source line after the user scrolled
    ready: SignalInstance  # () loaded: blocks can be shown
    remoteImagesAllowedChanged: SignalInstance  # (bool) the user allowed remote images in the surface

    def show_blocks(self, blocks: list[Block]) -> None:
        """Show the document made of ``blocks`` (patching what changed)."""

    def scroll_to_line(self, line: int) -> None:
        """Bring source line ``line`` to the top."""

    def set_allow_remote_images(self, allowed: bool) -> None:
        """Load http(s) images, or block them."""

    def set_dark(self, dark: bool | None) -> None:
        """Show the dark or light theme (None: follow the palette)."""

    def is_fallback(self) -> bool:
        """True when this is not the web preview (a plainer rendering)."""


class BlankSurface:
    """The methods of a surface that shows nothing (a stand-in mixes this into
    its Qt class, which declares the signals)."""

    def show_blocks(self, blocks: list[Block]) -> None:
        pass

    def scroll_to_line(self, line: int) -> None:
        pass

    def set_allow_remote_images(self, allowed: bool) -> None:
        pass

    def set_dark(self, dark: bool | None) -> None:
        pass

    def is_fallback(self) -> bool:
        return True
