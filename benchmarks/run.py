"""migcycle's benchmark: start-up cost against the stack's import floor, and scaling with data size.

    python benchmarks/run.py                 # full run: writes docs/benchmarks.md
    python benchmarks/run.py --scales 1,10   # a quicker run

Start-up: the commands are run in interleaved rounds (so machine drift hits them all alike); each
result is the median wall time over the rounds, as a ratio to the median of the floor,
``python -c "import typer, yaml, rich.console; from pydantic import BaseModel"``, and the peak
resident memory of the process. The catalog cache is warm, as it is for a user's second query.

Scaling: synthetic data directories at 1x, 10x, 100x and 1000x the bundled records
(benchmarks/generate.py); for each, the time to validate, to search and to show a stage with
the cache off, and each as a ratio to parsing the same files with yaml.CSafeLoader alone.
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
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402

EXE = shutil.which("migcycle") or str(Path(sys.executable).with_name("migcycle"))
FLOOR = [sys.executable, "-c", "import typer, yaml, rich.console; from pydantic import BaseModel"]
STARTUP = {
    "floor (typer, yaml, rich.console, pydantic.BaseModel)": (FLOOR, {}, None),
    "migcycle stage arrival --json": ([EXE, "stage", "arrival", "--json"], {}, 1.0),
    "migcycle stage arrival (rich)": (
        [EXE, "stage", "arrival"],
        {"FORCE_COLOR": "1", "COLUMNS": "100"},
        1.2,
    ),
    "migcycle search finance --json": ([EXE, "search", "finance", "--json"], {}, 1.1),
    "migcycle --help": ([EXE, "--help"], {}, 1.2),
    "completion of stage names": (
        [EXE],
        {"_MIGCYCLE_COMPLETE": "complete_bash", "COMP_WORDS": "migcycle stage ", "COMP_CWORD": "2"},
        None,
    ),
}
MEMORY_BUDGET_MIB = 45
PARSE_ONLY = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as f: yaml.load(f.read(), Loader=yaml.CSafeLoader)\n"
)


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one run (its output discarded)."""
    environment = {**os.environ, **env}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def startup(rounds: int) -> list[tuple[str, float, float, float, float | None]]:
    for command, env, _ in STARTUP.values():  # warm the OS cache and migcycle's catalog cache
        run_once(command, env)
    times: dict[str, list[float]] = {name: [] for name in STARTUP}
    memory: dict[str, float] = dict.fromkeys(STARTUP, 0.0)
    for _ in range(rounds):
        for name, (command, env, _) in STARTUP.items():
            elapsed, peak = run_once(command, env)
            times[name].append(elapsed)
            memory[name] = max(memory[name], peak)
    floor = statistics.median(next(iter(times.values())))
    return [
        (name, statistics.median(t), statistics.median(t) / floor, memory[name], STARTUP[name][2])
        for name, t in times.items()
    ]


def scaling(scales: list[int], scratch: Path) -> list[dict[str, float]]:
    rows = []
    bundled = sorted((ROOT / "data").glob("*.yaml"))
    for multiple in scales:
        directory = scratch / f"{multiple}x"
        files = generate(multiple, directory) if multiple > 1 else []
        directory.mkdir(parents=True, exist_ok=True)
        every = [*bundled, *files]
        size = sum(p.stat().st_size for p in every)
        runs = 3 if multiple <= 100 else 1
        no_cache = {"MIGCYCLE_NO_CACHE": "1"}
        data = ["--data", str(directory)]
        measured = {
            "parse": [sys.executable, "-c", PARSE_ONLY, *map(str, every)],
            "validate": [EXE, *data, "validate"],
            "search": [EXE, *data, "search", "finance", "--json"],
            "stage": [EXE, *data, "stage", "arrival", "--json"],
        }
        result: dict[str, float] = {"multiple": multiple, "megabytes": size / 1e6}
        for name, command in measured.items():
            samples = [run_once(command, no_cache) for _ in range(runs)]
            result[name] = statistics.median(s[0] for s in samples)
            result[f"{name}_mib"] = max(s[1] for s in samples)
        rows.append(result)
        print(
            f"  {multiple}x: {size / 1e6:.1f} MB, validate {result['validate']:.2f}s",
            file=sys.stderr,
        )
        if multiple > 1:
            shutil.rmtree(directory, ignore_errors=True)
    return rows


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    info = Path("/proc/cpuinfo")
    if info.exists():
        for line in info.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = ", ".join(
        f"{p} {metadata.version(p)}" for p in ("migcycle", "typer", "rich", "pydantic", "PyYAML")
    )
    return [
        f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores",
        f"- Python {platform.python_version()} ({sys.executable})",
        f"- packages: {versions}",
    ]


