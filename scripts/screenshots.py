"""Regenerate the README's pictures: run real commands and save rich's own SVG export.

python scripts/screenshots.py   # docs/stage-arrival.svg, docs/cycle.svg, docs/matrix.svg
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from rich.console import Console

from migcycle import render
from migcycle.cli import main

VIEWS = {
    "stage-arrival": (["stage", "arrival"], 110),
    "cycle": (["cycle"], 90),
    "matrix": (["matrix"], 150),
}
DOCS = Path(__file__).resolve().parents[1] / "docs"


def capture(args: list[str], width: int) -> Console:
    recorder = Console(
        record=True,
        width=width,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        emoji=False,
        markup=False,
    )
    original = render.console
    render.console = lambda **_: recorder  # type: ignore[assignment]
    try:
        with contextlib.suppress(SystemExit):
            main(args)
    finally:
        render.console = original  # type: ignore[assignment]
    return recorder


if __name__ == "__main__":
    for name, (args, width) in VIEWS.items():
        target = DOCS / f"{name}.svg"
        capture(args, width).save_svg(str(target), title=f"migcycle {' '.join(args)}")
        print(f"wrote {target}")
