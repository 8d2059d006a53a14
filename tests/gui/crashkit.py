"""The crash kit: kill the real app at chosen moments and check what survived.

Shared by tests/gui/test_crash_safety.py and bench/robustness.py. Run as a
script it is the *driver*: a real deskeditor window (or, for a migration, the
store opening) in a subprocess that prints what it does, one event a line::

    typed <t> <n>                 the n-th character was typed (QTest key clicks)
    save-begin <t> <chars>        the save thread starts writing a text
    save-end <t> <ok> <chars>     ... and has written it (or failed)
    open-begin <t> / open-end <t> Store.open (a schema migration) starts / ends

``<t>`` is ``time.monotonic()``, the same clock in every process. The parent
side (``run_moment``) starts a driver, kills it with SIGKILL at the planned
moment, reopens the database and checks it: ``PRAGMA integrity_check``, the
full-text index's own check, nothing typed more than two seconds before the
kill lost, a draft's text always one whole saved text (never a mix) equal to
its newest revision, a migration either not begun or complete.

Moments come from ``plan(seed)``: the seed is in each moment's label, so a
failure is reproduced with DESKEDITOR_CRASH_SEED=<seed>.
"""

from __future__ import annotations

import functools
import hashlib
import os
import queue
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("DESKEDITOR_CRASH_SEED", "8"))
KINDS = {"typing": 11, "save": 3, "migration": 3, "restore": 3}  # 20 kills
BASE = "# Diary\n\nToday I wrote:\n\n"
ALPHABET = "the quick brown fox jumps over a lazy dog "
TYPE_INTERVAL_MS = 40
SAFE_S = 2.0  # what was typed this long before the kill must be stored
BIG = 5_000_000  # characters of the big drafts (save and restore moments)
OLD_DRAFTS, OLD_SIZE = 8, 1_500_000  # the database an old schema version holds
TIMEOUT_S = 60.0  # a driver that shows no progress for this long has hung
WORDS = ("ceasefire talks resumed in the capital after a night of shelling while envoys from both sides "
         "met again under a mediator who said the outline of an agreement was within reach but that "
         "prisoners energy corridors and the line of contact remained open questions for the leaders").split()


def typed_text(n: int) -> str:
    return "".join(ALPHABET[i % len(ALPHABET)] for i in range(n))


@functools.lru_cache(maxsize=16)
def big_text(size: int, seed: int, title: str = "Big draft") -> str:
    """A Markdown draft of about ``size`` characters: paragraphs of one
    ~1,000-character line each (the editor lays such lines out quickly)."""
    rng = random.Random(seed)
    out, n = [f"# {title} {seed}\n\n"], 0
    while n < size:
        para = " ".join(rng.choice(WORDS) for _ in range(160)).capitalize() + ".\n\n"
        out.append(para)
        n += len(para)
    return "".join(out)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# -- the moments ------------------------------------------------------------------------

@dataclass(frozen=True)
class Moment:
    kind: str  # typing | save | migration | restore
    number: int  # among the moments of its kind
    seed: int
    at: float  # typing: seconds of typing; save, restore, migration: fraction of the operation

    @property
    def label(self) -> str:
        where = {"typing": f"after {self.at:.2f} s of typing",
                 "save": f"{self.at:.0%} into an autosave of a 5 MB draft",
                 "restore": f"{self.at:.0%} into the restore of a 5 MB revision",
                 "migration": f"{self.at:.0%} into opening with a schema migration"}[self.kind]
        return f"{self.kind}-{self.number} ({where}; seed {self.seed})"


def plan(seed: int = SEED, kinds: dict[str, int] | None = None) -> list[Moment]:
    """The kill moments, the same for the same seed. Half the typing moments
    come after more than two seconds of typing, so the two-second rule bites.
    A fraction is of the time the operation takes unkilled (measured when the
    seed database was made; in the busier app it takes longer)."""
    rng = random.Random(seed)
    out = []
    for kind, count in (kinds or KINDS).items():
        for i in range(count):
            if kind == "typing":
                at = rng.uniform(2.2, 3.2) if i % 2 else rng.uniform(0.3, 2.0)
            elif kind == "migration":
                at = rng.uniform(0.05, 0.85)
            else:
                at = rng.uniform(0.05, 0.9)
            out.append(Moment(kind, i, seed, round(at, 2)))
    return out


