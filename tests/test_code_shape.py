"""The shape the code keeps (issue 10): small functions, thin commands, one home per concern."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "migcycle"
MAX_FUNCTION_LINES = 40
MAX_COMMAND_LINES = 15


def _functions(path: Path) -> list[ast.FunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]


def _body_lines(function: ast.FunctionDef) -> int:
    """Lines of a function's body, its docstring left out."""
    body = function.body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:] or body
    assert body[-1].end_lineno is not None
    return body[-1].end_lineno - body[0].lineno + 1


def test_no_function_in_src_is_longer_than_40_lines() -> None:
    long = [
        f"{path.relative_to(ROOT)}:{f.lineno} {f.name} ({_body_lines(f)} lines)"
        for path in sorted(SRC.rglob("*.py"))
        for f in _functions(path)
        if _body_lines(f) > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_every_command_body_is_at_most_15_lines() -> None:
    from migcycle.cli import COMMAND_TABLE, callbacks

    commands = [f for name in COMMAND_TABLE for f in callbacks(name).values()]
    assert len(commands) >= 24
    long = []
    for callback in commands:
        source = Path(callback.__code__.co_filename)
        (node,) = [f for f in _functions(source) if f.name == callback.__name__]
        if _body_lines(node) > MAX_COMMAND_LINES:
            long.append(f"{callback.__name__} ({_body_lines(node)} lines)")
    assert long == []


def test_only_yamlio_imports_yaml_and_only_render_imports_rich() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    banned = config["tool"]["ruff"]["lint"]["flake8-tidy-imports"]["banned-api"]
    assert {"yaml", "rich"} <= set(banned)
    for path in sorted(SRC.rglob("*.py")):
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in (
                node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
            )
        }
        if "yaml" in imported:
            assert path.name == "yamlio.py", path
        if "rich" in imported:
            assert path.name in {"render.py", "output.py", "common.py"}, path


@pytest.mark.parametrize("rule", ["C90", "PL"])
def test_ruff_keeps_complexity_in_check(rule: str) -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lint = config["tool"]["ruff"]["lint"]
    assert rule in lint["select"]
    assert not {"C901", "PLR0912", "PLR0915"} & set(lint["ignore"])
