"""Assemble a local LanguageTool server (English only) from Maven Central.

``deskeditor languagetool install`` lands here. A generated ``pom.xml`` names
``org.languagetool:languagetool-server`` (without ``language-all``, which would
pull every language) and ``org.languagetool:language-en``; Maven copies the
runtime classpath into ``<user cache>/languagetool/<version>/lib``. The work is
done in a temporary directory that is renamed into place; a marker file
(``installed.json``, written atomically) says an install is complete, so a
half-finished install is never mistaken for a good one and a finished one is
detected without touching the network.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from platformdirs import user_cache_dir

from ...errors import InputError

DEFAULT_VERSION = "6.8"
MARKER = "installed.json"
MIN_JAVA = 17  # LanguageTool 6.6 and later need Java 17
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1"
ENV_CACHE = "DESKEDITOR_LANGUAGETOOL_DIR"  # overrides <user cache>/languagetool
# The server's language identifier (CommonWordsDetector) looks up Spanish,
# Catalan and Portuguese when it initialises and refuses to start without them,
# so these three modules come along with English (their rules load lazily and
# cost no memory unless a text in those languages is checked).
LANGUAGES = ("en", "es", "ca", "pt")

Progress = Callable[[str], None]
Cancelled = Callable[[], bool]


class InstallCancelled(InputError):
    """The install was cancelled: nothing was installed and nothing is left behind."""


@dataclass(frozen=True)
class Installation:
    """A complete install: its version, classpath directory and facts."""

    version: str
    root: Path
    jars: int
    size: int  # bytes
    seconds: float

    @property
    def lib(self) -> Path:
        return self.root / "lib"

    @property
    def classpath(self) -> str:
        return str(self.lib / "*")


def cache_root() -> Path:
    """Where LanguageTool versions are installed, one directory each."""
    override = os.environ.get(ENV_CACHE)
    if override:
        return Path(override)
    return Path(user_cache_dir("deskeditor")) / "languagetool"


def install_dir(version: str = DEFAULT_VERSION, root: Path | None = None) -> Path:
    return (root or cache_root()) / version


def find_installation(version: str = DEFAULT_VERSION, root: Path | None = None) -> Installation | None:
    """The complete install of ``version``, or None (missing or unfinished)."""
    where = install_dir(version, root)
    try:
        info = json.loads((where / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (where / "lib").is_dir():
        return None
    return Installation(
        version=str(info.get("version", version)),
        root=where,
        jars=int(info.get("jars", 0)),
        size=int(info.get("size", 0)),
        seconds=float(info.get("seconds", 0.0)),
    )


def java_version(java: str = "java") -> tuple[int, str] | None:
    """(major version, first line of ``java -version``), or None without Java."""
    exe = shutil.which(java)
    if not exe:
        return None
    try:
        out = subprocess.run(
            [exe, "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = (out.stderr or out.stdout).strip()
    first = text.splitlines()[0] if text else ""
    return parse_java_major(first), first


def parse_java_major(line: str) -> int:
    """``openjdk version "17.0.15"`` -> 17; ``"1.8.0_392"`` -> 8; 0 if unknown."""
    m = re.search(r'version "(\d+)(?:\.(\d+))?', line) or re.search(r"\b(\d+)(?:\.(\d+))?", line)
    if not m:
        return 0
    major = int(m.group(1))
    if major == 1 and m.group(2):
        return int(m.group(2))
    return major


def require_java(java: str = "java") -> str:
    """The ``java -version`` line, or InputError with the fix."""
    found = java_version(java)
    if found is None:
        raise InputError(
            "Java is not installed; fix: install a Java 17+ runtime (e.g. apt-get install openjdk-17-jre-headless)"
        )
    major, line = found
    if major < MIN_JAVA:
        raise InputError(f"LanguageTool needs Java {MIN_JAVA}+, found {line!r}; fix: install Java {MIN_JAVA} or later")
    return line


def pom_xml(version: str) -> str:
    """A throw-away project whose runtime classpath is the English server."""
    modules = "\n".join(
        "    <dependency>\n"
        "      <groupId>org.languagetool</groupId>\n"
        f"      <artifactId>language-{code}</artifactId>\n"
        f"      <version>{version}</version>\n"
        "    </dependency>"
        for code in LANGUAGES
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>deskeditor</groupId>
  <artifactId>languagetool-en-server</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>languagetool-server</artifactId>
      <version>{version}</version>
      <exclusions>
        <exclusion>
          <groupId>org.languagetool</groupId>
          <artifactId>language-all</artifactId>
        </exclusion>
      </exclusions>
    </dependency>
{modules}
  </dependencies>
</project>
"""


def _mvn_command(pom: Path, lib: Path, repo: Path) -> list[str]:
    mvn = shutil.which("mvn")
    if not mvn:
        raise InputError("Maven (mvn) is not installed; fix: apt-get install maven, then run: deskeditor languagetool install")
    cmd = [
        mvn,
        "-B",
        "-f",
        str(pom),
        f"{DEPENDENCY_PLUGIN}:copy-dependencies",
        f"-DoutputDirectory={lib}",
        "-DincludeScope=runtime",
        "-Dmdep.useRepositoryLayout=false",
        f"-Dmaven.repo.local={repo}",
    ]
    return cmd