# -- a schema with one more version (the "old" database is at the current one) ----------

def _v_next_word_counts(db) -> None:
    """A slow test migration: a new column filled from every draft's text (the
    full-text index is rewritten by its triggers as each row changes)."""
    from deskeditor.core.store import count_words

    db.conn.create_function("deskeditor_words", 1, count_words, deterministic=True)
    db.conn.execute("ALTER TABLE drafts ADD COLUMN words INTEGER NOT NULL DEFAULT 0")
    db.conn.execute("UPDATE drafts SET words = deskeditor_words(body)")


def migrations_with_one_more() -> list:
    """The schema's migrations and one more (``_v_next_word_counts``)."""
    from deskeditor.core.store import database

    return [*database.MIGRATIONS, _v_next_word_counts]




# -- seeded databases ------------------------------------------------------------------

class Seeds:
    """The databases each kind of moment starts from, built once and copied."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def copy(self, kind: str, target: Path) -> Path:
        with self._lock:
            src = self.folder / f"{kind}.db"
            if not src.exists():
                getattr(self, f"_make_{kind}")(src)
        shutil.copyfile(src, target)
        return target

    def _make_typing(self, path: Path) -> None:
        from deskeditor.core.store import Store

        with Store.open(path) as s:
            s.drafts.create(BASE)

    def _make_save(self, path: Path) -> None:
        from deskeditor.core.store import Store

        text = big_text(BIG, 1)
        with Store.open(path) as s:
            began = time.monotonic()
            s.drafts.create(text)  # writes what a save writes
            self._took("save", time.monotonic() - began)

    def _make_restore(self, path: Path) -> None:
        from deskeditor.core.store import Store

        a, b = big_text(BIG, 1), big_text(BIG, 2)
        with Store.open(path) as s:
            d = s.drafts.create("# Small start\n")
            s.drafts.save(d.id, a, note="saved")  # revision 2
            began = time.monotonic()
            s.drafts.save(d.id, b, note="saved")  # revision 3, the current text
            self._took("restore", time.monotonic() - began)

    def _took(self, kind: str, seconds: float) -> None:
        (self.folder / f"{kind}.seconds").write_text(f"{seconds}")

    def seconds(self, kind: str) -> float:
        """How long the operation of ``kind`` took here, unkilled."""
        return float((self.folder / f"{kind}.seconds").read_text())

    def _make_migration(self, path: Path) -> None:
        from deskeditor.core.store import Store

        with Store.open(path) as s:
            for i in range(OLD_DRAFTS):
                s.drafts.create(big_text(OLD_SIZE, 100 + i))
        trial = path.with_name("migration-trial.db")
        shutil.copyfile(path, trial)
        began = time.monotonic()
        Store.open(trial, migrations=migrations_with_one_more()).close()  # it works, and this is how long it takes
        self._took("migration", time.monotonic() - began)
        shutil.rmtree(trial.with_name(trial.name + ".backups"), ignore_errors=True)
        trial.unlink()


# -- a driver process --------------------------------------------------------------------

@dataclass
class Event:
    name: str
    t: float
    args: list[str]


class Driver:
    """A driver subprocess and its events (read by a thread, so waits can time out)."""

    def __init__(self, mode: str, *args: str, workdir: Path) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), QT_QPA_PLATFORM="offscreen",
                   DESKEDITOR_NO_WEBENGINE="1")  # the preview plays no part in saving
        self.stderr_path = workdir / f"driver-{mode}.err"
        self._err = open(self.stderr_path, "w")
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), mode, *args], env=env,
                                     stdout=subprocess.PIPE, stderr=self._err, text=True)
        self.events: list[Event] = []
        self._q: "queue.Queue[Event | None]" = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.killed_at: float | None = None

    def _read(self) -> None:
        for line in self.proc.stdout:
            parts = line.split()
            if len(parts) >= 2:
                try:
                    self._q.put(Event(parts[0], float(parts[1]), parts[2:]))
                except ValueError:
                    pass
        self._q.put(None)

    def next(self, timeout: float) -> Event | None:
        """The next event, or None at the end of output or after ``timeout`` s."""
        try:
            ev = self._q.get(timeout=max(0.0, timeout))
        except queue.Empty:
            return None
        if ev is not None:
            self.events.append(ev)
        return ev

    def kill(self) -> float:
        self.proc.send_signal(signal.SIGKILL)
        self.killed_at = time.monotonic()
        return self.killed_at

    def finish(self) -> None:
        """Kill (if still running), reap, and collect the events still in the pipe."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(20)
        self._reader.join(20)
        while True:
            try:
                ev = self._q.get_nowait()
            except queue.Empty:
                break
            if ev is not None:
                self.events.append(ev)
        self._err.close()

    def stderr_tail(self, n: int = 1500) -> str:
        try:
            return self.stderr_path.read_text(errors="replace")[-n:]
        except OSError:
            return ""


