"""The site's git repository, through the system's ``git``.

Credentials are git's own (ssh agent, credential helper): deskeditor stores
none and never prompts (``GIT_TERMINAL_PROMPT=0``; a remote that wants a
password it does not have fails with one line).

- ``commit``: the posts deskeditor changed, after the caller's gate.
- ``pull``: first every draft is written through to its file (so git sees
  the writer's work), then ``git pull --no-rebase``. A clean merge updates
  the drafts (a new revision each). When git's merge conflicts on a post, the
  working file keeps the writer's version, both versions and the base are kept
  with the post as a conflict to resolve (per hunk), and the merge commit is
  made once every conflict is resolved (``finish_merge``). A conflict on a file
  that is not a post aborts the merge: nothing changes.
- ``push``: refused with one line when the remote has commits this clone
  has not pulled.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

TIMEOUT_S = 120


@dataclass
class GitResult:
    ok: bool
    message: str = ""
    conflicts: list[str] = field(default_factory=list)  # posts left to resolve


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(GIT_TERMINAL_PROMPT="0", GIT_MERGE_AUTOEDIT="no", LC_ALL="C")
    return env


def run_git(root: Path, *args: str, check: bool = True, timeout: float = TIMEOUT_S) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                              env=_env(), timeout=timeout)
    except FileNotFoundError:
        raise InputError("git is not installed (apt-get install git)") from None
    except subprocess.TimeoutExpired:
        raise InputError(f"git {args[0]} took longer than {timeout:g} s and was stopped") from None
    if check and done.returncode != 0:
        raise InputError(f"git {args[0]} failed: {_first_line(done)}")
    return done


def _first_line(done: subprocess.CompletedProcess) -> str:
    for stream in (done.stderr, done.stdout):
        lines = [ln.strip() for ln in (stream or "").splitlines() if ln.strip() and not ln.startswith("hint:")]
        if lines:
            return lines[0]
    return f"exit status {done.returncode}"


def is_repo(root: Path) -> bool:
    return run_git(root, "rev-parse", "--is-inside-work-tree", check=False).returncode == 0


def require_repo(root: Path) -> None:
    if not is_repo(root):
        raise InputError(f"{root} is not a git repository (git init, or clone the site)")


def changed_files(root: Path, paths: list[str] | None = None) -> list[str]:
    """Files that differ from HEAD (modified, added, untracked), relative to root."""
    done = run_git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *(paths or ["."]))
    out: list[str] = []
    entries = done.stdout.split("\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if not entry:
            continue
        code, path = entry[:2], entry[3:]
        if code[0] in "RC":
            i += 1  # the rename's source follows
        out.append(path)
    return out


def commit(root: Path, paths: list[str], message: str) -> GitResult:
    require_repo(root)
    if not message.strip():
        raise InputError("a commit needs a message (-m MESSAGE)")
    if merging(root):
        raise InputError("a pull is waiting for its conflicts to be resolved (deskeditor site status)")
    if not paths:
        return GitResult(False, "nothing to commit: no post changed")
    run_git(root, "add", "--", *paths)
    done = run_git(root, "commit", "-m", message, "--", *paths, check=False)
    if done.returncode != 0:
        raise InputError(f"git commit failed: {_first_line(done)}")
    head = run_git(root, "rev-parse", "--short", "HEAD").stdout.strip()
    return GitResult(True, f"committed {len(paths)} file(s) as {head}")


def merging(root: Path) -> bool:
    return run_git(root, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode == 0


def unmerged(root: Path) -> list[str]:
    done = run_git(root, "diff", "--name-only", "--diff-filter=U", "-z")
    return [p for p in done.stdout.split("\0") if p]


def stage_text(root: Path, stage: int, path: str) -> str:
    """The text of ``path`` at merge stage 1 (base), 2 (ours) or 3 (theirs); "" when absent."""
    done = run_git(root, "show", f":{stage}:{path}", check=False)
    return done.stdout if done.returncode == 0 else ""


def pull(root: Path, posts: set[str]) -> GitResult:
    """``git pull --no-rebase``; see the module's docstring for conflicts."""
    require_repo(root)
    if merging(root):
        raise InputError("a pull is already waiting for its conflicts to be resolved (deskeditor site status)")
    done = run_git(root, "pull", "--no-rebase", "--no-edit", check=False)
    if done.returncode == 0:
        return GitResult(True, _first_line(done) if done.stdout.strip() else "up to date")
    if not merging(root):
        if "would be overwritten" in (done.stderr or ""):
            raise InputError("git pull stopped: posts changed here are not committed yet; "
                             "commit them first (deskeditor site commit)")
        raise InputError(f"git pull failed: {_first_line(done)}")
    left = unmerged(root)
    others = [p for p in left if p not in posts]
    if others or not left:
        run_git(root, "merge", "--abort", check=False)
        names = ", ".join(others[:3]) or "the merge"
        raise InputError(f"git pull stopped: {names} conflict(s) outside the posts; nothing was changed "
                         f"(resolve it with git)")
    return GitResult(False, f"{len(left)} post(s) changed on both sides overlap; resolve them", left)


def finish_merge(root: Path) -> str:
    """Commit the pull's merge once nothing is unmerged ("" while something is)."""
    if not merging(root) or unmerged(root):
        return ""
    run_git(root, "commit", "--no-edit")
    return run_git(root, "rev-parse", "--short", "HEAD").stdout.strip()


def push(root: Path) -> GitResult:
    require_repo(root)
    done = run_git(root, "push", check=False)
    if done.returncode == 0:
        return GitResult(True, "pushed")
    text = (done.stderr or "") + (done.stdout or "")
    if "rejected" in text or "fetch first" in text or "non-fast-forward" in text:
        raise InputError("push refused: the remote has changes this site has not pulled; "
                         "run deskeditor site pull first")
    raise InputError(f"git push failed: {_first_line(done)}")
