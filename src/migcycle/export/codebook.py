"""Stages, actor types and themes as a QDA codebook: REFI-QDA XML (.qdc) or CSV."""

from __future__ import annotations

import uuid
from xml.etree import ElementTree as ET

from migcycle import __version__
from migcycle.export.tables import to_csv
from migcycle.models import Catalog

QDA_NAMESPACE = "urn:QDA-XML:codebook:1.0"
_GUID_NAMESPACE = uuid.UUID("6f1d8a52-3c1b-5a9e-9d43-6b0e2c6a7f10")
_COLOURS = {"stages": "#1f77b4", "actors": "#2ca02c", "themes": "#d62728"}


def guid(kind: str, ident: str) -> str:
    """A GUID derived from the record's kind and id: the same on every export."""
    return str(uuid.uuid5(_GUID_NAMESPACE, f"migcycle/{kind}/{ident}"))


Code = dict[str, str]


def _code(group: str, kind: str, ident: str, name: str, description: str, parent: str = "") -> Code:
    return {"guid": guid(kind, ident), "parent": parent, "group": group, "kind": kind,
            "id": ident, "name": name, "description": description}  # fmt: skip


def codebook_entries(catalog: Catalog) -> list[Code]:
    """The codes, parents before children: groups, stages (with their functions), actors, themes."""
    return [*_stage_codes(catalog), *_actor_codes(catalog), *_theme_codes(catalog)]


def _stage_codes(catalog: Catalog) -> list[Code]:
    about = "The five stages of the migration cycle (ECDPM 2020)."
    codes = [_code("stages", "group", "stages", "Migration cycle stages", about)]
    for stage in catalog.cycle.stages:
        name = f"{stage.number} {stage.name}"
        codes.append(
            _code("stages", "stage", stage.id, name, stage.summary, guid("group", "stages"))
        )
        codes += [
            _code("stages", "stage-function", f.id, f"{stage.name}: {f.label}", f.description,
                  guid("stage", stage.id))
            for f in stage.functions
        ]  # fmt: skip
    return codes


def _actor_codes(catalog: Catalog) -> list[Code]:
    about = "Actor types the brief describes or names."
    codes = [_code("actors", "group", "actors", "Private-sector actor types", about)]
    for actor in catalog.cycle.actor_types:
        text = actor.description or actor.curated.description or ""
        codes.append(_code("actors", "actor", actor.id, actor.name, text, guid("group", "actors")))
    return codes


def _theme_codes(catalog: Catalog) -> list[Code]:
    about = "The seminar's common themes and migcycle's topical themes."
    codes = [_code("themes", "group", "themes", "Themes", about)]
    parent = guid("group", "themes")
    codes += [
        _code("themes", "theme", t.id, t.name, t.description or t.curated.description or "", parent)
        for t in catalog.seminar.themes
    ]
    return codes


def codebook_qdc(catalog: Catalog) -> str:
    """The codebook as REFI-QDA Codebook XML (.qdc), which NVivo, ATLAS.ti, MAXQDA and
    QualCoder import."""
    ET.register_namespace("", QDA_NAMESPACE)
    root = ET.Element(f"{{{QDA_NAMESPACE}}}CodeBook", {"origin": f"migcycle {__version__}"})
    codes = ET.SubElement(root, f"{{{QDA_NAMESPACE}}}Codes")
    elements: dict[str, ET.Element] = {}
    for entry in codebook_entries(catalog):
        parent = elements.get(entry["parent"], codes)
        code = ET.SubElement(
            parent,
            f"{{{QDA_NAMESPACE}}}Code",
            {
                "guid": entry["guid"],
                "name": entry["name"],
                "isCodable": "false" if entry["kind"] == "group" else "true",
                "color": _COLOURS[entry["group"]],
            },
        )
        if entry["description"]:
            ET.SubElement(code, f"{{{QDA_NAMESPACE}}}Description").text = entry["description"]
        elements[entry["guid"]] = code
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def codebook_csv(catalog: Catalog) -> str:
    return to_csv(codebook_entries(catalog))
