"""deskeditor's command line: the core, headless, for editors' scripts and CI.

Exit status: 0 success; 1 ran and found problems (lint errors, a blocked
export); 2 bad usage or bad input (one line on stderr says what).

Each group of commands lives beside the feature it drives and registers itself
here through ``register(subparsers)``; this module only wires them together,
opens the store and turns core errors into messages and exit codes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import sys
from pathlib import Path
from typing import Any, Callable

from .. import __version__
from ..core.errors import DeskeditorError, InputError, positive_int

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT = 0, 1, 2


# -- helpers shared by the command modules ---------------------------------------
def open_store(args: argparse.Namespace):
    from ..core.store import Store

    return Store.open(args.db)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def term(text: str) -> str:
    """``text`` for a terminal line: control characters (ESC sequences, CR, tabs that
    would break the columns) and bidi overrides written as escapes (``\\x1b``)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", str(text))


def parse_draft_id(text: str) -> int:
    return positive_int(text, f"not a draft id: {text!r}")


def load_target(args: argparse.Namespace, target: str) -> tuple[str, dict[str, Any], Any]:
    """``ID`` (a stored draft) or ``FILE`` -> (markdown, fields, draft or None)."""
    from ..core.importers import read_document
    from ..core.markdown import frontmatter

    if target.isdigit() and not Path(target).exists():
        store = open_store(args)
        draft = store.drafts.get(int(target))
        fields = {k: getattr(draft, k) for k in (
            "title", "slug", "seo_title", "meta_description", "keyphrase", "related_keyphrases",
            "author", "tags", "categories", "date", "status")}
        return draft.body, fields, draft
    doc = read_document(target, max_bytes=getattr(args, "max_bytes", None) or 10 * 1024 * 1024)
    fields = frontmatter.fields_from(frontmatter.split(doc.markdown, target))
    return doc.markdown, fields, None


# -- the foundation's commands -------------------------------------------------
def cmd_import(args) -> int:
    from ..core.importers import read_document

    # validate every file before storing any, so a bad file stores nothing
    docs = [read_document(p, max_bytes=int(args.max_size * 1024 * 1024)) for p in args.files]
    store = open_store(args)
    for doc in docs:
        fields = {"status": args.status} if args.status else {}
        draft = store.drafts.create(doc.markdown, **fields)
        print(f"{draft.id}\t{term(draft.title)}")
    return EXIT_OK


def _draft_summary(d) -> dict[str, Any]:
    return {"id": d.id, "title": d.title, "slug": d.slug, "status": d.status, "author": d.author,
            "keyphrase": d.keyphrase, "tags": d.tags, "created": d.created, "updated": d.updated,
            "version": d.version, "trashed": d.trashed}


def cmd_list(args) -> int:
    store = open_store(args)
    drafts = store.drafts.list(args.status, trashed=args.trash)
    if args.json:
        print_json([_draft_summary(d) for d in drafts])
    else:
        for d in drafts:
            print(f"{d.id}\t{d.status}\t{d.updated[:16].replace('T', ' ')}\t{term(d.title)}")
    return EXIT_OK


def cmd_search(args) -> int:
    store = open_store(args)
    hits = store.drafts.search(args.query, limit=args.limit)
    if args.json:
        print_json(hits)
    else:
        for h in hits:
            snippet = " ".join(h["snippet"].split())
            print(f"{h['id']}\t{term(h['title'])}\t{term(snippet)}")
    return EXIT_OK


def cmd_show(args) -> int:
    store = open_store(args)
    draft_id = parse_draft_id(args.id)
    draft = store.drafts.get(draft_id)
    text = store.drafts.revision_text(draft_id, args.revision) if args.revision else draft.body
    if args.json:
        data = _draft_summary(draft)
        data.update(body=text, revision=args.revision, seo_title=draft.seo_title,
                    meta_description=draft.meta_description,
                    related_keyphrases=draft.related_keyphrases, categories=draft.categories)
        print_json(data)
    else:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    return EXIT_OK


def cmd_history(args) -> int:
    store = open_store(args)
    revs = store.drafts.history(parse_draft_id(args.id))
    if args.json:
        print_json([r.__dict__ for r in revs])
    else:
        for r in revs:
            note = f"\t{term(r.note)}" if r.note else ""
            print(f"{r.number}\t{r.created[:19].replace('T', ' ')}\t{r.words} words\t{r.delta:+d} chars{note}")
    return EXIT_OK


def cmd_restore(args) -> int:
    store = open_store(args)
    draft = store.drafts.restore_revision(parse_draft_id(args.id), args.revision)
    print(f"{draft.id}\trestored revision {args.revision} as version {draft.version}")
    return EXIT_OK


