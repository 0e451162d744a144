"""Citations for records: plain text, Markdown, BibTeX, CSL-JSON and RIS. Pure: no I/O, no printing.

A record is a *part* of a *work*: the ECDPM brief, the seminar report, a UN document (the GCM, the
2030 Agenda, the GCR), migcycle's own curated data, or a document that users' data declares. A
curated record is always a part of migcycle's data, never of the document it annotates.

- ``plain`` and ``markdown`` give one complete reference per record, ending with its pinpoint: the
  locator a reader can find (section number, heading, paragraph) and the page, where the document
  gives one.
- ``bibtex``, ``csl-json`` and ``ris`` give one entry per record *and one per work*, each work once
  however many of its records are cited. A record's entry is a titled part of its work (BibTeX
  ``@incollection`` with ``crossref`` to the work, CSL ``chapter``, RIS ``CHAP``) whose title names
  the locator and whose ``pages``/``page``/``SP`` carry the page: fields every common style prints
  (``note`` and CSL ``section`` are dropped by many). ``@incollection`` rather than ``@inbook``,
  because classic BibTeX reads an ``@inbook`` title as the *book's* title while biblatex reads it
  as the part's; ``@incollection`` (part ``title`` + ``booktitle``) means the same in both, and
  pandoc maps it to CSL ``chapter``. Each part entry is complete in itself (tools that ignore
  ``crossref``, such as Zotero, lose nothing); ``crossref`` lets BibTeX styles print the work once
  and the parts as "In [work]". A work's entry is also what to cite with a pinpoint of your own:
  ``\\cite[p.~7]{seminar-2017}``, ``[@seminar-2017, p. 7]``.
- ``--quote`` puts the record's verbatim text before the citation (plain, Markdown) or in the part's
  ``abstract`` (BibTeX, CSL) / ``AB`` (RIS): the field reference managers keep and no common style
  prints, so a bibliography never fills with quotations.
- The seminar report names no author, publisher or date of publication. As APA and Chicago do for a
  work with no named author, its citations begin with the title, give the series as a series (not as
  an author), say that no author or publisher is named, and take the year from the seminar's dates.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Literal, NamedTuple

from pydantic import BaseModel

from migcycle import __version__
from migcycle import kinds as registry
from migcycle.errors import NotFound
from migcycle.models import (
    Catalog,
    CycleDocument,
    ExternalDocument,
    Framework,
    LocatedPages,
    SeminarDocument,
    Sourced,
    Stage,
    StageFunction,
    record_id,
)

Style = Literal["plain", "markdown", "bibtex", "csl-json", "ris"]
STYLES: tuple[Style, ...] = ("plain", "markdown", "bibtex", "csl-json", "ris")


MAX_STDIN_BYTES = 1 << 20  # ids on stdin: a search result of every record is far below this

NO_AUTHOR = "no author or publisher named"
EN_DASH = "\u2013"

# Proper names that styles must not re-case in titles (pandoc sentence-cases BibTeX titles).
PROPER_NAMES = (
    "Global Compact for Safe, Orderly and Regular Migration",
    "Global Compact on Refugees",
    "2030 Agenda for Sustainable Development",
    "Advancing Good Governance in International Development",
    "European Centre for Development Policy Management",
    "ECDPM",
)

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


class BadIdList(NotFound):
    """Ids on stdin that cannot be read: a usage error (exit 2), like an unknown id."""


class Name(NamedTuple):
    family: str
    given: str = ""  # empty for an organisation, which styles print as written


class Work(NamedTuple):
    """A cited document, with what citation styles need to know about it."""

    key: str
    type: Literal["report", "seminar-report", "resolution", "dataset", "document"]
    title: str
    authors: tuple[Name, ...] = ()
    year: int | None = None
    month: int | None = None
    publisher: str = ""
    place: str = ""
    series: str = ""
    number: str = ""  # a UN document symbol
    url: str = ""
    url_note: str = ""
    issn: str = ""
    version: str = ""
    event: tuple[str, str, str] | None = None  # (title, place, dates) of a seminar
    event_dates: tuple[str, str] | None = None  # ISO start and end
    published: tuple[str, ...] = ()  # the reference's middle sentences, in plain words
    notes: tuple[str, ...] = ()


class Part(NamedTuple):
    """One cited record: where it sits in its work."""

    kind: str
    id: str
    label: str
    document: str
    locator: str
    pinpoint: str  # the locator, plus the page where the document gives one
    title: str  # the record's title as a part of the work
    page: str | None
    quote: str | None
    work: Work


class Citation(NamedTuple):
    kind: str
    id: str
    label: str
    document: str
    locator: str
    style: Style
    citation: str
    page: str | None
    url: str | None
    quote: str | None
    key: str
    document_key: str
    document_citation: str
    csl_citation_item: dict[str, str]


class Citations(NamedTuple):
    """Every record's citation, and the text a user pastes: each work given once."""

    citations: list[Citation]
    text: str