# -- outcomes ----------------------------------------------------------------------------

@dataclass
class Outcome:
    moment: Moment
    hit: bool = False  # the kill landed inside the operation aimed at
    where: str = ""  # what was under way when the kill came
    lost: int = 0  # characters (typing) or texts (save, restore, migration) lost
    integrity_failures: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def survived(self) -> bool:
        return not self.problems and self.lost == 0 and self.integrity_failures == 0

    def line(self) -> str:
        verdict = "ok" if self.survived else "FAILED: " + "; ".join(self.problems)
        return f"{self.moment.label}: killed {self.where}; lost {self.lost}; {verdict}"


def integrity_problems(path: Path) -> list[str]:
    """What SQLite's full integrity check and the FTS index's own check report."""
    conn = sqlite3.connect(path)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        out = [] if rows == ["ok"] else [f"integrity_check: {'; '.join(rows[:5])}"]
        try:
            conn.execute("INSERT INTO drafts_fts(drafts_fts) VALUES('integrity-check')")
        except sqlite3.DatabaseError as exc:
            out.append(f"full-text index: {exc}")
        return out
    finally:
        conn.close()


def revisions_problems(store, draft_id: int, is_whole: Callable[[str], bool]) -> list[str]:
    """Every revision must be one whole saved text; the newest must be the draft's text."""
    out = []
    history = store.drafts.history(draft_id)
    numbers = sorted(r.number for r in history)
    if numbers != list(range(1, len(numbers) + 1)):
        out.append(f"revision numbers are not 1..n: {numbers}")
    for r in history:
        try:
            text = store.drafts.revision_text(draft_id, r.number)
        except Exception as exc:  # a broken zlib stream, ...
            out.append(f"revision {r.number} cannot be read: {exc}")
            continue
        if not is_whole(text):
            out.append(f"revision {r.number} is not a whole saved text ({len(text):,} chars)")
    if history:
        body = store.drafts.get(draft_id).body
        if store.drafts.revision_text(draft_id, history[0].number) != body:
            out.append("the newest revision differs from the draft's text")
    return out


def typed_onto(base: str) -> Callable[[str], bool]:
    """Is a text ``base`` followed by the first k characters typed, for some k?"""
    return lambda text: text.startswith(base) and typed_text(len(text) - len(base)) == text[len(base):]


# -- one moment ----------------------------------------------------------------------------

def run_moment(moment: Moment, workdir: Path, seeds: Seeds) -> Outcome:
    workdir.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    outcome = {"typing": _typing, "save": _big_save, "restore": _big_save,
               "migration": _migration}[moment.kind](moment, workdir, seeds)
    outcome.seconds = time.monotonic() - began
    return outcome


