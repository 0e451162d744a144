"""Where migcycle's own share of ``migcycle stage arrival --json`` goes, phase by phase.

    PYTHONPATH=src python benchmarks/breakdown.py --runs 15

Each run is a fresh interpreter that pauses the collector as ``cli.main()`` does, first runs
T_json (benchmarks/typer_json.py: what any typer program imports and builds), then times each
phase of migcycle's command on top of that, in CPU milliseconds: the imports, loading the catalog from the (warm)
cache, the query, the JSON. The table gives the median of each phase over the runs. The catalog
cache is filled first; ``XDG_CACHE_HOME`` is used as set (a scratch directory if unset).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PHASES = r"""
import gc; gc.disable()
import contextlib, io, runpy, sys, time
import typer.main
sys.argv = ["typer_json", "show", "arrival", "--json"]
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    runpy.run_path(TYPER_JSON, run_name="__main__")
clock = time.process_time
marks = [("", clock())]
def mark(label): marks.append((label, clock()))
import migcycle.cli; mark("import cli, commands.common, output, errors, usage, listing")
import migcycle.models; mark("import models (defining the pydantic models)")
import migcycle.kinds, migcycle.curation; mark("import kinds, curation")
import migcycle.query; mark("import query")
import migcycle.commands.brief; mark("import commands.brief, choices")
import migcycle.load; mark("import load, cache, sources, safe_io, hashlib")
from migcycle import cache, load, query, sources
from migcycle.serialise import dumps
files = sources.read_files(None); key = load.fingerprint(files); mark("read and hash the data files")
cache.code_signature(); mark("hash migcycle's source files (the cache key)")
found = cache.get(key); mark("cache entry: read, json.loads, rebuild the models")
view = query.stage_view(found, query.find_stage(found, "arrival")); mark("query.stage_view")
text = dumps(view); mark("serialise.dumps")
group = typer.main.get_command(migcycle.cli.app); mark("build the app group (root options)")
group.commands["stage"]; mark("build the stage command")
print("\t".join(f"{l}={1000 * (t - p):.3f}" for (l, t), (_, p) in zip(marks[1:], marks)))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="migcycle-breakdown-"))
    warm = [sys.executable, "-m", "migcycle", "stages", "--json"]
    subprocess.run(warm, check=True, env=env, stdout=subprocess.DEVNULL)
    phases: dict[str, list[float]] = {}
    for _ in range(args.runs):
        code = PHASES.replace("TYPER_JSON", repr(str(Path(__file__).with_name("typer_json.py"))))
        out = subprocess.run(
            [sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True
        ).stdout
        for item in out.strip().split("\t"):
            label, value = item.rsplit("=", 1)
            phases.setdefault(label, []).append(float(value))
    print(f"CPU ms, median of {args.runs} runs\n\n| phase | CPU |\n| --- | --- |")
    total = 0.0
    for label, values in phases.items():
        total += statistics.median(values)
        print(f"| {label} | {statistics.median(values):.1f} ms |")
    print(f"| **total** | **{total:.1f} ms** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