# --- finding records -----------------------------------------------------------------------------


class _RecordIndex:
    """Every record by each id it answers to (stages also by their number, ``stage:3``), built
    once for however many ids a call cites. An id is bare, or ``kind:id`` where kinds share it."""

    def __init__(self, records: list[tuple[str, BaseModel]]) -> None:
        self.records = records
        self.by_id: dict[str, list[tuple[str, BaseModel]]] = {}
        for kind, record in records:
            for ident in _ids(kind, record):
                self.by_id.setdefault(ident, []).append((kind, record))

    def find(self, ref: str) -> tuple[str, BaseModel]:
        kind_prefix, _, bare = ref.partition(":") if ":" in ref else ("", "", ref)
        kinds = {kind for kind, _ in self.records}
        if kind_prefix and kind_prefix not in kinds:
            raise NotFound(f'no kind "{kind_prefix}" (kinds: {", ".join(sorted(kinds))})')
        matches = [
            (kind, record)
            for kind, record in self.by_id.get(bare, [])
            if not kind_prefix or kind == kind_prefix
        ]
        if len(matches) == 1:
            return matches[0]
        if matches:
            choices = ", ".join(f"{kind}:{bare}" for kind, _ in matches)
            raise NotFound(f'"{ref}" is ambiguous: say which with a kind prefix: {choices}')
        known = [f"{kind}:{record_id(r)}" for kind, r in self.records]
        plain_ids = [record_id(r) for _, r in self.records]
        from migcycle.query import ids_listed_by, suggest

        hint = suggest(ref, [*plain_ids, *known])

        raise NotFound(f'no record has the id "{ref}"{hint} ({ids_listed_by(kind_prefix)})')


def _ids(kind: str, record: BaseModel) -> set[str]:
    ids = {record_id(record)}
    number = getattr(record, "number", None)
    if registry.get(kind).numbered and number is not None:
        ids.add(str(number))
    return ids


def ids_from_text(text: str) -> list[str]:
    """The ids in what a user piped in: whitespace-separated ids, or a JSON array of objects with
    ``kind`` and ``id`` (what ``migcycle search --json`` prints), read as ``kind:id``."""
    if text.lstrip().startswith("["):
        return _ids_from_json(text)
    ids = text.split()
    if not ids:
        raise BadIdList("no ids on stdin (give ids, or a JSON array from `migcycle search --json`)")
    return ids


def _ids_from_json(text: str) -> list[str]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as err:
        raise BadIdList(
            f"stdin is not a valid JSON array: {err.msg} at line {err.lineno}"
        ) from None
    refs = []
    for n, item in enumerate(items, start=1):
        kind = item.get("kind") if isinstance(item, dict) else None
        ident = item.get("id") if isinstance(item, dict) else None
        if not (isinstance(kind, str) and isinstance(ident, str)):
            raise BadIdList(f'stdin item {n} is not an object with string "kind" and "id"')
        refs.append(f"{kind}:{ident}")
    return refs


# --- citing --------------------------------------------------------------------------------------


def cite(catalog: Catalog, ref: str, style: Style = "plain", *, quote: bool = False) -> Citation:
    """The citation of one record."""
    return cite_all(catalog, [ref], style, quote=quote).citations[0]


def cite_all(
    catalog: Catalog, refs: list[str], style: Style = "plain", *, quote: bool = False
) -> Citations:
    """Citations of every record ``refs`` names, each once, in the order first named.

    All or nothing: an id that names no record raises before anything is written.
    """
    index = _RecordIndex(registry.all_records(catalog))
    resolved: dict[tuple[str, str], tuple[str, BaseModel]] = {}
    for ref in refs:
        kind, record = index.find(ref)
        resolved.setdefault((kind, record_id(record)), (kind, record))
    pages = _page_index(catalog)
    parts = [_part(catalog, kind, record, pages, quote) for kind, record in resolved.values()]
    writer = _WRITERS[style]
    citations = [_citation(part, style, writer) for part in parts]
    return Citations(citations, writer.text(parts))


