"""Turn query results into rich renderables. The only module that imports rich.

Every string that comes from data enters rich as a :class:`rich.text.Text` built by :func:`txt`,
never as markup, so ``[bold]`` or ``:smile:`` in a record prints literally; control characters
are made visible (``\\x1b``) before they can reach the terminal.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import RenderableType

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(value: str) -> str:
    """Make control characters visible instead of letting the terminal act on them."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def txt(value: object, style: str = "") -> Text:
    return Text(safe(str(value)), style=style)


def console(*, stderr: bool = False) -> Console:
    """A console that honours NO_COLOR / FORCE_COLOR / TERM=dumb and never colours a pipe."""
    return Console(stderr=stderr, highlight=False, emoji=False, markup=False, soft_wrap=False)


def show(renderable: RenderableType) -> None:
    console().print(renderable)


def counts_table(counts: dict[str, int], title: str) -> RenderableType:
    table = Table(title=txt(title), box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("kind")
    table.add_column("count", justify="right")
    for kind, n in counts.items():
        table.add_row(txt(kind.replace("_", " ")), txt(n))
    return Group(table)
