"""``core/markdown`` stands on its own: it never imports ``core/citations``
(which builds on it), so the two cannot import each other in a cycle. The
citation reader is a plugin that the citations package passes to the parser."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import deskeditor.core.markdown as markdown_pkg

MARKDOWN = Path(markdown_pkg.__path__[0])


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it (functions too), absolute."""
    package = "deskeditor.core.markdown"
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            mod = ".".join(p for p in (base, node.module or "") if p)
            out.add(mod)
            out |= {f"{mod}.{a.name}" for a in node.names}
    return out


def test_no_module_of_core_markdown_imports_core_citations():
    offenders = {p.name: sorted(m for m in imported_modules(p) if "citations" in m)
                 for p in MARKDOWN.glob("*.py")}
    assert not {k: v for k, v in offenders.items() if v}, offenders


def test_the_parser_imports_alone_and_renders_citations_only_when_given_the_plugin():
    code = (
        "import sys\n"
        "from deskeditor.core.markdown.parser import make_parser\n"
        "from deskeditor.core.markdown.render import render_html\n"
        "assert '[@smith]' in render_html('As [@smith] says.\\n')\n"
        "assert not any(m.startswith('deskeditor.core.citations') for m in sys.modules), "
        "sorted(m for m in sys.modules if 'citations' in m)\n"
        "from deskeditor.core.citations.render import render_html as cited\n"
        "assert 'citation-unresolved' in cited('As [@smith] says.\\n')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": ":".join(sys.path)})
    assert done.returncode == 0, done.stderr
