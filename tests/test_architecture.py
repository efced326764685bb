"""Layering rules a newcomer can check: what may import what, and where SQL may run."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRACKER = ROOT / "tracker"
# The library: tracker/ without its edges (the command line and the developer tools).
EDGES = ("cli", "dev")


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path) -> set[str]:
    """Full dotted names imported by a file (``from a import b`` gives ``a`` and ``a.b``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def _library_files() -> list[Path]:
    return [
        p
        for p in TRACKER.rglob("*.py")
        if p.relative_to(TRACKER).parts[0] not in EDGES and p.name != "__main__.py"
    ]


def test_tracker_never_imports_streamlit():
    files = list(TRACKER.rglob("*.py"))
    assert len(files) > 5
    offenders = [str(p) for p in files if any(n.split(".")[0] == "streamlit" for n in _imported(p))]
    assert offenders == []


def test_library_never_imports_the_cli_the_dev_tools_or_the_ui():
    files = _library_files()
    assert len(files) > 20
    banned = ("tracker.cli", "tracker.dev", "ui")
    offenders = {
        str(p.relative_to(ROOT)): sorted(
            n for n in _imported(p) if any(n == b or n.startswith(b + ".") for b in banned)
        )
        for p in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_pages_never_run_sql():
    pages = list((ROOT / "app_pages").rglob("*.py")) + [ROOT / "app.py"]
    assert len(pages) > 5
    sql = re.compile(
        r"\.execute\(|\.query\(|\bselect\s.+\sfrom\b|\binsert\s+into\b|\bupdate\s+\w+\s+set\b", re.I
    )
    # sqlite-utils table access on a database handle (db()["status"], database["sources"]…)
    table = re.compile(r"(\bdb\(\)|\bdb|\bdatabase)\s*\[\s*[\"']")
    offenders = [
        str(p.relative_to(ROOT))
        for p in pages
        if sql.search(p.read_text(encoding="utf-8")) or table.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_import_cycles():
    files = [*TRACKER.rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
    modules = {_module(p): p for p in files}
    graph = {m: {n for n in _imported(p) if n in modules and n != m} for m, p in modules.items()}
    # A package's __init__ re-exporting its submodules is not a cycle: drop child → parent edges.
    graph = {m: {n for n in deps if not m.startswith(n + ".")} for m, deps in graph.items()}
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for dep in sorted(graph[node]):
            if state.get(dep) == "open":
                cycles.append([*stack[stack.index(dep) :], dep])
            elif dep not in state:
                visit(dep, [*stack, dep])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_no_module_over_350_lines():
    files = [*TRACKER.rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
    long = {
        str(p.relative_to(ROOT)): n
        for p in files
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 350
    }
    assert long == {}


def test_the_tree_shows_the_families():
    packages = {p.name for p in TRACKER.iterdir() if (p / "__init__.py").exists()}
    assert {"cli", "exports", "importers", "dev"} <= packages
    assert (ROOT / "ui" / "__init__.py").exists()
    assert not (ROOT / "ui.py").exists() and not (ROOT / "ui_staff.py").exists()


def test_the_library_root_holds_at_most_25_modules():
    # The domain lives at the root; families (cli, exports, importers, integrity, seeding, staff,
    # views, dev, …) are packages. The package's own __init__/__main__ are not counted.
    root = sorted(p.stem for p in TRACKER.glob("*.py") if p.stem not in ("__init__", "__main__"))
    assert {"status", "validation", "matrix", "audit", "schema", "db"} <= set(root)
    assert len(root) <= 25, root
    packages = {p.name for p in TRACKER.iterdir() if (p / "__init__.py").exists()}
    assert {"integrity", "seeding", "staff", "views", "corridors"} <= packages