def cite_records(
    catalog: Catalog, records: list[tuple[str, BaseModel]], style: Style
) -> list[Citation]:
    """The citation of each (kind, record), with no lookup by id (an export of every record)."""
    pages = _page_index(catalog)
    writer = _WRITERS[style]
    return [
        _citation(_part(catalog, kind, record, pages, False), style, writer)
        for kind, record in records
    ]


def _citation(part: Part, style: Style, writer: _Writer) -> Citation:
    return Citation(
        kind=part.kind,
        id=part.id,
        label=part.label,
        document=part.document,
        locator=part.locator,
        style=style,
        citation=writer.part(part),
        page=part.page,
        url=part.work.url or None,
        quote=part.quote,
        key=part_key(part),
        document_key=part.work.key,
        document_citation=writer.work(part.work),
        csl_citation_item=_csl_citation_item(part),
    )


def part_key(part: Part) -> str:
    """A stable, unique citation key: ``seminar-2017-question-4.2.3``, ``un-gcm-2018-gcm-20``.

    The work, kind and id in full (ids are unique within a kind), so no two records share a key;
    characters BibTeX, biber and pandoc keys cannot hold become ``-``.
    """
    ident = part.id if part.id.startswith(f"{part.kind}-") else f"{part.kind}-{part.id}"
    return re.sub(r"[^A-Za-z0-9._/-]+", "-", f"{part.work.key}-{ident}")


# --- records as parts of works -------------------------------------------------------------------


def _part(
    catalog: Catalog, kind: str, record: BaseModel, pages: dict[int, str], quote: bool
) -> Part:
    document, locator = _where(record)
    page = _page_in(locator) or pages.get(id(record)) or _located_page(catalog, document, locator)
    return Part(
        kind=kind,
        id=record_id(record),
        label=registry.label(kind, record),
        document=document,
        locator=locator,
        pinpoint=_pinpoint(record, locator, page),
        title=_part_title(kind, record, locator),
        page=page,
        quote=_quote(kind, record) if quote else None,
        work=_work(catalog, document),
    )


def _where(record: BaseModel) -> tuple[str, str]:
    if isinstance(record, Sourced):
        return record.source.document, record.source.locator
    if isinstance(record, Framework):
        return record.framework, record.locator
    if isinstance(record, ExternalDocument):
        return record.id, "the whole document"
    return "migcycle", f"reading note '{record_id(record)}'"


def _page_index(catalog: Catalog) -> dict[int, str]:
    """Pages by record (``id()``): each session's table-of-contents page, which its key points
    and questions share (the report prints no other page numbers)."""
    pages: dict[int, str] = {}
    for session in catalog.seminar.sessions:
        pages[id(session)] = str(session.page)
        for item in (*session.key_points, *session.questions):
            if item.source.document == session.source.document:
                pages[id(item)] = str(session.page)
    return pages


def _page_in(locator: str) -> str | None:
    """The page a locator itself gives (``§4, p. 7``, ``pp. 3-4``): it beats any inherited one."""
    found = re.search(r"\bpp?\. ?(\d+(?:[-\u2013]\d+)?)\b", locator)
    return found.group(1).replace(EN_DASH, "-") if found else None


def _located_page(catalog: Catalog, document: str, locator: str) -> str | None:
    spans: list[LocatedPages] = []
    if document == "ecdpm-2020":
        spans = catalog.cycle.document.pages
    elif document == "seminar-2017":
        spans = catalog.seminar.document.pages
    return next((s.pages for s in spans if locator.startswith(s.locator)), None)


def _pinpoint(record: BaseModel, locator: str, page: str | None) -> str:
    if isinstance(record, Framework):
        locator = f"{_framework_part(record)}, {locator}"
    if not page or _page_in(locator):
        return locator
    return f"{locator}, {_page_words(page)}"


def _page_words(page: str) -> str:
    return f"pp. {page.replace('-', EN_DASH)}" if "-" in page else f"p. {page}"


