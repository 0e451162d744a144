"""YAML out: the stdout stream is one YAML document per data file, the files point at schemas by
relative paths, and the JSON Schemas refuse what the loader refuses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml

from migcycle.errors import DataError
from migcycle.layers import load_layer
from migcycle.load import load_catalog
from migcycle.models import Catalog, json_schemas
from migcycle.sources import bundled_data_dir
from migcycle.yamlio import parse_yaml

from .conftest import Run

ROOT = Path(__file__).resolve().parents[1]
NAMES = ["cycle.yaml", "seminar.yaml", "frameworks.yaml"]


def _schema_of(path: Path) -> Path:
    """The schema a YAML file's `# yaml-language-server: $schema=` line names, resolved as an
    editor resolves it: relative to the file."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix), first
    reference = first.removeprefix(prefix)
    assert not Path(reference).is_absolute() and "site-packages" not in reference
    return (path.parent / reference).resolve()


def _check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema, the real client, as a user runs it."""
    pytest.importorskip("check_jsonschema")
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema)]
    return subprocess.run([*command, *map(str, files)], check=False, capture_output=True, text=True)


# --- the stream on stdout ------------------------------------------------------------------------


def test_the_stream_is_one_yaml_document_per_file(run: Run, tmp_path: Path) -> None:
    stream = run("export", "--format", "yaml").stdout
    target = tmp_path / "copy"
    assert run("export", "--format", "yaml", "--output", str(target)).exit_code == 0
    documents = list(yaml.safe_load_all(stream))
    assert len(documents) == 3
    for document, name in zip(documents, NAMES, strict=True):
        text = (target / name).read_text(encoding="utf-8")
        assert document == yaml.safe_load(text)  # nothing lost to a duplicate key
        assert f"---\n# {name}\n{text}" in stream  # each document is the file, under its name
    assert {"document", "notes"} <= set(documents[0]) & set(documents[1])


def test_yamllint_finds_no_duplicate_keys_in_the_stream(run: Run) -> None:
    linter = pytest.importorskip("yamllint.linter")
    config = pytest.importorskip("yamllint.config")
    rules = config.YamlLintConfig("rules: {key-duplicates: enable, document-start: enable}")
    stream = run("export", "--format", "yaml").stdout
    assert [str(p) for p in linter.run(stream, rules)] == []


# --- files on disk and their $schema lines -------------------------------------------------------


def test_exported_files_load_back_and_name_schemas_beside_them(
    run: Run, tmp_path: Path, catalog: Catalog
) -> None:
    target = tmp_path / "shared"
    assert run("export", "--format", "yaml", "--output", str(target)).exit_code == 0
    assert sorted(p.name for p in target.iterdir()) == sorted(
        [*NAMES, "cycle.schema.json", "seminar.schema.json", "frameworks.schema.json"]
    )
    moved = tmp_path / "elsewhere"
    target.rename(moved)  # shared: another place, another machine
    for name in NAMES:
        schema = _schema_of(moved / name)
        assert schema.parent == moved and schema.is_file()
        assert _check_jsonschema(schema, moved / name).returncode == 0
    assert load_catalog(moved) == catalog
    assert run("validate", str(moved)).exit_code == 0
    assert run("--data", str(moved), "stage", "arrival", "--json").exit_code == 0


def test_the_layer_template_names_its_schema_by_a_relative_path(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "portfolio.yaml"
    assert run("layer", "new", "--output", str(target)).exit_code == 0
    assert _schema_of(target) == tmp_path / "layer.schema.json"
    assert run("schema", "--output", str(tmp_path)).exit_code == 0  # as the README says
    assert _check_jsonschema(tmp_path / "layer.schema.json", target).returncode == 0


def test_check_jsonschema_accepts_the_data_files_and_the_example_layers() -> None:
    schemas = ROOT / "schema"
    for name in NAMES:
        path = bundled_data_dir() / name
        assert _schema_of(path) == (schemas / name.replace(".yaml", ".schema.json")).resolve()
        result = _check_jsonschema(_schema_of(path), path)
        assert result.returncode == 0, result.stdout
    layers = sorted((ROOT / "examples" / "layers").glob("*.yaml"))
    result = _check_jsonschema(schemas / "layer.schema.json", *layers)
    assert result.returncode == 0, result.stdout


# --- the schemas refuse what the loader refuses --------------------------------------------------

LAYER = """\
name: Test layer
date: "2026-11-23"
scale: {min: 0, max: 3}
entries:
  - {stage: arrival, function: finance, score: 2}
