"""How the preview and HTML exports show the dialect.

Known shortcodes as what they mean (``figure`` -> a figure with its caption,
``youtube``/``vimeo`` -> a card linking to the video, with no remote load
unless ``env["remote_media"]``; ``ref``/``relref``/``post_url``/``link`` -> the
post's link when known), notice-like pairs as a labelled box, unknown ones as
a visible placeholder naming them, code pairs and mermaid as labelled code
blocks. Static-site exports never come here: they keep the source.
"""

from __future__ import annotations

import re

from markdown_it.common.utils import escapeHtml

from .links import describe, is_post_tag, resolve_tag, resolve_url
from .params import parse_args

_NOTICES = frozenset({"note", "notice", "tip", "warning", "alert", "info", "admonition", "callout", "hint",
                      "caution", "important", "aside", "danger"})
_ATTR_URL = re.compile(r"""(\b(?:src|href)\s*=\s*)(["'])(.*?)\2""", re.I | re.S)


def _attrs(self, token) -> str:
    return self.renderAttrs(token) if token.attrs else ""


def _placeholder(tag, block: bool, token=None, self=None) -> str:
    what = "Liquid" if tag.kind.startswith("liquid") else "shortcode"
    label = escapeHtml(describe(tag)) or escapeHtml(tag.name)
    if block:
        attrs = _attrs(self, token) if self is not None and token is not None else ""
        return (f'<div class="de-placeholder"{attrs} title="{what} rendered by the site">'
                f'<span class="de-placeholder-kind">{what}</span> <code>{label}</code></div>\n')
    return f'<span class="de-placeholder" title="{what} rendered by the site"><code>{label}</code></span>'


def _figure(self, token, tag, env) -> str:
    pos, named = parse_args(tag.args)
    src = named.get("src") or (pos[0] if pos else "")
    src = resolve_url(src, env) if "{" in src else src
    caption = named.get("caption") or named.get("title") or ""
    alt = named.get("alt") or re.sub(r"<[^>]+>", "", caption)
    img = f'<img src="{escapeHtml(src or "")}" alt="{escapeHtml(alt)}">' if src else ""
    if named.get("link"):
        img = f'<a href="{escapeHtml(named["link"])}">{img}</a>'
    cap = ""
    if named.get("title") and named.get("caption"):
        cap = f'<figcaption><strong>{escapeHtml(named["title"])}</strong> {escapeHtml(caption)}</figcaption>'
    elif caption:
        cap = f"<figcaption>{escapeHtml(caption)}</figcaption>"
    cls = " ".join(filter(None, ["de-figure", named.get("class", "")]))
    return f'<figure class="{escapeHtml(cls)}"{_attrs(self, token)}>{img}{cap}</figure>\n'


_VIDEO = {
    "youtube": ("YouTube", "https://www.youtube.com/watch?v={}", "https://i.ytimg.com/vi/{}/hqdefault.jpg"),
    "vimeo": ("Vimeo", "https://vimeo.com/{}", None),
}


def _video(self, token, tag, env) -> str:
    pos, named = parse_args(tag.args)
    vid = named.get("id") or (pos[0] if pos else "")
    site, page, thumb = _VIDEO[tag.name.lower()]
    href = escapeHtml(page.format(vid))
    title = escapeHtml(named.get("title") or f"{site} video {vid}")
    img = ""
    if thumb and env.get("remote_media"):
        img = f'<img src="{escapeHtml(thumb.format(vid))}" alt="">'
    return (f'<div class="de-embed"{_attrs(self, token)}><a href="{href}">{img}'
            f'<span class="de-embed-play">▶</span> <span class="de-embed-title">{title}</span>'
            f'<span class="de-embed-site">{site}</span></a></div>\n')


