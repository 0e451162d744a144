"""Full-text search across every kind of record. Pure: no I/O, no printing.

Ranking is BM25 over each record's fields, weighted by field (a headline counts more than a
body, a document's words more than migcycle's curated aliases, and a linked framework's label
least), with a bonus when the query occurs as an exact phrase. Matching is case- and
accent-insensitive, and a query word also matches words it begins ("remit" finds "remittance").
Every query word must occur somewhere in a record for it to match.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from pydantic import BaseModel

from migcycle import kinds as registry
from migcycle.bulk import collector_paused
from migcycle.errors import UsageError
from migcycle.models import Catalog, Sourced, record_id, verbatim_fields

PHRASE_BONUS = 3.0
MAX_WORDS = 64
"""The most different words one search takes: every word is matched against every field of
every record, so a pasted page would take minutes and find nothing that all its words share."""
K1, B = 1.2, 0.75
_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9“\"'(])")

CURATED_WEIGHTS = {
    "curated.name": 0.8,
    "curated.description": 0.8,
    "curated.aliases": 0.8,
    "linked": 0.4,
}
"""How much a match in migcycle's own text counts (the records' own: ``kinds.TEXT_WEIGHTS``)."""


class Hit(NamedTuple):
    kind: str
    id: str
    document: str
    label: str
    score: float
    field: str
    snippet: str


def fold(text: str) -> str:
    """Lower-case, accents removed: the form both query and text are compared in."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text)))


_COMPOUND = re.compile(r"\w+(?:[-\u2010\u2011]\w+)*")
_HYPHEN = re.compile(r"[-\u2010\u2011]")


def indexed(text: str) -> tuple[str, ...]:
    """The words a record is found by: each word, and a hyphenated word also joined up, so
    "de-risking" is found as "derisking", "de-risking", "risking" and "de"."""
    found: list[str] = []
    for compound in _COMPOUND.findall(fold(text)):
        parts = _HYPHEN.split(compound)
        if len(parts) > 1:
            found.append("".join(parts))
        found.extend(parts)
    return tuple(found)


def terms(text: str) -> tuple[str, ...]:
    """The words of a query, a hyphenated one joined up ("de-risking" looks for "derisking")."""
    return tuple(_HYPHEN.sub("", compound) for compound in _COMPOUND.findall(fold(text)))


CURATED_FACTOR = 0.4
"""A document's own words outrank migcycle's: curated text counts for this much of its weight."""


class _Field(NamedTuple):
    name: str
    text: str
    words: tuple[str, ...]
    weight: float


def _own_words(record: BaseModel) -> set[str] | None:
    """The fields holding the document's own words, or None when every field does (frameworks)."""
    if isinstance(record, Sourced) and record.source.document == "migcycle":
        return set()
    verbatim = verbatim_fields(type(record))
    return set(verbatim) if verbatim else None


def _fields(record: BaseModel, linked: Sequence[str]) -> list[_Field]:
    found: list[_Field] = []
    own = _own_words(record)
    for name in registry.text_fields(type(record)):
        factor = 1.0 if own is None or name in own else CURATED_FACTOR
        weight = registry.TEXT_WEIGHTS[name] * factor
        value = getattr(record, name)
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                found.append(_Field(name, text, indexed(text), weight))
    if isinstance(record, Sourced):
        curated = record.curated
        for name, value in (
            ("curated.name", curated.name),
            ("curated.description", curated.description),
            *(("curated.aliases", alias) for alias in curated.aliases),
        ):
            if value:
                found.append(_Field(name, value, indexed(value), CURATED_WEIGHTS[name]))
    for label in linked:
        found.append(_Field("linked", label, indexed(label), CURATED_WEIGHTS["linked"]))
    return found


def _linked_labels(catalog: Catalog, kind: str, record: BaseModel) -> list[str]:
    """Labels of the frameworks a record links to, so "remittances" finds records tied to GCM 20."""
    ids: list[str] = []
    if isinstance(record, Sourced):
        ids += [*record.curated.gcm, *record.curated.sdg]
    for field, _ in registry.get(kind).own_links:
        ids += getattr(record, field)
    if not ids:
        return []
    frameworks = {f.id: f for f in catalog.frameworks_all}
    return [
        f"{frameworks[i].framework} {frameworks[i].number} {frameworks[i].short_label}" for i in ids
    ]


