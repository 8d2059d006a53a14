"""``deskeditor export``, ``deskeditor publish`` and ``deskeditor sites``.

    deskeditor export ID --format html|fragment|hugo|jekyll|wxr [-o PATH] [--force]
    deskeditor publish ID --site NAME [--status draft|pending|future|publish|private] [--at TIME]
                      [--overwrite-remote] [--force]
    deskeditor sites add NAME --url URL --user USER [--password-stdin]
    deskeditor sites list | remove NAME

Both export and publish list the unresolved findings on stderr first; when
the gate blocks (unresolved errors and ``export.block_on_errors``) they exit 1
and write nothing, unless ``--force``. ``--force`` also replaces existing files.
Suggestions and comments (CriticMarkup) block too, except when publishing as a
WordPress draft or pending post: then they travel with it, for review there.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from ..core.errors import ExportError, InputError
from ..core.export import gate as gate_mod
from ..core.export import service
from ..core.export.sites import ENV_PASSWORD, NoKeyring, Sites, forget_password, keyring_status, store_password

EXIT_OK, EXIT_PROBLEMS = 0, 1


def _err(line: str) -> None:
    sys.stderr.write(line + "\n")


def _draft_id(text: str) -> int:
    from .main import parse_draft_id

    return parse_draft_id(text)


def _grammar(store, args, draft_id: int | None = None):
    """A grammar engine when asked for (--grammar) or when one is clearly available."""
    if args.no_grammar:
        return None
    try:
        from .lint import make_grammar_engine
        from ..core.lint.grammar.install import find_installation
    except ImportError:
        return None
    conf = store.settings.get("grammar", {}) or {}
    if args.grammar or conf.get("server_url") or find_installation() is not None:
        return make_grammar_engine(store, args, draft_id)
    return None


def _show_gate(result: gate_mod.GateResult, verbose: bool = True) -> None:
    for note in result.notes:
        _err(f"note: {note}")
    if verbose:
        for line in result.lines():
            _err(line)
    _err(f"gate: {result.summary()}")


def _run_gate(store, draft_id: int, args, *, review_travels: bool = False) -> gate_mod.GateResult | None:
    """The gate's findings on stderr; None (and why) when it blocks. ``review_travels``:
    the draft's suggestions and comments go with it (a WordPress draft or pending post)."""
    from dataclasses import replace

    draft = store.drafts.get(draft_id)
    grammar = _grammar(store, args, draft_id)
    try:
        result = replace(gate_mod.check(store, draft, grammar=grammar), review_travels=review_travels)
    finally:
        if grammar is not None and hasattr(grammar, "close"):
            grammar.close()
    _show_gate(result, verbose=not args.quiet)
    if result.blocked and not args.force:
        _err("deskeditor: export blocked by unresolved errors; fix or dismiss them, or use --force")
        return None
    return result


def cmd_export(args) -> int:
    from .main import open_store

    store = open_store(args)
    draft_id = _draft_id(args.id)
    result = _run_gate(store, draft_id, args)
    if result is None:
        return EXIT_PROBLEMS
    opts = service.Options(force=args.force, base_dir=Path(args.images_from) if args.images_from else None,
                           site_url=args.site_url or "", hugo_layout=args.layout or "",
                           author_login=args.author_login or "")
    if args.output == "-":
        out = service.render_export(store, draft_id, args.format, options=opts)
        sys.stdout.write(out.text)
        return EXIT_OK
    done = service.export_draft(store, draft_id, args.format, args.output, options=opts, gate=result)
    for note in done.notes:
        _err(f"note: {note}")
    print(done.target)
    return EXIT_OK


def cmd_publish(args) -> int:
    from .main import open_store

    store = open_store(args)
    draft_id = _draft_id(args.id)
    Sites(store.settings).get(args.site)  # an unknown site is said before the linters run
    from ..core.wordpress import sync

    travels = sync.review_travels(store, draft_id, args.site, args.status, args.at or "")
    result = _run_gate(store, draft_id, args, review_travels=travels)
    if result is None:
        return EXIT_PROBLEMS

    try:  # a pulled or once-published post is merged with the server's edits, never overwritten
        done = sync.publish_draft(store, draft_id, args.site, status=args.status, at=args.at or "",
                                  overwrite_remote=args.overwrite_remote, force=args.force,
                                  base_dir=Path(args.images_from) if args.images_from else None,
                                  gate=result, progress=None if args.quiet else (lambda m: _err(f"... {m}")))
    except (sync.PublishConflict, sync.RemoteGone) as exc:
        _err(f"deskeditor: {exc}")
        return EXIT_PROBLEMS
    if done.merged:
        _err(f"note: the server's edits were merged into draft {draft_id} (a new revision)")
    if done.password_from != "keyring":
        _err(f"note: the password came from {done.password_from}, not the system keyring")
    for note in done.published.notes:
        _err(f"note: {note}")
    verb = "created" if done.published.created else "updated"
    print(f"{verb} post {done.published.id} ({done.published.status}) {done.published.link}")
    return EXIT_OK


