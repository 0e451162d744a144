"""Numbers and dotted ids are exact on the command line: `session 1` is no prefix of 10 (issue 11)."""

from __future__ import annotations

import pytest

from .conftest import Run


@pytest.mark.parametrize(
    "args",
    [["session", "1"], ["questions", "--session", "1"], ["session", "1", "--json"]],
)
def test_session_1_is_a_usage_error_naming_the_sessions(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith('error: no session matches "1": ')
    assert "the sessions are the report's sections 2–10" in result.stderr
    assert "2, 3, 4, 5, 6, 7, 8, 9, 10" in result.stderr


def test_session_10_is_still_found(run: Run) -> None:
    result = run("session", "10", "--json")
    assert result.exit_code == 0
    assert '"id": "10"' in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stage", "6"], 'no stage matches "6": the stages are numbered 1–5'),
        (["gcm", "24"], 'no GCM objective matches "24"'),
        (["sdg", "10"], 'no SDG target matches "10"'),
    ],
)
def test_other_numbers_are_exact(run: Run, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_gcm_2_is_objective_2_not_20(run: Run) -> None:
    result = run("gcm", "2", "--json")
    assert result.exit_code == 0
    assert '"id": "gcm-2"' in result.stdout
