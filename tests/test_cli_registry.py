"""The lazily built command group (issue 16): cli.COMMAND_TABLE lists every command with its
module and the first paragraph of its help, so that help and completion import no command
module. These tests keep the table true to the command modules."""

from __future__ import annotations

import importlib
import inspect

import pytest
import typer

from migcycle.cli import COMMAND_TABLE, app, callbacks
from migcycle.commands import portfolio

from .conftest import Run, modules_after

MODULES = sorted({module for module, _ in COMMAND_TABLE.values()})


def _first_paragraph(text: str) -> str:
    """What click shows for a command in a list: its help's first paragraph, on one line."""
    return " ".join(inspect.cleandoc(text).split("\n\n")[0].split())


def _command_names(module_name: str) -> list[str]:
    """The commands a module defines, in its order (``usage`` defines ``help`` alone)."""
    if module_name == "usage":
        return ["help"] if callable(importlib.import_module("migcycle.usage").help_command) else []
    module = importlib.import_module(f"migcycle.commands.{module_name}")
    names = [typer.main.get_command_name(f.__name__) for f in module.COMMANDS]
    return names + (["layer"] if module is portfolio else [])


@pytest.mark.parametrize("module_name", MODULES)
def test_the_table_lists_every_command_of_each_module_in_its_order(module_name: str) -> None:
    listed = [name for name, (where, _) in COMMAND_TABLE.items() if where == module_name]
    assert listed == _command_names(module_name), (
        f"cli.COMMAND_TABLE must list {module_name}.COMMANDS in order: add a row for a new command"
    )


@pytest.mark.parametrize("name", list(COMMAND_TABLE))
def test_the_tables_summary_is_the_first_paragraph_of_the_commands_help(name: str) -> None:
    _, summary = COMMAND_TABLE[name]
    if name == "layer":
        help_text = portfolio.LAYER_HELP
    else:
        help_text = inspect.getdoc(callbacks(name)[name]) or ""
    assert summary == _first_paragraph(help_text), f"update cli.COMMAND_TABLE[{name!r}]"


def test_the_built_group_lists_the_table_in_order_with_each_commands_own_help() -> None:
    group = typer.main.get_command(app)
    assert list(group.commands) == list(COMMAND_TABLE)  # type: ignore[attr-defined]
    for name, (_, summary) in COMMAND_TABLE.items():
        command = group.commands[name]  # type: ignore[attr-defined]
        assert command.name == name
        assert _first_paragraph(command.help or "") == summary


def _command_modules(modules: set[str]) -> set[str]:
    """The table's modules among ``modules`` (``common`` and ``choices`` are shared)."""
    return {m.rsplit(".", 1)[1] for m in modules if m.startswith("migcycle.commands.")} & set(
        MODULES
    )


def test_help_imports_no_command_module() -> None:
    assert _command_modules(modules_after(["--help"])) == set()


def test_completing_command_names_imports_no_command_module() -> None:
    env = {"_MIGCYCLE_COMPLETE": "complete_bash", "COMP_WORDS": "migcycle s", "COMP_CWORD": "1"}
    assert _command_modules(modules_after([], env)) == set()


def test_a_command_imports_its_own_module_only() -> None:
    assert _command_modules(modules_after(["sessions", "--json"])) == {"seminar"}
    assert _command_modules(modules_after(["layer", "--help"])) == {"portfolio"}
    assert _command_modules(modules_after(["help", "stage"])) == {"brief"}


@pytest.mark.parametrize("name", list(COMMAND_TABLE))
def test_every_row_of_the_table_is_a_command_that_runs(run: Run, name: str) -> None:
    """Not only a listed name: the command is built from its module and answers --help."""
    result = run(name, "--help")
    assert result.exit_code == 0, result.stderr
    assert f"Usage: migcycle {name} " in result.stdout
