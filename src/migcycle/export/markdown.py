"""A readable Markdown report: every record with its text, each followed by its citation."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from migcycle import __version__
from migcycle import kinds as registry
from migcycle.curation import reason
from migcycle.export.tables import selected
from migcycle.models import Catalog, Reason, Sourced, record_id

LINK_FIELDS = [link.field for link in registry.LINKS]

_SKIP = {"id", "source", "curated"}


def to_markdown(catalog: Catalog, kinds: Sequence[str] = ()) -> str:
    """A readable report: every record with its text, each followed by its citation."""
    from migcycle.cite import cite_records

    chosen = selected(catalog, kinds)
    pairs = [(kind, record) for kind, records in chosen.items() for record in records]
    citations = iter(cite_records(catalog, pairs, "plain"))
    out = [
        "# migcycle data",
        "",
        f"Exported by migcycle {__version__}. Text is quoted from the documents; curated",
        "structure (aliases, themes, links) is marked as such.",
    ]
    for kind, records in chosen.items():
        out += ["", f"## {kind} ({len(records)})"]
        for record in records:
            out += [*_record(kind, record), "", f"> {next(citations).citation}"]
    return "\n".join(out) + "\n"


def _record(kind: str, record: BaseModel) -> list[str]:
    ident = record_id(record)
    out = ["", f"### {registry.label(kind, record)}", "", f"`{kind}:{ident}`", ""]
    for name in type(record).model_fields:
        if name not in _SKIP:
            out += _field(name, getattr(record, name))
    if isinstance(record, Sourced):
        out += _links(record)
    return out


def _links(record: Sourced) -> list[str]:
    """The record's curated links, each with its reason (quoted words in quotation marks)."""
    out = []
    for field in LINK_FIELDS:
        for target in getattr(record.curated, field):
            given = reason(record, field, target)
            why = "" if given is None else f" - {_reason_text(given)}"
            out.append(f"  - {field} `{target}`{why}")
    return ["- *curated links* (migcycle's, with their reasons):", *out] if out else []


def _reason_text(given: Reason) -> str:
    return f"inferred: {given.why}" if given.basis == "inferred" else f"“{given.why}”"


def _field(name: str, value: object) -> list[str]:
    if isinstance(value, list) and value and isinstance(value[0], BaseModel):
        return [f"- **{name}**: {', '.join(f'`{record_id(v)}`' for v in value)}"]
    if isinstance(value, list) and value:
        return [f"- **{name}**:", *(f"  - {v}" for v in value)]
    if value not in (None, [], ""):
        return [f"- **{name}**: {value}"]
    return []
