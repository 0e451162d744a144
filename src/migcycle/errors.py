"""What can go wrong, and the exit code each failure means.

Every error the program expects is a :class:`MigcycleError` that carries its exit code and its
lines for stderr; ``cli.main`` is the one boundary that writes them. Nothing else prints errors.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes (README, "Errors and exit codes")."""

    OK = 0
    DATA = 1
    """Invalid data, an environment failure, or an internal error (a bug)."""
    USAGE = 2
    """A bad option, an unknown command or name, a path that does not exist."""
    INTERRUPTED = 130


class MigcycleError(Exception):
    """An expected failure: its ``lines`` go to stderr and the process exits with ``exit_code``."""

    exit_code = ExitCode.DATA

    def lines(self) -> list[str]:
        return [str(self)]


class DataError(MigcycleError):
    """Invalid data; ``problems`` holds one ``file:line:col: message`` line per problem."""

    exit_code = ExitCode.DATA

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems

    def lines(self) -> list[str]:
        return list(self.problems)


class UsageError(MigcycleError):
    """A bad argument: printed as ``error: <message>``."""

    exit_code = ExitCode.USAGE

    def lines(self) -> list[str]:
        return [f"error: {self}"]


class EnvironmentFailure(MigcycleError):
    """The environment failed (permission, full disk, a name too long): one line naming the
    user's path, exit 1 - never "internal error", which is kept for real bugs."""

    exit_code = ExitCode.DATA

    def lines(self) -> list[str]:
        return [f"error: {self}"]


class NotFound(UsageError, LookupError):
    """A name that matches nothing, or more than one thing; the message says which and why."""


def nearest(value: str, choices: Iterable[str]) -> str | None:
    """The choice closest to a mistyped value, if any is close enough."""
    import difflib  # only an error pays for it

    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(value: str, choices: Iterable[str], quote: str = "'") -> str:
    """``; did you mean 'finance'?`` - or nothing when no choice is close."""
    close = nearest(value, choices)
    return f"; did you mean {quote}{close}{quote}?" if close else ""


def shorten(value: object) -> str:
    """A value as a message quotes it: its repr, cut to 60 characters."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
