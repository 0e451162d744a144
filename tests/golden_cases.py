"""The commands whose output the architecture refactor (issue 10) must not change.

Each case is (name, arguments). ``scripts/golden.py`` records their stdout under
``tests/golden/``; ``tests/test_golden.py`` runs them again and compares byte for byte, on the
bundled data and on the example extension. A deliberate change of output regenerates the files
(``python scripts/golden.py``) in the same commit, so the diff shows what changed.
"""

from __future__ import annotations

LAYER = "examples/layers/donor-portfolio-2026.yaml"
LAYER_2027 = "examples/layers/donor-portfolio-2027.yaml"

VIEWS: list[tuple[str, list[str]]] = [
    ("stages", ["stages"]),
    ("stage-arrival", ["stage", "arrival"]),
    ("stage-5", ["stage", "5"]),
    ("cycle", ["cycle"]),
    ("actors", ["actors"]),
    ("actor-finance", ["actor", "finance"]),
    ("actor-hospitality", ["actor", "hospitality"]),
    ("roles", ["roles"]),
    ("cooperation", ["cooperation"]),
    ("sectors", ["sectors"]),
    ("sector-financial-services", ["sector", "financial-services"]),
    ("sessions", ["sessions"]),
    ("session-4", ["session", "4"]),
    ("questions", ["questions"]),
    ("questions-filtered", ["questions", "--theme", "finance", "--session", "4"]),
    ("questions-actor", ["questions", "--actor", "finance"]),
    ("themes", ["themes"]),
    ("matrix", ["matrix"]),
    ("matrix-layer", ["matrix", "--layer", LAYER]),
    ("matrix-diff", ["matrix", "--layer", LAYER, "--layer", LAYER_2027, "--combine", "diff"]),
    ("gaps", ["gaps", "--layer", LAYER]),
    ("gcm", ["gcm"]),
    ("gcm-20", ["gcm", "20"]),
    ("sdg", ["sdg"]),
    ("sdg-10c", ["sdg", "10.c"]),
    ("search-remittance", ["search", "remittance"]),
    ("search-kind", ["search", "social cohesion", "--kind", "stage-function"]),
    ("cite-plain", ["cite", "4.2.3"]),
    ("cite-markdown", ["cite", "arrival/finance", "--style", "markdown"]),
    ("cite-bibtex", ["cite", "gcm-20", "--style", "bibtex"]),
]
"""Views: each is recorded twice, as a table (NO_COLOR, 100 columns) and with --json."""

EXPORTS: list[tuple[str, list[str]]] = [
    ("export-json", ["export", "--format", "json"]),
    ("export-jsonl", ["export", "--format", "jsonl"]),
    ("export-csv-question", ["export", "--format", "csv", "--kind", "question"]),
    ("export-markdown", ["export", "--format", "markdown"]),
    ("export-yaml", ["export", "--format", "yaml"]),
    ("codebook-qdc", ["codebook"]),
    ("codebook-csv", ["codebook", "--format", "csv"]),
    ("schema", ["schema"]),
    ("layer-new", ["layer", "new", "--scale", "none,planned,active", "--name", "X"]),
    ("validate", ["validate", "--json"]),
]
"""Commands that print data whatever the terminal: recorded once."""

DATA_DIRS = {"bundled": None, "extension": "examples/extension"}
