"""A layer's grid as an SVG picture for a report: light theme, title, the layer's name and date,
a legend, every text at WCAG AA contrast (at least 4.5:1) against what lies behind it, and
nothing fetched from the network (system fonts only). Pure: a grid in, SVG text out.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape

from migcycle.layers import Cell, LayerGrid, score_text
from migcycle.models import Catalog, Scale, hex_colour

FONT = "'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
INK = "#1a1a1a"
"""Body text: 17:1 on white."""
MUTED = "#4d4d4d"
"""Secondary text: 8.4:1 on white."""
GAP = "#b2182b"
"""The gap mark and its outline: 6.9:1 on white."""
NOT_APPLICABLE_FILL = "#f0f0f0"
NOT_APPLICABLE_INK = "#595959"
"""The not-applicable mark: 6.1:1 on its light grey."""
PALETTE = ["#d73027", "#fc8d59", "#fee08b", "#d9ef8b", "#91cf60", "#1a9850"]
DIFF = {"less": "#d73027", "same": "#bdbdbd", "more": "#1a9850"}


LABEL_WIDTH, CELL_WIDTH, ROW_HEIGHT, MARGIN = 300, 124, 34, 32


# --- colour and contrast -------------------------------------------------------------------------


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ink_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (always at least 4.58:1)."""
    return "#000000" if contrast("#000000", fill) >= contrast("#ffffff", fill) else "#ffffff"


def scale_values(scale: Scale) -> list[str]:
    """The values a legend shows: every label, every whole number of a short range, or the ends."""
    if scale.labels:
        return list(scale.labels)
    assert scale.min is not None and scale.max is not None
    low, high = scale.min, scale.max
    if low.is_integer() and high.is_integer() and high - low <= 10:
        return [str(v) for v in range(int(low), int(high) + 1)]
    return [f"{low:g}", f"{high:g}"]


def fill_for(grid: LayerGrid, shown: str) -> str:
    """The scale's declared colour for a score, else a red-to-green ramp over the scale."""
    if grid.combine == "diff":
        number = float(shown)
        return DIFF["less" if number < 0 else "more" if number > 0 else "same"]
    declared = hex_colour(grid.scale.colours.get(shown, ""))
    if declared:
        return declared
    scale = grid.scale
    if scale.labels:
        position = scale.labels.index(shown) / max(len(scale.labels) - 1, 1)
    else:
        assert scale.min is not None and scale.max is not None
        position = (float(shown) - scale.min) / (scale.max - scale.min)
    return PALETTE[round(min(max(position, 0.0), 1.0) * (len(PALETTE) - 1))]


# --- drawing -------------------------------------------------------------------------------------


def _text(x: float, y: float, value: str, fill: str = INK, size: float = 13, **extra: str) -> str:
    attributes = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in extra.items())
    return (
        f'<text x="{x:g}" y="{y:g}" fill="{fill}" font-size="{size:g}"{attributes}>'
        f"{escape(value)}</text>"
    )


def _rect(x: float, y: float, w: float, h: float, fill: str, **extra: str) -> str:
    attributes = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in extra.items())
    return f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" fill="{fill}"{attributes}/>'


