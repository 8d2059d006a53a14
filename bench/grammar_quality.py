"""Grammar precision and recall on the hand-checked evaluation posts.

Checks every post in ``tests/data/grammar-eval/`` with the real local
LanguageTool (default settings) and compares with ``expected.json``, where each
finding was judged by hand: ``real`` (a mistake an editor fixes), ``name`` (a
name or term, rightly only an info "unknown word") or ``wrong`` (a misfire).

Prints, per post and in total:

* precision: of the findings that claim a mistake (error or warning), the
  share judged real; also over every finding, infos included;
* recall: of the errors seeded on purpose, the share found (as an error or
  warning) inside their phrase;
* gate precision: of the errors (what blocks the publication gate), the share real.

A finding not in ``expected.json`` counts as wrong until someone judges it.
Targets: precision >= 80%, every seeded error found, gate precision >= 80%.

    PYTHONPATH=src .venv/bin/python bench/grammar_quality.py [--server URL]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from deskeditor.core.lint.grammar import GrammarEngine, GrammarSettings, LocalServer, RemoteServer  # noqa: E402

EVAL = ROOT / "tests" / "data" / "grammar-eval"


def score(name: str, source: str, findings, expected: dict) -> dict:
    judged = {(r["rule"], r["start"], r["end"]): r["verdict"] for r in expected["findings"].get(name, [])}
    verdicts = [(f, judged.get((f.rule, f.start, f.end), "wrong")) for f in findings]
    claims = [v for f, v in verdicts if f.severity in ("error", "warning")]
    errors = [v for f, v in verdicts if f.severity == "error"]
    seeded = expected["seeded"].get(name, [])
    found = 0
    for needle in seeded:
        a = source.index(needle)
        b = a + len(needle)
        found += any(a <= f.start and f.end <= b and f.severity in ("error", "warning") for f in findings)
    return {
        "claims": len(claims), "claims_real": claims.count("real"),
        "all": len(verdicts), "all_right": sum(v in ("real", "name") for _f, v in verdicts),
        "errors": len(errors), "errors_real": errors.count("real"),
        "seeded": len(seeded), "seeded_found": found,
    }


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "-"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--server", default="", help="a running LanguageTool server (default: start the local one)")
    args = ap.parse_args()
    expected = json.loads((EVAL / "expected.json").read_text(encoding="utf-8"))
    server = RemoteServer(args.server) if args.server else LocalServer()
    engine = GrammarEngine(GrammarSettings(), server)
    total: dict[str, int] = {}
    try:
        for path in sorted(EVAL.glob("*.md")):
            source = path.read_text(encoding="utf-8")
            result = engine.check(source)
            if not result.available:
                print(result.status, file=sys.stderr)
                return 2
            s = score(path.name, source, result.findings, expected)
            for k, v in s.items():
                total[k] = total.get(k, 0) + v
            print(f"{path.name:14} precision {pct(s['claims_real'], s['claims']):>4} "
                  f"({s['claims_real']}/{s['claims']} errors+warnings real), "
                  f"seeded found {s['seeded_found']}/{s['seeded']}, "
                  f"gate errors real {s['errors_real']}/{s['errors']}, {s['all']} findings in all")
    finally:
        server.stop()
    t = total
    print(f"TOTAL precision {pct(t['claims_real'], t['claims'])} ({t['claims_real']}/{t['claims']} errors and "
          f"warnings real; {pct(t['all_right'], t['all'])} of all {t['all']} findings right, infos included); "
          f"recall of seeded errors {pct(t['seeded_found'], t['seeded'])} ({t['seeded_found']}/{t['seeded']}); "
          f"gate errors real {pct(t['errors_real'], t['errors'])} ({t['errors_real']}/{t['errors']})")
    ok = t["claims_real"] >= 0.8 * t["claims"] and t["seeded_found"] == t["seeded"] \
        and t["errors_real"] >= 0.8 * t["errors"]
    print("targets (precision >= 80%, every seeded error, gate >= 80%): " + ("met" if ok else "MISSED"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
