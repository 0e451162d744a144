"""Help and usage errors in plain words.

Every mistake on the command line - an unknown command or option, a missing argument, a value
that is not one of the choices - is one ``error: ...`` line on stderr in the style of the
program's own errors (with a did-you-mean where one is close) and exit code 2. Usage lines show
``STAGE`` and ``ID``, not ``{ref}`` or ``<str>``; ``migcycle`` alone prints the help and exits 0;
``migcycle help [COMMAND]`` is ``--help`` for people who type words.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Annotated, Any, NoReturn

import typer
from typer._click import core as click
from typer._click import exceptions as errors
from typer._click.formatting import HelpFormatter
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from migcycle.errors import NotFound, did_you_mean


def _name(param: click.Parameter) -> str:
    """How help and errors name a parameter: ``--format`` or ``STAGE``."""
    if isinstance(param, TyperOption):
        return max(param.opts, key=len)
    return param.metavar or (param.name or "").upper()


def _help_hint(ctx: click.Context | None) -> str:
    return f" (see `{ctx.command_path} --help`)" if ctx is not None else ""


_PYDANTIC = (
    (re.compile(r"^Value error, "), ""),
    (re.compile(r"Input should be a valid integer.*"), "give a whole number"),
    (re.compile(r"Input should be greater than or equal to (\S+)"), r"give \1 or more"),
    (re.compile(r"Input should be"), "it should be"),
)
_CHOICES = re.compile(r"'([^']*)' is not one of (.*)\.$")


def plain(message: str) -> str:
    """A validation message without the wording of the library that produced it."""
    for pattern, replacement in _PYDANTIC:
        message = pattern.sub(replacement, message)
    if choice := _CHOICES.search(message):
        choices = choice.group(2).replace("'", "")
        message = f'{message[: choice.start()]}"{choice.group(1)}" is not one of {choices}'
    return message


def message(err: errors.UsageError) -> str:
    """The one line a usage error becomes (without ``error: ``)."""
    hint = _help_hint(err.ctx)
    if isinstance(err, errors.NoSuchOption):
        close = did_you_mean(err.option_name, err.possibilities or [], quote='"')
        return f'no option "{err.option_name}"{close}{hint}'
    if isinstance(err, errors.MissingParameter) and err.param is not None:
        return f"missing {_name(err.param)}{hint}"
    if isinstance(err, errors.BadParameter) and err.param is not None:
        return f"invalid {_name(err.param)}: {plain(err.message)}{hint}"
    if extra := re.match(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)$", err.message):
        return f'unexpected "{extra.group(1)}"{hint}'
    text = err.message[:1].lower() + err.message[1:]
    return f"{text}{hint}"


class PlainGroup(TyperGroup):
    """The root group: plain usage errors, help when called bare, did-you-mean for commands."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except errors.NoArgsIsHelpError as err:
            sys.stdout.write(err.ctx.get_help() + "\n")
            sys.exit(0)
        except errors.UsageError as err:
            _usage_failure(message(err))
        except errors.ClickException as err:
            err.show()
            sys.exit(err.exit_code)
        except typer.Abort:
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and self.get_command(ctx, name) is None and not name.startswith("-"):
            close = did_you_mean(name, self.list_commands(ctx), quote='"')
            root = ctx.find_root().info_name or ""
            where = f"`{root} help{ctx.command_path.removeprefix(root)}`"
            raise errors.UsageError(f'no command "{name}"{close} (commands are listed by {where})')
        return super().resolve_command(ctx, args)


def _usage_failure(line: str) -> NoReturn:
    sys.stderr.write(f"error: {line}\n")
    sys.stderr.flush()
    sys.exit(2)


class PlainCommand(TyperCommand):
    """A command whose usage line reads ``migcycle stage [OPTIONS] STAGE`` and whose arguments
    are listed by name and help alone."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [self.options_metavar or ""]
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = _name(param)  # a metavar says "..." itself where several are meant
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        arguments = [
            (_name(p), p.help or "") for p in self.get_params(ctx) if isinstance(p, TyperArgument)
        ]
        options = [
            record
            for p in self.get_params(ctx)
            if isinstance(p, TyperOption) and (record := p.get_help_record(ctx)) is not None
        ]
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)


def help_for(ctx: click.Context, names: Sequence[str]) -> str:
    """``migcycle help [COMMAND]``: the help of the root, a command or a sub-command."""
    current = ctx.find_root()
    for name in names:
        command = current.command
        found = command.get_command(current, name) if isinstance(command, TyperGroup) else None
        if found is None:
            listed = [] if not isinstance(command, TyperGroup) else command.list_commands(current)
            close = did_you_mean(name, listed, quote='"')
            raise NotFound(f'no command "{name}"{close} (commands are listed by `migcycle help`)')
        current = found.make_context(name, [], parent=current, resilient_parsing=True)
    return current.get_help()


def help_command(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="COMMAND",
            help="The command to explain (layer show: a sub-command).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """What a command does, with examples.

    Examples:

        migcycle help

        migcycle help questions

        migcycle help layer import
    """
    sys.stdout.write(help_for(ctx, command or []) + "\n")
