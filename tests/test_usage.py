"""Help and errors in plain words (issue 11): one `error:` style for every usage mistake, metavars
a reader understands, `migcycle help`, and exports that say what they wrote."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
import typer

from migcycle.cli import app

from .conftest import Run

GROUP = typer.main.get_command(app)
COMMANDS = [[name] for name in GROUP.commands if name != "layer"] + [  # type: ignore[attr-defined]
    ["layer", "new"],
    ["layer", "import"],
    ["layer", "show"],
]
PYDANTIC = re.compile(r"pydantic|Value error|Input should|validation error|type=|errors\.pydantic")


def test_bare_migcycle_prints_help_and_succeeds(run: Run) -> None:
    result = run()
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: migcycle [OPTIONS] COMMAND [ARGS]...")
    assert "  stage " in result.stdout and "  help " in result.stdout


@pytest.mark.parametrize("words", [[], ["stage"], ["layer", "show"], ["questions"]])
def test_help_command_is_the_help_option(run: Run, words: list[str]) -> None:
    result = run("help", *words)
    assert result.exit_code == 0
    assert result.stdout == run(*words, "--help").stdout


def test_help_for_an_unknown_command(run: Run) -> None:
    result = run("help", "stagez")
    assert result.exit_code == 2
    assert result.stderr == (
        'error: no command "stagez"; did you mean "stage"? '
        "(commands are listed by `migcycle help`)\n"
    )


@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
def test_metavars_are_words_a_reader_knows(run: Run, words: list[str]) -> None:
    text = run(*words, "--help").stdout
    usage = text.splitlines()[0]
    assert not re.search(r"[{}<>]", usage), usage
    options = text[
        text.find("\nArguments:") if "\nArguments:" in text else text.find("\nOptions:") :
    ]
    assert not re.search(r"<[a-z][^>]*>|\{[a-z]", options), options


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["stagez"], 'error: no command "stagez"; did you mean "stage"?'),
        (["layer", "shw"], 'error: no command "shw"; did you mean "show"?'),
        (["stage", "--jsn", "arrival"], 'error: no option "--jsn"; did you mean "--json"?'),
        (["stage"], "error: missing STAGE (see `migcycle stage --help`)"),
        (["export"], "error: missing --format"),
        (["search", "x", "--limit", "abc"], "error: invalid --limit: give a whole number"),
        (["search", "x", "--limit", "0"], "error: invalid --limit: give 1 or more"),
        (["points", "--format", "xml"], 'error: invalid --format: "xml" is not one of table,'),
        (["cite", "4.2.3", "--style", "apa"], 'error: invalid --style: "apa" is not one of plain'),
        (["stages", "x"], 'error: unexpected "x"'),
    ],
)
def test_every_usage_error_is_one_plain_line(run: Run, args: list[str], stderr: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(stderr)
    assert result.stderr.count("\n") == 1
    assert "Usage:" not in result.stderr
    assert not PYDANTIC.search(result.stderr)


def test_an_unknown_actor_suggests_search(run: Run) -> None:
    result = run("actor", "crypto", "exchanges")
    assert result.exit_code == 2
    assert "try `migcycle search crypto exchanges`" in result.stderr


def test_exports_say_what_they_wrote_unless_quiet(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("export", "--format", "sqlite", "--output", "migcycle.db")
    assert result.exit_code == 0
    tables = sqlite3.connect("migcycle.db").execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        " AND name NOT LIKE '%\\_data' ESCAPE '\\' AND name NOT LIKE '%\\_idx' ESCAPE '\\'"
        " AND name NOT LIKE '%\\_content' ESCAPE '\\' AND name NOT LIKE '%\\_docsize' ESCAPE '\\'"
        " AND name NOT LIKE '%\\_config' ESCAPE '\\'"
    )
    assert result.stderr.startswith(f"wrote migcycle.db ({tables.fetchone()[0]} tables, ")
    quiet = run("export", "-f", "csv", "-k", "question", "-o", "q.csv", "-q")
    assert quiet.exit_code == 0 and quiet.stderr == "" and Path("q.csv").exists()
    csv = run("export", "-f", "csv", "-k", "question", "-o", "q2.csv")
    lines = Path("q2.csv").read_text(encoding="utf-8").count("\n")
    assert csv.stderr == f"wrote q2.csv ({lines} lines)\n"
    assert run("export", "-f", "json").stderr == ""  # to stdout: nothing to report
