"""Inter-coder agreement on the theme tags: Cohen's kappa per theme (standard library only).

    python scripts/kappa.py docs/intercoder/first-coding.tsv docs/intercoder/second-coding.tsv \
        [--items docs/intercoder/items.tsv] [--codebook docs/codebook.md] [--output kappa.md] \
    [--labels "first coder,second coder"]

Each coding is a TSV with a header row and columns ``id`` and ``themes`` (theme ids separated by
``;``). Every theme of the codebook is a binary code over the items of ``items.tsv`` (tagged or
not), and for each the table gives how many items each coder tagged, how many both tagged, the
observed agreement and Cohen's kappa, (p_o - p_e) / (1 - p_e). Where both coders agree that no item
(or every item) has a theme, p_e is 1 and kappa is undefined: the table says so. An item missing
from a coding counts as tagged with nothing, and is listed. The disagreements follow the table.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
Coding = dict[str, set[str]]


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header (text never holds a tab, so no quoting)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:]]


def read_coding(path: Path) -> Coding:
    coding: Coding = {}
    for row in read_tsv(path):
        themes = re.split(r"[;,]", row.get("themes") or "")
        coding[row["id"].strip()] = {t.strip() for t in themes if t.strip()}
    return coding


def codebook_themes(path: Path) -> list[str]:
    """Theme ids in codebook order: the bold, backquoted ids that open each theme's entry."""
    return re.findall(r"^\*\*`([a-z0-9-]+)`", path.read_text(encoding="utf-8"), flags=re.M)


def kappa(first: list[bool], second: list[bool]) -> tuple[float, float | None]:
    """Observed agreement and Cohen's kappa of two binary codings (kappa None if undefined)."""
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    p1, p2 = sum(first) / n, sum(second) / n
    expected = p1 * p2 + (1 - p1) * (1 - p2)
    if expected >= 1:
        return observed, None
    return observed, (observed - expected) / (1 - expected)


LABELS = ["first coder", "second coder"]


def table(items: list[str], themes: list[str], first: Coding, second: Coding) -> list[str]:
    out = [
        f"| theme | {LABELS[0]} | {LABELS[1]} | both | agreement | kappa |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    pooled_first: list[bool] = []
    pooled_second: list[bool] = []
    values = []
    for theme in themes:
        a = [theme in first.get(i, set()) for i in items]
        b = [theme in second.get(i, set()) for i in items]
        pooled_first += a
        pooled_second += b
        observed, k = kappa(a, b)
        if k is not None:
            values.append(k)
        both = sum(x and y for x, y in zip(a, b, strict=True))
        shown = "undefined" if k is None else f"{k:.2f}"
        out.append(f"| {theme} | {sum(a)} | {sum(b)} | {both} | {observed:.0%} | {shown} |")
    observed, pooled = kappa(pooled_first, pooled_second)
    mean = sum(values) / len(values) if values else float("nan")
    out += [
        f"| **all themes pooled** | {sum(pooled_first)} | {sum(pooled_second)} | "
        f"{sum(x and y for x, y in zip(pooled_first, pooled_second, strict=True))} | "
        f"{observed:.0%} | {pooled if pooled is None else f'{pooled:.2f}'} |",
        "",
        f"Mean of the per-theme kappas: {mean:.2f} over {len(values)} themes; {len(items)} items.",
    ]
    return out


def disagreements(items: list[str], themes: list[str], first: Coding, second: Coding) -> list[str]:
    out = [f"| item | only the {LABELS[0]} | only the {LABELS[1]} |", "| --- | --- | --- |"]
    for item in items:
        a, b = first.get(item, set()), second.get(item, set())
        only_a = [t for t in themes if t in a - b]
        only_b = [t for t in themes if t in b - a]
        if only_a or only_b:
            out.append(f"| {item} | {', '.join(only_a) or '—'} | {', '.join(only_b) or '—'} |")
    return out


def report(items: list[str], themes: list[str], first: Coding, second: Coding) -> str:
    lines = ["## Cohen's kappa per theme", "", *table(items, themes, first, second)]
    for name, coding in zip(LABELS, (first, second), strict=True):
        missing = [i for i in items if i not in coding]
        unknown = sorted({t for tags in coding.values() for t in tags} - set(themes))
        if missing:
            lines += [
                "",
                f"Items the {name} coding lacks (counted as untagged): {', '.join(missing)}",
            ]
        if unknown:
            lines += [
                "",
                f"Tags the {name} coding uses that the codebook lacks: {', '.join(unknown)}",
            ]
    lines += ["", "## Disagreements", "", *disagreements(items, themes, first, second)]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--items", type=Path, default=ROOT / "docs" / "intercoder" / "items.tsv")
    parser.add_argument("--codebook", type=Path, default=ROOT / "docs" / "codebook.md")
    parser.add_argument("--output", type=Path, help="write the Markdown here (default: stdout)")
    parser.add_argument("--labels", default=",".join(LABELS), help="names of the two codings")
    args = parser.parse_args()
    LABELS[:] = [label.strip() for label in args.labels.split(",")][:2]
    items = [row["id"] for row in read_tsv(args.items)]
    text = report(
        items, codebook_themes(args.codebook), *map(read_coding, (args.first, args.second))
    )
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
