"""Project hygiene a user relies on: the README's commands, CI, the schema copies, the package."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

from migcycle.models import json_schemas
from migcycle.sources import bundled_data_dir, bundled_schema_dir

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    fence = lines.index("```sh")
    block = lines[fence + 1 : lines.index("```", fence + 1)]
    return [line.split("  #")[0].strip() for line in block]


def test_readme_starts_with_the_two_setup_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# migcycle"
    assert lines[2] == "```sh"
    install, tests = _readme_commands()
    assert install.startswith("python -m pip install . && migcycle ")
    assert tests == "python -m pip install -e '.[test]' && python -m pytest"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _readme_commands()[1] in ci.splitlines()
    for step in ("ruff check .", "ruff format --check .", "mypy", "pip wheel"):
        assert step in ci


def test_runtime_dependencies_are_exactly_the_stack() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = sorted(dep.split(">")[0].split("<")[0].split("=")[0] for dep in project["dependencies"])
    assert names == ["pydantic", "pyyaml", "rich", "typer"]
    assert all(">=" in dep for dep in project["dependencies"])


def test_committed_schemas_match_the_models() -> None:
    for name, schema in json_schemas().items():
        committed = json.loads((bundled_schema_dir() / f"{name}.schema.json").read_text("utf-8"))
        assert committed == schema, (
            f"schema/{name}.schema.json is stale: run migcycle schema -o schema --force"
        )


def test_each_data_file_points_at_its_schema() -> None:
    for name in ("cycle", "seminar", "frameworks"):
        first = (bundled_data_dir() / f"{name}.yaml").read_text("utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{name}.schema.json"
        assert (bundled_data_dir() / f"../schema/{name}.schema.json").resolve().is_file()


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "migcycle", "validate", "--json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT.parent,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["counts"]["stage_functions"] == 32
