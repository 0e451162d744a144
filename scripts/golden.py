"""Record the golden outputs that tests/test_golden.py compares against (see tests/golden_cases.py).

Run from the repository root: ``python scripts/golden.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.golden_cases import DATA_DIRS, EXPORTS, VIEWS  # noqa: E402
from tests.test_golden import GOLDEN, invocations, run_cli  # noqa: E402


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for path in GOLDEN.glob("*.out"):
        path.unlink()
    for name, args, data in invocations(VIEWS, EXPORTS, DATA_DIRS):
        (GOLDEN / name).write_bytes(run_cli(args, data))
    print(f"recorded {len(list(GOLDEN.glob('*.out')))} files in {GOLDEN.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
