"""Export and publish a stored draft: gate, build, write, record.

The front ends (CLI, the window's Export dialog and Publish action) call
``export_draft`` and ``publish_draft``; both check the publication gate first
(``gate.check``), refuse when it blocks unless ``force``, and record what they
did on the draft (``store.exports``; for WordPress also ``store.drafts.set_remote``).

Settings read from the store (all optional):
``export.site_url`` (for canonical URLs), ``export.permalink`` (default
``{site}/{slug}/``), ``export.hugo.layout`` (``bundle`` or ``file``),
``export.hugo.section`` (``posts``), ``export.jekyll.permalink``,
``export.block_on_errors`` (default True).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import ExportError, InputError
from . import gate as gate_mod
from . import html, staticsite, wordpress, wxr
from .atomic import write_files
from .base import Output
from .paths import publication_day
from .post import Post, post_from_draft
from .sites import Sites, password_for

FORMATS = ("html", "fragment", "hugo", "jekyll", "wxr")
SUFFIX = {"html": ".html", "fragment": ".fragment.html", "wxr": ".wxr.xml"}


@dataclass
class Options:
    force: bool = False  # replace existing files and export even when the gate blocks
    base_dir: Path | None = None  # where relative image paths in the draft are found
    site_url: str = ""
    permalink: str = ""
    hugo_layout: str = ""
    hugo_section: str = ""
    jekyll_permalink: str = ""
    author_login: str = ""  # WXR: the WordPress login the post is attributed to


@dataclass
class ExportResult:
    format: str
    target: Path  # the document written
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    gate: gate_mod.GateResult | None = None
    revision: int = 0


def latest_revision(store: Any, draft_id: int) -> int:
    history = store.drafts.history(draft_id)  # newest first
    return history[0].number if history else 0


def _setting(store: Any, key: str, given: str, default: str = "") -> str:
    return given or str(store.settings.get(key, default) or default)


def default_target(fmt: str, post: Post, out: Path | None) -> Path:
    """Where a format goes: ``out`` as a file, or a default name inside the folder ``out``
    (for Hugo and Jekyll ``out`` is the site's folder)."""
    if fmt in ("hugo", "jekyll"):
        root = out or Path.cwd()
        if root.suffix.lower() in (".md", ".markdown"):
            raise InputError(f"for {fmt}, -o names the site's folder, not a file: {root}")
        return root
    if out is None:
        return Path.cwd() / f"{post.slug}{SUFFIX[fmt]}"
    if out.is_dir() or str(out).endswith(("/", "\\")):
        return out / f"{post.slug}{SUFFIX[fmt]}"
    return out


def build(store: Any, fmt: str, post: Post, target: Path, opts: Options) -> Output:
    """The files of one export, not yet written."""
    publication_day(post.published_date())  # a date that is no date stops every format alike
    site_url = _setting(store, "export.site_url", opts.site_url)
    pattern = _setting(store, "export.permalink", opts.permalink, html.DEFAULT_PERMALINK)
    if fmt == "html":
        return html.build_standalone(post, target, site_url=site_url, permalink_pattern=pattern)
    if fmt == "fragment":
        return html.build_fragment(post, target)
    if fmt == "hugo":
        layout = _setting(store, "export.hugo.layout", opts.hugo_layout, "bundle")
        if layout not in staticsite.HUGO_LAYOUTS:
            raise InputError(f"Hugo layout must be 'bundle' or 'file', not {layout!r}")
        section = _setting(store, "export.hugo.section", opts.hugo_section, "posts")
        return staticsite.build_hugo(post, target, layout=layout, section=section)
    if fmt == "jekyll":
        return staticsite.build_jekyll(post, target,
                                       permalink=_setting(store, "export.jekyll.permalink", opts.jekyll_permalink))
    if fmt == "wxr":
        return wxr.build_wxr(post, target, site_url=site_url, login=opts.author_login, permalink_pattern=pattern)
    raise InputError(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})")


