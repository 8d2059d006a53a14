"""deskeditor installed as an application, outside the checkout: the sdist and
the wheel built from it carry the resources, and the CLI and the window run
from a fresh virtual environment on the sample post.

To stay fast and work offline, the build uses this environment's setuptools
(``--no-build-isolation``) and the fresh venv gets no copies of the
dependencies: the wheel goes in with ``--no-deps``, and a ``.pth`` file appends
this environment's site-packages, after the venv's own. (A ``.pth`` in that
appended folder is not processed, so the editable install living there cannot
leak the checkout in; the tests also check where deskeditor was imported from.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "russia-ukraine-ceasefire.txt"
APP_ID = "io.github.deskeditor.Deskeditor"

pytestmark = pytest.mark.slow


def _run(argv, **kw) -> subprocess.CompletedProcess:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300, **kw)
    assert done.returncode == 0, f"{argv}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("package")
    clean = _env({"home": work / "home"})  # nothing of the checkout on sys.path (PYTHONPATH=src ...)
    tree = work / "tree"  # a copy: building writes build/ and *.egg-info beside the sources
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    tree.mkdir()
    for top in ROOT.iterdir():  # pyproject.toml, setup.py, README.md, any licence file ...
        if top.is_file() and not top.name.startswith("."):
            shutil.copy2(top, tree / top.name)
    for name in ("src", "resources"):
        shutil.copytree(ROOT / name, tree / name, ignore=ignore)
    dist = work / "dist"
    _run([sys.executable, "-c", "import sys; from setuptools import build_meta as b; b.build_sdist(sys.argv[1])",
          str(dist)], cwd=tree, env=clean)
    sdist = next(dist.glob("deskeditor-*.tar.gz"))
    _run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "--no-index",
          "--disable-pip-version-check", "-q", "-w", str(dist), str(sdist)], cwd=work, env=clean)
    wheel = next(dist.glob("deskeditor-*.whl"))
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], env=clean, cwd=work)
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
          "--disable-pip-version-check", "-q", str(wheel)], env=clean, cwd=work)
    # only now the dependencies: pip would take the editable deskeditor in there for this one
    purelib = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                        env=clean, cwd=work).stdout.strip())
    (purelib / "deskeditor-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return {"sdist": sdist, "wheel": wheel, "venv": venv, "python": python, "purelib": purelib,
            "home": work / "home"}


def _env(built, **extra) -> dict[str, str]:
    """The user's environment without anything that points into the checkout."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "DESKEDITOR_RESOURCES", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(DESKEDITOR_DB=str(built["home"] / "deskeditor.db"), XDG_DATA_HOME=str(built["home"] / "share"),
               DESKEDITOR_CONFIG_DIR=str(built["home"] / "config"), **extra)
    return env


def test_the_sdist_and_the_wheel_carry_the_resources(built):
    import tarfile
    import zipfile

    shipped = sorted(str(p.relative_to(ROOT / "resources")) for p in (ROOT / "resources").rglob("*") if p.is_file())
    with zipfile.ZipFile(built["wheel"]) as whl:
        in_wheel = {n.removeprefix("deskeditor/assets/") for n in whl.namelist() if n.startswith("deskeditor/assets/")}
    with tarfile.open(built["sdist"]) as tar:
        in_sdist = {n.split("/resources/", 1)[1] for n in tar.getnames() if "/resources/" in n}
    assert shipped and set(shipped) <= in_wheel and set(shipped) <= in_sdist
    assert f"icons/hicolor/256x256/apps/{APP_ID}.png" in in_wheel and f"desktop/{APP_ID}.desktop" in in_wheel


CHECK_RESOURCES = r"""
import json, sys
from importlib import resources
import deskeditor, deskeditor.resources
from deskeditor.core.citations.style import _load_style
from deskeditor.core.export.html import article_css
assets = resources.files("deskeditor") / "assets"
wanted = ["css/article.css", "fonts/liberation-sans-regular.json", "csl/apa.csl", "csl/chicago-author-date.csl",
          "preview/page.html", "preview/patch.js", "desktop/io.github.deskeditor.Deskeditor.desktop",
          "icons/hicolor/scalable/apps/io.github.deskeditor.Deskeditor.svg"]
print(json.dumps({"package": deskeditor.__file__, "root": str(deskeditor.resources.root()),
                  "found": {w: (assets / w).is_file() for w in wanted},
                  "css": "body" in article_css(), "apa": _load_style("apa") is not None}))
"""


def test_importlib_resources_finds_css_fonts_styles_and_the_preview_page(built, tmp_path):
    out = json.loads(_run([str(built["python"]), "-c", CHECK_RESOURCES], env=_env(built), cwd=tmp_path).stdout)
    assert out["package"].startswith(str(built["venv"])), out["package"]  # not the checkout
    assert out["root"].startswith(str(built["venv"])), out["root"]
    assert all(out["found"].values()), out["found"]
    assert out["css"] and out["apa"]


def test_the_installed_cli_lints_and_renders_the_sample(built, tmp_path):
    deskeditor = str(built["venv"] / "bin" / "deskeditor")
    lint = subprocess.run([deskeditor, "lint", str(SAMPLE), "--skip", "grammar", "--format", "json"],
                          env=_env(built), cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert lint.returncode in (0, 1), lint.stderr  # 1: the sample has lint errors
    report = json.loads(lint.stdout)
    assert report["notes"] == [], report["notes"]  # no engine gave up (the fonts' metrics were missing)
    assert {"seo", "readability", "citations"} <= {f["engine"] for f in report["findings"]}
    assert report["scores"]["seo_title_width_px"] > 0
    render = _run([deskeditor, "render", str(SAMPLE)], env=_env(built), cwd=tmp_path)
    assert "<h2" in render.stdout and "Russia-Ukraine" in render.stdout


WINDOW_ICON = r"""
import json
from deskeditor.gui.app import make_application
app = make_application()
print(json.dumps({"desktop_file": app.desktopFileName(),
                  "sizes": sorted(s.width() for s in app.windowIcon().availableSizes())}))
"""


def test_the_installed_window_opens_with_its_icon(built, tmp_path):
    env = _env(built, QT_QPA_PLATFORM="offscreen", DESKEDITOR_GRAMMAR="0", DESKEDITOR_EXIT_AFTER_PAINT="1")
    done = _run([str(built["venv"] / "bin" / "deskeditor"), "gui"], env=env, cwd=tmp_path)
    assert any(line.startswith("first-paint ") for line in done.stdout.splitlines()), done.stderr[-2000:]
    icon = json.loads(_run([str(built["python"]), "-c", WINDOW_ICON], env=env, cwd=tmp_path).stdout)
    assert icon == {"desktop_file": APP_ID, "sizes": [16, 24, 32, 48, 64, 128, 256]}


def test_install_desktop_files_from_the_wheel_points_the_entry_at_its_launcher(built, tmp_path):
    data = tmp_path / "share"
    _run([str(built["venv"] / "bin" / "deskeditor"), "install-desktop-files", "--data-dir", str(data)],
         env=_env(built), cwd=tmp_path)
    entry = (data / "applications" / f"{APP_ID}.desktop").read_text()
    assert f"Exec={built['venv']}/bin/deskeditor gui\n" in entry
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
