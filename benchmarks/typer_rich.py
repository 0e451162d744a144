"""T_rich, the reference for a query answered as a table: the same bare two-command typer app
as ``typer_json.py``, its command printing a rich ``Table`` of 9 rows by 3 columns.

    python benchmarks/typer_rich.py show arrival
"""

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="What to show.")],
    as_json: Annotated[bool, typer.Option("--json", help="Write JSON.")] = False,
) -> None:
    """Show one thing."""
    table = Table("id", "name", "description", title=name)
    for row in range(1, 10):
        table.add_row(str(row), f"{name} {row}", f"the description of row {row} of {name}")
    Console().print(table)


@app.command()
def other() -> None:
    """Do nothing."""


if __name__ == "__main__":
    app()