def _dir_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _stop_when_cancelled(proc: subprocess.Popen, cancelled: Cancelled, poll: float = 0.1) -> threading.Thread:
    """A watcher that ends ``proc`` (TERM, then KILL after 5 s) once ``cancelled()``
    says so: Maven may print nothing for a long while during a big download."""

    def watch() -> None:
        while proc.poll() is None:
            if cancelled():
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                return
            time.sleep(poll)

    thread = threading.Thread(target=watch, name="languagetool-install-cancel", daemon=True)
    thread.start()
    return thread


def _check_cancelled(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise InstallCancelled("LanguageTool install cancelled; nothing was installed")


def _run_maven(cmd: list[str], progress: Progress, log: Path, cancelled: Cancelled | None = None) -> None:
    """Run Maven, reporting each downloaded artifact; InputError on failure,
    InstallCancelled (Maven stopped) once ``cancelled()`` says so."""
    downloads = 0
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL
        )
        assert proc.stdout is not None
        watcher = _stop_when_cancelled(proc, cancelled) if cancelled is not None else None
        for line in proc.stdout:
            out.write(line)
            if cancelled is not None and cancelled():
                continue  # the watcher is stopping Maven: say no more
            m = re.search(r"Downloaded from \S+: (\S+)", line)
            if m and m.group(1).endswith(".jar"):
                downloads += 1
                progress(f"downloaded {downloads}: {m.group(1).rsplit('/', 1)[-1]}")
            elif "Copying " in line and line.rstrip().endswith(".jar"):
                progress(line.strip().replace("[INFO] ", ""))
        code = proc.wait()
        if watcher is not None:
            watcher.join()
    _check_cancelled(cancelled)
    if code != 0:
        tail = [ln.strip() for ln in log.read_text(encoding="utf-8", errors="replace").splitlines() if "[ERROR]" in ln]
        reason = tail[0].replace("[ERROR] ", "") if tail else f"mvn exited {code}"
        raise InputError(f"LanguageTool install failed: {reason[:200]}; fix: check Maven Central is reachable and retry")


def install(
    version: str = DEFAULT_VERSION,
    root: Path | None = None,
    progress: Progress | None = None,
    force: bool = False,
    cancelled: Cancelled | None = None,
) -> Installation:
    """Install LanguageTool ``version`` (English) unless already complete.

    Idempotent: returns at once when the marker is present (unless ``force``).
    ``cancelled()``, asked between steps and every 0.1 s while Maven runs, stops
    the install when it says True: Maven is ended, the partial directory
    removed, and ``InstallCancelled`` raised; a complete install is never
    undone.
    """
    say = progress or (lambda _msg: None)
    done = find_installation(version, root)
    if done and not force:
        say(f"LanguageTool {version} already installed in {done.root}")
        return done
    require_java()
    _check_cancelled(cancelled)
    final = install_dir(version, root)
    final.parent.mkdir(parents=True, exist_ok=True)
    with _install_lock(final.parent / f".{version}.lock"):
        done = find_installation(version, root)  # another process may have finished it
        if done and not force:
            say(f"LanguageTool {version} already installed in {done.root}")
            return done
        return _install_locked(version, final, say, cancelled)


@contextlib.contextmanager
def _install_lock(path: Path):
    """One install of a version at a time, across processes (POSIX)."""
    with open(path, "a") as fh:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows: no cross-process lock
            pass
        yield


def _install_locked(version: str, final: Path, say: Progress, cancelled: Cancelled | None = None) -> Installation:
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{version}.partial-"))
    try:
        pom = work / "pom.xml"
        pom.write_text(pom_xml(version), encoding="utf-8")
        lib = work / "lib"
        extra = ", ".join(LANGUAGES[1:])
        say(f"resolving LanguageTool {version} (server, English; {extra} only because its language identifier "
            f"will not start without them: English is the one checked) from Maven Central ...")
        # a private Maven repository, deleted afterwards, so the jars exist once
        # on disk (in lib/) unless DESKEDITOR_MAVEN_REPO names a shared one
        shared = os.environ.get("DESKEDITOR_MAVEN_REPO")
        repo = Path(shared) if shared else work / "m2"
        _check_cancelled(cancelled)
        _run_maven(_mvn_command(pom, lib, repo), say, work / "maven.log", cancelled)
        if not shared:
            shutil.rmtree(repo, ignore_errors=True)
        if not any(lib.glob("languagetool-server-*.jar")) or not any(lib.glob("language-en-*.jar")):
            raise InputError("LanguageTool install failed: server or English jar missing; fix: retry deskeditor languagetool install")
        jars, size = _dir_size(lib)
        _check_cancelled(cancelled)  # the last moment: after this, the install is complete
        seconds = time.monotonic() - started
        if final.exists():
            shutil.rmtree(final)
        os.replace(work, final)
        work = final
        marker = {"version": version, "jars": jars, "size": size, "seconds": round(seconds, 1)}
        _write_atomic(final / MARKER, json.dumps(marker, indent=2) + "\n")
        say(f"installed LanguageTool {version}: {jars} jars, {size / 2**20:.0f} MiB in {seconds:.0f} s, at {final}")
        return Installation(version, final, jars, size, seconds)
    finally:
        if work != final and work.exists():
            shutil.rmtree(work, ignore_errors=True)
