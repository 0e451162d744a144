"""Markdown out: rendered by markdown-it-py as a viewer would, data text shows as written - no
HTML, link, emphasis, heading or list comes from the data."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from migcycle.export.markdown import code, escape

from .conftest import Run

TITLE = "A <b>bold</b> *claim* & &copy; [link](javascript:alert(1))"
SESSION = "<script>alert(1)</script> session"
SUMMARY = "*stars* and _under_ and `code` and <tag> and &amp; and | pipes | and ~~strike~~ and $x$"
HEADLINE = "# not a heading <img src=x onerror=alert(1)> ##"
BODY = (
    "first line\n- not a list\n1. not ordered\n> not a quote\n\n    not code\n---\n"
    "[ref]: https://example.invalid\n<div>block</div>\n=====\nlast \\ line"
)
QUESTION = "[x](javascript:alert(1)) and <https://example.invalid> and ![img](x.png)?"
HOSTILE = [TITLE, SESSION, SUMMARY, HEADLINE, BODY, QUESTION]
BODY_YAML = BODY.replace("\\", "\\\\").replace("\n", "\\n")  # a double-quoted YAML scalar

EXTENSION = f"""\
documents:
  - id: hostile-doc
    title: {TITLE!r}
    authors: ["Tester, Test"]
    year: 2026
sessions:
  - id: "11"
    number: 11
    type: Case study
    title: {SESSION!r}
    page: 1
    summary: {SUMMARY!r}
    source: {{document: hostile-doc, locator: "p. 1"}}
    key_points:
      - id: 11.1.1
        headline: {HEADLINE!r}
        body: "{BODY_YAML}"
        source: {{document: hostile-doc, locator: "p. 1"}}
        curated: {{themes: [finance], why: {{themes: {{finance: {{why: "a test record", basis: inferred}}}}}}}}
    questions:
      - id: 11.2.1
        text: {QUESTION!r}
        source: {{document: hostile-doc, locator: "p. 2"}}
        curated: {{themes: [finance], why: {{themes: {{finance: {{why: "a test record", basis: inferred}}}}}}}}
"""

REPORT_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "strong", "em", "code", "blockquote"}


class _Page(HTMLParser):
    """The tags of an HTML page and its text, as a browser would show it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.parts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        return _words("".join(self.parts))


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _render(markdown: str) -> str:
    """CommonMark, plus the GitHub-style tables and strikethrough a viewer may add."""
    html: str = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)
    return html


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "hostile.yaml").write_text(EXTENSION, encoding="utf-8")
    return target


def test_data_text_renders_as_written(run: Run, hostile: Path) -> None:
    result = run("--data", str(hostile), "export", "--format", "markdown", "--kind", "session")
    assert result.exit_code == 0, result.stderr
    more = run(
        "--data", str(hostile), "export", "-f", "markdown", "-k", "key-point", "-k", "question"
    )
    html = _render(result.stdout + more.stdout)
    page = _Page(html)
    for text in HOSTILE:
        assert _words(text) in page.text, text
    assert page.tags <= REPORT_TAGS, page.tags - REPORT_TAGS
    for raw in ("<script", "<img", "<b>", "<tag>", "<div>", "<a ", "<em>stars", "<del>"):
        assert raw not in html


def test_the_whole_report_renders_its_own_structure_only(run: Run) -> None:
    text = run("export", "--format", "markdown").stdout
    page = _Page(_render(text))
    assert page.tags <= REPORT_TAGS
    assert "Return & reintegration" in page.text  # an & that starts no entity stays as it is
    assert "Return & reintegration" in text


@pytest.mark.parametrize("value", HOSTILE)
def test_escaped_text_survives_in_a_list_item(value: str) -> None:
    page = _Page(_render(f"- **field**: {escape(value, 2)}\n- next\n"))
    assert _words(value) in page.text
    assert page.tags <= {"ul", "li", "p", "strong"}


@pytest.mark.parametrize(
    "value", ["10.7", "gcm-20", "entry_points_label", "Return & reintegration", "-2+3", "e.g. 1"]
)
def test_text_that_marks_nothing_up_is_left_readable(value: str) -> None:
    assert escape(value) == value


@pytest.mark.parametrize("ident", ["plain", "a`b", "`edge`", "``double``", "<script>", " spaced "])
def test_a_code_span_shows_any_id(ident: str) -> None:
    html = _render(code(ident))
    assert re.fullmatch(r"<p><code>.*</code></p>\n", html), html
    assert _Page(html).parts[0] == ident