def _read_password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if sys.stdin.isatty():
        return getpass.getpass(f"application password for {args.user} (empty: keep the stored one): ")
    return ""


def cmd_sites(args) -> int:
    from .main import open_store

    store = open_store(args)
    sites = Sites(store.settings)
    if args.action == "list":
        for s in sites.list():
            print(f"{s.name}\t{s.url}\t{s.user}")
        if args.verbose:
            _err(keyring_status())
        return EXIT_OK
    if not args.name:
        raise InputError(f"sites {args.action} needs the site's NAME")
    if args.action == "remove":
        site = sites.remove(args.name)
        if forget_password(site):
            _err(f"removed {site.name} and its password from the keyring")
        else:
            _err(f"removed {site.name}")
        return EXIT_OK
    if not args.url or not args.user:
        raise InputError("sites add needs --url and --user")
    site = sites.add(args.name, args.url, args.user)
    password = _read_password(args)
    if not password:
        _err(f"saved {site.name}; no password given (the keyring keeps any stored earlier)")
        return EXIT_OK
    try:
        store_password(site, password)
    except NoKeyring as exc:
        _err(f"saved {site.name}, but the password was NOT stored: {exc}")
        return EXIT_PROBLEMS
    _err(f"saved {site.name}; its password is in the system keyring")
    return EXIT_OK


def _gate_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--force", action="store_true",
                   help="go ahead although the gate blocks, and replace existing files")
    p.add_argument("--grammar", action="store_true", help="include the grammar check (LanguageTool)")
    p.add_argument("--no-grammar", action="store_true", help="leave the grammar check out of the gate")
    p.add_argument("--language", metavar="xx-YY", help="English variant for grammar, e.g. en-GB")
    p.add_argument("--grammar-server", metavar="URL", help="use this LanguageTool server")
    p.add_argument("--images-from", metavar="DIR",
                   help="folder that relative image paths in the draft are relative to (default: here)")
    p.add_argument("-q", "--quiet", action="store_true", help="print the gate's summary, not every finding")


def register(sub, add) -> None:
    p = add("export", cmd_export, "export a draft as HTML, an HTML fragment, Hugo or Jekyll Markdown, or WXR")
    p.add_argument("id", metavar="ID")
    p.add_argument("--format", "-f", required=True, choices=service.FORMATS)
    p.add_argument("-o", "--output", metavar="PATH",
                   help="file or folder (Hugo/Jekyll: the site's folder); '-' prints html/fragment/wxr")
    p.add_argument("--site-url", metavar="URL", help="the site's address, for the canonical URL")
    p.add_argument("--layout", choices=["bundle", "file"], help="Hugo: page bundle (default) or single file")
    p.add_argument("--author-login", metavar="LOGIN", help="WXR: the WordPress login to attribute the post to")
    _gate_options(p)
    p = add("publish", cmd_publish, "send a draft to a WordPress site (as a draft or pending review)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--site", required=True, metavar="NAME", help="a site from 'deskeditor sites list'")
    p.add_argument("--status", choices=["draft", "pending", "future", "publish", "private"],
                   help="the post's status (default: a new post is a draft, an existing one keeps its own)")
    p.add_argument("--at", metavar="'YYYY-MM-DD HH:MM'", help="schedule: the time in the site's time zone")
    p.add_argument("--overwrite-remote", action="store_true",
                   help="on a conflict with the server's edits, send this draft's text anyway")
    _gate_options(p)
    p = add("sites", cmd_sites, "configure WordPress sites (passwords go to the system keyring)")
    p.add_argument("action", choices=["add", "list", "remove"])
    p.add_argument("name", nargs="?")
    p.add_argument("--url", metavar="URL")
    p.add_argument("--user", metavar="USER")
    p.add_argument("--password-stdin", action="store_true",
                   help=f"read the application password from stdin (no keyring? set {ENV_PASSWORD} when publishing)")
    p.add_argument("-v", "--verbose", action="store_true", help="list: also say where passwords are kept")


__all__ = ["register", "ExportError"]