def _typing(moment: Moment, workdir: Path, seeds: Seeds) -> Outcome:
    from deskeditor.core.store import Store

    out = Outcome(moment)
    db = seeds.copy("typing", workdir / "crash.db")
    drv = Driver("typing", str(db), str(workdir / "w.ini"), str(TYPE_INTERVAL_MS), workdir=workdir)
    stamps: list[float] = []
    try:
        while True:
            ev = drv.next(TIMEOUT_S)
            if ev is None:
                out.problems.append(f"the app stopped or hung before the kill: {drv.stderr_tail()}")
                return out
            if ev.name == "typed":
                stamps.append(ev.t)
                if ev.t - stamps[0] >= moment.at:
                    break
        killed_at = drv.kill()
    finally:
        drv.finish()
    out.hit, out.where = True, f"while typing (character {len(stamps)})"
    out.integrity_failures = len(problems := integrity_problems(db))
    out.problems += problems
    safe = sum(1 for t in stamps if t <= killed_at - SAFE_S)
    with Store.open(db) as store:
        if store.read_only:
            out.problems.append(f"reopened read-only: {store.problem}")
        body = store.drafts.get(1).body
        out.problems += revisions_problems(store, 1, typed_onto(BASE))
    saved = body[len(BASE):] if body.startswith(BASE) else None
    if saved is None or not typed_text(len(stamps)).startswith(saved):
        out.problems.append("the stored text is not what was typed")
        out.lost = safe
    else:
        out.lost = max(0, safe - len(saved))
        if out.lost:
            out.problems.append(f"lost {out.lost} characters typed more than {SAFE_S:g} s before the kill")
    return out


def _big_save(moment: Moment, workdir: Path, seeds: Seeds) -> Outcome:
    """Kill while a 5 MB text is being saved: by autosave while typing
    ("save"), or as a restored revision ("restore"). The kill comes
    ``moment.at`` of the unkilled save time after a save begins; if that save
    ends sooner, the next one is aimed at, earlier."""
    from deskeditor.core.store import Store

    out = Outcome(moment)
    db = seeds.copy(moment.kind, workdir / "crash.db")
    unkilled = seeds.seconds(moment.kind)
    drv = Driver(moment.kind, str(db), str(workdir / "w.ini"), str(TYPE_INTERVAL_MS), workdir=workdir)
    typed = 0
    begun: Event | None = None
    frac = moment.at
    try:
        while True:
            if begun is not None:  # aiming: give the save frac of its time to end
                ev = drv.next(begun.t + frac * unkilled - time.monotonic())
                if ev is None and drv.proc.poll() is None:
                    break  # still saving: this is the moment
            else:
                ev = drv.next(TIMEOUT_S)
            if ev is None:
                out.problems.append(f"the app stopped or hung before the kill: {drv.stderr_tail()}")
                return out
            if ev.name == "typed":
                typed = int(ev.args[0])
            elif ev.name == "save-begin":
                begun = ev
            elif ev.name == "save-end" and begun is not None:
                begun, frac = None, frac / 2  # it ended before the moment: aim earlier at the next
                if frac < 0.01:
                    out.problems.append("could not land a kill inside a save")
                    return out
        drv.kill()
    finally:
        drv.finish()
    out.hit = not [e for e in drv.events if e.name == "save-end" and begun.t < e.t <= drv.killed_at]
    out.where = (f"{drv.killed_at - begun.t:.2f} s into saving {int(begun.args[0]):,} characters"
                 f" (unkilled it takes {unkilled:.2f} s)")
    out.integrity_failures = len(problems := integrity_problems(db))
    out.problems += problems
    if moment.kind == "save":
        is_whole = typed_onto(big_text(BIG, 1))
    else:
        whole = {digest(t) for t in ("# Small start\n", big_text(BIG, 1), big_text(BIG, 2))}
        is_whole = lambda text: digest(text) in whole  # noqa: E731
    with Store.open(db) as store:
        if store.read_only:
            out.problems.append(f"reopened read-only: {store.problem}")
        body = store.drafts.get(1).body
        if not is_whole(body):
            out.lost = 1
            out.problems.append(f"the draft's text is neither the old nor the new text ({len(body):,} chars)")
        out.problems += revisions_problems(store, 1, is_whole)
    return out


