"""The layer picture for a report: light, titled, legended, self-contained, and every text at
WCAG AA contrast against what is drawn behind it, computed from the SVG itself."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from migcycle.models import hex_colour
from migcycle.report_svg import contrast

from .conftest import Run

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "layers"
Y2026 = str(EXAMPLES / "donor-portfolio-2026.yaml")
Y2027 = str(EXAMPLES / "donor-portfolio-2027.yaml")
SVG = "{http://www.w3.org/2000/svg}"


def _svg(run: Run, tmp_path: Path, *layers: str, extra: tuple[str, ...] = ()) -> ET.Element:
    target = tmp_path / "grid.svg"
    args = [a for layer in layers for a in ("--layer", layer)]
    result = run("matrix", *args, *extra, "--svg", str(target))
    assert result.exit_code == 0, result.stderr
    return ET.parse(target).getroot()


def _background(rects: list[tuple[float, float, float, float, str]], x: float, y: float) -> str:
    """The fill of the last rectangle drawn under the point (the canvas is the first)."""
    under = [fill for rx, ry, w, h, fill in rects if rx <= x <= rx + w and ry <= y <= ry + h]
    return under[-1]


def _ratios(root: ET.Element) -> list[tuple[str, float]]:
    """Every text with its contrast ratio against the rectangle drawn behind its anchor."""
    rects: list[tuple[float, float, float, float, str]] = []
    found = []
    for element in root.iter():
        if element.tag == f"{SVG}rect":
            x, y, w, h = (float(element.get(k, "0")) for k in ("x", "y", "width", "height"))
            rects.append((x, y, w, h, str(element.get("fill"))))
        elif element.tag == f"{SVG}text":
            x, y = float(element.get("x", "0")), float(element.get("y", "0"))
            size = float(element.get("font-size", "13"))
            fill = hex_colour(str(element.get("fill")))
            behind = hex_colour(_background(rects, x, y - size / 3))  # the glyphs' middle
            assert fill and behind, element.text
            found.append((str(element.text), contrast(fill, behind)))
    return found


LABELS = (
    "name: labels\nscale:\n  labels: [none, planned, active]\n"
    "  colours: {none: white, planned: yellow, active: '#0f0'}\n"
    "entries:\n  - {stage: arrival, function: finance, score: active}\n"
    "  - {stage: transit, function: finance, score: planned}\n"
)


@pytest.mark.parametrize("case", ["example", "diff", "labels with named colours"])
def test_every_text_reaches_wcag_aa(run: Run, tmp_path: Path, case: str) -> None:
    if case == "example":
        root = _svg(run, tmp_path, Y2026)
    elif case == "diff":
        root = _svg(run, tmp_path, Y2026, Y2027, extra=("--combine", "diff"))
    else:
        layer = tmp_path / "labels.yaml"
        layer.write_text(LABELS)
        root = _svg(run, tmp_path, str(layer))
    ratios = _ratios(root)
    assert len(ratios) > 100  # the title, headers, 16 actors x 5 stages, the legend
    low = [(text, round(r, 2)) for text, r in ratios if r < 4.5]
    assert not low, low


def test_the_picture_is_light_titled_and_self_contained(run: Run, tmp_path: Path) -> None:
    root = _svg(run, tmp_path, Y2026)
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert texts[0] == "Private-sector engagement along the migration cycle"
    assert texts[1] == "Example donor portfolio 2026 (fictional) · 2026-11-23"
    assert "Legend" in texts and "gap" in texts and "—" in texts
    first = root.find(f"{SVG}rect")
    assert first is not None and first.get("fill") == "#ffffff"  # a light canvas
    raw = ET.tostring(root, encoding="unicode")
    assert "@font-face" not in raw and "url(" not in raw and "<image" not in raw
    assert "http" not in raw.replace("http://www.w3.org/2000/svg", "")  # nothing to fetch
    assert "Financial institutions" in texts and "3 Arrival" in texts
