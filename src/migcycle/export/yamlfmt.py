"""The catalog re-emitted in the data files' own layout (load it back with ``--data``).

Each file begins with ``# yaml-language-server: $schema=<part>.schema.json``: a path relative to
the file itself, never into the installation, so a shared directory keeps working. ``--output
DIR`` writes the three schema files beside the data files; on stdout the files form one
multi-document YAML stream (``---`` before each, then a comment naming the file).
"""

from __future__ import annotations

from migcycle.models import Catalog
from migcycle.serialise import to_data
from migcycle.sources import FILES
from migcycle.yamlio import dump_yaml


def schema_line(schema: str) -> str:
    """The first line of a YAML file migcycle writes: its JSON Schema for editors, named by a
    path relative to the file (``layer.schema.json``, beside it)."""
    return f"# yaml-language-server: $schema={schema}\n"


def data_file_texts(catalog: Catalog) -> dict[str, str]:
    """One text per data file name, each pointing at its JSON Schema beside it."""
    return {
        name: schema_line(f"{part}.schema.json")
        + dump_yaml(to_data(getattr(catalog, part), defaults=False))
        for part, name in FILES.items()
    }


def schema_texts() -> dict[str, str]:
    """The data files' JSON Schemas by file name, as ``migcycle schema --output`` writes them."""
    from migcycle.models import json_schemas
    from migcycle.serialise import dumps

    schemas = json_schemas()
    return {f"{part}.schema.json": dumps(schemas[part]) + "\n" for part in FILES}


def stream(texts: dict[str, str]) -> str:
    """Several files as one YAML stream: each a document (``---``) under a comment naming it,
    read back with ``yaml.safe_load_all``."""
    return "".join(f"---\n# {name}\n{text}" for name, text in texts.items())
