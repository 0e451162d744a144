"""Run a Python script with the cyclic garbage collector treated as migcycle's ``main()`` treats
it (``cli._Startup``): paused while the script runs, and what it built frozen before the
interpreter exits, so the full collection the interpreter makes at exit skips it.

For comparison only: T_json and T_rich under this treatment (T_json*, T_rich*) say how much of
migcycle's gain from it any typer program could have the same way, and so what migcycle's own
share is, like for like.

    python benchmarks/collector_paused.py benchmarks/typer_json.py show arrival --json
"""

import gc
import runpy
import sys

gc.disable()
script = sys.argv[1]
sys.argv = sys.argv[1:]
try:
    runpy.run_path(script, run_name="__main__")
finally:
    gc.freeze()
    gc.enable()
