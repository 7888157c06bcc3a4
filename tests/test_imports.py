"""The shape of pipeline/ itself: no import cycle among its modules, no module over 600 lines.

The import graph is read statically (ast), so an import hidden inside a function counts as
much as one at the top of a module: it runs the moment the function does, and it is how a
cycle hides. Importing ``pipeline.a.b`` also runs ``pipeline/a/__init__.py`` first, so that
package is an edge too (unless the importing module lives inside it: then it is already being
imported). Imports under ``if TYPE_CHECKING:`` never run and do not count.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import REPO_ROOT

PACKAGE = REPO_ROOT / "pipeline"
MAX_LINES = 600

@dataclass(frozen=True)
class Edge:
    target: str
    line: int


def module_name(path: Path, package: Path = PACKAGE) -> str:
    """pipeline/a/b.py -> pipeline.a.b; pipeline/a/__init__.py -> pipeline.a."""
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the pipeline package, by dotted name."""
    return {module_name(p, package): p for p in sorted(package.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth (functions included), but not TYPE_CHECKING's."""
    found: list[ast.Import | ast.ImportFrom] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            todo.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return found


def _base(name: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` names, relative levels resolved."""
    if not node.level:
        return node.module or ""
    parts = name.split(".")
    anchor = parts if is_package else parts[:-1]  # a package's own __init__ is its anchor
    anchor = anchor[: len(anchor) - (node.level - 1)]
    return ".".join([*anchor, node.module] if node.module else anchor)


def imports_of(name: str, path: Path, known: set[str]) -> list[Edge]:
    """The pipeline modules ``name`` imports (with the line), parents included."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    targets: list[tuple[str, int]] = []
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            targets += [(alias.name, node.lineno) for alias in node.names]
            continue
        base = _base(name, is_package, node)
        targets.append((base, node.lineno))
        targets += [(f"{base}.{alias.name}", node.lineno) for alias in node.names
                    if f"{base}.{alias.name}" in known]
    edges = []
    own = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 2)}
    for target, line in targets:
        parts = target.split(".")
        for i in range(1, len(parts) + 1):  # the target and each package above it
            mod = ".".join(parts[:i])
            if mod in known and mod not in own:
                edges.append(Edge(mod, line))
    return edges


def import_graph(package: Path = PACKAGE) -> dict[str, list[Edge]]:
    """Module -> the pipeline modules it imports (anywhere in it)."""
    mods = modules(package)
    known = set(mods)
    return {name: imports_of(name, path, known) for name, path in mods.items()}


def components(graph: dict[str, list[Edge]]) -> list[list[str]]:
    """The strongly connected components that hold a cycle (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(v: str) -> None:  # recursion depth is bounded by the module count (~100)
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for e in graph.get(v, []):
            if e.target not in index:
                visit(e.target)
                low[v] = min(low[v], low[e.target])
            elif e.target in on_stack:
                low[v] = min(low[v], index[e.target])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or any(e.target == v for e in graph.get(v, [])):
                components.append(comp)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(sorted(c) for c in components)


def cycles(graph: dict[str, list[Edge]]) -> list[list[str]]:
    """One cycle per component of :func:`components`, as the modules in import order, the
    first repeated at the end."""
    return [_one_cycle(graph, set(comp)) for comp in components(graph)]


def _one_cycle(graph: dict[str, list[Edge]], comp: set[str]) -> list[str]:
    """A shortest cycle through the component's first module (breadth first)."""
    start = min(comp)
    came: dict[str, str] = {}
    todo = [start]
    while todo:
        nxt = []
        for v in todo:
            for e in graph[v]:
                if e.target == start:
                    path = [v]
                    while path[-1] != start:
                        path.append(came[path[-1]])
                    return [*reversed(path), start]
                if e.target in comp and e.target not in came:
                    came[e.target] = v
                    nxt.append(e.target)
        todo = nxt
    raise AssertionError(f"no cycle through {start}")  # Tarjan said there is one


def show(graph: dict[str, list[Edge]], cycle: list[str]) -> str:
    """``a (line 3) -> b (line 40) -> a``: where each import of the cycle is."""
    out = []
    for a, b in zip(cycle, cycle[1:], strict=False):
        line = min(e.line for e in graph[a] if e.target == b)
        out.append(f"{a} (line {line}) ->")
    return " ".join([*out, cycle[-1]])


# ---- the tests --------------------------------------------------------------------------------


def test_no_import_cycle():
    graph = import_graph()
    found = components(graph)
    assert not found, "import cycle(s) in pipeline/:\n" + "\n".join(
        f"{show(graph, _one_cycle(graph, set(c)))}\n  (all of {', '.join(c)} import each "
        "other through such cycles)" for c in found)


def test_the_walker_sees_a_cycle_hidden_in_a_function(tmp_path):
    """The walker itself: a cycle through an in-function relative import and one through a
    package's __init__ are found; a TYPE_CHECKING import is not an edge."""
    pkg = tmp_path / "pipeline"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from . import b\n")
    (pkg / "b.py").write_text("from pipeline.a import f\n")
    (pkg / "sub" / "__init__.py").write_text("from pipeline import c\n")
    (pkg / "sub" / "x.py").write_text("X = 1\n")
    (pkg / "c.py").write_text("from pipeline.sub.x import X\n")
    (pkg / "d.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                              "    from pipeline import e\n")
    (pkg / "e.py").write_text("import pipeline.d\n")
    graph = import_graph(pkg)
    found = sorted(cycles(graph))
    assert found == [["pipeline.a", "pipeline.b", "pipeline.a"],
                     ["pipeline.c", "pipeline.sub", "pipeline.c"]], found
    assert show(graph, found[0]) == "pipeline.a (line 2) -> pipeline.b (line 1) -> pipeline.a"


def _line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_over_600_lines():
    over = {path.relative_to(REPO_ROOT).as_posix(): _line_count(path)
            for path in modules().values() if _line_count(path) > MAX_LINES}
    assert not over, f"modules over {MAX_LINES} lines: {over}"
