"""Turn query results into rich renderables. The only module that imports rich.

Renderers are pure functions of a result. Every string that comes from data enters rich as a
:class:`rich.text.Text` built by :func:`txt`, never as markup, so ``[bold]`` or ``:smile:`` in a
record prints literally, and control characters are made visible (``\\x1b``) before they can reach
the terminal. Columns fold long words instead of cutting them, so nothing ends in an ellipsis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migcycle.curation import Link
    from migcycle.layers import Cell, CellProject, Covered, Gap, GapReport, LayerGrid, ShownCell
    from migcycle.models import (
        ActorType,
        CooperationElement,
        KeyPoint,
        Question,
        Reason,
        Sector,
        SectorItem,
        Session,
        Source,
        Stage,
    )
    from migcycle.query import (
        ActorView,
        CycleNode,
        FrameworkCount,
        FrameworkView,
        Matrix,
        Ref,
        Related,
        RolesView,
        SectorView,
        SessionView,
        StageView,
        ThemeCount,
    )
    from migcycle.search import Hit

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HEADING = "bold"
ID = "cyan"
DIM = "dim"
MISSING = "—"


def safe(value: str) -> str:
    """Make control characters visible instead of letting the terminal act on them."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def txt(value: object, style: str = "") -> Text:
    return Text(safe(str(value)), style=style, overflow="fold")


def console(*, width: int | None = None, file: IO[str] | None = None) -> Console:
    """A console that honours NO_COLOR / FORCE_COLOR / TERM=dumb and never colours a pipe."""
    return Console(
        width=width, file=file, highlight=False, emoji=False, markup=False, soft_wrap=False
    )


def show(renderable: RenderableType, *, soft_wrap: bool = False) -> None:
    """Print to stdout; ``soft_wrap`` leaves long lines to the terminal (text meant for copying)."""
    console().print(renderable, soft_wrap=soft_wrap)


# --- building blocks -----------------------------------------------------------------------------


def _table(*columns: str | tuple[str, int], title: str | None = None) -> Table:
    """A table whose columns fold rather than cut; ``(name, ratio)`` columns share the width."""
    ratios = any(isinstance(c, tuple) for c in columns)
    table = Table(
        title=txt(title, HEADING) if title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        expand=ratios,
        pad_edge=False,
    )
    for column in columns:
        name, ratio = column if isinstance(column, tuple) else (column, None)
        table.add_column(txt(name), overflow="fold", ratio=ratio)
    return table


def _fit(table: Table, index: int, values: Iterable[str]) -> Table:
    """Keep ids in column ``index`` on one line where the terminal allows it."""
    table.columns[index].min_width = max((len(v) for v in values), default=1)
    return table


def _heading(text: str, detail: str = "") -> Text:
    out = txt(text, HEADING)
    if detail:
        out.append_text(txt(f"  {detail}", DIM))
    return out


def _source(source: Source) -> Text:
    return txt(f"source: {source.document}, {source.locator}", DIM)


def _joined(values: Iterable[str]) -> Text:
    items = list(values)
    return txt("; ".join(items) if items else MISSING)


def _section(title: str, body: RenderableType | None) -> list[RenderableType]:
    return [Text(""), _heading(title), body] if body is not None else []


def _id_table(header: str, rows: Sequence[tuple[str, str]]) -> Table | None:
    """A two-column table of record ids and their text, or None when there is nothing to show."""
    if not rows:
        return None
    table = _table("id", (header, 1))
    for ident, text in rows:
        table.add_row(txt(ident, ID), txt(text))
    return table


def _questions(questions: Sequence[Question]) -> Table | None:
    return _id_table("question", [(q.id, q.text) for q in questions])


def _reason(link: Link) -> Text:
    """A link's provenance and reason: quoted words in quotation marks, a rationale as such."""
    if link.provenance == "document":
        return txt(link.why, DIM)
    if link.basis == "inferred":
        return txt(f"curated, inferred: {link.why}", DIM)
    whose = f" (the words of {link.kind} {link.id})" if link.quoted_from == "target" else ""
    return txt(f"curated: “{link.why}”{whose}", DIM)