def _framework_part(framework: Framework) -> str:
    part = {"GCM": "Objective", "SDG": "Target", "GCR": "Paragraph"}[framework.framework]
    return f"{part} {framework.number}"


def _part_title(kind: str, record: BaseModel, locator: str) -> str:
    """The record's title as a part of its work: its locator, then its name unless the locator
    already holds it (``What do we mean by private sector?``, ``§4.2.3: What is the way...?``)."""
    if isinstance(record, Framework):
        if record.framework == "GCR":
            return record.title  # a description: the paragraphs' own titles are not verified
        return f"{_framework_part(record)}: {record.title}"
    name = record.name if isinstance(record, Stage) else registry.label(kind, record)
    if isinstance(record, StageFunction):
        name = record.label
    if name.casefold() in locator.casefold():
        return locator
    return f"{locator}: {name}"


def _quote(kind: str, record: BaseModel) -> str | None:
    """The record's own words, as printed (paragraphs separated by a blank line)."""
    return registry.quoted_text(kind, record)


# --- the works -----------------------------------------------------------------------------------


def _work(catalog: Catalog, document: str) -> Work:
    if document == "ecdpm-2020":
        return _brief_work(catalog.cycle.document)
    if document == "seminar-2017":
        return _seminar_work(catalog.seminar.document)
    if document in UN_WORKS:
        return UN_WORKS[document]
    declared = {d.id: d for d in catalog.external_documents}
    if document in declared:
        return _declared_work(declared[document])
    return MIGCYCLE_WORK


def _brief_work(doc: CycleDocument) -> Work:
    month = doc.date.split()[0][:3].lower()
    return Work(
        key=doc.id,
        type="report",
        title=doc.title,
        authors=tuple(_person(a) for a in doc.authors),
        year=doc.year,
        month=_MONTHS.index(month) + 1 if month in _MONTHS else None,
        publisher=f"{doc.publisher} ({doc.publisher_short})",
        place=doc.place,
        url=doc.url or "",
        url_note=doc.url_note or "",
        issn=doc.issn,
        published=(f"{doc.place}: {doc.publisher} ({doc.publisher_short}), {doc.date}",),
        notes=(f"URL: {doc.url_note}.",) if doc.url and doc.url_note else (),
    )


def _seminar_work(doc: SeminarDocument) -> Work:
    year = int(doc.start_date[:4])
    held = f"{doc.place}, {doc.dates}"
    return Work(
        key=doc.id,
        type="seminar-report",
        title=f"{doc.title}: {doc.subtitle}",
        year=year,
        series=doc.series,
        event=(doc.title, doc.place, doc.dates),
        event_dates=(doc.start_date, doc.end_date),
        published=(f"{doc.series} seminar, {held}",),
        notes=(
            f"{doc.series} seminar, {held}.",
            f"The report names no author or publisher; {year} is the year of the seminar, "
            "as it prints no date of publication.",
        ),
    )


def _declared_work(doc: ExternalDocument) -> Work:
    return Work(
        key=doc.id,
        type="document",
        title=doc.title,
        authors=tuple(_name(a) for a in doc.authors),
        year=doc.year,
        publisher=doc.publisher or "",
        url=doc.url or "",
        published=tuple(x for x in (doc.publisher, doc.note) if x),
        notes=(doc.note,) if doc.note else (),
    )


def _name(written: str) -> Name:
    """``Bisong, Amanda`` as a person; any other name as written, since ``migcycle
    documentation`` or ``Médecins Sans Frontières`` cannot be told from a person's name."""
    family, comma, given = written.partition(",")
    return Name(family.strip(), given.strip()) if comma and given.strip() else Name(written)


def _person(written: str) -> Name:
    """A name the data gives as a person's, given names first (the brief's ``Amanda Bisong``)."""
    *given_names, family = written.split()
    return Name(family, " ".join(given_names))


def _un_work(key: str, author: str, title: str, year: int, symbol: str) -> Work:
    return Work(
        key=key,
        type="resolution",
        title=title,
        authors=(Name(author),),
        year=year,
        publisher="United Nations",
        number=symbol,
        published=(f"UN document {symbol}",),
        notes=(f"UN document {symbol}.",),
    )


