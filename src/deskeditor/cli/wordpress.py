"""``deskeditor pull`` and ``deskeditor wordpress``: a WordPress site's posts as drafts.

    deskeditor pull --site NAME [--status draft,pending,...] [--since DATE]
    deskeditor wordpress posts --site NAME [--status S]    the pulled posts and their drafts
                                                           (status "deleted" or "trash": gone from the site)
    deskeditor wordpress lists --site NAME                 cached categories, tags, users
    deskeditor wordpress suggest ID --site NAME            offline links to pulled posts
    deskeditor wordpress resolve ID --site NAME [--show | --take mine|theirs | --hunks mine,theirs,both]

Publishing a pulled (or once published) draft goes through ``deskeditor
publish``, which merges the server's edits instead of overwriting them.
Progress goes to stderr; Ctrl-C cancels a pull between posts, and what was
pulled so far stays stored. A pull also reports each linked post deleted on
the site since (its draft is kept, and publishing it refuses to recreate it).
"""

from __future__ import annotations

import sys
import threading

from ..core.errors import InputError

EXIT_OK, EXIT_PROBLEMS = 0, 1


def _err(line: str) -> None:
    sys.stderr.write(line + "\n")


def _statuses(text: str | None) -> tuple[str, ...]:
    from ..core.wordpress.remote import ALL_STATUSES

    if not text:
        return ALL_STATUSES
    wanted = tuple(s.strip() for s in text.split(",") if s.strip())
    bad = [s for s in wanted if s not in ALL_STATUSES]
    if bad or not wanted:
        raise InputError(f"--status takes {', '.join(ALL_STATUSES)} (comma-separated), not {text!r}")
    return wanted


def cmd_pull(args) -> int:
    from ..core.export.sites import Sites, password_for
    from ..core.wordpress.pull import gone_line, pull
    from .main import open_store

    store = open_store(args)
    site = Sites(store.settings).get(args.site)
    statuses = _statuses(args.status)
    password, source = password_for(site)
    if source != "keyring":
        _err(f"note: the password came from {source}, not the system keyring")
    stop = threading.Event()
    progress = None if args.quiet else (lambda n, m: _err(f"... {m}"))
    try:
        result = pull(store, site, password, statuses=statuses, since=args.since or "",
                      progress=progress, cancelled=stop.is_set)
    except KeyboardInterrupt:
        _err("deskeditor: pull interrupted; what was pulled is stored, pull again to continue")
        return 130
    for remote_id, title in result.conflicts:
        _err(f"conflict: post {remote_id} {title!r} changed both here and on {site.url}; the draft was kept")
    for remote_id, title, how in result.gone:
        _err(gone_line(remote_id, title, how))
    print(f"{len(result.created)} new, {len(result.updated)} updated, {len(result.merged)} merged, "
          f"{len(result.conflicts)} in conflict, {len(result.gone)} deleted on the site, "
          f"{result.unchanged} unchanged")
    return EXIT_PROBLEMS if result.conflicts else EXIT_OK


def cmd_wordpress(args) -> int:
    from ..core.export.sites import Sites
    from ..core.wordpress.links import WordPressLinks
    from .main import open_store

    store = open_store(args)
    site = Sites(store.settings).get(args.site)
    links = WordPressLinks(store.conn)
    if args.action == "posts":
        from ..core.wordpress.remote import GONE_STATUSES

        wanted = _statuses(args.status) if args.status else _statuses(None) + GONE_STATUSES
        for link in links.all(site.name):
            if link.status in wanted:
                mark = "\tCONFLICT" if link.conflict else ""
                print(f"{link.draft_id}\t{link.remote_id}\t{link.status}\t{link.link}{mark}")
        return EXIT_OK
    if args.action == "lists":
        lists = links.site_data(site.name).get("lists") or {}
        if not lists:
            _err(f"nothing cached for {site.name} yet: deskeditor pull --site {site.name}")
            return EXIT_PROBLEMS
        for kind in ("categories", "tags", "users"):
            print(f"{kind}: " + ", ".join(sorted(lists.get(kind, {}).values(), key=str.casefold)))
        print(f"timezone: {lists.get('timezone') or 'UTC%+g' % lists.get('gmt_offset', 0)}")
        return EXIT_OK
    if not args.id:
        raise InputError(f"wordpress {args.action} needs a draft ID")
    from ..core.wordpress.index import suggest_for_draft
    from .main import parse_draft_id

    if args.action == "resolve":
        return _resolve(store, site, parse_draft_id(args.id), args)

    for s in suggest_for_draft(store, site, parse_draft_id(args.id), limit=args.limit):
        print(f"{s.score:.3f}\t{s.markdown}")
    return EXIT_OK


def _resolve(store, site, draft_id: int, args) -> int:
    from ..core.wordpress import sync

    if args.show or not (args.take or args.hunks):
        for i, hunk in enumerate(sync.conflict_hunks(store, draft_id, site.name), 1):
            print(f"--- hunk {i}: mine\n{''.join(hunk.mine)}--- hunk {i}: theirs (on {site.url})\n{''.join(hunk.theirs)}")
        return EXIT_OK
    hunks = [h.strip() for h in args.hunks.split(",")] if args.hunks else None
    sync.resolve(store, draft_id, site.name, take=args.take or "", hunks=hunks)
    _err(f"resolved draft {draft_id}; publish it to send the result")
    return EXIT_OK


def register(sub, add) -> None:
    p = add("pull", cmd_pull, "pull a WordPress site's posts into drafts (only what changed, after the first time)")
    p.add_argument("--site", required=True, metavar="NAME", help="a site from 'deskeditor sites list'")
    p.add_argument("--status", metavar="LIST", help="draft,pending,future,publish,private (default: all)")
    p.add_argument("--since", metavar="DATE", help="only posts modified after DATE (the site's time zone)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    p = add("wordpress", cmd_wordpress, "pulled WordPress posts: list them, the cached lists, link suggestions")
    p.add_argument("action", choices=["posts", "lists", "suggest", "resolve"])
    p.add_argument("id", nargs="?", metavar="ID")
    p.add_argument("--site", required=True, metavar="NAME")
    p.add_argument("--status", metavar="LIST", help="posts: only these statuses")
    p.add_argument("--limit", type=int, default=5, help="suggest: how many")
    p.add_argument("--show", action="store_true", help="resolve: print the conflicting hunks side by side")
    p.add_argument("--take", choices=["mine", "theirs"], help="resolve: keep one side whole")
    p.add_argument("--hunks", metavar="CHOICES", help="resolve: mine|theirs|both per hunk, comma-separated")
