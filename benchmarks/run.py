"""migcycle's benchmark: start-up cost against bare typer apps, and scaling with data size.

    python benchmarks/run.py                        # full run: rewrites the generated part of docs/benchmarks.md
    python benchmarks/run.py --scales 1,10,100      # a quicker scaling table
    python benchmarks/run.py --source               # run this checkout's src/ (python -m migcycle)
    python benchmarks/run.py --scales '' --output /tmp/x.md   # start-up only, somewhere else

Start-up: every command is run in interleaved rounds (so machine drift hits them all alike);
each result is the median wall time over the rounds and the peak resident memory of the
process. The references are run the same way:

- F, the stack's import floor: ``python -c "import typer, yaml, rich.console; from pydantic
  import BaseModel"`` (kept as a column so earlier figures stay comparable);
- T_json (benchmarks/typer_json.py): a bare two-command typer app whose command takes a text
  argument and ``--json`` and prints ``json.dumps`` of a small dict; typer 0.29 builds a pydantic
  TypeAdapter per parameter, so any typer program costs this much;
- T_rich (benchmarks/typer_rich.py): the same app printing a rich Table of 9 rows x 3 columns;
- T_json's ``--help``.

Each migcycle command has a budget against one reference (DESIGN.md section 6). The catalog
cache is warm, as it is for a user's second query.

Which migcycle runs: by default the ``migcycle`` console script installed next to this Python
(not a pyenv shim, a bash script that would add its own start-up); with ``--source``,
``python -m migcycle`` with this checkout's ``src`` first on PYTHONPATH (what a worktree that is
not the installed one measures).

Scaling: synthetic data directories at 1x, 10x, 100x and 1000x the bundled records
(benchmarks/generate.py); for each, the time to validate, to search, to show a stage and to
export in every format with the cache off, each as a ratio to parsing the same files with
yaml.CSafeLoader alone.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
PYTHON = sys.executable
FLOOR = [PYTHON, "-c", "import typer, yaml, rich.console; from pydantic import BaseModel"]
T_JSON = [PYTHON, str(BENCH / "typer_json.py")]
T_RICH = [PYTHON, str(BENCH / "typer_rich.py")]
PAUSED = [PYTHON, str(BENCH / "collector_paused.py")]
RICH_ENV = {"FORCE_COLOR": "1", "COLUMNS": "100"}
COMPLETE_ENV = {
    "_MIGCYCLE_COMPLETE": "complete_bash",
    "COMP_WORDS": "migcycle stage ",
    "COMP_CWORD": "2",
}
MEMORY_BUDGET_MIB = 40
SEARCH_VALIDATE_BUDGET_AT_1000 = 2.5
EXPORTS = ("json", "jsonl", "csv", "markdown", "yaml", "sqlite")
PARSE_ONLY = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as f: yaml.load(f.read(), Loader=yaml.CSafeLoader)\n"
)
BEGIN, END = "<!-- benchmarks/run.py: begin -->", "<!-- benchmarks/run.py: end -->"


@dataclass(frozen=True)
class Case:
    """One command of the start-up table; ``reference`` names the case its budget is against."""

    name: str
    command: list[str]
    env: dict[str, str] = field(default_factory=dict)
    reference: str | None = None
    budget: float | None = None


def cases(exe: list[str]) -> list[Case]:
    """The references first (F first of all), then migcycle's commands with their budgets.

    T_json*, T_rich* and T_json* --help are the same apps with the collector treated as
    migcycle's main() treats it (benchmarks/collector_paused.py): no budget is against them;
    the "like for like" column divides by them, to show migcycle's own share."""
    show_json, show_rich, help_ = ["show", "arrival", "--json"], ["show", "arrival"], ["--help"]
    return [
        Case("F", FLOOR),
        Case("T_json", [*T_JSON, *show_json]),
        Case("T_rich", [*T_RICH, *show_rich], RICH_ENV),
        Case("T_json --help", [*T_JSON, *help_]),
        Case("T_json*", [*PAUSED, *T_JSON[1:], *show_json]),
        Case("T_rich*", [*PAUSED, *T_RICH[1:], *show_rich], RICH_ENV),
        Case("T_json* --help", [*PAUSED, *T_JSON[1:], *help_]),
        Case(
            "migcycle stage arrival --json",
            [*exe, "stage", "arrival", "--json"],
            {},
            "T_json",
            1.08,
        ),
        Case("migcycle stage arrival (rich)", [*exe, "stage", "arrival"], RICH_ENV, "T_rich", 1.08),
        Case(
            "migcycle search finance --json",
            [*exe, "search", "finance", "--json"],
            {},
            "T_json",
            1.12,
        ),
        Case("completion of stage names", exe, COMPLETE_ENV, "T_json", 1.08),
        Case("migcycle --help", [*exe, "--help"], {}, "T_json --help", 0.65),
    ]


