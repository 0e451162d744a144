"""Citations for any record, in plain text, Markdown or BibTeX. Pure: no I/O, no printing."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal, NamedTuple

from pydantic import BaseModel

from migcycle import __version__
from migcycle import kinds as registry
from migcycle.errors import NotFound, did_you_mean
from migcycle.models import Catalog, ExternalDocument, Framework, Sourced, record_id

Style = Literal["plain", "markdown", "bibtex"]


class CitationStyle(StrEnum):
    plain = "plain"
    markdown = "markdown"
    bibtex = "bibtex"


STYLES: tuple[Style, ...] = ("plain", "markdown", "bibtex")

# The frameworks' own documents, as the project's reference table names them.
FRAMEWORK_DOCUMENTS = {
    "GCM": ("Global Compact for Safe, Orderly and Regular Migration", "2018", "A/RES/73/195"),
    "SDG": ("Sustainable Development Goals", "2015", "SDG targets"),
    "GCR": ("Global Compact on Refugees", "2018", "A/73/12 (Part II)"),
}


class Citation(NamedTuple):
    kind: str
    id: str
    label: str
    document: str
    locator: str
    style: Style
    citation: str


def find_record(catalog: Catalog, ref: str) -> tuple[str, BaseModel]:
    """The record ``ref`` names: a bare id, or ``kind:id`` where an id is shared between kinds.

    Stages also answer to their number (``stage:3``), since users know them by it.
    """
    records = registry.all_records(catalog)
    kind_prefix, _, bare = ref.partition(":") if ":" in ref else ("", "", ref)
    kinds = {kind for kind, _ in records}
    if kind_prefix and kind_prefix not in kinds:
        raise NotFound(f'no kind "{kind_prefix}" (kinds: {", ".join(sorted(kinds))})')
    matches = [
        (kind, record)
        for kind, record in records
        if (not kind_prefix or kind == kind_prefix) and bare in _ids(kind, record)
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        choices = ", ".join(f"{kind}:{bare}" for kind, _ in matches)
        raise NotFound(f'"{ref}" is ambiguous: say which with a kind prefix: {choices}')
    known = [f"{kind}:{record_id(r)}" for kind, r in records]
    plain_ids = [record_id(r) for _, r in records]
    hint = did_you_mean(ref, [*plain_ids, *known], quote='"')
    raise NotFound(f'no record has the id "{ref}"{hint} (ids are listed by `migcycle search`)')


def _ids(kind: str, record: BaseModel) -> set[str]:
    ids = {record_id(record)}
    number = getattr(record, "number", None)
    if registry.get(kind).numbered and number is not None:
        ids.add(str(number))
    return ids


def cite(catalog: Catalog, ref: str, style: Style = "plain") -> Citation:
    kind, record = find_record(catalog, ref)
    return cite_record(catalog, kind, record, style)


def cite_record(catalog: Catalog, kind: str, record: BaseModel, style: Style) -> Citation:
    document, locator = _where(kind, record)
    bare = Citation(
        kind, record_id(record), registry.label(kind, record), document, locator, style, ""
    )
    write = {"plain": _plain, "markdown": _markdown, "bibtex": _bibtex}[style]
    return bare._replace(citation=write(catalog, bare, record))


def _where(kind: str, record: BaseModel) -> tuple[str, str]:
    if isinstance(record, Sourced):
        return record.source.document, record.source.locator
    if isinstance(record, Framework):
        return record.framework, record.locator
    if isinstance(record, ExternalDocument):
        return record.id, "the whole document"
    return "migcycle", f"reading note '{record_id(record)}'"


def _ecdpm_authors(catalog: Catalog) -> tuple[str, str]:
    """('Bisong, A. and Knoll, A.', 'Bisong & Knoll') from the document's author list."""
    names = catalog.cycle.document.authors
    full = " and ".join(_inverted(n) for n in names)
    short = " & ".join(n.split()[-1] for n in names)
    return full, short


def _inverted(name: str) -> str:
    *given, family = name.split()
    initials = " ".join(f"{g[0]}." for g in given)
    return f"{family}, {initials}"


