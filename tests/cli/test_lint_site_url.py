"""``deskeditor lint --site-url`` and the stored ``site_url`` setting, run as
users run them: a subprocess on a real database file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from deskeditor.core.store import Store

PAPER = Path(__file__).resolve().parents[1] / "data" / "yoast" / "home-office.md"


def lint(*args, db) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    proc = subprocess.run([sys.executable, "-m", "deskeditor", "--db", str(db), "lint", *args,
                           "--skip", "grammar", "--skip", "citations", "--format", "json"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_site_url_option_then_setting_tell_internal_links(tmp_path):
    db = tmp_path / "cli.db"
    Store.open(db).close()
    assert lint(str(PAPER), db=db)["stats"]["links_internal"] == 0
    assert lint(str(PAPER), "--site-url", "https://homes.example", db=db)["stats"]["links_internal"] == 1
    store = Store.open(db)
    store.settings.set("site_url", "https://www.osha.gov")
    store.close()
    report = lint(str(PAPER), db=db)
    assert report["stats"]["links_internal"] == 1 and report["stats"]["links_outbound"] == 1
    # the option wins over the setting
    report = lint(str(PAPER), "--site-url", "https://homes.example", db=db)
    internal = [f for f in report["findings"] if f["rule"] == "internal-links"][0]
    assert internal["rating"] == "good" and report["stats"]["links_internal"] == 1
    assert report["keyphrase"]["count"] == 2 and report["keyphrase"]["exact_count"] == 3
