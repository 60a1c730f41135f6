"""The engine's rooms import downward only, and no module imports itself back through others.

Layers, lowest first: core → read → model → facts → run → output → the shell (cli, builtins, api,
inspect, init). Every import counts — at the top of a module or inside a function — except those
under `if TYPE_CHECKING:` (annotations only, never run).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import gklint

PACKAGE = Path(gklint.__file__).parent
LAYERS = ["core", "read", "model", "facts", "run", "output"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(path: Path) -> set[str]:
    """The gklint modules a module imports (relative imports resolved), TYPE_CHECKING blocks left out."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "gklint")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "gklint":
                return
            for alias in node.names:  # `from gklint.run import fixes`: the submodule is imported
                candidate = f"{target}.{alias.name}"
                found.add(candidate if _exists(candidate) else target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(module)
    return found


def _exists(module: str) -> bool:
    relative = Path(*module.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").exists() or (PACKAGE / relative / "__init__.py").exists()


def _graph() -> dict[str, set[str]]:
    return {_module_name(path): _imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def _layer(module: str) -> int:
    """0…5 for the rooms; 6 for the shell (gklint itself, cli, builtins, api…)."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return LAYERS.index(parts[1])
    return len(LAYERS)


def test_the_rooms_exist():
    for room in LAYERS:
        init = PACKAGE / room / "__init__.py"
        assert init.exists(), room
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"gklint.{room} says what it owns"


def test_every_room_imports_only_those_below_it():
    upward = [
        f"{module} ({LAYERS[_layer(module)] if _layer(module) < len(LAYERS) else 'shell'}) imports {target}"
        for module, targets in _graph().items()
        for target in sorted(targets)
        if _layer(target) > _layer(module) and module != "gklint"
    ]
    assert not upward, "\n".join(upward)


def test_no_import_cycles():
    graph = _graph()
    # gklint/__init__ re-exports the rule API from core: an edge into the package itself, not a cycle of modules.
    graph = {m: {t for t in ts if t != "gklint"} for m, ts in graph.items()}
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                cycles.append(" → ".join(stack[stack.index(target) :] + [target]))
            elif target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert not cycles, "\n".join(cycles)


def test_the_checker_sees_an_upward_import(tmp_path):
    """The graph is read from the source: an import inside a function counts, one under TYPE_CHECKING does not."""
    module = tmp_path / "probe.py"
    module.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from gklint.run.engine import Linter\n"
        "def f():\n    from gklint.output.formatters import OutputContext\n",
        encoding="utf-8",
    )
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path
    try:
        assert _imports(module) == {"gklint.output.formatters"}
    finally:
        PACKAGE = saved


def test_each_room_imports_on_its_own():
    """Each package imports in a fresh interpreter, without the rooms above it being imported first."""
    for room in LAYERS:
        code = f"import sys, gklint.{room}; print(sorted(m for m in sys.modules if m.startswith('gklint.')))"
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        loaded = eval(done.stdout)
        above = [m for m in loaded if _layer(m) > LAYERS.index(room)]
        assert not above, f"importing gklint.{room} imported {above}"