UN_WORKS = {
    "GCM": _un_work(
        "un-gcm-2018",
        "United Nations General Assembly",
        "Global Compact for Safe, Orderly and Regular Migration",
        2018,
        "A/RES/73/195",
    ),
    "SDG": _un_work(
        "un-agenda-2030",
        "United Nations General Assembly",
        "Transforming our world: the 2030 Agenda for Sustainable Development",
        2015,
        "A/RES/70/1",
    ),
    "GCR": _un_work(
        "un-gcr-2018", "United Nations", "Global Compact on Refugees", 2018, "A/73/12 (Part II)"
    ),
}

MIGCYCLE_WORK = Work(
    key="migcycle",
    type="dataset",
    title="migcycle curated data",
    authors=(Name("migcycle developers"),),
    version=__version__,
    published=(f"Version {__version__}", "Structure added by migcycle, not a document's words"),
    notes=("Structure added by migcycle, not a document's words.",),
)


# --- plain text and Markdown ---------------------------------------------------------------------


class _Marks(NamedTuple):
    """How a reference marks up data text, titles, links and the record's migcycle id."""

    text: Callable[[str], str]
    title: Callable[[str], str]
    url: Callable[[str], str]
    tag: Callable[[Part], str]


def _md(text: str) -> str:
    """Data text made literal in Markdown: no emphasis, links, code or HTML from the data."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _md_url(url: str) -> str:
    return f"<{url}>" if re.fullmatch(r"[^\s<>]+", url) else _md(url)


_PLAIN = _Marks(str, str, str, lambda p: f"[migcycle {p.kind}:{p.id}]")
_MARKDOWN = _Marks(_md, lambda t: f"*{_md(t)}*", _md_url, lambda p: f"(`{p.kind}:{p.id}`)")


def _period(sentence: str) -> str:
    """A sentence ended once: ``private sector?`` and ``'Arrival.'`` stay, ``ECDPM`` and
    ``(n.d.)`` get a full stop."""
    sentence = sentence.strip()
    return sentence if re.search("[.?!][\"'\u201d\u2019*]*$", sentence) else f"{sentence}."


def _authors_in_words(authors: tuple[Name, ...]) -> str:
    """``Bisong, A. and Knoll, A.``; an organisation as written."""
    names = [
        f"{n.family}, {' '.join(f'{g[0]}.' for g in n.given.split())}" if n.given else n.family
        for n in authors
    ]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _reference(work: Work, marks: _Marks) -> str:
    """The work's reference, as APA and Chicago order it; a work with no named author begins with
    its title and says that no author or publisher is named."""
    year = f"({work.year or 'n.d.'})"
    if work.authors:
        head = [f"{marks.text(_authors_in_words(work.authors))} {year}", marks.title(work.title)]
    else:
        head = [f"{marks.title(work.title)} {marks.text(f'[{NO_AUTHOR}]')}", year]
    return " ".join(_period(s) for s in (*head, *map(marks.text, work.published)))


def _located_reference(part: Part, marks: _Marks) -> str:
    work = part.work
    sentences = [_reference(work, marks), marks.text(part.pinpoint)]
    if work.url:
        note = f" ({marks.text(work.url_note)})" if work.url_note else ""
        sentences.append(f"{marks.url(work.url)}{note}")
    return f"{' '.join(_period(s) for s in sentences)} {marks.tag(part)}"


def _plain_part(part: Part) -> str:
    reference = _located_reference(part, _PLAIN)
    return f"“{part.quote}”\n{reference}" if part.quote else reference


def _markdown_part(part: Part) -> str:
    reference = _located_reference(part, _MARKDOWN)
    if not part.quote:
        return reference
    quoted = "\n".join(f"> {line}" if line else ">" for line in _md(part.quote).splitlines())
    return f"{quoted}\n\n— {reference}"


def _paragraphs(parts: list[Part], write: Callable[[Part], str]) -> str:
    return "\n\n".join(write(part) for part in parts)


# --- BibTeX --------------------------------------------------------------------------------------

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

Field = tuple[str, str]  # (name, value as written in the .bib file: braced, or a bare macro)


def _bib_escape(text: str) -> str:
    return "".join(_BIB_SPECIAL.get(c, c) for c in text)


def _braced(text: str) -> str:
    return f"{{{_bib_escape(text)}}}"


def _bib_title(title: str) -> str:
    """A title whose proper names keep their capitals whatever case a style asks for."""
    text = _bib_escape(title)
    for name in PROPER_NAMES:
        text = text.replace(name, f"{{{name}}}")
    return f"{{{text}}}"


def _bib_names(authors: tuple[Name, ...]) -> str:
    return " and ".join(
        f"{_bib_escape(n.family)}, {_bib_escape(n.given)}"
        if n.given
        else f"{{{_bib_escape(n.family)}}}"
        for n in authors
    )


def _bib_shared(work: Work, publisher_field: str) -> list[Field]:
    """The fields a work's entry and its parts' entries share."""
    fields: list[Field] = []
    if work.authors:
        fields.append(("author", f"{{{_bib_names(work.authors)}}}"))
    else:  # what author-year styles label and sort an entry with no author by
        fields.append(("key", _braced(work.title.split(":")[0])))
    texts = (
        (publisher_field, work.publisher),
        ("address", work.place),
        ("year", str(work.year or "")),
    )
    fields += [(name, _braced(value)) for name, value in texts if value]
    if work.month:
        fields.append(("month", _MONTHS[work.month - 1]))  # the macro, so styles print it
    more = (
        ("series", work.series),
        ("version", work.version),
        ("issn", work.issn),
        ("url", work.url),
        ("note", " ".join(work.notes)),
    )
    return fields + [(name, _braced(value)) for name, value in more if value]


def _bib_entry(entry_type: str, key: str, fields: list[Field]) -> str:
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{entry_type}{{{key},\n{body}\n}}"


def _bib_part(part: Part) -> str:
    shared = _bib_shared(part.work, _bib_publisher_field(part.work))
    fields = [
        *shared[:1],
        ("title", f"{{{_braced(part.title)}}}"),  # a finding aid: never re-cased
        ("booktitle", _bib_title(part.work.title)),
        *shared[1:],
    ]
    if part.page:
        fields.append(("pages", _braced(part.page.replace("-", "--"))))
    if part.quote:
        fields.append(("abstract", _braced(part.quote)))
    fields.append(("crossref", f"{{{part.work.key}}}"))
    return _bib_entry("incollection", part_key(part), fields)


def _bib_publisher_field(work: Work) -> str:
    """A part names its publisher with its work's field: pandoc and biber merge a crossref'd
    ``institution`` into a part's ``publisher``, so two names would print it twice."""
    return "institution" if work.type == "report" else "publisher"


