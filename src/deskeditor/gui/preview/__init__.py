"""The live preview: a QtWebEngine page patched block by block, with a plain fallback.

``configure_webengine_env()`` must run before the QApplication is created.
"""

from .env import configure_webengine_env
from .pane import PreviewPane

__all__ = ["PreviewPane", "configure_webengine_env"]
