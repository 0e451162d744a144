"""Citations a researcher pastes into a paper, checked by the tools that read them: pybtex for
BibTeX, the CSL-JSON schema, pandoc --citeproc (where installed) and a small RIS reader."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pybtex.database import BibliographyData, parse_string
from typer.testing import CliRunner, Result

from migcycle.cite import MAX_STDIN_BYTES, STYLES, Style, cite, cite_all
from migcycle.cli import app
from migcycle.kinds import all_records
from migcycle.models import Catalog, record_id

from .conftest import Run

REPO = Path(__file__).resolve().parents[1]
CSL_SCHEMA = REPO.parent / "shared" / "reference" / "csl" / "csl-data.json"
SEEDS = REPO.parent / "shared" / "seeds"
EXISTING_KEYS = ["kind", "id", "label", "document", "locator", "style", "citation"]


def _invoke(run: Run, args: tuple[str, ...], stdin: str | bytes | None) -> Result:
    """``run``, or, with ``stdin``, the same in-process invocation fed that input."""
    if stdin is None:
        return run(*args)
    return CliRunner().invoke(app, list(args), input=stdin, catch_exceptions=False)


def _ok(run: Run, *args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> str:
    result = run(*args, env=env) if stdin is None else _invoke(run, args, stdin)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def _json(run: Run, *args: str, stdin: str | None = None) -> Any:
    return json.loads(_ok(run, *args, "--json", stdin=stdin))


def _bib(run: Run, *args: str) -> BibliographyData:
    return parse_string(_ok(run, "cite", *args, "--style", "bibtex"), "bibtex")


def _usage_error(run: Run, *args: str, stdin: str | bytes | None = None) -> str:
    result = _invoke(run, args, stdin)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def _pandoc_with_citeproc() -> bool:
    if shutil.which("pandoc") is None:
        return False
    first = subprocess.run(["pandoc", "--version"], capture_output=True, text=True, check=True)
    version = tuple(int(n) for n in re.findall(r"\d+", first.stdout.splitlines()[0])[:2])
    return version >= (2, 11)  # --citeproc replaced pandoc-citeproc in 2.11


needs_pandoc = pytest.mark.skipif(
    not _pandoc_with_citeproc(), reason="pandoc >= 2.11 is not installed (apt-get install pandoc)"
)


def _pandoc(*args: str, stdin: str = "") -> str:
    done = subprocess.run(
        ["pandoc", *args], input=stdin, capture_output=True, text=True, check=True
    )
    return done.stdout


# --- several ids, stdin, errors ------------------------------------------------------------------


def test_several_ids_give_one_citation_each_in_the_order_given(run: Run) -> None:
    citations = _json(run, "cite", "4.2.3", "arrival/finance", "gcm-20")
    assert [(c["kind"], c["id"]) for c in citations] == [
        ("question", "4.2.3"),
        ("stage-function", "arrival/finance"),
        ("gcm", "gcm-20"),
    ]
    for citation in citations:
        assert list(citation)[: len(EXISTING_KEYS)] == EXISTING_KEYS
        assert {"page", "url", "quote", "key", "document_citation"} <= set(citation)
    plain = _ok(run, "cite", "4.2.3", "arrival/finance", "gcm-20")
    assert plain.split("\n\n") == [c["citation"] + ("\n" if c["id"] == "gcm-20" else "")
                                   for c in citations]  # fmt: skip


def test_one_id_is_one_object_as_before_and_stdin_is_always_an_array(run: Run) -> None:
    citation = _json(run, "cite", "stage:3")
    assert citation["kind"] == "stage" and citation["id"] == "arrival"
    assert list(citation)[: len(EXISTING_KEYS)] == EXISTING_KEYS
    [piped] = _json(run, "cite", "-", stdin="stage:3\n")
    assert piped == citation


def test_kind_prefixes_and_duplicates(run: Run) -> None:
    citations = _json(run, "cite", "4.2.3", "question:4.2.3", "stage:3", "arrival", "session:3")
    assert [(c["kind"], c["id"]) for c in citations] == [
        ("question", "4.2.3"),
        ("stage", "arrival"),
        ("session", "3"),
    ]


def test_one_bad_id_fails_the_whole_call(run: Run) -> None:
    line = _usage_error(run, "cite", "4.2.3", "arival/finance", "gcm-20")
    assert 'no record has the id "arival/finance"; did you mean "arrival/finance"?' in line


def test_an_id_shared_by_two_kinds_needs_a_prefix(run: Run) -> None:
    assert _usage_error(run, "cite", "3") == (
        'error: "3" is ambiguous: say which with a kind prefix: stage:3, session:3'
    )
    _usage_error(run, "cite", "employers")  # an actor type and a role section
    assert "no kind" in _usage_error(run, "cite", "chapter:3")


def test_an_unknown_style_is_a_usage_error(run: Run) -> None:
    result = run("cite", "4.2.3", "--style", "apa")
    assert result.exit_code == 2 and result.stdout == ""


def test_ids_from_stdin(run: Run) -> None:
    expected = [("question", "4.2.3"), ("gcm", "gcm-20")]
    piped = _json(run, "cite", "-", stdin="4.2.3\n  gcm-20\tquestion:4.2.3\n")
    assert [(c["kind"], c["id"]) for c in piped] == expected


def test_search_results_on_stdin(run: Run) -> None:
    hits = _json(run, "search", "remittance", "--limit", "4")
    citations = _json(run, "cite", "-", stdin=json.dumps(hits))
    assert [(c["kind"], c["id"]) for c in citations] == [(h["kind"], h["id"]) for h in hits]


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("", "no ids on stdin"),
        ("  \n", "no ids on stdin"),
        ("[{", "stdin is not a valid JSON array"),
        ('[{"kind": "question"}]', 'stdin item 1 is not an object with string "kind" and "id"'),
        ('["4.2.3"]', "stdin item 1 is not an object"),
        ('[{"kind": "question", "id": "9.9.9"}]', 'no record has the id "question:9.9.9"'),
        (b"4.2.3 \xff", "not UTF-8"),
        ("4.2.3 " * (MAX_STDIN_BYTES // 6 + 1), "more than 1024 KiB of ids on stdin"),
    ],
)
def test_bad_stdin_is_one_clear_error(run: Run, stdin: str | bytes, message: str) -> None:
    assert message in _usage_error(run, "cite", "-", stdin=stdin)


# --- plain and Markdown --------------------------------------------------------------------------


def test_plain_citation_of_the_brief(run: Run) -> None:
    assert _ok(run, "cite", "arrival/finance") == (
        "Bisong, A. and Knoll, A. (2020). Mapping private sector engagement along the migration "
        "cycle. Maastricht: European Centre for Development Policy Management (ECDPM), February "
        "2020. Private-sector involvement along the migration cycle, stage 3 'Arrival', FINANCE. "
        "https://www.ecdpm.org (the publisher's website). [migcycle stage-function:arrival/finance]\n"
    )


def test_plain_punctuation_is_never_doubled(catalog: Catalog) -> None:
    refs = [f"{kind}:{record_id(r)}" for kind, r in all_records(catalog)]
    text = cite_all(catalog, refs, "plain").text
    assert "private sector?. " not in text
    assert not re.search(r"[.?!]\. ", text)
    assert "What do we mean by private sector? https://www.ecdpm.org" in text


@pytest.mark.parametrize(
    ("ref", "page", "words"),
    [
        ("4.2.3", "7", "§4.2.3, p. 7."),  # a question: its session's page in the contents
        ("4.1.2", "7", "§4.1.2, p. 7."),
        ("session:4", "7", "§4, p. 7."),  # the locator already has it: not twice
        ("executive-summary-1", "2", "§1 Executive Summary, paragraph 1, p. 2."),
        ("changing-the-narrative", "2", "common theme (i), p. 2."),
        ("financial-services/o1", "13-14", "Opportunities, item 1, pp. 13–14."),
        ("sector:financial-services", "13-14", "FINANCIAL SERVICES, pp. 13–14."),
        ("arrival/finance", None, "FINANCE. https://"),  # the brief prints no other pages
        ("gcm-20", None, "Objective 20, A/RES/73/195 para 36. [migcycle"),
    ],
)
def test_pages_where_the_documents_give_them(
    run: Run, ref: str, page: str | None, words: str
) -> None:
    citation = _json(run, "cite", ref)
    assert citation["page"] == page
    assert words in citation["citation"]
    assert citation["citation"].count(", p. ") <= 1


def test_the_seminar_report_has_no_author(run: Run) -> None:
    plain = _ok(run, "cite", "question:4.2.3")
    assert plain.startswith(
        "Risk, Governance and the Challenge of Migration: Report on the 2017 Seminar "
        "[no author or publisher named]. (2017). Advancing Good Governance in International "
        "Development seminar, Rhodes House, Oxford, 8 – 9 June 2017. §4.2.3, p. 7."
    )
    assert not plain.startswith("Advancing Good Governance")  # the series is not the author


def test_markdown_quote_then_citation(run: Run) -> None:
    markdown = _ok(run, "cite", "4.2.3", "2.2.1", "--quote", "--style", "markdown")
    first, second = markdown.rstrip("\n").split("\n\n— ", 1)[0], markdown.split("\n\n")[2]
    assert first == (
        "> What is the way forward for multilateral organisations and NGOs to utilise fintech "
        "(financial technology) in their operations? What place will traditional financial "
        "institutions have in this?"
    )
    assert second.startswith("> How can the voices that welcome refugees")
    assert (
        "\n\n— *Risk, Governance and the Challenge of Migration: Report on the 2017 Seminar* "
        in (markdown)
    )
    assert markdown.count("(`question:2.2.1`)") == 1


def test_markdown_without_quote_is_the_reference(run: Run) -> None:
    markdown = _ok(run, "cite", "arrival/finance", "--style", "markdown")
    assert markdown.startswith("Bisong, A. and Knoll, A. (2020). *Mapping private sector")
    assert "<https://www.ecdpm.org> (the publisher's website)." in markdown


def test_markdown_escapes_data_text(catalog: Catalog) -> None:
    note = cite(catalog, "note:headline-and-body", "markdown", quote=True)
    assert "marked by '**' in the extraction" in (note.quote or "")
    assert "marked by '\\*\\*' in the extraction" in note.citation
    assert "'**'" not in note.citation


def test_plain_quote_then_citation(run: Run, catalog: Catalog) -> None:
    plain = _ok(run, "cite", "2.1.2", "--quote")
    key_point = next(k for k in catalog.key_points if k.id == "2.1.2")
    quote, reference = plain.rstrip("\n").split("\n")
    assert quote == f"“{key_point.headline} {key_point.body}”"
    assert reference.endswith("§2.1.2, p. 3. [migcycle key-point:2.1.2]")


def test_long_lines_are_not_wrapped(run: Run) -> None:
    args = ("cite", "4.2.3", "--quote", "--style", "markdown")
    markdown = _ok(run, *args, env={"COLUMNS": "40"})
    assert markdown.splitlines()[0].startswith("> What is the way forward")
    assert markdown.splitlines()[0].endswith("have in this?")


# --- BibTeX --------------------------------------------------------------------------------------


def test_bibtex_one_entry_per_document(run: Run) -> None:
    bib = _bib(run, "arrival/finance", "stage:3", "financial-services/o1", "pre-departure/finance")
    works = [k for k, e in bib.entries.items() if e.type != "incollection"]
    assert works == ["ecdpm-2020"]
    report = bib.entries["ecdpm-2020"]
    assert report.type == "techreport"
    assert [str(p) for p in report.persons["author"]] == ["Bisong, Amanda", "Knoll, Anna"]
    assert report.fields["year"] == "2020" and report.fields["month"] == "February"
    parts = [e for e in bib.entries.values() if e.type == "incollection"]
    assert len(parts) == 4
    assert all(e.fields["crossref"] == "ecdpm-2020" for e in parts)


def test_bibtex_month_is_the_macro(run: Run) -> None:
    text = _ok(run, "cite", "arrival/finance", "--style", "bibtex")
    assert "  month = feb,\n" in text
    assert "{feb}" not in text


def test_bibtex_keys_keep_every_part_of_the_id(run: Run, catalog: Catalog) -> None:
    bib = _bib(run, "2.1.1", "2.1.2", "sdg-8.8", "sdg-8.7", "arrival/finance")
    parts = [k for k, e in bib.entries.items() if e.type == "incollection"]
    assert parts == [
        "seminar-2017-key-point-2.1.1",
        "seminar-2017-key-point-2.1.2",
        "un-agenda-2030-sdg-8.8",
        "un-agenda-2030-sdg-8.7",
        "ecdpm-2020-stage-function-arrival/finance",
    ]
    everything = cite_all(catalog, [f"{k}:{record_id(r)}" for k, r in all_records(catalog)])
    keys = [c.key for c in everything.citations]
    assert len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"[A-Za-z0-9._/-]+", key) for key in keys)


def test_bibtex_locator_and_page_are_in_printed_fields(run: Run) -> None:
    bib = _bib(run, "4.2.3", "financial-services/o1", "gcm-20")
    question = bib.entries["seminar-2017-question-4.2.3"]
    assert question.fields["title"].startswith("{§4.2.3: What is the way forward")
    assert question.fields["pages"] == "7"
    assert bib.entries["ecdpm-2020-sector-item-financial-services/o1"].fields["pages"] == "13--14"
    assert bib.entries["un-gcm-2018-gcm-20"].fields["title"].startswith("{Objective 20: Promote")


def test_bibtex_protects_proper_names(run: Run) -> None:
    bib = _bib(run, "gcm-20", "gcr-33")
    assert bib.entries["un-gcm-2018"].fields["title"] == (
        "{Global Compact for Safe, Orderly and Regular Migration}"
    )
    assert bib.entries["un-gcr-2018-gcr-33"].fields["booktitle"] == "{Global Compact on Refugees}"


@needs_pandoc
def test_pandoc_reads_the_bibtex_as_meant(run: Run) -> None:
    text = _ok(run, "cite", "gcm-20", "4.2.3", "arrival/finance", "--style", "bibtex")
    items = {i["id"]: i for i in json.loads(_pandoc("-f", "bibtex", "-t", "csljson", stdin=text))}
    assert items["un-gcm-2018"]["title"] == "Global Compact for Safe, Orderly and Regular Migration"
    question = items["seminar-2017-question-4.2.3"]
    assert question["title"].startswith("§4.2.3: What is the way forward for multilateral")
    assert question["page"] == "7" and "author" not in question
    finance = items["ecdpm-2020-stage-function-arrival/finance"]
    assert finance["publisher"] == "European Centre for Development Policy Management (ECDPM)"
    assert finance["issued"] == {"date-parts": [[2020, 2]]}


def test_bibtex_of_a_declared_document(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "extension"
    shutil.copytree(REPO / "examples" / "extension", data)
    case = data / "case-study.yaml"
    case.write_text(
        case.read_text("utf-8").replace(
            "    authors: [migcycle documentation]\n    year: 2026\n",
            "    authors: ['Doe, Jane', migcycle documentation]\n    year: 2026\n"
            "    publisher: Example Press\n    url: https://example.org/case\n",
        ),
        "utf-8",
    )
    bib = parse_string(
        _ok(run, "--data", str(data), "cite", "11.1.1", "--style", "bibtex"), "bibtex"
    )
    work = bib.entries["example-case-study"]
    assert work.fields["year"] == "2026"
    assert work.fields["publisher"] == "Example Press"
    assert work.fields["url"] == "https://example.org/case"
    assert "howpublished" not in work.fields
    authors = [str(p) for p in work.persons["author"]]
    assert authors == ["Doe, Jane", "{migcycle documentation}"]  # a person, and a name as written
    part = bib.entries[next(k for k in bib.entries if k.startswith("example-case-study-"))]
    assert part.fields["year"] == "2026" and part.persons["author"]


def test_bibtex_escapes_and_keeps_the_quote(run: Run) -> None:
    bib = _bib(run, "2.1.2", "--quote")
    abstract = bib.entries["seminar-2017-key-point-2.1.2"].fields["abstract"]
    assert abstract.startswith("86\\% of the world's refugee population is hosted")


# --- CSL-JSON ------------------------------------------------------------------------------------


def _csl(run: Run, *refs: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(_ok(run, "cite", *refs, "--style", "csl-json"))
    return items


@pytest.mark.skipif(not CSL_SCHEMA.is_file(), reason=f"CSL-JSON schema not found at {CSL_SCHEMA}")
def test_csl_json_is_valid_for_every_kind(catalog: Catalog) -> None:
    import jsonschema  # type: ignore[import-untyped]

    schema = json.loads(CSL_SCHEMA.read_text("utf-8"))
    refs = [
        f"{kind}:{record_id(records[0])}" for kind, records in catalog.kinds().items() if records
    ]
    items = json.loads(cite_all(catalog, refs, "csl-json", quote=True).text)
    jsonschema.validate(items, schema)
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids))


def test_csl_json_parts_and_works(run: Run) -> None:
    items = {i["id"]: i for i in _csl(run, "4.2.3", "2.2.1", "arrival/finance")}
    assert list(items) == [
        "seminar-2017-question-4.2.3",
        "seminar-2017-question-2.2.1",
        "ecdpm-2020-stage-function-arrival/finance",
        "seminar-2017",
        "ecdpm-2020",
    ]
    question = items["seminar-2017-question-4.2.3"]
    assert question["type"] == "chapter" and question["page"] == "7"
    assert question["section"] == "§4.2.3"
    assert "author" not in question  # as the guides cite a work with no named author
    assert question["collection-title"] == "Advancing Good Governance in International Development"
    assert "names no author or publisher" in question["note"]
    brief = items["ecdpm-2020"]
    assert brief["author"] == [
        {"family": "Bisong", "given": "Amanda"},
        {"family": "Knoll", "given": "Anna"},
    ]
    assert (
        brief["issued"] == {"date-parts": [[2020, 2]]} and brief["URL"] == "https://www.ecdpm.org"
    )


def test_csl_json_corporate_author_and_protected_title(run: Run) -> None:
    items = {i["id"]: i for i in _csl(run, "gcm-20")}
    gcm = items["un-gcm-2018"]
    assert gcm["author"] == [{"literal": "United Nations General Assembly"}]
    assert gcm["title"] == (
        '<span class="nocase">Global Compact for Safe, Orderly and Regular Migration</span>'
    )
    assert gcm["number"] == "A/RES/73/195"


def test_csl_citation_item_for_citing_the_work(run: Run) -> None:
    by_id = {c["id"]: c for c in _json(run, "cite", "4.2.3", "gcm-20", "arrival/finance")}
    assert by_id["4.2.3"]["csl_citation_item"] == {
        "id": "seminar-2017",
        "label": "page",
        "locator": "7",
    }
    assert by_id["gcm-20"]["csl_citation_item"] == {
        "id": "un-gcm-2018",
        "label": "paragraph",
        "locator": "36",
    }


@needs_pandoc
def test_pandoc_renders_the_bibliography(run: Run, tmp_path: Path) -> None:
    bibliography = tmp_path / "references.json"
    bibliography.write_text(
        _ok(run, "cite", "4.2.3", "arrival/finance", "gcm-20", "--style", "csl-json"), "utf-8"
    )
    keys = [c["key"] for c in _json(run, "cite", "4.2.3", "arrival/finance", "gcm-20")]
    paper = " ".join(f"[@{key}]" for key in keys) + " [@seminar-2017, p. 7]\n"
    rendered = _pandoc(
        "--citeproc", "--bibliography", str(bibliography), "-t", "plain", "--wrap=none",
        stdin=paper,
    )  # fmt: skip
    text, *entries = rendered.strip().split("\n\n")
    assert len(entries) == 4, rendered  # three records and the report cited with a page
    by_start = {e.split(".")[0]: e for e in entries}
    finance = by_start["Bisong, Amanda, and Anna Knoll"]
    assert finance.startswith("Bisong, Amanda, and Anna Knoll. 2020. “Private-sector involvement")
    assert "stage 3 ‘Arrival,’ FINANCE" in finance
    assert "In Mapping Private Sector Engagement Along the Migration Cycle" in finance
    gcm = by_start["United Nations General Assembly"]
    assert gcm.startswith("United Nations General Assembly. 2018. “Objective 20: Promote faster")
    assert "Global Compact for Safe, Orderly and Regular Migration" in gcm
    question = next(e for e in entries if e.startswith("“§4.2.3"))
    assert "” 2017. In Risk, Governance and the Challenge of Migration" in question
    assert "Seminar, 7." in question  # the page
    assert (
        "(“Risk, Governance and the Challenge of Migration: Report on the 2017 Seminar” 2017, 7)"
        in text
    )


# --- RIS -----------------------------------------------------------------------------------------


def _read_ris(text: str) -> list[dict[str, list[str]]]:
    """A small RIS reader: ``TY`` opens a record, ``ER`` closes it, every line is ``XY  - value``."""
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    for line in text.splitlines():
        if not line:
            continue
        match = re.fullmatch(r"([A-Z][A-Z0-9])  -(?: (.*))?", line)
        assert match, f"not a RIS line: {line!r}"
        tag, value = match.group(1), match.group(2) or ""
        if tag == "TY":
            assert current is None, "TY inside a record"
            current = {}
        assert current is not None, f"{tag} outside a record"
        if tag == "ER":
            records.append(current)
            current = None
        else:
            current.setdefault(tag, []).append(value)
    assert current is None, "a record is not closed with ER"
    return records


def test_ris_parts_and_works(run: Run) -> None:
    records = _read_ris(_ok(run, "cite", "4.2.3", "arrival/finance", "gcm-20", "--style", "ris"))
    by_id = {r["ID"][0]: r for r in records}
    assert [r["TY"][0] for r in records] == ["CHAP"] * 3 + ["RPRT"] * 3
    finance = by_id["ecdpm-2020-stage-function-arrival/finance"]
    assert finance["AU"] == ["Bisong, Amanda", "Knoll, Anna"]
    assert finance["PY"] == ["2020"]
    assert finance["TI"] == [
        "Private-sector involvement along the migration cycle, stage 3 'Arrival', FINANCE"
    ]
    assert finance["T2"] == ["Mapping private sector engagement along the migration cycle"]
    assert finance["PB"] == ["European Centre for Development Policy Management (ECDPM)"]
    assert finance["CY"] == ["Maastricht"] and finance["UR"] == ["https://www.ecdpm.org"]
    question = by_id["seminar-2017-question-4.2.3"]
    assert question["SP"] == ["7"] and "AU" not in question
    assert any("names no author or publisher" in n for n in question["N1"])
    assert by_id["un-gcm-2018"]["N1"] == ["UN document A/RES/73/195."]


def test_ris_page_range(run: Run) -> None:
    [part, _] = _read_ris(_ok(run, "cite", "financial-services/o1", "--style", "ris"))
    assert part["SP"] == ["13"] and part["EP"] == ["14"]


# --- quotes, curated records, every kind ---------------------------------------------------------


@pytest.mark.parametrize("style", STYLES)
def test_quote_in_every_style(run: Run, catalog: Catalog, style: str) -> None:
    question = next(q for q in catalog.questions if q.id == "4.2.3").text
    citation = _json(run, "cite", "4.2.3", "--quote", "--style", style)
    assert citation["quote"] == question
    text = _ok(run, "cite", "4.2.3", "--quote", "--style", style)
    if style == "bibtex":
        assert parse_string(text, "bibtex").entries[citation["key"]].fields["abstract"] == question
    elif style == "csl-json":
        assert json.loads(text)[0]["abstract"] == question
    elif style == "ris":
        assert _read_ris(text)[0]["AB"] == [question]
    else:
        assert text.index(question) < text.index("Risk, Governance and the Challenge")
    assert _json(run, "cite", "4.2.3", "--style", style)["quote"] is None


def test_gcr_paragraphs_have_no_verbatim_text(catalog: Catalog) -> None:
    assert cite(catalog, "gcr-33", quote=True).quote is None  # the titles are descriptions


def test_curated_records_are_cited_as_migcycles(run: Run) -> None:
    citation = _json(run, "cite", "theme:finance", "--style", "bibtex")
    assert citation["document"] == "migcycle"
    bib = parse_string(citation["citation"] + "\n" + citation["document_citation"], "bibtex")
    assert [str(p) for p in bib.entries["migcycle"].persons["author"]] == ["{migcycle developers}"]
    plain = _ok(run, "cite", "information-centres")
    assert plain.startswith("migcycle developers (n.d.). migcycle curated data. Version ")
    assert "Bisong" not in plain


@pytest.mark.parametrize("style", STYLES)
def test_every_kind_cites_in_every_style(catalog: Catalog, style: Style) -> None:
    refs = [
        f"{kind}:{record_id(records[0])}" for kind, records in catalog.kinds().items() if records
    ]
    result = cite_all(catalog, refs, style, quote=True)
    assert [c.kind for c in result.citations] == [r.split(":")[0] for r in refs]
    for citation in result.citations:
        assert citation.citation and citation.document_citation
        assert citation.key.startswith(f"{citation.document_key}-")
    if style == "bibtex":
        entries = parse_string(result.text, "bibtex").entries
        assert len(entries) == len(refs) + len({c.document_key for c in result.citations})


def test_the_markdown_export_still_cites_every_record(run: Run) -> None:
    text = _ok(run, "export", "--format", "markdown", "--kind", "question")
    assert text.count("\n> Risk, Governance and the Challenge of Migration") == 25


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the source texts are not at {SEEDS}")
def test_pages_are_the_documents_own(catalog: Catalog) -> None:
    brief = (SEEDS / "001_ed7005c87b1e5b6c.txt").read_text("utf-8")
    report = (SEEDS / "000_182c85474abd0c5c.txt").read_text("utf-8")
    assert [p.printed in brief for p in catalog.cycle.document.pages] == [True]
    assert [p.printed in report for p in catalog.seminar.document.pages] == [True]
    for session in catalog.seminar.sessions:
        assert re.search(rf"^{session.id}\t.*\t{session.page}$", report, re.MULTILINE)
    assert "www.ecdpm.org" in brief and "doi" not in brief.lower()