def wrap(text: str, width: int) -> list[str]:
    """Words into lines of at most ``width`` characters (a longer word stands alone)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _cell(grid: LayerGrid, cell: Cell, x: float, y: float) -> Iterator[str]:
    w, h = CELL_WIDTH - 6, ROW_HEIGHT - 6
    middle = {"text_anchor": "middle"}
    if cell.state == "covered":
        shown = score_text(cell.score, grid.combine == "diff")
        fill = fill_for(grid, score_text(cell.score))
        yield _rect(x + 3, y + 3, w, h, fill, rx="3")
        yield _text(
            x + CELL_WIDTH / 2, y + 22, shown, ink_on(fill), 14, font_weight="bold", **middle
        )
    elif cell.state == "uncovered":
        yield _rect(x + 3.5, y + 3.5, w - 1, h - 1, "#ffffff", stroke=GAP, stroke_dasharray="4 3")
        yield _text(x + CELL_WIDTH / 2, y + 22, "gap", GAP, 13, **middle)
    else:
        yield _rect(x + 3, y + 3, w, h, NOT_APPLICABLE_FILL, rx="3")
        yield _text(x + CELL_WIDTH / 2, y + 22, "—", NOT_APPLICABLE_INK, 13, **middle)


def _grid(grid: LayerGrid, catalog: Catalog, top: float) -> tuple[list[str], float]:
    stages = {s.id: f"{s.number} {s.name}" for s in catalog.cycle.stages}
    actors = {a.id: a.name for a in catalog.cycle.actor_types}
    out = [_text(MARGIN, top + 30, "Actor type", INK, 13, font_weight="bold")]
    for i, stage in enumerate(grid.stages):
        x = MARGIN + LABEL_WIDTH + i * CELL_WIDTH + CELL_WIDTH / 2
        for j, line in enumerate(wrap(stages[stage], 16)):
            out.append(
                _text(x, top + 16 + 15 * j, line, INK, 13, font_weight="bold", text_anchor="middle")
            )
    y = top + 44
    for actor, row in grid.rows.items():
        lines = wrap(actors[actor], 44)
        for j, line in enumerate(lines[:2]):
            offset = 21 if len(lines) == 1 else 15 + 14 * j
            out.append(_text(MARGIN, y + offset, line, INK, 12.5))
        for i, stage in enumerate(grid.stages):
            out += _cell(grid, row[stage], MARGIN + LABEL_WIDTH + i * CELL_WIDTH, y)
        y += ROW_HEIGHT
    return out, y


def _legend(grid: LayerGrid, top: float) -> tuple[list[str], float]:
    out = [_text(MARGIN, top + 14, "Legend", INK, 13, font_weight="bold")]
    x, y = MARGIN, top + 26
    values = list(DIFF) if grid.combine == "diff" else scale_values(grid.scale)
    for value in values:
        fill = DIFF[value] if grid.combine == "diff" else fill_for(grid, value)
        bold = {"font_weight": "bold", "text_anchor": "middle"}
        out += [
            _rect(x, y, 44, 24, fill, rx="3"),
            _text(x + 22, y + 17, value, ink_on(fill), 13, **bold),
        ]
        x += 52
    what = "change from the first layer to the second" if grid.combine == "diff" else "score"
    out.append(_text(x + 4, y + 17, what, INK, 12.5))
    y += 36
    out += [
        _rect(MARGIN + 0.5, y + 0.5, 43, 23, "#ffffff", stroke=GAP, stroke_dasharray="4 3"),
        _text(MARGIN + 22, y + 17, "gap", GAP, 13, text_anchor="middle"),
        _text(MARGIN + 56, y + 17, "uncovered: the brief places this actor at this stage, "
              "and nothing in the portfolio scores it", INK, 12.5),
        _rect(MARGIN, y + 32, 44, 24, NOT_APPLICABLE_FILL, rx="3"),
        _text(MARGIN + 22, y + 49, "—", NOT_APPLICABLE_INK, 13, text_anchor="middle"),
        _text(MARGIN + 56, y + 49, "not applicable: the brief does not place this actor at "
              "this stage", INK, 12.5),
    ]  # fmt: skip
    return out, y + 64


def layer_svg(grid: LayerGrid, catalog: Catalog, date: str = "") -> str:
    """The grid of one layer (or of combined layers) as a self-contained SVG document."""
    width = MARGIN * 2 + LABEL_WIDTH + CELL_WIDTH * len(grid.stages)
    how = f" ({grid.combine})" if grid.combine else ""
    subtitle = " + ".join(grid.layers) + how + (f" · {date}" if date else "")
    title = "Private-sector engagement along the migration cycle"
    body = [
        _text(MARGIN, 40, title, INK, 20, font_weight="bold", id="title"),
        _text(MARGIN, 64, subtitle, MUTED, 14, id="subtitle"),
    ]
    cells, y = _grid(grid, catalog, 80)
    legend, y = _legend(grid, y + 16)
    source = (
        "Cells: the stage functions and actor types of ECDPM (2020), Mapping private sector "
        "engagement along the migration cycle. Made with migcycle."
    )
    footer = [
        _text(MARGIN, y + 12 + 15 * i, line, MUTED, 11.5)
        for i, line in enumerate(wrap(source, 120))
    ]
    height = y + 36
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:g}" '
            f'viewBox="0 0 {width} {height:g}" role="img" aria-labelledby="title subtitle" '
            f'font-family="{escape(FONT)}">',
            f"<title>{escape(title)}: {escape(subtitle)}</title>",
            _rect(0, 0, width, height, "#ffffff"),
            *body, *cells, *legend, *footer,
            "</svg>",
        ]
    ) + "\n"  # fmt: skip
