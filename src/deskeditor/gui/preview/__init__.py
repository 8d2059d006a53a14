"""The live preview: a QtWebEngine page patched block by block, with a plain fallback.

``configure_webengine_env()`` must run before the QApplication is created.
``PreviewPane`` is imported on first use, so the environment can be set up
(and the window painted) without loading the pane and its modules.
"""

from .env import configure_webengine_env

__all__ = ["PreviewPane", "configure_webengine_env"]


def __getattr__(name: str):
    if name == "PreviewPane":
        from .pane import PreviewPane

        return PreviewPane
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