def _bib_work(work: Work) -> str:
    shared = _bib_shared(work, _bib_publisher_field(work))
    fields = [*shared[:1], ("title", _bib_title(work.title)), *shared[1:]]
    return _bib_entry("techreport" if work.type == "report" else "misc", work.key, fields)


def _bib_text(parts: list[Part]) -> str:
    """Parts first, then each work once: BibTeX needs a crossref'd entry after those citing it."""
    entries = [_bib_part(p) for p in parts] + [_bib_work(w) for w in _works(parts)]
    return "\n\n".join(entries)


def _works(parts: list[Part]) -> list[Work]:
    return list({part.work.key: part.work for part in parts}.values())


# --- CSL-JSON ------------------------------------------------------------------------------------

_CSL_TYPES = {
    "report": "report",
    "seminar-report": "report",
    "resolution": "report",
    "dataset": "dataset",
    "document": "document",
}

CslItem = dict[str, object]


def _nocase(text: str) -> str:
    """CSL-JSON's markup for text a style must not re-case (pandoc and Zotero honour it)."""
    return f'<span class="nocase">{_html(text)}</span>'


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _csl_title(title: str) -> str:
    text = _html(title)
    for name in PROPER_NAMES:
        text = text.replace(name, f'<span class="nocase">{name}</span>')
    return text


def _csl_date(iso: str) -> list[int]:
    return [int(n) for n in iso.split("-")]


def _csl_shared(work: Work) -> CslItem:
    item: CslItem = {}
    if work.authors:
        item["author"] = [
            {"family": n.family, "given": n.given} if n.given else {"literal": n.family}
            for n in work.authors
        ]
    if work.year:
        item["issued"] = {"date-parts": [[work.year, work.month] if work.month else [work.year]]}
    if work.event and work.event_dates:
        item["event-title"], item["event-place"], _ = work.event
        item["event-date"] = {"date-parts": [_csl_date(d) for d in work.event_dates]}
    texts = {
        "publisher": work.publisher,
        "publisher-place": work.place,
        "collection-title": work.series,
        "number": work.number,
        "version": work.version,
        "ISSN": work.issn,
        "URL": work.url,
        "note": " ".join(work.notes),
    }
    return item | {name: value for name, value in texts.items() if value}


