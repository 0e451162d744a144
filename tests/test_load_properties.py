"""Property tests: whatever the loader is fed, it returns a catalog or raises its own DataError."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migcycle import sources, yamlio
from migcycle.errors import DataError
from migcycle.load import load_catalog
from migcycle.models import Catalog

LINE = re.compile(r"^\S.*?:\d+(:\d+)?: \S")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=10), children, max_size=4),
    ),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("props") / "data"
    shutil.copytree(sources.bundled_data_dir(), target)
    return target


def _load_outcome(directory: Path) -> Catalog | DataError:
    try:
        return load_catalog(directory)
    except DataError as err:
        for line in err.problems:
            assert LINE.match(line), line
        return err


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200))
def test_arbitrary_bytes_parse_or_fail_cleanly(blob: bytes) -> None:
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError:
        return  # covered through files below
    try:
        yamlio.parse_yaml(text, "x.yaml")
    except DataError as err:
        assert all(line.startswith("x.yaml:") for line in err.problems)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_arbitrary_bytes_as_a_data_file(scratch: Path, blob: bytes) -> None:
    (scratch / "frameworks.yaml").write_bytes(blob)
    assert isinstance(_load_outcome(scratch), DataError)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_arbitrary_yaml_documents(scratch: Path, document: Any) -> None:
    (scratch / "frameworks.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    assert isinstance(_load_outcome(scratch), DataError)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += _paths(child, (*path, i))
    return found


SEMINAR = yaml.safe_load((sources.bundled_data_dir() / "seminar.yaml").read_text(encoding="utf-8"))
SEMINAR_PATHS = _paths(SEMINAR)[1:]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEMINAR_PATHS), documents)
def test_one_value_of_the_real_data_replaced(
    scratch: Path, path: tuple[Any, ...], value: Any
) -> None:
    import copy

    data = copy.deepcopy(SEMINAR)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    (scratch / "seminar.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    shutil.copy(sources.bundled_data_dir() / "frameworks.yaml", scratch / "frameworks.yaml")
    outcome = _load_outcome(scratch)
    if isinstance(outcome, DataError):
        assert all(line.startswith(str(scratch / "seminar.yaml")) for line in outcome.problems)
