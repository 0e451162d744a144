"""The catalog re-emitted in the data files' own layout (load it back with ``--data``)."""

from __future__ import annotations

from migcycle.models import Catalog
from migcycle.serialise import to_data
from migcycle.sources import FILES, bundled_schema_dir
from migcycle.yamlio import dump_yaml


def data_file_texts(catalog: Catalog) -> dict[str, str]:
    """One text per data file name, each pointing at its JSON Schema."""
    schema_dir = bundled_schema_dir()
    texts = {}
    for part, name in FILES.items():
        header = f"# yaml-language-server: $schema={schema_dir / f'{part}.schema.json'}\n"
        texts[name] = header + dump_yaml(to_data(getattr(catalog, part), defaults=False))
    return texts


def joined(texts: dict[str, str]) -> str:
    """Several data files as one text on stdout, each under a comment naming it."""
    return "".join(f"# --- {name}\n{text}" for name, text in texts.items())
