"""The preview page template: page.html filled with the article CSS and a strict CSP.

Pure string work (no Qt), so the policy can be checked in plain tests. The page
runs no script of its own: deskeditor's patch script lives in an isolated
JavaScript world (see web.py), so ``script-src 'none'`` holds for everything
that comes from a draft.
"""

from __future__ import annotations

from deskeditor import resources


def content_security_policy(allow_remote_images: bool) -> str:
    """The page's policy: no scripts, no connections, images from local files and data: only.

    Remote (http/https) images are allowed only when the user consented; the
    request interceptor enforces the same rule below the page.
    """
    images = "'self' data: file:" + (" http: https:" if allow_remote_images else "")
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'none'",
            "style-src 'unsafe-inline'",
            f"img-src {images}",
            "font-src 'self' data: file:",
            "media-src 'none'",
            "object-src 'none'",
            "frame-src 'none'",
            "child-src 'none'",
            "worker-src 'none'",
            "connect-src 'none'",
            "manifest-src 'none'",
            "form-action 'none'",
            "base-uri 'none'",
        ]
    )


def page_html(*, allow_remote_images: bool, dark: bool) -> str:
    """The complete template, ready for ``QWebEnginePage.setHtml``."""
    page = resources.read_text("preview/page.html")
    css = resources.read_text("css/article.css")
    filled = {
        "{{csp}}": content_security_policy(allow_remote_images),
        "{{theme}}": "dark" if dark else "light",
    }
    for placeholder, value in filled.items():
        page = page.replace(placeholder, value)
    # the stylesheet last: its text is not scanned for placeholders
    return page.replace("{{article_css}}", css.replace("</", "<\\/"))


def patch_script() -> str:
    """The page-side script (resources/preview/patch.js)."""
    return resources.read_text("preview/patch.js")
