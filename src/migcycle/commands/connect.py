"""Commands that connect the documents: frameworks, full-text search, citations."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from migcycle import output, query
from migcycle.commands.choices import CitationStyle
from migcycle.commands.common import JsonOption, catalog, check_kinds, render, stdin_text, words

if TYPE_CHECKING:
    from migcycle.models import Catalog


def _frameworks(found: Catalog, kind: str, ref: str | None, as_json: bool) -> None:
    """Every objective (target) with its count of records, or everything that concerns one."""
    if ref is None:
        title, what = {"gcm": ("GCM objectives", "objective"), "sdg": ("SDG targets", "target")}[
            kind
        ]
        rows = query.framework_counts(found, kind)
        output.show(rows, as_json, lambda r: render.frameworks_table(r, title, what))
        return
    view = query.framework_view(found, query.find_framework(found, kind, ref))
    output.show(view, as_json, render.framework_view)


def gcm(
    ctx: typer.Context,
    objective: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="OBJECTIVE",
            help="Objective number, id or label (20, gcm-20, remittances).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """GCM objectives and what concerns each.

    Without an argument: the 23 objectives with the number of records linked to each.
    With one: everything that concerns it, grouped by kind.

    Examples:

        migcycle gcm

        migcycle gcm 20

        migcycle gcm --json | jq -r '.[] | select(.records == 0) | .framework.id'
    """
    _frameworks(catalog(ctx), "gcm", words(objective) if objective else None, as_json)


def sdg(
    ctx: typer.Context,
    target: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="TARGET",
            help="SDG target (10.c, sdg-10.c, remittance costs).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """SDG targets and what concerns each.

    Examples:

        migcycle sdg

        migcycle sdg 10.c

        migcycle sdg 10.c --json | jq -r '.records | keys[]'
    """
    _frameworks(catalog(ctx), "sdg", words(target) if target else None, as_json)


def search(
    ctx: typer.Context,
    text: Annotated[
        list[str],
        typer.Argument(
            metavar="WORDS", help="Words to find (all of them must occur).", show_default=False
        ),
    ],
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            help="Only records of this kind (repeatable), e.g. question.",
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", min=1, help="Show at most this many.")
    ] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search across every kind of record.

    Ranked: an exact phrase and a match in a headline or name count more than scattered
    words in a body. Case- and accent-insensitive; a word also matches words it begins.

    Examples:

        migcycle search fintech

        migcycle search "social cohesion" --kind stage-function --kind key-point

        migcycle search remittance --json | jq -r '.[] | "\\(.kind) \\(.id) \\(.score)"'
    """
    from migcycle.search import search as run_search
    from migcycle.search import terms

    check_kinds(kind or [])
    hits = run_search(catalog(ctx), " ".join(text), kinds=kind or (), limit=limit)
    output.show(hits, as_json, lambda h: render.search_results(h, terms(" ".join(text))))


def cite(
    ctx: typer.Context,
    records: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            help="Record ids (4.2.3, arrival/finance, gcm-20); prefix a kind where ids repeat "
            "across kinds (question:4.2.3, stage:3, session:3). '-' reads ids from stdin: "
            "whitespace-separated, or the JSON array `migcycle search --json` prints.",
            show_default=False,
        ),
    ],
    style: Annotated[
        CitationStyle,
        typer.Option(
            "--style",
            "-s",
            metavar="STYLE",
            help="plain, markdown, bibtex, csl-json or ris.",
        ),
    ] = CitationStyle.plain,
    quote: Annotated[
        bool, typer.Option("--quote", "-q", help="Add each record's verbatim text.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Citations for records, to paste into a paper.

    Each document is given once however many of its records are cited; pages where the document
    prints them. --json gives one object for one id, an array for several ids or -: {kind, id,
    label, document, locator, style, citation, page, url, quote, key, document_key,
    document_citation, csl_citation_item}.

    Examples:

        migcycle cite 4.2.3 2.2.1 --quote --style markdown

        migcycle cite 4.2.3 arrival/finance gcm-20 --style bibtex >> references.bib

        migcycle search remittance --json | migcycle cite - --style csl-json > refs.json

        migcycle cite stage:3 --json | jq -r .citation
    """
    from migcycle.cite import MAX_STDIN_BYTES, cite_all, ids_from_text

    refs = [
        r
        for ref in records
        for r in (ids_from_text(stdin_text(MAX_STDIN_BYTES)) if ref == "-" else [ref])
    ]
    result = cite_all(catalog(ctx), refs, style.value, quote=quote)
    single = len(records) == 1 and records[0] != "-"  # one id: one object, as before
    shown = result.citations[0] if single else result.citations
    output.show(shown, as_json, lambda _: render.citation(result.text), wrap=True)


def show(
    ctx: typer.Context,
    record: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A record's id (4.2.3, arrival/finance, fn-6, gcm-20); where kinds share an id, "
            "prefix the kind (stage:3, theme:finance). `migcycle ids` lists them.",
            show_default=False,
        ),
    ],
    as_json: JsonOption = False,
) -> None:
    """Any record by id, with its links.

    Every link from the record and to it says whether it is the document's own (a footnote, the
    section it is printed in) or curated by migcycle, and why, where the data gives a reason.

    Examples:

        migcycle show 4.2.3

        migcycle show fn-6

        migcycle show financial-services/d1 --json | jq -r '.links_to[] | "\\(.kind) \\(.id)"'
    """
    found = catalog(ctx)
    kind, chosen = query.find_record(found, record)
    output.show(query.record_view(found, kind, chosen), as_json, render.record_view)


def ids(
    ctx: typer.Context,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind", "-k", metavar="KIND", help="Only records of this kind (repeatable)."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Every record's kind, id and label.

    These are the ids `show` and `cite` take.

    Examples:

        migcycle ids --kind question

        migcycle ids --json | jq -r '.[] | select(.kind == "footnote") | .id'
    """
    check_kinds(kind or [])
    output.show(query.record_ids(catalog(ctx), kind or []), as_json, render.ids_table)


COMMANDS: list[Callable[..., None]] = [gcm, sdg, search, cite, show, ids]