def _csl_part(part: Part) -> CslItem:
    key = part_key(part)
    item: CslItem = {
        "id": key,
        "citation-key": key,
        "type": "entry" if part.work.type == "dataset" else "chapter",
        "title": _nocase(part.title),
        "title-short": _nocase(part.pinpoint),
        "container-title": _csl_title(part.work.title),
        "section": part.locator,
    }
    if part.page:
        item["page"] = part.page
    if part.quote:
        item["abstract"] = part.quote
    return item | _csl_shared(part.work)


def _csl_work(work: Work) -> CslItem:
    head: CslItem = {"id": work.key, "citation-key": work.key, "type": _CSL_TYPES[work.type]}
    return head | {"title": _csl_title(work.title)} | _csl_shared(work)


def _csl_citation_item(part: Part) -> dict[str, str]:
    """How to cite the part's *work* with this record as the pinpoint, as a CSL citation item
    (pandoc: ``[@seminar-2017, p. 7]``)."""
    if part.page:
        return {"id": part.work.key, "label": "page", "locator": part.page}
    paragraph = re.search(r"\bpara (\S+)$", part.locator)
    if paragraph:
        return {"id": part.work.key, "label": "paragraph", "locator": paragraph.group(1)}
    return {"id": part.work.key, "label": "section", "locator": part.locator.lstrip("§")}


def _json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return re.sub("[\u007f-\u009f\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text)


def _csl_text(parts: list[Part]) -> str:
    return _json([*(_csl_part(p) for p in parts), *(_csl_work(w) for w in _works(parts))])


# --- RIS -----------------------------------------------------------------------------------------

_RIS_TYPES = {"dataset": "DATA", "document": "GEN"}


def _ris_record(tags: list[tuple[str, str]]) -> str:
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in tags if value]
    return "\n".join([*lines, "ER  -"])


def _ris_shared(work: Work) -> list[tuple[str, str]]:
    tags = [("AU", f"{n.family}, {n.given}" if n.given else n.family) for n in work.authors]
    if work.year:
        tags.append(("PY", str(work.year)))
    if work.month:
        tags.append(("DA", f"{work.year}/{work.month:02d}//"))
    tags += [("T3", work.series), ("PB", work.publisher), ("CY", work.place)]
    tags += [("UR", work.url), ("SN", work.issn), ("ET", work.version)]
    return tags + [("N1", note) for note in work.notes]


def _ris_part(part: Part) -> str:
    head = [("TY", "CHAP"), ("ID", part_key(part)), ("TI", part.title), ("T2", part.work.title)]
    first, _, last = (part.page or "").partition("-")
    tail = [("SP", first), ("EP", last), ("AB", part.quote or "")]
    return _ris_record([*head, *_ris_shared(part.work), *tail])


def _ris_work(work: Work) -> str:
    head = [("TY", _RIS_TYPES.get(work.type, "RPRT")), ("ID", work.key), ("TI", work.title)]
    return _ris_record([*head, *_ris_shared(work)])


def _ris_text(parts: list[Part]) -> str:
    return "\n\n".join([*(_ris_part(p) for p in parts), *(_ris_work(w) for w in _works(parts))])


# --- the styles ----------------------------------------------------------------------------------


class _Writer(NamedTuple):
    part: Callable[[Part], str]  # one record's citation
    work: Callable[[Work], str]  # its work's own reference or entry
    text: Callable[[list[Part]], str]  # what the command prints for several records


_WRITERS: dict[Style, _Writer] = {
    "plain": _Writer(
        _plain_part, lambda w: _reference(w, _PLAIN), lambda ps: _paragraphs(ps, _plain_part)
    ),
    "markdown": _Writer(
        _markdown_part,
        lambda w: _reference(w, _MARKDOWN),
        lambda ps: _paragraphs(ps, _markdown_part),
    ),
    "bibtex": _Writer(_bib_part, _bib_work, _bib_text),
    "csl-json": _Writer(lambda p: _json(_csl_part(p)), lambda w: _json(_csl_work(w)), _csl_text),
    "ris": _Writer(_ris_part, _ris_work, _ris_text),
}
