"""The preview's QWebEnginePage: it never navigates and never reaches the network unasked.

* ``acceptNavigationRequest`` lets through exactly one navigation: the template
  load the pane itself started. Everything else is refused. Links the user
  clicks never navigate either: the page script catches trusted clicks and asks
  Python (``open_external``) to hand http, https and mailto links to the system
  browser; a navigation a script might start opens nothing.
* ``RemoteGuard`` (a request interceptor installed on this page only) blocks
  every network request (http, https, ws, wss, ftp) except images, and those
  only once the user allowed remote images.
* The settings keep local content away from remote URLs and turn off plugins,
  window opening, clipboard access, storage and the like.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

from .policy import opens_externally, should_block

_Attr = QWebEngineSettings.WebAttribute
_SETTINGS = {
    _Attr.JavascriptEnabled: True,  # our isolated-world script; the page's CSP forbids the draft's
    _Attr.LocalContentCanAccessRemoteUrls: False,
    _Attr.LocalContentCanAccessFileUrls: True,  # local images next to the draft
    _Attr.PluginsEnabled: False,
    _Attr.PdfViewerEnabled: False,
    _Attr.JavascriptCanOpenWindows: False,
    _Attr.JavascriptCanAccessClipboard: False,
    _Attr.JavascriptCanPaste: False,
    _Attr.AllowWindowActivationFromJavaScript: False,
    _Attr.LocalStorageEnabled: False,
    _Attr.AllowRunningInsecureContent: False,
    _Attr.AllowGeolocationOnInsecureOrigins: False,
    _Attr.ScreenCaptureEnabled: False,
    _Attr.WebGLEnabled: False,
    _Attr.Accelerated2dCanvasEnabled: False,
    _Attr.DnsPrefetchEnabled: False,
    _Attr.HyperlinkAuditingEnabled: False,
    _Attr.NavigateOnDropEnabled: False,
    _Attr.ErrorPageEnabled: False,
    _Attr.AutoLoadIconsForPage: False,
    _Attr.TouchIconsEnabled: False,
    _Attr.FullScreenSupportEnabled: False,
    _Attr.FocusOnNavigationEnabled: False,
    _Attr.AutoLoadImages: True,
    _Attr.ScrollAnimatorEnabled: True,
}


class RemoteGuard(QWebEngineUrlRequestInterceptor):
    """Blocks network requests of one page unless they are images the user allowed."""

    blocked = Signal(QUrl)

    def __init__(self, parent: QObject | None = None, *, allow_remote_images: bool = False) -> None:
        super().__init__(parent)
        self.allow_remote_images = allow_remote_images

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt API)
        url = info.requestUrl()
        is_image = info.resourceType() == QWebEngineUrlRequestInfo.ResourceType.ResourceTypeImage
        if should_block(url.scheme(), is_image, self.allow_remote_images):
            info.block(True)
            self.blocked.emit(url)


class PreviewPage(QWebEnginePage):
    """A page that shows the template and nothing else."""

    navigationBlocked = Signal(QUrl)  # a navigation was refused (tests and diagnostics)

    def __init__(self, parent: QObject | None = None, *, allow_remote_images: bool = False) -> None:
        super().__init__(QWebEngineProfile.defaultProfile(), parent)
        self._template_pending = False
        self.guard = RemoteGuard(self, allow_remote_images=allow_remote_images)
        self.setUrlRequestInterceptor(self.guard)
        apply_settings(self.settings(), allow_remote_images=allow_remote_images)

    def set_allow_remote_images(self, allowed: bool) -> None:
        self.guard.allow_remote_images = allowed
        self.settings().setAttribute(_Attr.LocalContentCanAccessRemoteUrls, allowed)

    def load_template(self, html: str, base: QUrl) -> None:
        """Show the template: the one navigation this page accepts."""
        self._template_pending = True
        self.setHtml(html, base)

    def acceptNavigationRequest(self, url, nav_type, is_main_frame) -> bool:  # noqa: N802 (Qt API)
        url = QUrl(url)
        if self._template_pending and is_main_frame and url.scheme() == "data":
            self._template_pending = False
            return True
        self.navigationBlocked.emit(url)
        return False

    def createWindow(self, _type):  # noqa: N802 (Qt API) - no pop-ups, ever
        return None

    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802 (Qt API)
        pass  # CSP reports and the like: nothing for the user


def apply_settings(settings: QWebEngineSettings, *, allow_remote_images: bool) -> None:
    for attribute, value in _SETTINGS.items():
        settings.setAttribute(attribute, value)
    settings.setAttribute(_Attr.LocalContentCanAccessRemoteUrls, allow_remote_images)
    settings.setUnknownUrlSchemePolicy(QWebEngineSettings.UnknownUrlSchemePolicy.DisallowUnknownUrlSchemes)


def open_external(href: str) -> QUrl | None:
    """Open a link the user clicked in the system browser (http, https, mailto only)."""
    url = QUrl(href)
    if not url.isValid() or not opens_externally(url.scheme()):
        return None
    QDesktopServices.openUrl(url)
    return url
