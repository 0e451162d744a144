"""T_json, the reference for a query answered as JSON: a bare two-command typer app.

One command takes a text argument and a ``--json`` flag and prints ``json.dumps`` of a small
dict; the other does nothing. Whatever any typer program pays (typer, its vendored click, a
pydantic ``TypeAdapter`` per parameter of the invoked command) this pays too, and nothing more.

    python benchmarks/typer_json.py show arrival --json
"""

import json
from typing import Annotated

import typer

app = typer.Typer()


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="What to show.")],
    as_json: Annotated[bool, typer.Option("--json", help="Write JSON.")] = False,
) -> None:
    """Show one thing."""
    record = {"id": name, "number": 3, "name": name.title(), "tags": ["a", "b"]}
    print(json.dumps(record, indent=2) if as_json else record["name"])


@app.command()
def other() -> None:
    """Do nothing."""


if __name__ == "__main__":
    app()
