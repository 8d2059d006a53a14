"""``deskeditor site …``: a Hugo or Jekyll site as a workspace, and
``deskeditor save ID FILE``.

Exit status: 0 done; 1 done but something needs the writer (a conflict to
resolve, a post the gate blocks, a push refused); 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.errors import InputError
from .main import EXIT_OK, EXIT_PROBLEMS, open_store, parse_draft_id, print_json


def _progress(done: int, total: int, path: str) -> None:
    if sys.stderr.isatty():
        print(f"\rreading posts: {done} of {total}", end="" if done < total else "\n", file=sys.stderr)


def _report_lines(report) -> list[str]:
    lines = []
    for label, items in (("imported", report.imported), ("updated from disk", report.pulled),
                         ("written to disk", report.written), ("merged", report.merged),
                         ("deleted on disk (draft kept)", report.deleted)):
        lines += [f"{label}\t{p}" for p in items]
    lines += [f"renamed\t{a} -> {b}" for a, b in report.renamed]
    lines += [f"CONFLICT\t{p}" for p in report.conflicts]
    return lines


def _finish(report, as_json: bool, extra: dict | None = None) -> int:
    if as_json:
        print_json({**report.to_dict(), **(extra or {})})
    else:
        for line in _report_lines(report):
            print(line)
    for problem in report.problems:
        print(f"deskeditor: {problem}", file=sys.stderr)
    return EXIT_PROBLEMS if report.conflicts or report.problems else EXIT_OK


def cmd_open(args) -> int:
    from ..core.site.workspace import Workspace

    store = open_store(args)
    ws, report = Workspace.open(store, args.path, progress=_progress)
    if not args.json:
        linked = len(store.sites.files(ws.site.id))
        print(f"{ws.config.kind} site {ws.root}: {linked} posts linked to drafts", file=sys.stderr)
    return _finish(report, args.json, {"kind": ws.config.kind, "root": str(ws.root),
                                       "base_url": ws.config.base_url})


def cmd_sync(args) -> int:
    from ..core.site.workspace import Workspace

    ws = Workspace.find(open_store(args), args.path)
    return _finish(ws.sync(progress=_progress), args.json)


def cmd_status(args) -> int:
    from ..core.site.workspace import State, Workspace

    ws = Workspace.find(open_store(args), args.path)
    rows = ws.status()
    if args.json:
        print_json({"root": str(ws.root), "kind": ws.config.kind, "posts": [r.to_dict() for r in rows]})
    else:
        for r in rows:
            if r.state is not State.CLEAN or args.all:
                print(f"{r.state}\t{r.path}" + (f"\t#{r.draft_id}" if r.draft_id else ""))
    return EXIT_PROBLEMS if any(r.state is State.CONFLICT for r in rows) else EXIT_OK


def cmd_list(args) -> int:
    store = open_store(args)
    roots = store.sites.roots()
    if args.json:
        print_json([{"root": r.root, "kind": r.kind, "opened": r.opened,
                     "posts": len(store.sites.files(r.id))} for r in roots])
    else:
        for r in roots:
            print(f"{r.kind}\t{r.root}\t{len(store.sites.files(r.id))} posts")
    return EXIT_OK


def cmd_resolve(args) -> int:
    from ..core.importers import read_text
    from ..core.site.workspace import Workspace

    store = open_store(args)
    draft_id = parse_draft_id(args.id)
    found = Workspace.of_draft(store, draft_id)
    if found is None:
        raise InputError(f"draft {draft_id} is not a site's post")
    ws, _link = found
    if args.show:
        _link, merged = ws.conflict(draft_id)
        for i, h in enumerate(merged.conflicts, 1):
            print(f"--- hunk {i}: mine\n{''.join(h.mine)}--- hunk {i}: theirs\n{''.join(h.theirs)}", end="")
        return EXIT_OK
    text = read_text(args.text) if args.text else None
    hunks = [h.strip() for h in args.hunks.split(",")] if args.hunks else None
    ws.resolve(draft_id, take=args.take or "", hunks=hunks, text=text)
    print(f"resolved draft {draft_id}; written to {_link.path}")
    return EXIT_OK


def _gate_for(store):
    from ..core.export import gate

    def check(draft_id: int) -> list[str]:
        result = gate.check(store, store.drafts.get(draft_id))
        return [result.summary()] if result.blocked else []

    return check


def cmd_commit(args) -> int:
    from ..core.site.workspace import Workspace

    store = open_store(args)
    ws = Workspace.find(store, args.path)
    print(ws.commit(args.message, gate=None if args.force else _gate_for(store)))
    return EXIT_OK


def cmd_pull(args) -> int:
    from ..core.site.workspace import Workspace

    ws = Workspace.find(open_store(args), args.path)
    result = ws.pull()
    print(result.message)
    for p in result.conflicts:
        print(f"CONFLICT\t{p}")
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def cmd_push(args) -> int:
    from ..core.site.workspace import Workspace

    print(Workspace.find(open_store(args), args.path).push())
    return EXIT_OK


def cmd_new(args) -> int:
    from ..core.site.workspace import Workspace

    ws = Workspace.find(open_store(args), args.path)
    draft_id, rel = ws.new_post(args.title, draft=args.draft)
    print(f"{draft_id}\t{rel}")
    return EXIT_OK


def cmd_save(args) -> int:
    from ..core.importers import read_text
    from ..core.site.workspace import save_draft_text

    store = open_store(args)
    draft_id = parse_draft_id(args.id)
    text = read_text(Path(args.file))
    draft, outcome = save_draft_text(store, draft_id, text, note=f"saved from {Path(args.file).name}")
    print(f"draft {draft.id} version {draft.version}" + (f"; its file: {outcome}" if outcome else ""))
    return EXIT_PROBLEMS if outcome == "conflict" else EXIT_OK


def _site_draft(store, text_id: str):
    from ..core.site.workspace import Workspace

    draft_id = parse_draft_id(text_id)
    found = Workspace.of_draft(store, draft_id)
    if found is None:
        raise InputError(f"draft {draft_id} is not a site's post")
    return draft_id, found[0], found[1]


def cmd_suggest(args) -> int:
    import re

    from ..core.markdown import frontmatter
    from ..core.site.links import build_index, suggest

    store = open_store(args)
    draft_id, ws, link = _site_draft(store, args.id)
    draft = store.drafts.get(draft_id)
    heads = re.findall(r"^#{1,6}\s+(.+)$", frontmatter.body_of(draft.body), re.M)
    found = suggest(build_index(ws), draft.title, draft.keyphrase, heads, current=link.path,
                    exclude_draft=draft_id, limit=args.limit)
    if args.json:
        print_json([{"path": s.post.path, "title": s.post.title, "url": s.post.url, "score": s.score,
                     "markdown": s.markdown} for s in found])
    else:
        for s in found:
            print(f"{s.score:.2f}\t{s.post.path}\t{s.markdown}")
    return EXIT_OK


def cmd_check(args) -> int:
    from ..core.site.links import build_index, check

    store = open_store(args)
    draft_id, ws, link = _site_draft(store, args.id)
    text = store.drafts.get(draft_id).body
    findings = check(text, build_index(ws), link.path)
    if args.json:
        print_json([f.to_dict(text) for f in findings])
    else:
        from ..core.model import line_col

        for f in findings:
            line, col = line_col(text, f.start)
            print(f"{line}:{col}\t{f.severity}\t{f.engine}/{f.rule}\t{f.message}")
    return EXIT_PROBLEMS if any(f.severity == "error" for f in findings) else EXIT_OK


def register(sub, add) -> None:
    p = add("save", cmd_save, "replace a draft's text from a file, as a new revision")
    p.add_argument("id")
    p.add_argument("file")

    site = add("site", lambda a: (a.site_parser.print_help(), 2)[1], "work on a Hugo or Jekyll site")
    actions = site.add_subparsers(dest="site_command", metavar="ACTION")
    site.set_defaults(site_parser=site)

    def action(name: str, func, help: str, path_required: bool = False) -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        if path_required:
            p.add_argument("path", metavar="PATH")
        elif name not in ("list",):
            p.add_argument("path", metavar="PATH", nargs="?", help="the site's folder (default: the only site open)")
        return p

    p = action("open", cmd_open, "open a site: link every post to a draft", path_required=True)
    p.add_argument("--json", action="store_true")
    p = action("status", cmd_status, "posts changed in deskeditor, on disk, both, new, deleted")
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help="list unchanged posts too")
    p = action("sync", cmd_sync, "bring drafts and files in step (three-way merge)")
    p.add_argument("--json", action="store_true")
    p = action("list", cmd_list, "the sites opened so far")
    p.add_argument("--json", action="store_true")
    p = action("new", cmd_new, "a new post, named by the generator's convention")
    p.add_argument("--title", required=True)
    p.add_argument("--draft", action="store_true", help="a draft (Jekyll: _drafts/; Hugo: draft: true)")
    p = action("commit", cmd_commit, "commit the changed posts (after the publication gate)")
    p.add_argument("-m", "--message", required=True)
    p.add_argument("--force", action="store_true", help="commit even if the gate blocks a post")
    action("pull", cmd_pull, "git pull, merging into the drafts")
    action("push", cmd_push, "git push (refused when the remote moved)")
    for name, func, help in (("suggest", cmd_suggest, "posts of the site a draft could link to"),
                             ("check", cmd_check, "links in a draft that point at nothing on its site")):
        p = actions.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        p.add_argument("id", metavar="ID", help="the post's draft id")
        p.add_argument("--json", action="store_true")
        if name == "suggest":
            p.add_argument("--limit", type=int, default=5)
    p = actions.add_parser("resolve", help="resolve a post's conflict", description="resolve a post's conflict")
    p.set_defaults(func=cmd_resolve)
    p.add_argument("id", metavar="ID", help="the post's draft id")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--take", choices=["mine", "theirs"])
    how.add_argument("--hunks", metavar="CHOICES", help="mine|theirs|both per conflicting hunk, comma-separated")
    how.add_argument("--text", metavar="FILE", help="a text of your own")
    how.add_argument("--show", action="store_true", help="print the conflicting hunks")