def with_citations(store: Any, draft: Any) -> Any:
    """The draft with its citations resolved for publication: every ``[@key]``
    becomes a linked attribution and a "Sources" list is appended, in the style
    of the ``citations.style`` setting (APA by default). Drafts without
    citations come back unchanged."""
    if "@" not in draft.body:
        return draft
    from dataclasses import replace

    from ..citations.render import resolve_markdown

    style = store.settings.get("citations.style", "apa")
    return replace(draft, body=resolve_markdown(draft.body, store.sources, style))


class Blocked(ExportError):
    """The publication gate blocks: unresolved errors and ``export.block_on_errors``."""

    def __init__(self, gate: gate_mod.GateResult) -> None:
        super().__init__(f"export blocked: {gate.summary()} (or use --force)")
        self.gate = gate


def export_draft(store: Any, draft_id: int, fmt: str, out: str | Path | None = None, *,
                 options: Options | None = None, grammar: Any = None,
                 gate: gate_mod.GateResult | None = None) -> ExportResult:
    """Export a stored draft. Raises ``Blocked`` when the gate blocks (unless ``force``)."""
    opts = options or Options()
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})")
    draft = store.drafts.get(draft_id)
    checked = gate if gate is not None else gate_mod.check(store, draft, grammar=grammar)
    if checked.blocked and not opts.force:
        raise Blocked(checked)
    revision = latest_revision(store, draft_id)
    post = post_from_draft(with_citations(store, draft), base_dir=opts.base_dir, revision=revision)
    target = default_target(fmt, post, Path(out) if out is not None else None)
    output = build(store, fmt, post, target, opts)
    written = write_files(output.root or target.parent, output.files, force=opts.force)
    store.exports.record(draft_id, fmt, str(output.main.resolve()), revision)
    return ExportResult(fmt, output.main, written, output.notes, checked, revision)


def render_export(store: Any, draft_id: int, fmt: str, *, options: Options | None = None) -> Output:
    """The export's main text without writing files (``-o -``: print it)."""
    opts = options or Options()
    if fmt in ("hugo", "jekyll"):
        raise InputError(f"{fmt} exports go into a site's folder; give -o FOLDER")
    draft = with_citations(store, store.drafts.get(draft_id))
    post = post_from_draft(draft, base_dir=opts.base_dir, revision=latest_revision(store, draft_id))
    return build(store, fmt, post, Path.cwd() / f"{post.slug}{SUFFIX[fmt]}", opts)


@dataclass
class PublishResult:
    published: wordpress.Published
    site: str
    gate: gate_mod.GateResult
    password_from: str
    revision: int


def publish_draft(store: Any, draft_id: int, site_name: str, *, status: str = "draft", force: bool = False,
                  base_dir: Path | None = None, grammar: Any = None, environ: dict | None = None,
                  progress: Callable[[str], None] | None = None,
                  gate: gate_mod.GateResult | None = None) -> PublishResult:
    """Publish a stored draft to a configured WordPress site (create, or update the same post)."""
    site = Sites(store.settings).get(site_name)
    draft = store.drafts.get(draft_id)
    checked = gate if gate is not None else gate_mod.check(store, draft, grammar=grammar)
    if checked.blocked and not force:
        raise Blocked(checked)
    password, source = password_for(site, environ)
    revision = latest_revision(store, draft_id)
    post = post_from_draft(with_citations(store, draft), base_dir=base_dir, revision=revision)
    remote_all = store.drafts.remote(draft_id)
    sites_remote = dict(remote_all.get("wordpress", {}))
    result, remote = wordpress.publish(post, site, password, status=status,
                                       remote=sites_remote.get(site_name), progress=progress)
    remote["revision"] = revision
    sites_remote[site_name] = remote
    remote_all["wordpress"] = sites_remote
    store.drafts.set_remote(draft_id, remote_all)
    store.exports.record(draft_id, f"wordpress:{site_name}", result.link or f"{site.url}/?p={result.id}", revision)
    return PublishResult(result, site_name, checked, source, revision)


def remote_post(store: Any, draft_id: int, site_name: str) -> dict:
    """What the draft remembers about its post on ``site_name`` ({} if never published there)."""
    return dict(store.drafts.remote(draft_id).get("wordpress", {}).get(site_name, {}))