def _linked_items(header: str, rows: Sequence[tuple[str, str]], links: Sequence[Link]) -> Table:
    """Seminar items with the reason each gives for its link (curated, on the item)."""
    why = {link.via.split(" ")[-1]: link for link in links}
    table = _table("id", (header, 3), ("why linked", 2))
    for ident, text in rows:
        table.add_row(txt(ident, ID), txt(text), _reason(why[ident]) if ident in why else txt(""))
    return table


def _related(related: Related) -> list[RenderableType]:
    out: list[RenderableType] = []
    items = [link for link in related.links if link.via.startswith(("key point", "question"))]
    if related.key_points:
        rows = [(k.id, k.headline) for k in related.key_points]
        table = _linked_items("key point", rows, [i for i in items if i.via.startswith("key")])
        out += _section(f"Seminar key points ({len(related.key_points)})", table)
    if related.questions:
        rows = [(q.id, q.text) for q in related.questions]
        table = _linked_items("question", rows, [i for i in items if i.via.startswith("quest")])
        out += _section(f"Seminar questions ({len(related.questions)})", table)
    if related.gcm:
        table = _table("id", ("objective", 2), ("linked by, and why", 3))
        for f in related.gcm:
            links = [link for link in related.links if link.kind == "gcm" and link.id == f.id]
            why = Group(*(Group(txt(link.via), _reason(link)) for link in links))
            table.add_row(txt(f.id, ID), txt(f"{f.short_label}: {f.title}"), why)
        out += _section("GCM objectives", table)
    return out


def _refs(refs: Sequence[Ref]) -> Text:
    return _joined(r.label for r in refs)


# --- the brief -----------------------------------------------------------------------------------


def stages_table(stages: Sequence[Stage]) -> RenderableType:
    table = _table("#", "stage", ("summary", 3), ("functions", 3), title="The migration cycle")
    _fit(table, 1, (s.id for s in stages))
    for s in stages:
        table.add_row(
            txt(s.number), txt(s.id, ID), txt(s.summary), _joined(f.label for f in s.functions)
        )
    return table


def stage_view(view: StageView) -> RenderableType:
    stage = view.stage
    names = {a.id: a.label for a in view.actors}
    table = _table(("function", 2), ("what the brief says", 5), ("actor types", 2))
    for f in stage.functions:
        table.add_row(
            Group(txt(f.label, ID), txt(f.function, DIM)),
            txt(f.description),
            _joined(names[a] for a in f.curated.actors),
        )
    parts: list[RenderableType] = [
        _heading(f"Stage {stage.number}: {stage.name}", f"({stage.id})"),
        txt(stage.summary),
        txt(f"after {view.previous.label}; next {view.next.label}", DIM),
        _source(stage.source),
        Text(""),
        table,
        *_related(view.related),
    ]
    return Group(*parts)


def cycle_tree(nodes: Sequence[CycleNode]) -> RenderableType:
    tree = Tree(_heading("The migration cycle"), guide_style=DIM)
    for node in nodes:
        branch = tree.add(_heading(node.stage.label))
        for function in node.functions:
            leaf = branch.add(txt(function.label, ID))
            for actor in node.actors[function.id]:
                leaf.add(txt(actor.label))
        branch.add(txt(f"→ next: {node.then.label}", DIM))
    return tree


def actors_table(actors: Sequence[ActorType]) -> RenderableType:
    table = _table("actor type", ("name", 3), ("source", 1), title="Actor types")
    _fit(table, 0, (a.id for a in actors))
    for a in actors:
        origin = "curated" if a.source.document == "migcycle" else "described by the brief"
        table.add_row(txt(a.id, ID), txt(a.name), txt(origin, DIM))
    return table


