"""Command-line commands of the review feature (suggested changes and comments).

    deskeditor review ID [--format text|json]
        the draft's marks in order: number, kind, author, time, source range,
        text, replacement, comment and replies
    deskeditor review ID accept|reject N|all [--as NAME]
        apply one mark or all of them, as a new revision
    deskeditor review ID send|approve|reopen [--as NAME]
        the workflow: draft -> in review -> approved (recorded in the history)
"""

from __future__ import annotations

import importlib
import sys

from ..core.errors import InputError
from ..core.model import line_col

EXIT_OK = 0


def cmd_review(args) -> int:
    from ..core.review import service

    cli = importlib.import_module("deskeditor.cli.main")  # the module: the package exports a ``main`` function
    store = cli.open_store(args)
    draft_id = cli.parse_draft_id(args.id)
    if args.action is None:
        if args.which is not None:
            raise InputError("give an action before the mark: review ID accept|reject N|all")
        rows = service.list_marks(store, draft_id)
        if args.format == "json":
            cli.print_json(rows)
        else:
            sys.stdout.write(format_text(rows, store.drafts.get(draft_id).body))
        return EXIT_OK
    if args.action in ("accept", "reject"):
        if args.which is None:
            raise InputError(f"review ID {args.action} needs a mark number or all")
        draft = service.apply(store, draft_id, args.action, args.which, who=args.who or "")
    else:
        if args.which is not None:
            raise InputError(f"review ID {args.action} takes no mark number")
        draft = service.move(store, draft_id, {"send": "review"}.get(args.action, args.action), who=args.who or "")
    print(f"{draft.id}\t{draft.status}\t{len(service.list_marks(store, draft_id, draft.body))} mark(s) left")
    return EXIT_OK


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def format_text(rows: list[dict], source: str) -> str:
    out = []
    for r in rows:
        line, col = line_col(source, r["start"])
        what = {"substitute": f"{_short(r['text'], 30)} -> {_short(r['replacement'], 30)}"}.get(r["kind"], _short(r["text"]))
        out.append(f"{r['n']}\t{line}:{col}\t{r['kind']}\t{r['author'] or '-'}\t{what}"
                   + (f"\t# {_short(r['comment'])}" if r["comment"] else "")
                   + "".join(f"\n\t\t\t\t  re @{c['author'] or '?'}: {_short(c['text'])}" for c in r["replies"]))
    return "\n".join(out) + ("\n" if out else "")


def register(sub, add) -> None:
    p = add("review", cmd_review, "suggested changes and comments (CriticMarkup): list, accept, reject; the workflow")
    p.add_argument("id", metavar="ID")
    p.add_argument("action", nargs="?", choices=["accept", "reject", "send", "approve", "reopen"])
    p.add_argument("which", nargs="?", metavar="N|all")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--as", dest="who", metavar="NAME", help="who does it (default: the login name)")