def migcycle_executable(source: bool) -> list[str]:
    if source:
        os.environ["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p
        )
        sys.path.insert(0, str(ROOT / "src"))
        return [PYTHON, "-m", "migcycle"]
    beside = Path(PYTHON).with_name("migcycle")
    return [str(beside) if beside.exists() else shutil.which("migcycle") or "migcycle"]


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, peak resident MiB and CPU seconds (user + system) of one run, its output
    discarded. CPU time is the cross-check on a busy machine: waiting for a core adds wall time
    but no CPU time."""
    environment = {**os.environ, **env}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


@dataclass(frozen=True)
class Measured:
    case: Case
    median: float
    peak_mib: float
    cpu: float


def startup(exe: list[str], rounds: int) -> list[Measured]:
    every = cases(exe)
    for case in every:  # warm the OS cache and migcycle's catalog cache
        run_once(case.command, case.env)
    times: dict[str, list[float]] = {case.name: [] for case in every}
    cpu: dict[str, list[float]] = {case.name: [] for case in every}
    memory: dict[str, float] = {case.name: 0.0 for case in every}
    for _ in range(rounds):
        for case in every:
            elapsed, peak, used = run_once(case.command, case.env)
            times[case.name].append(elapsed)
            cpu[case.name].append(used)
            memory[case.name] = max(memory[case.name], peak)
    median = statistics.median
    return [Measured(c, median(times[c.name]), memory[c.name], median(cpu[c.name])) for c in every]


def scaled_commands(exe: list[str], directory: Path, out: Path) -> dict[str, list[str]]:
    data = [*exe, "--data", str(directory)]
    commands = {
        "validate": [*data, "validate"],
        "search": [*data, "search", "finance", "--json"],
        "stage": [*data, "stage", "arrival", "--json"],
    }
    for fmt in EXPORTS:
        target = (
            ["--output", str(out / f"export.{fmt}")] if fmt in {"csv", "yaml", "sqlite"} else []
        )
        commands[f"export {fmt}"] = [*data, "export", "--format", fmt, *target, "--force"]
    return commands


def scaling(exe: list[str], scales: list[int], scratch: Path) -> list[dict[str, float]]:
    from generate import generate  # imports migcycle: after --source has set the path

    rows = []
    bundled = sorted((ROOT / "data").glob("*.yaml"))
    for multiple in scales:
        directory, out = scratch / f"{multiple}x", scratch / "out"
        files = generate(multiple, directory) if multiple > 1 else []
        directory.mkdir(parents=True, exist_ok=True)
        out.mkdir(exist_ok=True)
        every = [*bundled, *files]
        runs = 3 if multiple <= 100 else 1
        measured = {"parse": [PYTHON, "-c", PARSE_ONLY, *map(str, every)]}
        measured |= scaled_commands(exe, directory, out)
        row = {"multiple": multiple, "megabytes": sum(p.stat().st_size for p in every) / 1e6}
        for name, command in measured.items():
            samples = [run_once(command, {"MIGCYCLE_NO_CACHE": "1"}) for _ in range(runs)]
            row[name] = statistics.median(s[0] for s in samples)
            row[f"{name}_mib"] = max(s[1] for s in samples)
        rows.append(row)
        print(
            f"  {multiple}x: {row['megabytes']:.1f} MB, validate {row['validate']:.2f}s",
            file=sys.stderr,
        )
        shutil.rmtree(out, ignore_errors=True)
        if multiple > 1:
            shutil.rmtree(directory, ignore_errors=True)
    return rows


def machine(exe: list[str]) -> list[str]:
    cpu = platform.processor() or platform.machine()
    info = Path("/proc/cpuinfo")
    if info.exists():
        for line in info.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = ", ".join(
        f"{p} {metadata.version(p)}" for p in ("typer", "rich", "pydantic", "PyYAML")
    )
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        check=False,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return [
        f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores"
        f" (load average at the end of the run: {', '.join(f'{x:.2f}' for x in os.getloadavg())})",
        f"- Python {platform.python_version()} ({PYTHON})",
        f"- packages: {versions}",
        f"- migcycle: commit {commit or 'unknown'}, run as `{' '.join(Path(exe[0]).name if i == 0 else a for i, a in enumerate(exe))}`",
    ]


def startup_table(start: list[Measured], rounds: int) -> list[str]:
    medians = {m.case.name: m.median for m in start}
    cpu = {m.case.name: m.cpu for m in start}
    out = [
        f"## Start-up (median of {rounds} interleaved rounds, catalog cache warm)",
        "",
        "| command | median | × F | reference | × reference | budget | like for like | peak memory | CPU: median, × reference |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for m in start:
        ref = m.case.reference
        ratio = m.median / medians[ref] if ref else None
        alike = f"{m.median / medians[_starred(ref)]:.3f}× {_starred(ref)}" if ref else "—"
        within = ratio is not None and m.case.budget is not None and ratio <= m.case.budget
        budget = f"≤ {m.case.budget:.2f}× {'✓' if within else '✗'}" if m.case.budget else "—"
        memory = f"{m.peak_mib:.1f} MiB"
        if m.case.name.startswith("migcycle") or m.case.name.startswith("completion"):
            memory += " ✓" if m.peak_mib <= MEMORY_BUDGET_MIB else " ✗"
        cpu_ratio = f", {m.cpu / cpu[ref]:.3f}×" if ref else ""
        out.append(
            f"| `{m.case.name}` | {m.median * 1000:.0f} ms | {m.median / medians['F']:.2f}× "
            f"| {ref or '—'} | {f'{ratio:.3f}×' if ratio else '—'} | {budget} | {alike} | {memory} "
            f"| {m.cpu * 1000:.0f} ms{cpu_ratio} |"
        )
    return [
        *out,
        "",
        f"Memory budget: ≤ {MEMORY_BUDGET_MIB} MiB peak resident per migcycle command. The budgets",
        "are judged on wall time; the CPU column (user + system time of the process) is the",
        "cross-check on a shared machine, where waiting for a core adds wall time but no CPU time.",
        "Like for like: the ratio to the reference run with the collector treated as migcycle's",
        "main() treats it (T_json*, T_rich*: benchmarks/collector_paused.py), migcycle's own share.",
    ]


def _starred(reference: str) -> str:
    """T_json -> T_json*, T_json --help -> T_json* --help."""
    head, _, rest = reference.partition(" ")
    return f"{head}*" + (f" {rest}" if rest else "")


def scaling_table(scale: list[dict[str, float]]) -> list[str]:
    operations = ["validate", "search", "stage", *(f"export {f}" for f in EXPORTS)]
    out = [
        "## Scaling (cache off; ratio = time / parsing the same files with yaml.CSafeLoader alone)",
        "",
        f"| data | size | CSafeLoader parse | {' | '.join(operations)} | peak memory (validate) |",
        f"| --- | --- | --- | {' | '.join('---' for _ in operations)} | --- |",
    ]
    for row in scale:
        parse = row["parse"]
        cells = [f"{row[k]:.2f} s ({row[k] / parse:.2f}×)" for k in operations]
        out.append(
            f"| {int(row['multiple'])}× | {row['megabytes']:.1f} MB | {parse:.2f} s | {' | '.join(cells)} | {row['validate_mib']:.0f} MiB |"
        )
    for row in scale:
        if row["multiple"] == 1000:
            worst = max(row["validate"], row["search"]) / row["parse"]
            verdict = "✓" if worst <= SEARCH_VALIDATE_BUDGET_AT_1000 else "✗"
            out += [
                "",
                f"At 1000×, validate and search ≤ {SEARCH_VALIDATE_BUDGET_AT_1000}× the parse: {worst:.2f}× {verdict}",
            ]
    if len(scale) > 1:
        out += ["", "Growth from each scale to the next (time ratio for a 10× data ratio):", ""]
        for before, after in itertools.pairwise(scale):
            growth = ", ".join(f"{k} {after[k] / before[k]:.1f}×" for k in ["parse", *operations])
            data = after["multiple"] / before["multiple"]
            out.append(
                f"- {int(before['multiple'])}× → {int(after['multiple'])}× ({data:.0f}× data): {growth}"
            )
    return out


def report(
    exe: list[str], start: list[Measured], scale: list[dict[str, float]], rounds: int
) -> str:
    out = [
        BEGIN,
        "",
        "Regenerated by `python benchmarks/run.py` (it rewrites the text between these markers).",
        "Timings are wall clock on the machine below; ratios are what to compare across machines.",
        "",
        *machine(exe),
        "",
        *startup_table(start, rounds),
    ]
    if scale:
        out += ["", *scaling_table(scale)]
    return "\n".join([*out, "", END]) + "\n"


def write(path: Path, generated: str) -> None:
    """Replace the generated part of ``path`` (between the markers), keeping what is around it."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        text = head + generated + ("\n" + tail if tail else "")
    else:
        text = "# migcycle benchmarks\n\n" + generated
    path.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="start-up rounds (at least 10)")
    parser.add_argument(
        "--scales", default="1,10,100,1000", help="data multiples, comma-separated ('' for none)"
    )
    parser.add_argument(
        "--source", action="store_true", help="run this checkout's src (python -m migcycle)"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    os.environ.pop("MIGCYCLE_DATA", None)
    exe = migcycle_executable(args.source)
    sys.path.insert(0, str(BENCH))
    # Byte-compile migcycle as pip does when it installs the wheel; an editable install under
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module on every run.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "src" / "migcycle")], check=True)
    rounds = max(args.rounds, 10)
    with tempfile.TemporaryDirectory(prefix="migcycle-bench-") as scratch:
        os.environ["XDG_CACHE_HOME"] = str(Path(scratch) / "cache")
        print("start-up ...", file=sys.stderr)
        start = startup(exe, rounds)
        print("scaling ...", file=sys.stderr)
        scale = scaling(exe, [int(x) for x in args.scales.split(",") if x], Path(scratch))
    generated = report(exe, start, scale, rounds)
    write(args.output, generated)
    print(generated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