def _migration(moment: Moment, workdir: Path, seeds: Seeds) -> Outcome:
    from deskeditor.core.store import Store, count_words, database

    out = Outcome(moment)
    db = seeds.copy("migration", workdir / "old.db")
    expected = seeds.seconds("migration")
    drv = Driver("migrate", str(db), workdir=workdir)
    try:
        ev = drv.next(TIMEOUT_S)
        if ev is None or ev.name != "open-begin":
            out.problems.append(f"the driver did not start: {drv.stderr_tail()}")
            return out
        done = drv.next(ev.t + moment.at * expected - time.monotonic())
        if done is not None:
            out.where = "after the migration had finished"
            out.problems.append("the migration ended before the kill")
            return out
        killed_at = drv.kill()
    finally:
        drv.finish()
    out.hit = True
    folder = database.backup_dir(db)
    backed_up = list(folder.glob("*-before-migration.db")) if folder.exists() else []
    version = sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0]
    phase = ("during the backup" if not backed_up else
             "during the migration" if version == database.SCHEMA_VERSION else "after its commit")
    out.where = f"{killed_at - ev.t:.2f} s into opening ({phase}; unkilled it takes {expected:.2f} s)"
    out.integrity_failures = len(problems := integrity_problems(db))
    out.problems += problems
    for b in backed_up:  # a backup is whole and at the old version
        bad = integrity_problems(b)
        conn = sqlite3.connect(b)
        if conn.execute("PRAGMA user_version").fetchone()[0] != database.SCHEMA_VERSION:
            bad.append("it is not at the old schema version")
        conn.close()
        out.problems += [f"backup {b.name}: {p}" for p in bad]
    with Store.open(db, migrations=migrations_with_one_more()) as store:  # the next start migrates
        if store.read_only:
            out.problems.append(f"reopened read-only: {store.problem}")
        if store.conn.execute("PRAGMA user_version").fetchone()[0] != database.SCHEMA_VERSION + 1:
            out.problems.append("the schema is not migrated on reopening")
        for i in range(OLD_DRAFTS):
            row = store.conn.execute("SELECT body, words FROM drafts WHERE id = ?", (i + 1,)).fetchone()
            text = big_text(OLD_SIZE, 100 + i)
            if row is None or row[0] != text:
                out.lost += 1
                out.problems.append(f"draft {i + 1} is not intact")
            elif row[1] != count_words(text):
                out.problems.append(f"draft {i + 1} has a wrong word count after the migration")
            out.problems += revisions_problems(store, i + 1, lambda t, text=text: t == text)
    out.integrity_failures += len(after := integrity_problems(db))
    out.problems += [f"after reopening: {p}" for p in after]
    return out


# -- hostile drafts in the real window ----------------------------------------------------

def hostile_drafts(scale: float = 1.0) -> dict[str, str]:
    """The hostile drafts of issue 8: full size at ``scale`` 1, smaller below."""

    def n(full: int) -> int:
        return max(2, int(full * scale))

    return {
        "5 MB single line": "word " * n(1_000_000),
        "10,000-row table": "| a | b |\n|---|---|\n" + "".join(f"| {i} | cell {i} |\n" for i in range(n(10_000))),
        "100,000 links": " ".join(f"[l{i}](http://e.com/{i})" for i in range(n(100_000))) + "\n",
        # 4,990 levels: the deepest line stays under the editor's long-line limit
        "nested lists (4,990 levels)": "".join("  " * i + "- x\n" for i in range(n(4_990))),
        "nested quotes (5,000 levels)": ">" * n(5_000) + " deep\n",
        "control characters": "".join(chr(i) for i in range(1, 32)) * n(2_000) + "\n",
        "bidi overrides": "abc \u202e def \u202d ghi \u2066x\u2069 jkl\n" * n(5_000),
        "NUL bytes": "a\x00b\x00 c.\n" * n(20_000),
    }


