"""What each commit saved: the start-up commands of benchmarks/run.py at several commits, in
one run of interleaved rounds (so machine drift hits every commit alike).

    python benchmarks/steps.py aa2ffb5 HEAD~2 HEAD~1 HEAD --rounds 20

Each commit is exported with ``git archive`` into a scratch directory, byte-compiled, and run as
``python -m migcycle`` with that copy's ``src`` on PYTHONPATH and its own warm catalog cache. The
table gives each command's median wall time and median CPU time (user + system) per commit and,
for the last commit, the ratio to its reference (T_json, T_rich or T_json's ``--help``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from run import ROOT, Case, _starred, cases, run_once


def export(revision: str, scratch: Path) -> Path:
    target = scratch / revision.replace("/", "_").replace("~", "-")
    target.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(target / "src")], check=True)
    return target


def plan(revisions: list[str], scratch: Path) -> list[tuple[str, Case]]:
    """(column, case) pairs: the references once, then every migcycle case at every commit."""
    exe = [sys.executable, "-m", "migcycle"]
    every = cases(exe)
    runs = [("reference", c) for c in every if c.reference is None]
    for revision in revisions:
        tree = export(revision, scratch)
        env = {"PYTHONPATH": str(tree / "src"), "XDG_CACHE_HOME": str(tree / "cache")}
        runs += [(revision, Case(c.name, c.command, {**c.env, **env}, c.reference, c.budget))
                 for c in every if c.reference is not None]  # fmt: skip
    return runs


Result = dict[tuple[str, str], tuple[float, float]]


def measure(runs: list[tuple[str, Case]], rounds: int) -> Result:
    for _, case in runs:  # warm the OS cache and each commit's catalog cache
        run_once(case.command, case.env)
    wall: dict[tuple[str, str], list[float]] = {(r, c.name): [] for r, c in runs}
    cpu: dict[tuple[str, str], list[float]] = {(r, c.name): [] for r, c in runs}
    for _ in range(rounds):
        for revision, case in runs:
            elapsed, _, used = run_once(case.command, case.env)
            wall[revision, case.name].append(elapsed)
            cpu[revision, case.name].append(used)
    return {k: (statistics.median(wall[k]), statistics.median(cpu[k])) for k in wall}


def _cell(result: Result, key: tuple[str, str]) -> str:
    wall, used = result[key]
    return f"{wall * 1000:.0f} ms (CPU {used * 1000:.0f})"


def table(runs: list[tuple[str, Case]], revisions: list[str], result: Result) -> list[str]:
    references = [c for r, c in runs if r == "reference"]
    measured = [c for r, c in runs if r == revisions[-1]]
    out = [f"- `{c.name}`: {_cell(result, ('reference', c.name))}" for c in references]
    out += [
        "",
        f"| command | {' | '.join(revisions)} | last × reference (CPU); like for like |",
        f"| --- | {' | '.join('---' for _ in revisions)} | --- |",
    ]
    for case in measured:
        assert case.reference is not None
        cells = " | ".join(_cell(result, (r, case.name)) for r in revisions)
        (wall, used), (ref_wall, ref_cpu) = (
            result[revisions[-1], case.name],
            result["reference", case.reference],
        )
        alike = result["reference", _starred(case.reference)][0]
        ratio = f"{wall / ref_wall:.3f}× ({used / ref_cpu:.3f}×) vs {case.reference}"
        ratio += f"; {wall / alike:.3f}× vs {_starred(case.reference)}"
        out.append(f"| `{case.name}` | {cells} | {ratio} |")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revisions", nargs="+", help="git revisions, oldest first")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    os.environ.pop("MIGCYCLE_DATA", None)
    with tempfile.TemporaryDirectory(prefix="migcycle-steps-") as scratch:
        runs = plan(args.revisions, Path(scratch))
        result = measure(runs, args.rounds)
    print(f"median of {args.rounds} interleaved rounds; wall time (CPU time)\n")
    print("\n".join(table(runs, args.revisions, result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
