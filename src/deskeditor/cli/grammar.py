"""``deskeditor languagetool install|status|start|stop``: the grammar server from the shell.

``register(subparsers, add=None)`` adds the command to deskeditor's parser;
``python -m deskeditor.cli.grammar install`` works on its own too
(``scripts/install-languagetool`` uses it before deskeditor is installed).
"""

from __future__ import annotations

import argparse
import sys
import time

from ..core.lint.grammar import background
from ..core.lint.grammar import install as lt_install
from ..core.lint.grammar.service import FIX_INSTALL, LocalServer, RemoteServer, probe

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT = 0, 1, 2


def _progress(message: str) -> None:
    sys.stderr.write(f"languagetool: {message}\n")
    sys.stderr.flush()


def run_install(args: argparse.Namespace) -> int:
    """Install LanguageTool (server + English) into the user cache; idempotent."""
    from ..core.errors import InputError

    try:
        found = lt_install.install(args.lt_version, progress=_progress, force=args.force)
    except InputError as exc:
        print(f"deskeditor: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"LanguageTool {found.version} installed at {found.root} ({found.jars} jars, {found.size / 2**20:.0f} MiB)")
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    """What is installed, which Java, and whether a server answers."""
    ok = True
    found = lt_install.find_installation(args.lt_version)
    if found:
        print(f"installed: LanguageTool {found.version} at {found.root} ({found.jars} jars, {found.size / 2**20:.0f} MiB)")
    else:
        ok = False
        print(f"installed: no (LanguageTool {args.lt_version} not in {lt_install.cache_root()}); fix: {FIX_INSTALL}")
    java = lt_install.java_version()
    if java is None:
        ok = False
        print("java: not found; fix: install Java 17 or later (e.g. apt-get install openjdk-17-jre-headless)")
    else:
        mark = "" if java[0] >= lt_install.MIN_JAVA else f" (too old: LanguageTool needs Java {lt_install.MIN_JAVA}+)"
        ok = ok and not mark
        print(f"java: {java[1]}{mark}")
    running = background.find_running()
    if running is not None:
        print(f"background server: {running.url} (keeper pid {running.pid}, LanguageTool pid {running.server_pid}, "
              f"stops after {running.idle_s / 60:g} min without a check; log: {running.log})")
    if args.server_url:
        server = RemoteServer(args.server_url)
        problem = probe(server.url or "")
        print(f"server: {server.url} " + ("answers" if problem is None else f"does not answer ({problem})"))
        return EXIT_OK if problem is None and ok else EXIT_PROBLEMS
    if found and java and not args.no_start:
        return _status_local(args, ok)
    return EXIT_OK if ok else EXIT_PROBLEMS


def _status_local(args: argparse.Namespace, ok: bool) -> int:
    server = LocalServer(args.lt_version)
    began = time.monotonic()
    try:
        url = server.ensure_ready(wait=True)
        if url:
            mib = server.rss_bytes() / 2**20
            print(
                f"server: started at {url} (pid {server.pid}) in {time.monotonic() - began:.1f} s, answers "
                f"({mib:.0f} MiB resident), stopped again; log: {server.log_path}"
            )
        else:
            print(f"server: does not start ({server.reason}; fix: {server.fix})")
            ok = False
    finally:
        server.stop()
    return EXIT_OK if ok else EXIT_PROBLEMS


def run_start(args: argparse.Namespace) -> int:
    """Start the background server (or find the one running) and say where it is."""
    if args.idle <= 0:
        print("deskeditor: --idle must be more than 0 minutes", file=sys.stderr)
        return EXIT_BAD_INPUT
    already = background.find_running()
    began = time.monotonic()
    running, why = background.start(args.lt_version, idle_s=args.idle * 60)
    if running is None:
        print(f"deskeditor: {why}", file=sys.stderr)
        return EXIT_PROBLEMS
    how = "already running" if already else f"started in {time.monotonic() - began:.1f} s"
    print(f"LanguageTool {running.version} {how} at {running.url} (keeper pid {running.pid}); "
          f"it stops after {running.idle_s / 60:g} min without a check, or with: deskeditor languagetool stop")
    return EXIT_OK


def run_stop(args: argparse.Namespace) -> int:
    state = background.stop()
    print(f"stopped the background LanguageTool at {state.url}" if state else "no background LanguageTool was running")
    return EXIT_OK


def run_languagetool(args: argparse.Namespace) -> int:
    handler = getattr(args, "lt_func", None)
    if handler is None:
        print("deskeditor: languagetool needs an action: install, status, start or stop", file=sys.stderr)
        return EXIT_BAD_INPUT
    return handler(args)


def _configure(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="lt_action", metavar="ACTION")
    inst = actions.add_parser("install", help="download LanguageTool (server + English) from Maven Central")
    inst.add_argument("--version", dest="lt_version", default=lt_install.DEFAULT_VERSION, help="LanguageTool version")
    inst.add_argument("--force", action="store_true", help="install again even if present")
    inst.set_defaults(lt_func=run_install)
    st = actions.add_parser("status", help="what is installed, which Java, whether a server answers")
    st.add_argument("--version", dest="lt_version", default=lt_install.DEFAULT_VERSION, help="LanguageTool version")
    st.add_argument("--server-url", default="", help="probe this server instead of starting the local one")
    st.add_argument("--no-start", action="store_true", help="do not start the local server to test it")
    st.set_defaults(lt_func=run_status)
    go = actions.add_parser("start", help="keep a LanguageTool server running in the background for later commands")
    go.add_argument("--version", dest="lt_version", default=lt_install.DEFAULT_VERSION, help="LanguageTool version")
    go.add_argument("--idle", type=float, default=background.IDLE_S / 60, metavar="MINUTES",
                    help="stop it after this many minutes without a check (default %(default)g)")
    go.set_defaults(lt_func=run_start)
    end = actions.add_parser("stop", help="stop the background LanguageTool server")
    end.set_defaults(lt_func=run_stop)


def register(subparsers, add=None) -> None:
    """Add ``languagetool install|status`` to deskeditor's command parser."""
    help_text = "install, start or stop LanguageTool, or show its status (grammar checking)"
    if add is not None:
        p = add("languagetool", run_languagetool, help_text)
    else:
        p = subparsers.add_parser("languagetool", help=help_text, description=help_text)
        p.set_defaults(func=run_languagetool)
    _configure(p)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="deskeditor languagetool")
    sub = parser.add_subparsers(dest="command")
    register(sub)
    args = parser.parse_args(["languagetool", *(argv if argv is not None else sys.argv[1:])])
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