def actor_view(view: ActorView) -> RenderableType:
    actor = view.actor
    description = actor.description or actor.curated.description or ""
    stages = _table(("stage", 1), ("what it does there", 4))
    for entry in view.stages:
        if entry.functions:
            body = Group(*(_labelled(f.label, f.description) for f in entry.functions))
            stages.add_row(txt(entry.stage.label), body)
        else:
            stages.add_row(txt(entry.stage.label), txt(MISSING))
    parts: list[RenderableType] = [
        _heading(actor.name, f"({actor.id})"),
        txt(description),
    ]
    if actor.source.document == "migcycle":
        parts.append(txt("curated actor type (the description is migcycle's)", DIM))
    parts += [_source(actor.source), Text(""), stages]
    if view.roles:
        roles = _table("role", "text")
        for r in view.roles:
            roles.add_row(txt(r.number, ID), txt(r.text))
        parts += _section("Private-sector roles", roles)
    for sector in view.sectors:
        parts += _section(f"Sector panel: {sector.name}", _sector_lists(sector))
    for footnote in view.footnotes:
        cited = [link for link in view.related.links if link.via == f"footnote {footnote.number}"]
        lines: list[RenderableType] = [txt(footnote.text)]
        if cited:
            frameworks = ", ".join(f"{link.kind.upper()} {link.id.split('-')[1]}" for link in cited)
            lines.append(txt(f"{cited[0].why}: {frameworks}", DIM))
        parts += _section(f"Footnote {footnote.number}", Group(*lines))
    parts += _related(view.related)
    return Group(*parts)


def _labelled(label: str, text: str) -> Text:
    out = txt(label, ID)
    out.append_text(txt(": "))
    out.append_text(txt(text))
    return out


def roles_view(view: RolesView) -> RenderableType:
    private = _table("#", "role", title="Roles the private sector adopts")
    for r in view.private:
        private.add_row(txt(r.number, ID), txt(r.text))
    public = _table(
        "#",
        "role (Table 1 label)",
        "governments",
        "donors and donor agencies",
        title="Roles of public-sector actors (Table 1)",
    )
    for p in view.public:
        public.add_row(
            txt(p.number, ID),
            Group(txt(p.heading, HEADING), txt(f"Table 1: {p.table_label}", DIM)),
            _bullets(p.government_examples),
            _bullets(p.donor_examples),
        )
    return Group(private, Text(""), public)


def _bullets(items: Iterable[str]) -> RenderableType:
    return Group(*(txt(f"• {item}") for item in items))


def cooperation_view(elements: Sequence[CooperationElement]) -> RenderableType:
    table = _table("#", "element", "recommendation", title="Elements of successful cooperation")
    for e in elements:
        table.add_row(
            txt(e.number, ID),
            Group(txt(e.title, HEADING), txt(e.text)),
            txt(e.recommendation),
        )
    return table


def sectors_table(sectors: Sequence[Sector]) -> RenderableType:
    table = _table("sector", "name", "opportunities", "dilemmas", "entry points", title="Sectors")
    _fit(table, 0, (s.id for s in sectors))
    for s in sectors:
        table.add_row(
            txt(s.id, ID),
            txt(s.name),
            txt(len(s.opportunities)),
            txt(len(s.dilemmas)),
            txt(len(s.entry_points)),
        )
    return table


def _items(items: Sequence[SectorItem]) -> RenderableType:
    return Group(*(_labelled(i.id.split("/")[1], i.text) for i in items))


def _sector_lists(sector: Sector) -> RenderableType:
    table = _table("list", "items")
    table.add_row(txt("Opportunities"), _items(sector.opportunities))
    table.add_row(txt("Dilemmas"), _items(sector.dilemmas))
    table.add_row(txt(sector.entry_points_label), _items(sector.entry_points))
    return table


def sector_view(view: SectorView) -> RenderableType:
    sector = view.sector
    return Group(
        _heading(sector.name, f"({sector.id})"),
        txt(f"actor types: {'; '.join(a.label for a in view.actors) or MISSING}", DIM),
        _source(sector.source),
        Text(""),
        _sector_lists(sector),
        *_related(view.related),
    )


# --- the seminar ---------------------------------------------------------------------------------


def sessions_table(sessions: Sequence[Session]) -> RenderableType:
    table = _table("§", "type", "title", "points", "questions", title="Seminar sessions")
    for s in sessions:
        table.add_row(
            txt(s.id, ID),
            txt(s.type),
            txt(s.title),
            txt(len(s.key_points)),
            txt(len(s.questions)),
        )
    return table


