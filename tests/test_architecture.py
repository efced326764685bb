"""Layering rules: the tracker library never imports streamlit."""

import ast
from pathlib import Path

TRACKER = Path(__file__).resolve().parent.parent / "tracker"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_tracker_never_imports_streamlit():
    files = list(TRACKER.rglob("*.py"))
    assert len(files) > 5
    offenders = [str(p) for p in files if "streamlit" in _imports(p)]
    assert offenders == []