"""
LABELS = LAYER.replace("{min: 0, max: 3}", '{labels: ["no", "yes"]}').replace("2}", '"yes"}')

LAYER_CASES = [
    ("as written", LAYER, True),
    ("an unquoted date", LAYER.replace('"2026-11-23"', "2026-11-23"), False),
    ("a score of yes", LAYER.replace("score: 2", "score: yes"), False),
    ("a quoted yes on a labels scale", LABELS, True),
    ("an unquoted yes on a labels scale", LABELS.replace('"yes"}', "yes}"), False),
    ("unquoted labels no and yes", LABELS.replace('["no", "yes"]', "[no, yes]"), False),
    ("a stage by number", LAYER.replace("stage: arrival", "stage: 3"), True),
    ("a project code as a number", LAYER.replace("2}", "2, projects: [{code: 2026}]}"), False),
    ("an unknown field", LAYER.replace("score: 2", "scroe: 2"), False),
    ("two cells", LAYER.replace("2}", "2, sector: financial-services}"), False),
    ("no cell", LAYER.replace("stage: arrival, function: finance, ", ""), False),
    ("a stage alone", LAYER.replace("function: finance, ", ""), False),
    ("a scale with numbers and labels", LAYER.replace("max: 3", "max: 3, labels: [a]"), False),
    ("an empty scale", LAYER.replace("{min: 0, max: 3}", "{}"), False),
    ("a scale with min only", LAYER.replace(", max: 3", ""), False),
]


def _schema_accepts(text: str, part: str) -> bool:
    """The schema's verdict on the values the loader reads from the text (YAML 1.1's types)."""
    value, _ = parse_yaml(text, "case.yaml")
    validator = jsonschema.Draft202012Validator(json_schemas()[part])
    return not list(validator.iter_errors(value))


def _loader_accepts(load: Any) -> bool:
    try:
        load()
    except DataError:
        return False
    return True


@pytest.mark.parametrize(("case", "text", "valid"), LAYER_CASES, ids=[c[0] for c in LAYER_CASES])
def test_layer_schema_and_loader_agree(
    case: str, text: str, valid: bool, tmp_path: Path, catalog: Catalog
) -> None:
    path = tmp_path / "layer.yaml"
    path.write_text(text, encoding="utf-8")
    assert _loader_accepts(lambda: load_layer(path, catalog)) is valid
    assert _schema_accepts(text, "layer") is valid


DATA_CASES = [
    ("as written", "", "", True),
    ("an unquoted date", 'start_date: "2017-06-08"', "start_date: 2017-06-08", False),
    ("a date-like text, quoted", 'start_date: "2017-06-08"', 'start_date: "2017-06-09"', True),
    ("a name of no", "name: Changing the narrative", "name: no", False),
    ("a year as text", "delegates: 150", 'delegates: "150"', False),
]


@pytest.mark.parametrize(
    ("case", "old", "new", "valid"), DATA_CASES, ids=[c[0] for c in DATA_CASES]
)
def test_data_schema_and_loader_agree(
    case: str, old: str, new: str, valid: bool, data_copy: Path
) -> None:
    path = data_copy / "seminar.yaml"
    text = path.read_text(encoding="utf-8").replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    assert _loader_accepts(lambda: load_catalog(data_copy, use_cache=False)) is valid
    assert _schema_accepts(text, "seminar") is valid
