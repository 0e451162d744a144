"""Curated links and the reasons they carry (DESIGN.md §1, "Curated links carry their reason").

Every link migcycle adds - a theme tag, a cross-link to a stage, function, actor type, role,
sector, GCM objective or SDG target - has a reason in ``curated.why[field][target]``: the words
of the record, or of the link's target, that ground it (``basis: quoted``, the default), or a
one-line rationale (``basis: inferred``). :func:`reason_problems` checks them when the catalog is
built, so a link without a reason, or a "quotation" that is not in the text, never loads.

Quoted words are matched case-insensitively, with whitespace, typographic quotes and dashes
normalised; an ellipsis (``…`` or ``...``) separates fragments that must each occur. A record's
text is its verbatim fields (:func:`own_text`), not :func:`migcycle.kinds.text_fields`, on
purpose: those are search's fields, which take in migcycle's own words (a theme's name and
description, a sector's name as migcycle spells it) and leave out some of the document's (a public
role's table label, a session's type), while a quotation must be the document's words.

Links the documents make themselves (footnote citations, Table 1) are the document's, not
curated; :mod:`migcycle.links` holds every link and says whose it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from migcycle import kinds
from migcycle.models import Problem, Reason, Sourced, Theme, record_id, verbatim_fields

if TYPE_CHECKING:
    from migcycle.models import Catalog, Path

LINK_FIELDS = tuple(link.field for link in kinds.LINKS)
"""The ``curated`` fields that link to other records; each link needs a reason."""

INFERRED_MAX = 200
"""An inferred reason is one line of at most this many characters."""

_TARGET_KIND = {
    "themes": "theme",
    "stages": "stage",
    "functions": "function",
    "actors": "actor type",
    "roles": "role",
    "sectors": "sector",
    "gcm": "GCM objective",
    "sdg": "SDG target",
}
_NAME_FIELDS = ("name", "title", "short_label", "term", "heading", "label", "number")
_TYPOGRAPHY = str.maketrans(
    dict.fromkeys("\u2018\u2019\u201b", "'")  # typographic single quotes
    | dict.fromkeys("\u201c\u201d\u201e", '"')  # typographic double quotes
    | dict.fromkeys("\u2010\u2011\u2013\u2014\u2212", "-")  # hyphens, dashes, minus
    | {"\u00a0": " "}
)
_ELLIPSIS = re.compile(r"\s*(?:\u2026|\.\.\.)\s*")

# --- matching quoted words -----------------------------------------------------------------------


def normalise(text: str) -> str:
    """Case-, whitespace-, quote- and dash-insensitive form of a text, for matching quotations."""
    return re.sub(r"\s+", " ", text.translate(_TYPOGRAPHY).casefold()).strip()


def fragments(why: str) -> list[str]:
    """The quoted fragments of a reason: its text, split at ellipses."""
    return [f for f in (normalise(p) for p in _ELLIPSIS.split(why)) if f]


def occurs(why: str, texts: Iterable[str]) -> bool:
    """Whether every fragment of ``why`` occurs in one of ``texts`` (already normalised)."""
    pool = list(texts)
    parts = fragments(why)
    return bool(parts) and all(any(p in t for t in pool) for p in parts)


def own_text(record: BaseModel) -> str:
    """The document's words in a record: its verbatim fields and those of the records inside it
    (a stage's functions, a sector's lists, a session's key points), normalised."""
    parts: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    def walk(model: BaseModel) -> None:
        for name in verbatim_fields(type(model)):
            collect(getattr(model, name))
        for name in type(model).model_fields:
            value = getattr(model, name)
            children = value if isinstance(value, list) else [value]
            for child in children:
                if isinstance(child, Sourced):
                    walk(child)

    walk(record)
    return normalise(" \n ".join(parts))


def target_text(record: BaseModel) -> str:
    """A link target's text: its own words plus its name, title or label (a framework's official
    title, a canonical function's name)."""
    names = [getattr(record, f, None) for f in _NAME_FIELDS]
    return " \n ".join([own_text(record), *(normalise(n) for n in names if isinstance(n, str))])


def target_texts(catalog: Catalog) -> dict[tuple[str, str], str]:
    """The text of every record a link can point at, by (link field, id)."""
    kinds = catalog.kinds()
    fields = {
        "themes": kinds["theme"],
        "stages": kinds["stage"],
        "functions": kinds["function"],
        "actors": kinds["actor"],
        "roles": [*kinds["private-role"], *kinds["public-role"]],
        "sectors": kinds["sector"],
        "gcm": kinds["gcm"],
        "sdg": kinds["sdg"],
    }
    texts = {(f, record_id(r)): target_text(r) for f, records in fields.items() for r in records}
    for stage_function in catalog.stage_functions:  # a function's text is what the stages print
        key = ("functions", stage_function.function)
        if key in texts:
            texts[key] += " \n " + own_text(stage_function)
    return texts


# --- checking reasons ----------------------------------------------------------------------------


def reason_problems(catalog: Catalog) -> Iterator[Problem]:
    """Every curated link without a reason, reason without a link, quotation not in the text, and
    inferred reason longer than a line; and common themes whose description is not curated."""
    texts = target_texts(catalog)
    from migcycle.integrity import iter_records

    for path, record in iter_records(catalog):
        if isinstance(record, Sourced):
            yield from _record_problems(path, record, texts)
        if isinstance(record, Theme) and record.kind == "common" and record.description:
            yield Problem(
                path=(*path, "description"),
                message="a common theme's one-line description is migcycle's paraphrase, not the "
                "report's words: put it under curated.description",
            )


def _record_problems(
    path: Path, record: Sourced, texts: dict[tuple[str, str], str]
) -> Iterator[Problem]:
    curated = record.curated
    for field in curated.why:
        if field not in LINK_FIELDS:
            yield Problem(
                path=(*path, "curated", "why", field),
                message=f"{field!r} is not a link field (link fields: {', '.join(LINK_FIELDS)})",
            )
    own = own_text(record)
    for field in LINK_FIELDS:
        links: list[str] = getattr(curated, field)
        if any((field, t) not in texts for t in links):
            continue  # an unknown target is reported by the reference check; fix that first
        yield from _field_problems(path, record, field, own, texts)


def _field_problems(
    path: Path, record: Sourced, field: str, own: str, texts: dict[tuple[str, str], str]
) -> Iterator[Problem]:
    """A link without a reason, a reason without a link, a quote that is not in the text."""
    links: list[str] = getattr(record.curated, field)
    reasons = record.curated.why.get(field, {})
    for i, target in enumerate(links):
        if target not in reasons:
            yield Problem(path=(*path, "curated", field, i), message=_missing(field, target))
    for target, reason in reasons.items():
        at: Path = (*path, "curated", "why", field, target)
        if target not in links:
            message = f"a reason for a link that is not there: {field} has no {target!r}"
            yield Problem(path=at, message=message)
        elif reason.basis == "inferred":
            yield from _inferred_problems(at, reason)
        elif not occurs(reason.why, (own, texts.get((field, target), ""))):
            yield Problem(path=(*at, "why"), message=_not_quoted(record, field, target))


def _missing(field: str, target: str) -> str:
    return (
        f"curated link to {_TARGET_KIND[field]} {target!r} has no reason: add "
        f"curated.why.{field}.{target}: the words that ground it, or a one-line rationale "
        "with `basis: inferred`"
    )


def _not_quoted(record: BaseModel, field: str, target: str) -> str:
    return (
        f"the quoted reason does not occur in the text of {record_id(record)!r} or of "
        f"{_TARGET_KIND[field]} {target!r}: quote their words, or mark it `basis: inferred`"
    )


def _inferred_problems(at: Path, reason: Reason) -> Iterator[Problem]:
    if "\n" in reason.why.strip() or len(reason.why) > INFERRED_MAX:
        yield Problem(
            path=(*at, "why"),
            message=f"an inferred reason is one line of at most {INFERRED_MAX} characters",
        )


# --- provenance for views ------------------------------------------------------------------------


def reason(record: Sourced, field: str, target: str) -> Reason | None:
    """The reason a record gives for its link ``field`` -> ``target``, if it gives one: the one
    reader of a link's reason (:func:`migcycle.links.reason` gives it as ``(why, basis)``)."""
    return record.curated.why.get(field, {}).get(target)


def quoted_from(record: BaseModel, given: Reason | None) -> Literal["record", "target"] | None:
    """Whose words a quoted reason are: the record's own, or else its link target's."""
    if given is None or given.basis != "quoted":
        return None
    return "record" if occurs(given.why, [own_text(record)]) else "target"
