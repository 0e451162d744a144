"""Read IATI activity files (version 2.0x) and draft a portfolio layer from their activities.

Parsing is safe by construction: the standard library's expat parser, fed at most
``MAX_IATI_BYTES`` + 1 bytes of a regular file, refuses any DOCTYPE (so no entity can be declared,
expanded or fetched) and any element nested deeper than ``MAX_XML_DEPTH``. Every problem is one
line naming the file (exit 1).

Which activities are kept: those with a DAC purpose code (sector vocabulary 1) in
:data:`MIGRATION_SECTORS`, and those whose title or description concerns migration (a word
beginning with one of :data:`MIGRATION_WORDS`).

How stage functions are proposed, for each kept activity (title and descriptions, compared in
migcycle's search form: case- and accent-folded words, see :func:`migcycle.search.words`):

1. a function is concerned when its name, one of its aliases or the label the brief prints for
   it occurs in the text as a phrase (a word matches words it begins, ignoring a final -e or -s:
   ``finance`` matches ``financial``, ``financing``);
2. it is proposed at the stages whose name or alias the text also names (``return``,
   ``arrival``, ``destination``…); failing that, at the stages whose description of the function
   shares the most words with the text; failing that, at every stage the brief prints it.

Each proposal is an entry with ``score: null`` (a draft: the officer decides), the activity's
IATI identifier and title as a project, and the words that matched as the comment.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from migcycle.errors import DataError
from migcycle.layers import Draft, cell_order, entry_data, layer_document
from migcycle.models import Catalog, Scale
from migcycle.search import words

MAX_IATI_BYTES = 64 * 1024 * 1024
"""Largest activity file read (a publisher's whole portfolio fits; split bigger exports)."""
MAX_XML_DEPTH = 64
"""Deepest element nesting accepted (IATI activities nest about 6 deep)."""

MIGRATION_SECTORS = {
    "15190": "Facilitation of orderly, safe, regular and responsible migration and mobility",
    "15136": "Immigration",
    "24050": "Remittance facilitation, promotion and optimisation",
    "93010": "Refugees/asylum seekers in donor countries",
}
"""DAC purpose codes that mark an activity as concerning migration: the migration code itself,
immigration services, remittances (the brief's finance function, GCM 20) and refugees in donor
countries (the arrival and long-term stages). Broader codes such as 72010 material relief are
kept only when the text concerns migration."""

MIGRATION_WORDS = ("migra", "refugee", "remittance", "diaspora", "displace", "asylum", "returnee")
"""Word beginnings that make an activity's text concern migration."""

PRIVATE_SECTOR_TYPES = {
    "70": "Private Sector",
    "71": "Private Sector in Provider Country",
    "72": "Private Sector in Aid Recipient Country",
    "73": "Private Sector in Third Country",
}
"""IATI OrganisationType codes for the private sector (codelists/OrganisationType.xml)."""

ORGANISATION_ROLES = {"1": "funding", "2": "accountable", "3": "extending", "4": "implementing"}
_STOP = frozenset(
    " ".join(
        [
            "about access after also among and are between both but can country countries during",
            "each for from have include includes including into its may migrants migrant more",
            "other provide provided such than that the their them these they this those through",
            "use used well where which while with within",
        ]
    ).split()
)


# --- reading one file safely ---------------------------------------------------------------------


def read_bounded(path: Path, limit: int | None = None) -> bytes:
    """A regular file's bytes, reading at most ``limit`` + 1 (never blocking on a FIFO)."""
    limit = MAX_IATI_BYTES if limit is None else limit
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise DataError([f"{path}: file not found"]) from None
    except OSError as err:
        raise DataError([f"{path}: cannot read: {err.strerror}"]) from None
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise DataError([f"{path}: not a regular file"])
        data = file.read(limit + 1)
    if len(data) > limit:
        raise DataError([f"{path}: file is over the {limit:,}-byte limit; split the export"])
    return data


@dataclass
class Organisation:
    name: str
    ref: str
    type: str
    role: str


@dataclass
class Activity:
    identifier: str
    title: str
    descriptions: list[str]
    sectors: list[str]
    organisations: list[Organisation]
    budgets: dict[str, float]

    @property
    def private_sector(self) -> list[Organisation]:
        return [o for o in self.organisations if o.type in PRIVATE_SECTOR_TYPES]


class XmlRefused(Exception):
    """Raised from an expat handler; reported as ``file:line:col: message``."""


@dataclass
class _Builder:
    """Expat handlers that keep only what a draft needs from each top-level activity part."""

    parser: Any
    depth: int = 0
    path: list[str] = field(default_factory=list)
    langs: list[str | None] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    current: dict[str, Any] | None = None
    activities: list[dict[str, Any]] = field(default_factory=list)
    version: str | None = None

    def doctype(self, *_: Any) -> None:
        raise XmlRefused(
            "a DOCTYPE is not accepted in an IATI file (it could declare entities); "
            "remove the <!DOCTYPE ...> line"
        )

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise XmlRefused(f"elements nested deeper than {MAX_XML_DEPTH} levels")
        if self.depth == 1:
            self._root(tag, attrs)
        parent_lang = self.langs[-1] if self.langs else None
        self.path.append(tag)
        self.langs.append(attrs.get("xml:lang", parent_lang))
        self.text = []
        if self.path == ["iati-activities", "iati-activity"]:
            self.current = _empty_activity()
        elif self.current is not None:
            self._attributes(tuple(self.path[2:]), attrs)

    def _root(self, tag: str, attrs: dict[str, str]) -> None:
        if tag != "iati-activities":
            raise XmlRefused(
                f"not an IATI activity file: the root element is <{tag}>, "
                "expected <iati-activities>"
            )
        self.version = attrs.get("version", "")
        if not self.version.startswith("2."):
            raise XmlRefused(
                f"IATI version {self.version or '(none)'} is not read; "
                "migcycle reads activity files of version 2.01 to 2.03"
            )

    def _attributes(self, where: tuple[str, ...], attrs: dict[str, str]) -> None:
        assert self.current is not None
        if where == ("sector",) and attrs.get("vocabulary", "1") == "1" and "code" in attrs:
            self.current["sectors"].append(attrs["code"])
        elif where == ("participating-org",):
            self.current["organisations"].append(
                {"ref": attrs.get("ref", ""), "type": attrs.get("type", ""),
                 "role": attrs.get("role", ""), "names": []}
            )  # fmt: skip
        elif where == ("budget", "value"):
            self.current["currency"] = attrs.get("currency")

    def data(self, text: str) -> None:
        self.text.append(text)

    def end(self, tag: str) -> None:
        where = tuple(self.path[2:])
        text = "".join(self.text).strip()
        lang = self.langs[-1]
        self.path.pop()
        self.langs.pop()
        self.depth -= 1
        self.text = []
        if self.current is None:
            return
        if where == ():
            self.activities.append(self.current)
            self.current = None
        else:
            _keep_text(self.current, where, text, lang)


def _empty_activity() -> dict[str, Any]:
    return {"identifier": "", "titles": [], "descriptions": [], "sectors": [],
            "organisations": [], "budgets": {}, "currency": None}  # fmt: skip


def _keep_text(
    activity: dict[str, Any], where: tuple[str, ...], text: str, lang: str | None
) -> None:
    if where == ("iati-identifier",):
        activity["identifier"] = text
    elif where == ("title", "narrative") and text:
        activity["titles"].append((lang, text))
    elif where == ("description", "narrative") and text:
        activity["descriptions"].append((lang, text))
    elif where == ("participating-org", "narrative") and text and activity["organisations"]:
        activity["organisations"][-1]["names"].append((lang, text))
    elif where == ("budget", "value"):
        currency = activity["currency"] or "?"
        try:
            amount = float(text)
        except ValueError:
            return
        activity["budgets"][currency] = activity["budgets"].get(currency, 0.0) + amount


def parse_activities(data: bytes, display: str) -> list[Activity]:
    """The activities of one IATI file, or a one-line error naming the file and position."""
    parser = expat.ParserCreate()
    builder = _Builder(parser)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = builder.doctype
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except XmlRefused as err:
        raise DataError([f"{display}:{_at(parser)}: {err}"]) from None
    except expat.ExpatError as err:
        message = expat.ErrorString(err.code)
        raise DataError(
            [f"{display}:{err.lineno}:{err.offset + 1}: not well-formed XML ({message})"]
        ) from None
    return [_activity(raw, display) for raw in builder.activities]


def _at(parser: Any) -> str:
    return f"{parser.CurrentLineNumber}:{parser.CurrentColumnNumber + 1}"


def _english(narratives: list[tuple[str | None, str]]) -> list[str]:
    """The English narratives (or those without a language), else all of them."""
    chosen = [t for lang, t in narratives if lang is None or lang.lower().startswith("en")]
    return chosen or [t for _, t in narratives]


def _activity(raw: dict[str, Any], display: str) -> Activity:
    if not raw["identifier"]:
        raise DataError([f"{display}: an <iati-activity> has no <iati-identifier>"])
    organisations = [
        Organisation(
            next(iter(_english(o["names"])), o["ref"] or "(unnamed)"),
            o["ref"],
            o["type"],
            o["role"],
        )
        for o in raw["organisations"]
    ]
    titles = _english(raw["titles"])
    return Activity(
        raw["identifier"],
        titles[0] if titles else raw["identifier"],
        _english(raw["descriptions"]),
        raw["sectors"],
        organisations,
        raw["budgets"],
    )


# --- which activities concern migration, and which stage functions -----------------------------


def concerns_migration(activity: Activity) -> list[str]:
    """Why an activity is kept: its migration sector codes and migration words (empty: not kept)."""
    reasons = [f"sector {c}" for c in activity.sectors if c in MIGRATION_SECTORS]
    text = words(" ".join([activity.title, *activity.descriptions]))
    found = dict.fromkeys(w for w in text if w.startswith(MIGRATION_WORDS))
    return reasons + [f'"{w}"' for w in found]


def _stem(word: str) -> str:
    for ending in ("s", "e"):
        if len(word) > 4 and word.endswith(ending):
            word = word[: -len(ending)]
    return word


def phrase_match(phrase: str, text: tuple[str, ...]) -> str | None:
    """The words of the text where ``phrase`` occurs (each phrase word beginning a text word,
    ``and``/``of``/``the`` skipped), or None."""
    glue = ("and", "of", "the")
    terms = [_stem(w) for w in words(phrase) if w not in glue]
    plain = [w for w in text if w not in glue]
    for i in range(len(plain) - len(terms) + 1 if terms else 0):
        if all(plain[i + j].startswith(t) for j, t in enumerate(terms)):
            return " ".join(plain[i : i + len(terms)])
    return None


def _matches(names: list[str], text: tuple[str, ...], what: str) -> list[str]:
    """``financial services -> finance``: each span of the text a name matched, leaving out a
    span that a longer one already holds."""
    spans = dict.fromkeys(s for n in names if (s := phrase_match(n, text)) is not None)
    kept = [s for s in spans if not any(s != o and f" {s} " in f" {o} " for o in spans)]
    return [f"{span} -> {what}" for span in kept]


@dataclass
class Proposal:
    cell: tuple[str, ...]
    matched: list[str]


def propose(activity: Activity, catalog: Catalog) -> list[Proposal]:
    """The stage functions an activity's title and descriptions concern (see the module's rule)."""
    text = words(" ".join([activity.title, *activity.descriptions]))
    proposals: list[Proposal] = []
    for function in catalog.cycle.functions:
        printed = [
            (s, f) for s in catalog.cycle.stages for f in s.functions if f.function == function.id
        ]
        names = [function.name, *function.curated.aliases, *(f.label for _, f in printed)]
        matched = _matches(names, text, function.name.lower())
        if matched:
            proposals += [
                Proposal(("function", s.id, f.function), matched + why)
                for s, f, why in _placed(printed, text)
            ]
    return proposals


def _placed(
    printed: list[tuple[Any, Any]], text: tuple[str, ...]
) -> list[tuple[Any, Any, list[str]]]:
    """The stages a concerned function is proposed at, each with the words that placed it."""
    named = [
        (s, f, _matches([s.name, *s.curated.aliases], text, f"stage {s.name.lower()}"))
        for s, f in printed
    ]
    if any(why for _, _, why in named):
        return [(s, f, why) for s, f, why in named if why]
    shared = [(s, f, _shared_words(f.description, text)) for s, f in printed]
    most = max(len(why) for _, _, why in shared)
    if most:
        return [(s, f, why) for s, f, why in shared if len(why) == most]
    return [(s, f, []) for s, f in printed]


def _shared_words(description: str, text: tuple[str, ...]) -> list[str]:
    own = dict.fromkeys(w for w in words(description) if len(w) > 3 and w not in _STOP)
    return [f"{w} -> description" for w in own if any(t.startswith(_stem(w)) for t in text)]


# --- the draft layer -----------------------------------------------------------------------------


def _project(activity: Activity, matched: list[str]) -> dict[str, str]:
    comment = f"matched: {'; '.join(dict.fromkeys(matched))}"
    partners = [
        f"{o.name} ({PRIVATE_SECTOR_TYPES[o.type].lower()}, {_role(o.role)})"
        for o in activity.private_sector
    ]
    if partners:
        comment += f"; private sector: {'; '.join(partners)}"
    if activity.budgets:
        comment += "; budget " + ", ".join(f"{v:,.0f} {c}" for c, v in activity.budgets.items())
    return {"code": activity.identifier, "title": activity.title, "comment": comment}


def _role(code: str) -> str:
    return ORGANISATION_ROLES.get(code, f"role {code}")


def read_files(paths: list[Path]) -> tuple[list[Activity], list[str]]:
    """Every activity of every file, each identifier once; warnings for repeated identifiers."""
    activities: dict[str, Activity] = {}
    warnings: list[str] = []
    problems: list[str] = []
    for path in paths:
        try:
            found = parse_activities(read_bounded(path), str(path))
        except DataError as err:
            problems += err.problems
            continue
        for activity in found:
            if activity.identifier in activities:
                warnings.append(
                    f"warning: {path}: activity {activity.identifier} appears twice; "
                    "the first is kept"
                )
            else:
                activities[activity.identifier] = activity
    if problems:
        raise DataError(problems)
    return list(activities.values()), warnings


def draft_layer(paths: list[Path], catalog: Catalog, scale: Scale, name: str) -> Draft:
    """A draft layer from IATI activity files: every migration activity's proposed stage
    functions, unscored, each with the activity as a project and the matched words."""
    activities, warnings = read_files(paths)
    kept = [a for a in activities if concerns_migration(a)]
    cells: dict[tuple[str, ...], list[dict[str, str]]] = {}
    unplaced: list[Activity] = []
    for activity in kept:
        proposals = propose(activity, catalog)
        if not proposals:
            unplaced.append(activity)
        for p in proposals:
            cells.setdefault(p.cell, []).append(_project(activity, p.matched))
    order = cell_order(catalog)
    entries = [
        {**entry_data(cell), "score": None,
         "comment": "Proposed from IATI: review the matched words, then score or delete.",
         "projects": cells[cell]}
        for cell in sorted(cells, key=order.__getitem__)
    ]  # fmt: skip
    note = _note(paths, activities, kept, unplaced, len(entries))
    summary = f"note: {note.splitlines()[0]} Review the draft and give the scores."
    return Draft(
        layer_document(
            name,
            scale,
            entries,
            f"Draft from IATI activity files: {', '.join(p.name for p in paths)}.",
        ),
        note,
        [*warnings, summary],
    )


def _note(
    paths: list[Path],
    activities: list[Activity],
    kept: list[Activity],
    unplaced: list[Activity],
    cells: int,
) -> str:
    private = sum(1 for a in kept if a.private_sector)
    lines = [
        f"Draft from {len(paths)} IATI file(s): {len(activities)} activities read, "
        f"{len(kept)} concern migration ({private} with private-sector participation), "
        f"{cells} cells proposed, none scored.",
        "Every score is null: check each proposal's matched words, score the cells your",
        "portfolio covers, and delete the proposals that do not fit. Activities kept:",
    ]
    for a in kept:
        reasons = ", ".join(concerns_migration(a))
        partners = (
            "; private sector: " + ", ".join(o.name for o in a.private_sector)
            if a.private_sector
            else ""
        )
        lines.append(f"- {a.identifier}: {a.title} (kept for {reasons}{partners})")
    lines += [f"- {a.identifier}: no stage function proposed; place it by hand" for a in unplaced]
    return "\n".join(lines)