def _reference(catalog: Catalog, document: str) -> tuple[str, str, str]:
    """(author and year, title, the rest of the reference) for a document id."""
    if document == "ecdpm-2020":
        doc = catalog.cycle.document
        _, short = _ecdpm_authors(catalog)
        rest = f"{doc.place}: {doc.publisher} ({doc.publisher_short}), {doc.date}"
        return f"{short} ({doc.year})", doc.title, rest
    if document == "seminar-2017":
        sem = catalog.seminar.document
        rest = f"{sem.subtitle}, {sem.place}, {sem.dates}"
        return f"{sem.series} ({sem.start_date[:4]})", sem.title, rest
    if document in FRAMEWORK_DOCUMENTS:
        title, year, _ = FRAMEWORK_DOCUMENTS[document]
        return f"United Nations ({year})", title, ""
    declared = {d.id: d for d in catalog.external_documents}
    if document in declared:
        own = declared[document]
        author = " and ".join(own.authors) or own.publisher or own.id
        rest = ", ".join(x for x in (own.publisher, own.url) if x) or f"document '{own.id}'"
        return f"{author} ({own.year or 'n.d.'})", own.title, rest
    return (
        f"migcycle {__version__}",
        "migcycle curated data",
        "structure added by migcycle, not a document's words",
    )


def _plain(catalog: Catalog, c: Citation, record: BaseModel) -> str:
    author, title, rest = _reference(catalog, c.document)
    if c.document == "ecdpm-2020":
        full, _ = _ecdpm_authors(catalog)
        author = f"{full} ({catalog.cycle.document.year})"
    if isinstance(record, Framework):
        rest = f"{_framework_part(record)}: {record.title}"
    return f"{author}. {title}. {rest}. {c.locator}. [migcycle {c.kind}:{c.id}]"


def _framework_part(framework: Framework) -> str:
    part = {"GCM": "Objective", "SDG": "Target", "GCR": "Paragraph"}[framework.framework]
    return f"{part} {framework.number}"


def _markdown(catalog: Catalog, c: Citation, record: BaseModel) -> str:
    short, title, rest = _reference(catalog, c.document)
    if isinstance(record, Framework):
        quote, rest = record.title, _framework_part(record)
    else:
        quote = registry.quoted_text(c.kind, record) or c.label
    return f"> {quote}\n\n— {short}, *{title}*, {rest}, {c.locator} (`{c.kind}:{c.id}`)"


def _bibtex(catalog: Catalog, c: Citation, record: BaseModel) -> str:
    document = c.document
    parts = re.sub(r"[^a-z0-9]+", "-", f"{document}-{c.kind}-{c.id}".lower()).strip("-").split("-")
    key = "-".join(p for i, p in enumerate(parts) if i == 0 or p != parts[i - 1])
    entry, fields = _bib_fields(catalog, c, record)
    body = ",\n".join(
        f"  {name} = {{{value if name == 'author' else _bib_escape(value)}}}"
        for name, value in fields.items()
    )
    return f"@{entry}{{{key},\n{body}\n}}"


def _bib_fields(catalog: Catalog, c: Citation, record: BaseModel) -> tuple[str, dict[str, str]]:
    """The entry type and fields of one record's BibTeX entry."""
    document = c.document
    note = f"{c.locator} (migcycle {c.kind} {c.id})"
    if document == "ecdpm-2020":
        doc = catalog.cycle.document
        authors = " and ".join(_bib_name(n) for n in doc.authors)
        fields = {
            "author": authors,
            "title": doc.title,
            "institution": f"{doc.publisher} ({doc.publisher_short})",
            "address": doc.place,
            "year": str(doc.year),
            "month": "feb",
            "note": note,
        }
        entry = "techreport"
    elif document == "seminar-2017":
        sem = catalog.seminar.document
        fields = {
            "author": f"{{{sem.series}}}",
            "title": sem.title,
            "howpublished": f"{sem.subtitle}, {sem.place}, {sem.dates}",
            "year": sem.start_date[:4],
            "note": note,
        }
        entry = "misc"
    else:
        _, title, rest = _reference(catalog, document)
        if isinstance(record, Framework):
            fields = {
                "author": "{United Nations}",
                "title": title,
                "howpublished": f"{_framework_part(record)}: {record.title}",
                "year": FRAMEWORK_DOCUMENTS[document][1],
                "note": note,
            }
        else:
            fields = {"title": title, "howpublished": rest, "note": note}
        entry = "misc"
    return entry, fields


def _bib_name(name: str) -> str:
    *given, family = name.split()
    return f"{family}, {' '.join(given)}"


_BIB_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _bib_escape(text: str) -> str:
    return "".join(_BIB_SPECIAL.get(c, c) for c in text)