def shortcode_block(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    tag = token.meta["tag"]
    name = tag.name.lower()
    if tag.comment:  # {{</* x */>}} shows the shortcode as written
        inner = token.content.replace("{{</*", "{{<").replace("*/>}}", ">}}")
        inner = inner.replace("{{%/*", "{{%").replace("*/%}}", "%}}")
        return f"<p{_attrs(self, token)}><code>{escapeHtml(inner)}</code></p>\n"
    if name == "figure" and tag.kind == "shortcode":
        return _figure(self, token, tag, env)
    if name in _VIDEO and tag.kind == "shortcode":
        return _video(self, token, tag, env)
    return _placeholder(tag, True, token, self)


def pair_open(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    tag = token.meta["tag"]
    name = tag.name.lower()
    if name == "details":
        pos, named = parse_args(tag.args)
        summary = named.get("summary") or named.get("title") or (pos[0] if pos else "Details")
        return f"<details{_attrs(self, token)}><summary>{escapeHtml(summary)}</summary>\n"
    if name in _NOTICES:
        pos, named = parse_args(tag.args)
        label = named.get("title") or (pos[0] if pos else "") or name
        return (f'<div class="de-notice de-notice-{escapeHtml(name)}"{_attrs(self, token)}>'
                f'<p class="de-notice-label">{escapeHtml(label.capitalize())}</p>\n')
    kind = "Liquid" if tag.kind.startswith("liquid") else "shortcode"
    return (f'<div class="de-pair"{_attrs(self, token)}><p class="de-pair-label">{kind} '
            f"<code>{escapeHtml(describe(tag))}</code></p>\n")


def pair_close(self, tokens, idx, options, env) -> str:
    depth = 0
    for k in range(idx, -1, -1):  # back to the opening token
        depth += tokens[k].nesting
        if depth == 0:
            if tokens[k].meta["tag"].name.lower() == "details":
                return "</details>\n"
            break
    return "</div>\n"


def inline_tag(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    tag = token.meta["tag"]
    if tag.kind == "liquid_tag" and tag.name == "raw":
        inner = token.content[tag.end - tag.start:]
        inner = re.sub(r"\{%-?\s*endraw\s*-?%\}$", "", inner)
        return f"<code>{escapeHtml(inner)}</code>"
    if tag.closing or tag.name.startswith("end") and tag.kind == "liquid_tag":
        return ""
    if tag.comment:
        return f"<code>{escapeHtml(token.content)}</code>"
    value = resolve_tag(tag, env)
    if value is not None:
        if is_post_tag(tag):
            return f'<a href="{escapeHtml(value)}">{escapeHtml(value)}</a>'
        return escapeHtml(value)
    return _placeholder(tag, False)


def dialect_code(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    info = escapeHtml(token.info)
    cls = f' class="language-{info}"' if info else ""
    code = f"<pre{_attrs(self, token)}><code{cls}>{escapeHtml(token.content)}</code></pre>\n"
    if token.info == "mermaid":
        return _diagram(code)
    return code


def _diagram(code: str) -> str:
    return (f'<figure class="de-diagram"><figcaption>Mermaid diagram (drawn by the site)</figcaption>'
            f"{code.rstrip()}</figure>\n")


def _templated(attr: str, unresolved):
    """A render rule for links and images whose ``attr`` holds a template:
    resolved, or ``unresolved(self, token, template, options, env)``."""
    def wrap(default):
        def render(self, tokens, idx, options, env):
            token = tokens[idx]
            template = (token.meta or {}).get("template")
            if template:
                url = resolve_url(template, env)
                if url is None:
                    shown = unresolved(self, token, template, options, env)
                    if shown is not None:
                        return shown
                else:
                    token.attrSet(attr, url)
            return default(tokens, idx, options, env)
        return render
    return wrap


def _unresolved_link(self, token, template, options, env) -> None:
    token.attrs.pop("href", None)
    token.attrSet("class", "de-unresolved")
    token.attrSet("title", template)


def _unresolved_image(self, token, template, options, env) -> str:
    alt = self.renderInlineAsText(token.children or [], options, env)
    return (f'<span class="de-placeholder" title="{escapeHtml(template)}">'
            f"<code>image {escapeHtml(alt or template)}</code></span>")


_link_open = _templated("href", _unresolved_link)
_image = _templated("src", _unresolved_image)


def _fence(default):
    def render(self, tokens, idx, options, env):
        html = default(tokens, idx, options, env)
        return _diagram(html) if tokens[idx].info.strip().split(" ")[0] == "mermaid" else html
    return render


def _html(default):
    def render(self, tokens, idx, options, env):
        html = default(tokens, idx, options, env)
        if "{{" not in html and "{%" not in html:
            return html

        def fix(m):
            url = resolve_url(m.group(3), env) if ("{{" in m.group(3) or "{%" in m.group(3)) else m.group(3)
            return f"{m.group(1)}{m.group(2)}{escapeHtml(url) if url is not None else '#'}{m.group(2)}"
        return _ATTR_URL.sub(fix, html)
    return render


def install(md) -> None:
    rules = md.renderer.rules
    for name in ("shortcode_block", "liquid_block"):
        md.add_render_rule(name, shortcode_block)
    for name in ("shortcode_open", "liquid_open"):
        md.add_render_rule(name, pair_open)
    for name in ("shortcode_close", "liquid_close"):
        md.add_render_rule(name, pair_close)
    for name in ("shortcode", "liquid_tag", "liquid_output"):
        md.add_render_rule(name, inline_tag)
    md.add_render_rule("dialect_code", dialect_code)
    md.add_render_rule("liquid_comment", lambda self, tokens, idx, options, env: "")

    def bound(name):
        fn = rules.get(name)
        return fn if fn is not None else (lambda tokens, idx, options, env: md.renderer.renderToken(tokens, idx, options, env))

    md.add_render_rule("link_open", _link_open(bound("link_open")))
    md.add_render_rule("image", _image(bound("image")))
    md.add_render_rule("fence", _fence(bound("fence")))
    md.add_render_rule("html_block", _html(bound("html_block")))
    md.add_render_rule("html_inline", _html(bound("html_inline")))