def session_view(view: SessionView) -> RenderableType:
    session = view.session
    points = _table("id", "key point")
    for k in session.key_points:
        points.add_row(txt(k.id, ID), Group(txt(k.headline, HEADING), txt(k.body)))
    parts: list[RenderableType] = [
        _heading(f"§{session.id} {session.type}: {session.title}", f"(p. {session.page})"),
        Padding(txt(session.summary), (1, 0, 0, 0)),
        *_section("Key points", points),
        *_section("Emerging questions", _questions(session.questions)),
    ]
    links = _table("touches", "")
    for label, refs in (
        ("stages", view.stages),
        ("actor types", view.actors),
        ("sectors", view.sectors),
        ("GCM objectives", view.gcm),
    ):
        if refs:
            links.add_row(txt(label), _refs(refs))
    if links.row_count:
        parts += _section("Links to the brief (curated)", links)
        parts += _section("Why each item is linked (curated)", _session_reasons(session))
    return Group(*parts)


_BRIEF_LINKS = ("stages", "functions", "actors", "roles", "sectors", "gcm", "sdg")


def _reason_shown(record: KeyPoint | Question, given: Reason | None) -> str:
    from migcycle.curation import quoted_from

    if given is None:
        return ""
    if given.basis == "inferred":
        return f"inferred: {given.why}"
    suffix = " (the linked record's words)" if quoted_from(record, given) == "target" else ""
    return f"“{given.why}”{suffix}"


def _session_reasons(session: Session) -> Table:
    """One row per link of a key point or question to the brief or a framework, with its reason."""
    from migcycle.curation import reason

    table = _table("id", ("links to", 2), ("why", 3))
    records: list[KeyPoint | Question] = [*session.key_points, *session.questions]
    for record in records:
        for field in _BRIEF_LINKS:
            for target in getattr(record.curated, field):
                table.add_row(
                    txt(record.id, ID),
                    txt(f"{field} {target}"),
                    txt(_reason_shown(record, reason(record, field, target))),
                )
    return table


def questions_table(questions: Sequence[Question]) -> RenderableType:
    if not questions:
        return txt("no questions match", DIM)
    table = _table(
        "id", ("question", 4), ("themes", 1), title=f"Emerging questions ({len(questions)})"
    )
    for q in questions:
        table.add_row(txt(q.id, ID), txt(q.text), _joined(q.curated.themes))
    return table


def themes_table(rows: Sequence[ThemeCount]) -> RenderableType:
    table = _table("theme", ("name", 2), ("description", 4), "points", "questions", title="Themes")
    _fit(table, 0, (row.theme.id for row in rows))
    for row in rows:
        t = row.theme
        name = f"({t.number}) {t.name}" if t.number else t.name
        description = t.description or t.curated.description or ""
        if t.kind == "common":
            description += " (migcycle's summary of the report's common theme)"
        table.add_row(
            txt(t.id, ID), txt(name), txt(description), txt(row.key_points), txt(row.questions)
        )
    return table


def matrix_table(matrix: Matrix, function_names: dict[str, str]) -> RenderableType:
    table = _table(
        ("actor type", 2), *((s.label, 2) for s in matrix.stages), title="Who does what where"
    )
    for row in matrix.rows:
        cells = [
            txt("● " + ", ".join(function_names[f] for f in fns)) if fns else txt("·", DIM)
            for fns in row.cells.values()
        ]
        table.add_row(txt(row.actor.label), *cells)
    return table


# --- frameworks, search, citations ---------------------------------------------------------------


def frameworks_table(rows: Sequence[FrameworkCount], title: str, what: str) -> RenderableType:
    table = _table("id", (what, 4), "records", title=title)
    _fit(table, 0, (r.framework.id for r in rows))
    for row in rows:
        f = row.framework
        table.add_row(
            txt(f.id, ID),
            Group(txt(f.short_label, HEADING), txt(f.title)),
            txt(row.records) if row.records else txt(MISSING, DIM),
        )
    return table


def framework_view(view: FrameworkView) -> RenderableType:
    f = view.framework
    parts: list[RenderableType] = [
        _heading(f"{f.framework} {f.number}: {f.short_label}", f"({f.id})"),
        txt(f.title),
        txt(f"source: {f.locator}", DIM),
    ]
    if not view.records:
        parts += [Text(""), txt("Nothing in the data concerns this one.", DIM)]
    for kind, refs in view.records.items():
        table = _table("id", ("record", 3), ("how, and why", 2))
        for ref in refs:
            link = view.reasons.get(f"{ref.kind}:{ref.id}")
            how = _reason(link) if link else txt(_indirect(ref.via), DIM)
            table.add_row(txt(ref.id, ID), txt(ref.label), how)
        parts += _section(f"{kind} ({len(refs)})", table)
    return Group(*parts)