def cmd_trash(args) -> int:
    store = open_store(args)
    draft_id = parse_draft_id(args.id)
    if args.restore:
        store.drafts.restore(draft_id)
    else:
        store.drafts.trash(draft_id)
    return EXIT_OK


def cmd_render(args) -> int:
    from ..core.citations.render import render_html

    text, _fields, _draft = load_target(args, args.target)
    sys.stdout.write(render_html(text, source_lines=not args.clean))
    return EXIT_OK


def cmd_backups(args) -> int:
    from ..core.store import Store, database

    path = Path(args.db) if args.db else database.default_db_path()
    if args.action == "create":
        with Store.open(path) as store:
            print(store.backup("manual"))
    elif args.action == "list":
        for b in database.list_backups(path):
            print(f"{b.name}\t{b.stat().st_size} bytes")
    else:
        if not args.file:
            raise InputError("backups restore needs the backup file (see 'deskeditor backups list')")
        f = Path(args.file)
        if not f.is_absolute() and not f.exists():
            f = database.backup_dir(path) / f
        database.restore_backup(path, f)
        print(f"restored {f.name}; the previous database was backed up first")
    return EXIT_OK


def cmd_gui(args) -> int:
    try:
        from ..gui.app import run
    except ImportError as exc:
        raise InputError(f"the window needs PySide6 ({exc}); scripts/run installs it") from None
    return run(args)


# -- wiring ---------------------------------------------------------------------
def _optional_modules() -> list[str]:
    """Feature modules that add commands of their own, if present."""
    return [
        "deskeditor.cli.lint",
        "deskeditor.cli.desktop",
        "deskeditor.cli.grammar",
        "deskeditor.cli.citations",
        "deskeditor.cli.export",
        "deskeditor.cli.site",
        "deskeditor.cli.wordpress",
        "deskeditor.cli.review",
    ]


def build_parser(with_features: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="deskeditor",
        description="A desktop Markdown editorial workstation. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"deskeditor {__version__}")
    parser.add_argument("--db", metavar="PATH", default=os.environ.get("DESKEDITOR_DB"),
                        help="the SQLite database (default: $DESKEDITOR_DB or the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the SQLite database")
        p.set_defaults(func=func)
        return p

    p = add("gui", cmd_gui, "open the window")
    p = add("import", cmd_import, "import Markdown, HTML or text files as new drafts")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--status", choices=["draft", "review", "ready", "published"])
    p.add_argument("--max-size", type=float, default=10.0, metavar="MIB", help="size limit (default 10 MiB)")
    p = add("list", cmd_list, "list drafts")
    p.add_argument("--status", choices=["draft", "review", "ready", "published"])
    p.add_argument("--trash", action="store_true", help="list the drafts in the trash")
    p.add_argument("--json", action="store_true")
    p = add("search", cmd_search, "full-text search over titles and bodies")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p = add("show", cmd_show, "print a draft's Markdown, front matter included")
    p.add_argument("id")
    p.add_argument("--revision", type=int, metavar="N")
    p.add_argument("--json", action="store_true")
    p = add("history", cmd_history, "list a draft's revisions")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p = add("restore", cmd_restore, "restore a revision (as a new revision; nothing is destroyed)")
    p.add_argument("id")
    p.add_argument("revision", type=int)
    p = add("trash", cmd_trash, "move a draft to the trash (or --restore it)")
    p.add_argument("id")
    p.add_argument("--restore", action="store_true")
    p = add("render", cmd_render, "print a draft's or a file's HTML")
    p.add_argument("target", metavar="ID|FILE")
    p.add_argument("--clean", action="store_true", help="leave out data-source-line attributes")
    p = add("backups", cmd_backups, "create, list or restore database backups")
    p.add_argument("action", choices=["create", "list", "restore"])
    p.add_argument("file", nargs="?")

    import importlib

    for name in (_optional_modules() if with_features else []):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue
            raise
        module.register(sub, add)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Opening the window needs none of the feature commands: skip importing them
    # (the lint runner, the grammar client, requests ...) so the window paints sooner.
    opens_window = not [a for a in argv if not a.startswith("-")] or argv[:1] == ["gui"] or \
        (len(argv) >= 3 and argv[0] == "--db" and argv[2] == "gui")
    parser = build_parser(with_features=not opens_window or "-h" in argv or "--help" in argv)
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        args.func = cmd_gui
    try:
        return args.func(args)
    except DeskeditorError as exc:
        print(f"deskeditor: {term(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except sqlite3.Error as exc:  # a damaged, read-only or full database met outside the store's checks
        print(f"deskeditor: the database {getattr(args, 'db', None) or 'file'} cannot be used: {exc} "
              "(damaged? 'deskeditor backups list' shows the backups)", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RecursionError:
        print("deskeditor: the input is nested too deeply to process", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("deskeditor: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
