"""The package's shape, as issue 17 settled it: no import cycle, no private module, small
modules.

Every ``import`` counts, those inside functions too: a cycle closed through a lazy import is
still a cycle (the one that made the rule catalogue depend on import order ran through a
function-level import). Private modules (``_blake2``, ``re._parser``) change without notice
between Python releases.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import schemadrift

PACKAGE = Path(schemadrift.__file__).parent
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(path: Path) -> Iterator[tuple[str, int]]:
    """``(imported name, line)`` for every import of a module, at any depth."""
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                yield f"{node.module}.{alias.name}", node.lineno
            yield node.module, node.lineno


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for imported, _ in _imports(path):
            target = imported
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_no_import_cycle() -> None:
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_cycles() -> None:
    """The check above can fail: a made-up graph with a cycle through three modules."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert _cycles(graph) == [["a", "b", "c"]]


def _private(path: Path) -> Iterator[str]:
    """Each import of a private module or name from outside the package: a module path with a
    part starting with ``_``, or ``from module import _name``."""
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            paths = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            paths = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for dotted in paths:
            if dotted.startswith(("schemadrift.", "__future__.")):
                continue
            if any(part.startswith("_") for part in dotted.split(".")):
                yield f"line {node.lineno}: {dotted}"


def test_no_private_module_is_imported() -> None:
    found = [f"{name} {where}" for name, path in _modules().items() for where in _private(path)]
    assert found == []


def test_no_module_is_over_the_limit() -> None:
    long = {
        name: count
        for name, path in _modules().items()
        if (count := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