def _matches(term: str, field_words: Iterable[str]) -> int:
    return sum(1 for w in field_words if w.startswith(term))


def _phrase(query: str, text: str) -> bool:
    return bool(query) and re.search(rf"(?<!\w){re.escape(query)}", fold(text)) is not None


Entry = tuple[str, BaseModel, list[_Field]]


class _Query(NamedTuple):
    terms: list[str]
    phrase: str
    idf: dict[str, float]
    average: float


def search(
    catalog: Catalog, text: str, *, kinds: Sequence[str] = (), limit: int | None = 20
) -> list[Hit]:
    """Records matching every word of ``text``, best first."""
    wanted = list(dict.fromkeys(terms(text)))
    if not wanted:
        return []
    if len(wanted) > MAX_WORDS:
        raise UsageError(f"a search takes at most {MAX_WORDS} different words, not {len(wanted):,}")
    corpus = _corpus(catalog, set(kinds))
    query = _prepare(corpus, wanted, " ".join(words(text)))
    found = [hit for entry in corpus if (hit := _hit(entry, query)) is not None]
    found.sort(key=lambda h: (h[1], -h[0].score))  # the records' own words before a link's
    hits = [hit for hit, _ in found]
    return hits if limit is None else hits[:limit]


def _corpus(catalog: Catalog, wanted: set[str]) -> list[Entry]:
    """Every record of the wanted kinds (all if none) with its searchable fields."""
    with collector_paused():
        return [
            (kind, record, _fields(record, _linked_labels(catalog, kind, record)))
            for kind, record in registry.all_records(catalog)
            if not wanted or kind in wanted
        ]


def _prepare(corpus: list[Entry], terms: list[str], phrase: str) -> _Query:
    """The corpus statistics BM25 needs: each term's rarity and the average field length."""
    lengths = [len(f.words) for _, _, fields in corpus for f in fields]
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    containing = {
        t: sum(1 for _, _, fields in corpus if any(_matches(t, f.words) for f in fields))
        for t in terms
    }
    idf = {t: math.log(1 + (len(corpus) - n + 0.5) / (n + 0.5)) for t, n in containing.items()}
    return _Query(terms, phrase, idf, average)


def _field_score(field: _Field, query: _Query) -> float:
    score = 0.0
    norm = K1 * (1 - B + B * len(field.words) / query.average)
    for term in query.terms:
        tf = _matches(term, field.words)
        if tf:
            score += query.idf[term] * tf * (K1 + 1) / (tf + norm)
    if score and len(query.terms) > 1 and _phrase(query.phrase, field.text):
        score += PHRASE_BONUS * sum(query.idf.values())
    return score * field.weight


def _hit(entry: Entry, query: _Query) -> tuple[Hit, bool] | None:
    """The record as a hit if every term occurs in it, scored over all its fields, and whether
    it matches only through a linked framework's label (such hits rank after the others)."""
    kind, record, fields = entry
    if not all(any(_matches(t, f.words) for f in fields) for t in query.terms):
        return None
    scored = [(_field_score(f, query), f) for f in fields]
    best: tuple[float, _Field] | None = None
    for score, field in scored:
        if score and (best is None or score > best[0]):
            best = (score, field)
    if best is None:
        return None
    only_linked = all(field.name == "linked" for score, field in scored if score)
    hit = Hit(
        kind=kind,
        id=record_id(record),
        document=_document(record),
        label=registry.label(kind, record),
        score=round(sum(score for score, _ in scored), 4),
        field=best[1].name,
        snippet=snippet(best[1].text, query.terms),
    )
    return hit, only_linked


def _document(record: BaseModel) -> str:
    if isinstance(record, Sourced):
        return record.source.document
    return str(getattr(record, "framework", "migcycle"))


def snippet(text: str, terms: Sequence[str]) -> str:
    """The sentence that holds the most query words: whole sentences, never cut mid-way."""
    sentences = _SENTENCE.split(text) or [text]
    return max(sentences, key=lambda s: sum(_matches(t, indexed(s)) > 0 for t in terms))


def highlights(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Character spans of the words in ``text`` that a query word matches (for highlighting)."""
    folded_terms = [_HYPHEN.sub("", fold(t)) for t in terms]
    spans = []
    for match in _COMPOUND.finditer(text):
        forms = indexed(match.group())
        if any(form.startswith(t) for form in forms for t in folded_terms):
            spans.append(match.span())
    return spans
