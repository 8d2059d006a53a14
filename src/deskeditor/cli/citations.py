"""Command-line commands of the citation feature.

    deskeditor citations ID|FILE [--format text|json]
        the draft's sources (how often and where each is cited), its citations,
        unresolved keys and unlinked attributions, with source ranges; exit 1
        when a key is unresolved or an attribution links nothing
    deskeditor sources import FILE.bib|FILE.json
        add or update library sources; exit 1 when some entries were skipped
    deskeditor sources list [--format text|json]
    deskeditor sources bibliography ID|FILE [--style apa|chicago] [--format html|markdown]
"""

from __future__ import annotations

import sys
from typing import Any

from ..core.errors import InputError
from ..core.model import line_col

EXIT_OK, EXIT_PROBLEMS = 0, 1


def _cli():
    import importlib  # not "from . import main": the package's ``main`` is the function

    return importlib.import_module(f"{__package__}.main")  # the CLI's shared helpers


def cmd_citations(args) -> int:
    from ..core.citations.analysis import analyze

    cli = _cli()
    text, _fields, _draft = cli.load_target(args, args.target)
    store = cli.open_store(args)
    report = analyze(text, store.sources)
    data = report.to_dict(text)
    if args.format == "json":
        cli.print_json(data)
    else:
        sys.stdout.write(format_text(data, text))
    problems = data["unresolved"] or data["attributions"]
    return EXIT_PROBLEMS if problems else EXIT_OK


def _at(text: str, start: int) -> str:
    line, col = line_col(text, start)
    return f"{line}:{col}"


def format_text(data: dict[str, Any], text: str) -> str:
    out = []
    out.append(f"Sources ({len(data['sources'])})")
    for s in data["sources"]:
        where = ", ".join(f"{c['line']}:{c['column']}" for c in s["cited_at"]) or "not cited"
        flags = "".join([" [attached]" if s["attached"] else "", " [nocite]" if s["nocite"] else "",
                         "" if s["resolved"] else " [not in library]"])
        out.append(f"  {s['key']}\t{s['count']}x\t{s['label']}{flags}\t{where}")
    out.append(f"Citations ({len(data['citations'])})")
    for c in data["citations"]:
        what = ", ".join(c["keys"] + c["urls"])
        out.append(f"  {c['line']}:{c['column']}\t{c['start']}-{c['end']}\t{c['kind']}\t{what}")
    if data["unresolved"]:
        out.append(f"Unresolved keys ({len(data['unresolved'])})")
        for u in data["unresolved"]:
            pos = f"{u['line']}:{u['column']}\t{u['start']}-{u['end']}" if "start" in u else "front matter"
            out.append(f"  {pos}\t{u['key']}")
    if data["links_outside_library"]:
        out.append(f"Links to sources not in the library ({len(data['links_outside_library'])})")
        for link in data["links_outside_library"]:
            first = link["at"][0]
            out.append(f"  {first['line']}:{first['column']}\t{link['count']}x\t{link['url']}")
    out.append(f"Unlinked attributions ({len(data['attributions'])})")
    for g in data["groups"]:
        match = f"\t-> [@{g['match']}]" if g["match"] else ""
        out.append(f"  {g['label']} ({g['kind']}, {g['count']}x){match}")
        for a in g["at"]:
            out.append(f"    {a['line']}:{a['column']}\t{a['start']}-{a['end']}\t{a['text']}")
    return "\n".join(out) + "\n"


def cmd_sources(args) -> int:
    cli = _cli()
    if args.action == "import":
        return _import(args, cli)
    if args.action == "list":
        return _list(args, cli)
    return _bibliography(args, cli)


def _import(args, cli) -> int:
    from ..core.citations.importers import import_file, store_entries

    if not args.file:
        raise InputError("sources import needs a .bib or .json file")
    result = import_file(args.file)
    store = cli.open_store(args)
    added, updated = store_entries(store.sources, result)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(f"{added} added, {updated} updated, {len(result.problems)} skipped")
    return EXIT_PROBLEMS if result.problems else EXIT_OK


def _list(args, cli) -> int:
    from ..core.citations.csl import accessed_of, label, url_of

    store = cli.open_store(args)
    rows = store.sources.all()
    if args.format == "json":
        cli.print_json([{"key": s.key, "csl": s.csl} for s in rows])
    else:
        for s in rows:
            print(f"{s.key}\t{label(s.csl)}\t{url_of(s.csl) or '-'}\t{accessed_of(s.csl) or '-'}")
    return EXIT_OK


def _bibliography(args, cli) -> int:
    from ..core.citations.render import sources_section

    if not args.file:
        raise InputError("sources bibliography needs a draft ID or a FILE")
    text, _fields, _draft = cli.load_target(args, args.file)
    store = cli.open_store(args)
    fmt = "markdown" if args.format in ("markdown", "text") else "html"
    sys.stdout.write(sources_section(text, store.sources, args.style, fmt=fmt) or "")
    return EXIT_OK


def register(sub, add) -> None:
    from ..core.citations.style import style_names

    p = add("citations", cmd_citations,
            "list a draft's sources, citations and unlinked attributions (with source ranges)")
    p.add_argument("target", metavar="ID|FILE")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p = add("sources", cmd_sources, "the source library: import BibTeX/CSL-JSON, list, format a bibliography")
    p.add_argument("action", choices=["import", "list", "bibliography"])
    p.add_argument("file", nargs="?", metavar="FILE|ID",
                   help="import: a .bib or .json file; bibliography: a draft ID or FILE")
    p.add_argument("--format", choices=["text", "json", "html", "markdown"], default="text")
    p.add_argument("--style", choices=style_names(), default="apa")
