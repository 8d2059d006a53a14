"""Resolving the templates bloggers put in URLs.

``{{ site.baseurl }}`` and ``{{ site.url }}`` (Jekyll: no trailing slash,
followed by ``/path``) and ``{{< baseurl >}}``, ``{{ .Site.BaseURL }}``
(Hugo: with a trailing slash, followed by ``path``) are the site's root
(``env["base_url"]``, "" by default, so links stay root-relative);
``{{ "/about/" | relative_url }}`` is its path; ``{{< ref "post.md" >}}``,
``relref``, ``{% post_url 2011-04-27-name %}`` and ``{% link _posts/x.md %}``
are other posts, looked up in ``env["site_links"]`` (post name -> URL: the
file name without folders, extension or Jekyll's date prefix). What cannot be
resolved gives None: the renderer then shows a placeholder naming it.
"""

from __future__ import annotations

import re

from .tags import scan_tag

_ROOT = re.compile(r"^\s*(?:site\.baseurl|site\.url|site\.base_url)\s*$")
_HUGO_ROOT = re.compile(r"^\s*\.Site\.BaseURL\s*$")
_FILTERED = re.compile(r"""^\s*["']([^"']*)["']\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.baseurl)\s*$""")
_POST_TAGS = frozenset({"ref", "relref", "post_url", "link"})


def post_key(name: str) -> str:
    """``posts/2011-04-27-my-post.md#x`` -> ``my-post``."""
    name = name.strip().strip("\"'").split("#")[0].rstrip("/")
    name = name.rsplit("/", 1)[-1]
    name = re.sub(r"\.(md|markdown|html?)$", "", name, flags=re.I)
    if name == "index" or name == "_index":
        return name
    return re.sub(r"^\d{4}-\d{2}-\d{2}-", "", name).lower()


def post_target(tag, env: dict) -> str | None:
    """The URL of the post a ref/relref/post_url/link tag names, if known."""
    first = tag.args.split()[0] if tag.args.split() else ""
    links = env.get("site_links") or {}
    return links.get(post_key(first))


def is_post_tag(tag) -> bool:
    return tag.name in _POST_TAGS


def resolve_tag(tag, env: dict) -> str | None:
    if tag.kind == "liquid_output":
        if _ROOT.match(tag.args):
            return env.get("base_url", "").rstrip("/")
        if _HUGO_ROOT.match(tag.args):
            return env.get("base_url", "").rstrip("/") + "/"
        m = _FILTERED.match(tag.args)
        return (env.get("base_url", "").rstrip("/") + m.group(1)) if m else None
    if tag.kind == "shortcode" and tag.name.lower() == "baseurl":
        return env.get("base_url", "").rstrip("/") + "/"
    if is_post_tag(tag):
        return post_target(tag, env)
    return None


def resolve_url(template: str, env: dict) -> str | None:
    """``template`` with every tag resolved, or None if one cannot be."""
    out, i = [], 0
    while True:
        j = template.find("{", i)
        if j < 0:
            out.append(template[i:])
            return "".join(out)
        tag = scan_tag(template, j)
        if tag is None:
            out.append(template[i : j + 1])
            i = j + 1
            continue
        value = resolve_tag(tag, env)
        if value is None:
            return None
        out.append(template[i:j])
        out.append(value)
        i = tag.end


def describe(tag) -> str:
    """How a placeholder names a tag: ``ref "post.md"``, ``post_url x``."""
    if tag.kind == "liquid_output":
        return tag.args
    return f"{tag.name} {tag.args}".strip()