@dataclass
class HostileResult:
    name: str
    chars: int
    longest_stall_ms: float = 0.0  # the longest the GUI thread did not answer its 10 ms timer
    stall_during: str = ""  # open, typing or waiting (for lint and preview)
    stall_by_phase: dict[str, float] = field(default_factory=dict)  # ms
    # the same, less the time the GUI thread was ready to run but the machine ran
    # others (its run-queue wait, /proc/thread-self/schedstat): what the app caused
    own_stall_by_phase: dict[str, float] = field(default_factory=dict)  # ms
    held: bool = False  # the window held the draft back (a line too long) and broke its lines
    lint_done: bool = False
    lint_notes: list[str] = field(default_factory=list)
    preview_done: bool = False
    preview_error: str = ""
    saved: bool = False  # the text in the editor reached the database
    typed_ok: bool = False
    seconds: float = 0.0

    def line(self) -> str:
        notes = f"; notes: {' | '.join(self.lint_notes)}" if self.lint_notes else ""
        return (f"{self.name:<30} {self.chars:>11,} chars  longest freeze {self.longest_stall_ms:8.1f} ms "
                f"({self.stall_during})  lint {'done' if self.lint_done else 'NOT DONE'}"
                f"  preview {'done' if self.preview_done else 'NOT DONE ' + self.preview_error}"
                f"  saved {'yes' if self.saved else 'NO'}{'  (long lines broken)' if self.held else ''}"
                f"  {self.seconds:.1f} s{notes}")


OPEN, TYPING, WAITING = "open", "typing", "waiting for lint and preview"