def _indirect(via: str | None) -> str:
    """An indirect link's route, saying whose link it rides on."""
    if via is None:
        return "linked"
    if via.startswith("footnote"):
        return f"via {via} (the brief's citation)"
    return f"via {via} (curated)"


def search_results(hits: Sequence[Hit], terms: Sequence[str]) -> RenderableType:
    from migcycle.search import highlights

    if not hits:
        return txt("no matches", DIM)
    table = _table("kind", "id", ("match", 5), "score", title=f"{len(hits)} matches")
    for hit in hits:
        snippet = txt(hit.snippet)
        for start, end in highlights(hit.snippet, terms):
            snippet.stylize("bold yellow", start, end)
        cell: list[RenderableType] = [snippet]
        if hit.field == "linked":
            cell.append(txt(f"{hit.label} (matched through a linked framework)", DIM))
        elif hit.label not in hit.snippet and hit.snippet not in hit.label:
            cell.append(txt(hit.label, DIM))
        table.add_row(txt(hit.kind), txt(hit.id, ID), Group(*cell), txt(f"{hit.score:.1f}"))
    return table


def citation(text: str) -> RenderableType:
    """Citations as they are pasted: never wrapped (the command prints with soft wrap)."""
    return txt(text)


# --- portfolio layers ----------------------------------------------------------------------------


def _colour(grid: LayerGrid, score: object) -> str | None:
    """The scale's declared colour for a score, else a red-to-green ramp over the scale: the
    same colour the report picture draws."""
    from migcycle.report_svg import fill_for

    return fill_for(grid, f"{score:g}" if isinstance(score, float) else str(score))


def _score_text(grid: LayerGrid, score: object) -> Text:
    from migcycle.layers import score_text

    colour = _colour(grid, score)
    shown = score_text(score, grid.combine == "diff")  # type: ignore[arg-type]
    return txt(f" {shown} ", f"bold black on {colour}" if colour else "bold")


GAP_MARK = "gap"
NOT_APPLICABLE_MARK = "—"


def _cell_text(grid: LayerGrid, cell: Cell) -> Text:
    if cell.state == "covered":
        return _score_text(grid, cell.score)
    if cell.state == "uncovered":
        return txt(GAP_MARK, "bold")
    return txt(NOT_APPLICABLE_MARK, DIM)


def layer_matrix(grid: LayerGrid, actors: dict[str, str], stages: dict[str, str]) -> RenderableType:
    how = f" ({grid.combine})" if grid.combine else ""
    table = _table(
        ("actor type", 2),
        *((stages[s], 1) for s in grid.stages),
        title=f"{' + '.join(grid.layers)}{how}",
    )
    for actor, row in grid.rows.items():
        table.add_row(txt(actors[actor]), *(_cell_text(grid, row[s]) for s in grid.stages))
    legend = txt("scale: ", DIM)
    from migcycle.report_svg import DIFF, scale_values

    if grid.combine == "diff":
        for word, colour in DIFF.items():
            legend.append_text(txt(f" {word} ", f"black on {colour}"))
            legend.append(" ")
    else:
        for value in scale_values(grid.scale):
            legend.append_text(_score_text(grid, value if grid.scale.labels else float(value)))
            legend.append(" ")
    note = txt(
        "a score: covered (the cell's own entry, else the highest score of the functions the "
        f"actor carries there); {GAP_MARK}: the brief places this actor at this stage and nothing "
        f"scores it; {NOT_APPLICABLE_MARK}: the brief does not place this actor at this stage",
        DIM,
    )
    return Group(table, legend, note)


def _project_lines(projects: Sequence[CellProject]) -> RenderableType:
    """One line per project: code, title, link, note."""
    if not projects:
        return txt(MISSING, DIM)
    lines: list[RenderableType] = []
    for p in projects:
        line = txt(p.code, ID)
        for part in (p.title, p.url, p.comment):
            if part:
                line.append_text(txt(f" · {part}"))
        lines.append(line)
    return Group(*lines)


