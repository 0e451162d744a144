"""A readable Markdown report: every record with its text, each followed by its citation.

Data text is escaped so that a Markdown renderer shows it as written. A backslash goes before
the characters that mark up inline text (``\\ ` * [ ] < > # | ~ $``, and ``_`` except between
two letters), before an ``&`` that would start an entity, and before whatever would open a block
at the start of a line (``- ``, ``+ ``, ``1. ``, a line of ``=``); a line break inside a value
stays inside its list item. So no HTML, link, emphasis, heading or list comes from the data.
Ids stand in code spans long enough for any backticks they hold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel

from migcycle import __version__
from migcycle import kinds as registry
from migcycle.curation import reason
from migcycle.export.tables import selected
from migcycle.models import Catalog, Reason, Sourced, record_id

LINK_FIELDS = [link.field for link in registry.LINKS]

_SKIP = {"id", "source", "curated"}

_INLINE = re.compile(r"([\\`*\[\]<>#|~$])")
_UNDERSCORES = re.compile(r"(?<![^\W_])_+|_+(?![^\W_])")  # not between two letters or digits
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START = re.compile(r"[-+](?=[ \t-]|$)|=+[ \t]*$|([0-9]{1,9})[.)](?=[ \t]|$)")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def escape(text: str, indent: int = 0) -> str:
    """Data text that Markdown renders literally; lines after the first are indented by
    ``indent`` spaces, so that they stay in the list item the text begins in."""
    first, *rest = [_escape_line(line.lstrip(" \t")) for line in _NEWLINE.split(text)]
    return "\n".join([first, *(" " * indent + line if line else "" for line in rest)])


def _escape_line(line: str) -> str:
    line = _UNDERSCORES.sub(lambda m: "\\_" * len(m.group()), _INLINE.sub(r"\\\1", line))
    line = _ENTITY.sub(r"\\&", line)
    start = _BLOCK_START.match(line)
    if start is None:
        return line
    if start.group(1):  # an ordered list marker: escape its delimiter
        return f"{start.group(1)}\\{line[start.end(1) :]}"
    return f"\\{line}"


def one_line(text: str) -> str:
    """Data text for a heading: escaped, on one line."""
    return escape(" ".join(_NEWLINE.split(text)))


def code(text: str) -> str:
    """A code span that shows ``text`` as it is, whatever backticks it holds."""
    text = " ".join(_NEWLINE.split(text))
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


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
            quoted = escape(next(citations).citation).split("\n")
            out += [*_record(kind, record), "", *(f"> {line}".rstrip() for line in quoted)]
    return "\n".join(out) + "\n"


def _record(kind: str, record: BaseModel) -> list[str]:
    ident = record_id(record)
    out = ["", f"### {one_line(registry.label(kind, record))}", "", code(f"{kind}:{ident}"), ""]
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
            out.append(f"  - {field} {code(target)}{why}")
    return ["- *curated links* (migcycle's, with their reasons):", *out] if out else []


def _reason_text(given: Reason) -> str:
    words = escape(given.why)
    return f"inferred: {words}" if given.basis == "inferred" else f"“{words}”"


def _field(name: str, value: object) -> list[str]:
    if isinstance(value, list) and value and isinstance(value[0], BaseModel):
        return [f"- **{name}**: {', '.join(code(record_id(v)) for v in value)}"]
    if isinstance(value, list) and value:
        return [f"- **{name}**:", *(f"  - {escape(str(v), 4)}" for v in value)]
    if value not in (None, [], ""):
        return [f"- **{name}**: {escape(str(value), 2)}"]
    return []
