"""What kind of site a folder holds, and the settings deskeditor needs from it.

Hugo: a ``hugo.toml|yaml|yml|json`` or ``config.*`` file (at the root or in
``config/_default/``) and a ``content/`` folder; posts are the Markdown files
below the content folder (``_index.md`` list pages excepted). Jekyll: a
``_config.yml`` or a ``_posts/`` folder; posts are ``_posts/**`` and
``_drafts/**``. Only what deskeditor uses is read: the base URL, the
permalink pattern, the static/asset folders and the excerpt separator.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError

HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
                "config.toml", "config.yaml", "config.yml", "config.json")
JEKYLL_CONFIGS = ("_config.yml", "_config.yaml", "_config.toml")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


@dataclass
class SiteConfig:
    root: Path
    kind: str  # "hugo" or "jekyll"
    config_file: str = ""  # relative to root, "" when the site has none
    base_url: str = ""
    title: str = ""
    permalinks: Any = None  # Hugo: {section: pattern}; Jekyll: a pattern or a style name
    content_dirs: list[str] = field(default_factory=list)  # where posts are, relative to root
    static_dirs: list[str] = field(default_factory=list)  # where images and other files are served from
    excerpt_separator: str = ""

    def settings(self) -> dict[str, Any]:
        """What the store keeps of it (JSON)."""
        return {"config_file": self.config_file, "base_url": self.base_url, "title": self.title,
                "permalinks": self.permalinks, "content_dirs": self.content_dirs,
                "static_dirs": self.static_dirs, "excerpt_separator": self.excerpt_separator}


CONFIG_MAX_BYTES = 1024 * 1024


def _load(path: Path) -> dict[str, Any]:
    from ..importers import read_text
    from ..markdown.frontmatter import load_yaml

    raw = read_text(path, max_bytes=CONFIG_MAX_BYTES)  # a regular file, bounded; one line otherwise
    try:
        if path.suffix == ".toml":
            data = tomllib.loads(raw)
        elif path.suffix == ".json":
            data = json.loads(raw)
        else:
            data = load_yaml(raw) or {}  # anchors and aliases refused
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path}: the site's configuration does not parse: {first}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: the site's configuration is not a mapping of settings")
    return data


def _first(root: Path, names: tuple[str, ...], folders: tuple[str, ...] = ("",)) -> Path | None:
    for folder in folders:
        for name in names:
            p = root / folder / name if folder else root / name
            if p.is_file():
                return p
    return None


def _get(data: dict[str, Any], *keys: str, default: Any = "") -> Any:
    """The first of ``keys`` present, case-insensitively (Hugo's keys are)."""
    lowered = {str(k).lower(): v for k, v in data.items()}
    for k in keys:
        if k.lower() in lowered:
            return lowered[k.lower()]
    return default


def detect(root: str | Path) -> SiteConfig:
    """The site at ``root``, or ``InputError`` saying why it is not one."""
    root = Path(root).expanduser()
    if not root.exists():
        raise InputError(f"{root}: no such folder")
    if not root.is_dir():
        raise InputError(f"{root}: is a file; open the folder that holds the site")
    root = root.resolve()
    hugo_conf = _first(root, HUGO_CONFIGS, ("", "config/_default"))
    jekyll_conf = _first(root, JEKYLL_CONFIGS)
    if jekyll_conf is not None or ((root / "_posts").is_dir() and hugo_conf is None):
        return _jekyll(root, jekyll_conf)
    if hugo_conf is not None or (root / "content").is_dir() and (root / "archetypes").is_dir():
        return _hugo(root, hugo_conf)
    raise InputError(f"{root}: not a Hugo or Jekyll site (no hugo.toml, config.toml, _config.yml, "
                     f"content/ or _posts/ found)")


def _hugo(root: Path, conf: Path | None) -> SiteConfig:
    data = _load(conf) if conf else {}
    content = str(_get(data, "contentDir", default="content") or "content")
    static = _get(data, "staticDir", default="static") or "static"
    statics = [static] if isinstance(static, str) else [str(s) for s in static]
    assets = str(_get(data, "assetDir", default="assets") or "assets")
    return SiteConfig(
        root=root, kind="hugo", config_file=conf.relative_to(root).as_posix() if conf else "",
        base_url=str(_get(data, "baseURL", "baseurl") or ""), title=str(_get(data, "title") or ""),
        permalinks=_get(data, "permalinks", default=None), content_dirs=[content],
        static_dirs=[*statics, assets], excerpt_separator="<!--more-->",
    )


def _jekyll(root: Path, conf: Path | None) -> SiteConfig:
    data = _load(conf) if conf else {}
    url = str(data.get("url") or "").rstrip("/")
    baseurl = str(data.get("baseurl") or "").strip("/")
    base = f"{url}/{baseurl}" if url and baseurl else url or (f"/{baseurl}" if baseurl else "")
    return SiteConfig(
        root=root, kind="jekyll", config_file=conf.relative_to(root).as_posix() if conf else "",
        base_url=base, title=str(data.get("title") or ""), permalinks=data.get("permalink", "date"),
        content_dirs=["_posts", "_drafts"], static_dirs=["assets", "images", "img"],
        excerpt_separator=str(data.get("excerpt_separator") or "\n\n"),
    )


def post_files(config: SiteConfig) -> list[str]:
    """The site's post files, relative to its root with "/", sorted."""
    out: list[str] = []
    for folder in config.content_dirs:
        base = config.root / folder
        if not base.is_dir():
            continue
        for p in base.rglob("*"):
            if p.suffix.lower() not in MARKDOWN_SUFFIXES or p.name.startswith(("_index.", ".")):
                continue
            if any(part.startswith(".") for part in p.relative_to(config.root).parts):
                continue
            if p.is_file() and not p.is_symlink() and _inside(config.root, p):
                out.append(p.relative_to(config.root).as_posix())
    return sorted(out)


def _inside(root: Path, p: Path) -> bool:
    """Whether ``p`` really lies in ``root`` (a folder symlinked from elsewhere does not)."""
    import os

    return os.path.realpath(p).startswith(os.path.realpath(root) + os.sep)


def new_post_path(config: SiteConfig, slug: str, date: str, *, draft: bool = False) -> str:
    """Where a new post goes, by the generator's file-name convention:
    Hugo ``content/posts/<slug>.md``; Jekyll ``_posts/<date>-<slug>.md`` (or
    ``_drafts/<slug>.md`` for a draft, which Jekyll dates at publication)."""
    if config.kind == "jekyll":
        return f"_drafts/{slug}.md" if draft else f"_posts/{date[:10]}-{slug}.md"
    return f"{config.content_dirs[0]}/posts/{slug}.md"