def layer_cells(cells: Sequence[ShownCell], title: str) -> RenderableType:
    """``layer show``: each cell, its score and comment, then one line per project."""
    if not cells:
        return txt(f"{title}: the layer has no entries", DIM)
    parts: list[RenderableType] = [_heading(title, f"({len(cells)} cells)")]
    for c in cells:
        score = "not scored" if c.score is None else f"score {c.score}"
        parts += [Text(""), _heading(c.label, f"{c.id} · {score}")]
        if c.comment:
            parts.append(txt(c.comment))
        if c.projects:
            parts.append(Padding(_project_lines(c.projects), (0, 0, 0, 2), expand=False))
    return Group(*parts)


def gaps_table(report: GapReport) -> RenderableType:
    """The summary per stage, then each uncovered cell once, then what the brief never reaches."""
    t = report.totals
    heading = (
        f"{report.layer}: {t['functions'].covered} of {t['functions'].total} stage functions "
        f"covered, {t['sectors'].covered} of {t['sectors'].total} sectors, "
        f"{t['gcm'].covered} of {t['gcm'].total} GCM objectives the documents address"
    )
    summary = _table(
        ("stage", 2), "functions covered", ("covered by", 4), ("actor types not engaged", 4)
    )
    for s in report.summary:
        summary.add_row(
            txt(s.label),
            txt(f"{s.covered} of {s.total}"),
            _covered_lines(s.functions),
            _joined(a.label for a in s.actors_not_engaged),
        )
    parts: list[RenderableType] = [_heading(heading), Text(""), summary]
    parts += _gap_sections(report)
    if report.not_addressed:
        rows = _table("id", ("objective", 1))
        for gap in report.not_addressed:
            rows.add_row(txt(gap.id, ID), txt(gap.label))
        count = len(report.not_addressed)
        title = f"Not addressed by the brief ({count}): neither document concerns these"
        parts += _section(title, rows)
    return Group(*parts)


def _covered_lines(functions: Sequence[Covered]) -> RenderableType:
    if not functions:
        return txt(MISSING, DIM)
    lines = []
    for f in functions:
        codes = ", ".join(dict.fromkeys(p.code for p in f.projects))
        lines.append(txt(f"{f.label} ({f.score}{': ' + codes if codes else ''})"))
    return Group(*lines)


def _gap_sections(report: GapReport) -> list[RenderableType]:
    if not report.gaps:
        return [Text(""), txt("Nothing the documents address is left uncovered.", DIM)]
    groups: dict[str, list[Gap]] = {}
    stage_titles = {s.stage: s.label for s in report.summary}
    for gap in report.gaps:
        title = (
            stage_titles[gap.stage]
            if gap.stage
            else {"sector": "Sectors", "gcm": "GCM objectives"}[gap.kind]
        )
        groups.setdefault(title, []).append(gap)
    parts: list[RenderableType] = [Text(""), _heading(f"Uncovered ({len(report.gaps)})")]
    for title, members in groups.items():
        staged = members[0].stage is not None
        extra = [("actor types left out", 2)] if staged else []
        table = _table("id", ("what", 2), *extra)
        _fit(table, 0, (g.id for g in members))
        for gap in members:
            label = gap.label.split(": ", 1)[1] if staged else gap.label
            actors = [_joined(a.label for a in gap.actors)] if staged else []
            table.add_row(txt(gap.id, ID), txt(label), *actors)
        parts += _section(title, table)
    return parts


def record_svg(renderable: RenderableType, title: str, width: int = 160) -> str:
    """rich's own SVG export of a view, as the terminal would show it."""
    import io

    recorder = Console(
        record=True, width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor",
        highlight=False, emoji=False, markup=False,
    )  # fmt: skip
    recorder.print(renderable)
    return recorder.export_svg(title=title)


def counts_table(counts: dict[str, int], title: str) -> RenderableType:
    table = _table("kind", "count", title=title)
    for kind, n in counts.items():
        table.add_row(txt(kind.replace("_", " ")), txt(n))
    return table