def report(
    start: list[tuple[str, float, float, float, float | None]],
    scale: list[dict[str, float]],
    rounds: int,
) -> str:
    out = [
        "# migcycle benchmarks",
        "",
        "Regenerate with `python benchmarks/run.py` (it rewrites this file). Timings are wall",
        "clock on the machine below; ratios are what to compare across machines.",
        "",
        *machine(),
        "",
        f"## Start-up (median of {rounds} interleaved rounds, catalog cache warm)",
        "",
        "| command | median | ratio to floor | budget | peak memory |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, median, ratio, mib, budget in start:
        budget_text = f"≤ {budget:.1f}×" + (" ✓" if ratio <= budget else " ✗") if budget else "—"
        memory = f"{mib:.1f} MiB" + (
            "" if name.startswith("floor") else (" ✓" if mib <= MEMORY_BUDGET_MIB else " ✗")
        )
        out.append(
            f"| `{name}` | {median * 1000:.0f} ms | {ratio:.2f}× | {budget_text} | {memory} |"
        )
    out += [
        "",
        f"Memory budget: ≤ {MEMORY_BUDGET_MIB} MiB peak resident per command.",
        "",
        "## Scaling (cache off; ratio = time / parsing the same files with yaml.CSafeLoader alone)",
        "",
        "| data | size | CSafeLoader parse | validate | search | stage --json | peak memory (validate) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in scale:
        parse = row["parse"]
        cells = [f"{row[k]:.2f} s ({row[k] / parse:.2f}×)" for k in ("validate", "search", "stage")]
        out.append(
            f"| {int(row['multiple'])}× | {row['megabytes']:.1f} MB | {parse:.2f} s | {' | '.join(cells)} | {row['validate_mib']:.0f} MiB |"
        )
    if len(scale) > 1:
        out += ["", "Growth from each scale to the next (time ratio for a 10× data ratio):", ""]
        for before, after in itertools.pairwise(scale):
            data = after["multiple"] / before["multiple"]
            growth = ", ".join(
                f"{k} {after[k] / before[k]:.1f}×" for k in ("parse", "validate", "search", "stage")
            )
            out.append(
                f"- {int(before['multiple'])}× → {int(after['multiple'])}× ({data:.0f}× data): {growth}"
            )
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="start-up rounds (at least 10)")
    parser.add_argument("--scales", default="1,10,100,1000", help="data multiples, comma-separated")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    os.environ.pop("MIGCYCLE_DATA", None)
    # Byte-compile migcycle as pip does when it installs the wheel; an editable install under
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module on every run.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "migcycle")], check=True
    )
    with tempfile.TemporaryDirectory(prefix="migcycle-bench-") as scratch:
        os.environ["XDG_CACHE_HOME"] = str(Path(scratch) / "cache")
        print("start-up ...", file=sys.stderr)
        start = startup(max(args.rounds, 10))
        print("scaling ...", file=sys.stderr)
        scale = scaling([int(x) for x in args.scales.split(",")], Path(scratch))
    text = report(start, scale, max(args.rounds, 10))
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
