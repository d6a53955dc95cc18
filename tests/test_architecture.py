"""The rooms stay as drawn (docs/architecture.md): imports flow one way, with no loop.

Reads every module of `agreements/` (migrations and demo data aside) as text, with `ast`,
so an import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "agreements"
SKIPPED = ("agreements.migrations", "agreements.demo")
LONGEST = 500

# The layers that sit on top: the core never imports them.
SURFACES = ("agreements.web", "agreements.api", "agreements.admin", "agreements.templatetags")
TOOLS = ("agreements.management", "agreements.bench")
CORE = (
    "agreements.models",
    "agreements.record_types",
    "agreements.timeline",
    "agreements.services",
    "agreements.filtersets",
    "agreements.forms",
    "agreements.selectors",
    "agreements.history",
    "agreements.search",
    "agreements.opendata",
    "agreements.caching",
    "agreements.permalinks",
    "agreements.languages",
)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imported(path: Path, name: str) -> set[str]:
    """The agreements modules `path` imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # `from agreements.web import feeds` imports the module feeds.
                child = f"{base}.{alias.name}"
                found.add(child if is_module(child) else base)
    return {target for target in found if target.split(".")[0] == "agreements"}


def graph() -> dict[str, set[str]]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        if not name.startswith(SKIPPED):
            modules[name] = (path, imported(path, name))
    return {
        name: {target for target in targets if not target.startswith(SKIPPED) and target != name}
        for name, (_path, targets) in modules.items()
    }


GRAPH = graph()


def within(name: str, rooms: tuple[str, ...]) -> bool:
    return any(name == room or name.startswith(f"{room}.") for room in rooms)


def edges_into(sources: tuple[str, ...], targets: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{name} -> {target}"
        for name, imports in GRAPH.items()
        if within(name, sources)
        for target in imports
        if within(target, targets)
    )


def test_the_graph_reads_the_real_code():
    # A check over an empty or misread graph would pass for nothing.
    assert {"agreements.web.pages", "agreements.api.viewsets", "agreements.caching"} <= set(GRAPH)
    assert "agreements.selectors.citations" in GRAPH["agreements.web.pages"] or any(
        target.startswith("agreements.selectors") for target in GRAPH["agreements.web.pages"]
    )
    assert "agreements.record_types" in GRAPH["agreements.caching"]


@pytest.mark.parametrize(
    ("sources", "targets"),
    [
        pytest.param(("agreements.web",), ("agreements.api",), id="web-does-not-import-api"),
        pytest.param(("agreements.api",), ("agreements.web",), id="api-does-not-import-web"),
        pytest.param(
            ("agreements.admin",), ("agreements.web", "agreements.api"), id="admin-is-a-surface"
        ),
        pytest.param(CORE, SURFACES + TOOLS, id="core-imports-no-surface"),
        pytest.param(
            ("agreements.models",),
            tuple(
                room for room in CORE if room not in ("agreements.models", "agreements.timeline")
            ),
            id="models-import-only-models-and-timeline",
        ),
        pytest.param(
            ("agreements.record_types",),
            tuple(room for room in CORE if room != "agreements.models"),
            id="record-types-import-only-models",
        ),
        pytest.param(("agreements.timeline",), ("agreements",), id="timeline-imports-nothing"),
    ],
)
def test_imports_flow_one_way(sources, targets):
    assert edges_into(sources, targets) == []


def test_the_date_logic_imports_no_orm():
    tree = ast.parse((PACKAGE / "timeline.py").read_text(encoding="utf-8"))
    names = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {name for name in names if name.startswith(("django.db", "agreements"))}


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the groups of modules that import each other in a loop."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_there_is_no_import_loop():
    assert strongly_connected(GRAPH) == []


def test_the_loop_finder_finds_a_loop():
    loop = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert strongly_connected(loop) == [["a", "b", "c"]]


def test_no_module_holds_more_than_one_concern_by_length():
    long = {
        module_name(path): count
        for path in PACKAGE.rglob("*.py")
        if not module_name(path).startswith(SKIPPED)
        and (count := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST
    }
    assert long == {}