def _runqueue_wait_s() -> float | None:
    """How long the calling thread has waited, ready to run, for a CPU (Linux)."""
    try:
        with open("/proc/thread-self/schedstat") as fh:
            return int(fh.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return None


class StallMeter:
    """The longest gap between two ticks of a 10 ms timer on the GUI thread,
    and what was going on then (``phase``). ``own_by_phase`` leaves out the
    part of each gap the thread spent waiting for a CPU that other processes
    had (a busy machine): what is left, the app caused (the GIL held by
    another thread, slow work on the GUI thread)."""

    def __init__(self, interval_ms: int = 10) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.phase = ""
        self.longest = 0.0
        self.longest_phase = ""
        self.by_phase: dict[str, float] = {}  # the longest gap (s) in each phase
        self.own_by_phase: dict[str, float] = {}  # the same without the run-queue wait
        self._last = 0.0
        self._waited = _runqueue_wait_s()

    def start(self, phase: str) -> None:
        self.phase = phase
        self._last = time.perf_counter()
        self._waited = _runqueue_wait_s()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        waited = _runqueue_wait_s()
        gap = now - self._last
        if gap > self.longest:
            self.longest, self.longest_phase = gap, self.phase
        self.by_phase[self.phase] = max(gap, self.by_phase.get(self.phase, 0.0))
        own = gap - (waited - self._waited if waited is not None and self._waited is not None else 0.0)
        self.own_by_phase[self.phase] = max(own, self.own_by_phase.get(self.phase, 0.0))
        self._last, self._waited = now, waited

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.longest * 1000


def spin_until(predicate: Callable[[], bool], timeout_s: float) -> bool:
    """Run the event loop until ``predicate()`` or ``timeout_s``."""
    from PySide6.QtTest import QTest

    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        if predicate():
            return True
        QTest.qWait(20)
    return predicate()


def exercise_hostile(window, store, name: str, text: str, *, keys: str = "xyz",
                     timeout_s: float = 180.0) -> HostileResult:
    """Open ``text`` as a draft in ``window``, type ``keys`` at its end, and
    wait for lint and preview to finish and the text to be saved, measuring
    the GUI thread's longest stall all along."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from deskeditor.gui.session.autosave import SaveState

    result = HostileResult(name, len(text))
    draft_id = store.drafts.create(text, title=f"Hostile: {name}").id
    reports: list[int] = []
    window.session.lint.reportReady.connect(lambda r: reports.append(window.editor.version))
    meter = StallMeter()
    began = time.monotonic()
    meter.start(OPEN)
    QTimer.singleShot(0, lambda: window.session.open_draft(draft_id))
    spin_until(lambda: window.session.draft is not None and window.session.draft.id == draft_id, 60)
    broken = window.banner.button("Break Long Lines")
    if broken is not None and window.editor.isReadOnly():
        result.held = True
        QTimer.singleShot(0, broken.click)
        spin_until(lambda: not window.editor.isReadOnly(), 60)
    spin_until(lambda: False, 0.3)
    meter.phase = TYPING
    e = window.editor
    e.moveCursor(QTextCursor.End)
    e.setFocus()
    for ch in keys:
        QTest.keyClicks(e, ch)
        spin_until(lambda: False, 0.05)
    meter.phase = WAITING
    ps = window.session.preview_sync

    def finished() -> bool:
        lint = bool(reports) and reports[-1] == e.version and not window.session.lint.worker.busy
        preview = ps.shown_version == e.version or bool(ps.last_error)
        return lint and preview and window.session.save_state is SaveState.SAVED

    spin_until(finished, timeout_s)
    result.longest_stall_ms = meter.stop()
    result.stall_during = meter.longest_phase
    result.stall_by_phase = {k: v * 1000 for k, v in meter.by_phase.items()}
    result.own_stall_by_phase = {k: v * 1000 for k, v in meter.own_by_phase.items()}
    result.seconds = time.monotonic() - began
    result.lint_done = bool(reports) and reports[-1] == e.version
    result.lint_notes = list(window.session.lint.report.notes) if window.session.lint.report is not None else []
    result.preview_done = ps.shown_version == e.version
    result.preview_error = ps.last_error
    result.typed_ok = e.text().endswith(keys)
    stored = store.drafts.get(draft_id).body
    result.saved = window.session.save_state is SaveState.SAVED and stored == e.text()
    return result


# -- the driver (run as a script) ----------------------------------------------------------

_print_lock = threading.Lock()


def emit(name: str, *args) -> None:
    line = " ".join([name, f"{time.monotonic():.6f}", *map(str, args)]) + "\n"
    with _print_lock:
        sys.stdout.write(line)
        sys.stdout.flush()


def _window(db: str, config: str):
    from deskeditor.core.store import Store
    from deskeditor.gui.app import make_application
    from deskeditor.gui.window.main_window import MainWindow
    from deskeditor.gui.window.settings import WindowSettings

    app = make_application()
    store = Store.open(db)
    w = MainWindow(store, WindowSettings(config, "crash"), grammar=False)
    w.show()
    worker = w.session.save_worker
    plain_save = worker._save  # runs in the save thread

    def traced(job):
        emit("save-begin", len(job.text))
        result = plain_save(job)
        emit("save-end", int(result.ok), len(job.text))
        return result

    worker._save = traced
    return app, w


def _type_steadily(w, interval_ms: int):
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    count = [0]

    def type_one() -> None:
        e = w.editor
        if not count[0]:
            e.moveCursor(e.textCursor().MoveOperation.End)
            e.setFocus()
        QTest.keyClicks(e, ALPHABET[count[0] % len(ALPHABET)])
        count[0] += 1
        emit("typed", count[0])

    timer = QTimer()
    timer.timeout.connect(type_one)
    QTimer.singleShot(300, lambda: timer.start(interval_ms))
    return timer


def _restore_back_and_forth(w):
    from PySide6.QtCore import QTimer

    turn = [0]

    def restore_next(*_args) -> None:
        turn[0] += 1
        w.session.restore_revision(2 if turn[0] % 2 else 3)  # revisions 2 and 3: the two big texts

    w.session.autosaver.saved.connect(lambda *_: QTimer.singleShot(0, restore_next))
    QTimer.singleShot(300, restore_next)


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "migrate":
        from deskeditor.core.store import Store

        emit("open-begin")
        Store.open(argv[1], migrations=migrations_with_one_more()).close()
        emit("open-end")
        return 0
    app, w = _window(argv[1], argv[2])
    keep = None
    if mode in ("typing", "save"):
        keep = _type_steadily(w, int(argv[3]))
    elif mode == "restore":
        _restore_back_and_forth(w)
    else:
        raise SystemExit(f"unknown mode {mode}")
    app.exec()
    del keep
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
