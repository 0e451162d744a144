"""What keeps start-up cheap, checked without timing anything: what a command imports, how
often it loads the data, and a cache that can never serve stale data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migcycle import cache, load, sources
from migcycle.models import Catalog

from .conftest import Run, edit, modules_after, python_json


@pytest.mark.parametrize(
    "args",
    [
        ["stage", "arrival", "--json"],
        ["search", "finance", "--json"],
        ["questions", "--theme", "finance", "--json"],
        ["cite", "4.2.3", "--json"],
    ],
)
def test_the_json_path_never_imports_rich(args: list[str]) -> None:
    modules = modules_after(args)
    assert "migcycle.serialise" in modules
    assert not any(m == "rich" or m.startswith("rich.") for m in modules)


ROOT = Path(__file__).resolve().parents[1]

JSON_PATH_MODULES = {
    "migcycle", "migcycle.cli", "migcycle.commands", "migcycle.commands.common",
    "migcycle.commands.choices", "migcycle.commands.brief", "migcycle.commands.connect",
    "migcycle.errors", "migcycle.output", "migcycle.serialise", "migcycle.load", "migcycle.cache",
    "migcycle.sources", "migcycle.safe_io", "migcycle.models", "migcycle.kinds",
    "migcycle.curation", "migcycle.query", "migcycle.search", "migcycle.links",
    "migcycle.listing", "migcycle.usage", "migcycle.bulk",
    "hashlib", "_hashlib", "_blake2", "gc", "unicodedata",
}  # fmt: skip
"""Every module a query answered as JSON from a warm cache may import beyond what a bare typer
app printing JSON imports (benchmarks/typer_json.py, the benchmark's T_json): migcycle's own
modules on that path (``usage``: the plain help and usage errors of every command; ``listing``:
the ``--format`` choices; ``links``: whose a link is and why; ``bulk``: the collector paused
while the catalog is rebuilt), hashlib for the cache keys, gc, unicodedata for search."""


def _bare_typer_json_modules() -> set[str]:
    code = (
        "import contextlib, io, json, runpy, sys\n"
        "sys.argv = ['typer_json', 'show', 'arrival', '--json']\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        runpy.run_path({str(ROOT / 'benchmarks' / 'typer_json.py')!r}, run_name='__main__')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    return set(python_json(code))


@pytest.mark.parametrize("args", [["stage", "arrival", "--json"], ["search", "finance", "--json"]])
def test_the_json_path_imports_only_what_it_needs_beyond_a_bare_typer_app(args: list[str]) -> None:
    """A heavy import that creeps back onto the --json path (rich, yaml, the cite module, an
    export format, sqlite3, csv, ...) fails here, whatever it costs on the machine at hand."""
    modules_after(["stages", "--json"])  # fills the cache
    extra = modules_after(args) - _bare_typer_json_modules()
    assert extra <= JSON_PATH_MODULES, sorted(extra - JSON_PATH_MODULES)


@pytest.mark.parametrize(("args", "in_command"), [(["stages", "--json"], [True]), (["--help"], [])])
def test_the_collector_is_paused_for_start_up_only(args: list[str], in_command: list[bool]) -> None:
    """main() pauses the cyclic collector while the command is imported and built; the command's
    own code runs with it on and what start-up built frozen; after help it is on again too."""
    code = (
        "import contextlib, gc, io, json\n"
        "from migcycle.cli import main\n"
        "from migcycle.commands.common import State\n"
        "seen, original = [], State.catalog\n"
        "State.catalog = lambda self: seen.append(gc.isenabled()) or original(self)\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({args!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(json.dumps([seen, gc.isenabled(), gc.get_freeze_count() > 0]))\n"
    )
    assert python_json(code) == [in_command, True, True]


def test_a_warm_cache_skips_yaml_entirely() -> None:
    modules_after(["stages", "--json"])  # fills the cache
    assert "yaml" not in modules_after(["stage", "arrival", "--json"])


def test_the_terminal_path_does_import_rich() -> None:
    assert "rich.table" in modules_after(["stage", "arrival"])


class _Counter:
    def __init__(self) -> None:
        self.reads = 0
        self.validations = 0


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> _Counter:
    counter = _Counter()
    read_raw, validate = sources.read_raw, Catalog.model_validate

    def counting_read(*args: object, **kwargs: object) -> object:
        counter.reads += 1
        return read_raw(*args, **kwargs)  # type: ignore[arg-type]

    def counting_validate(*args: object, **kwargs: object) -> object:
        counter.validations += 1
        return validate(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(load, "read_raw", counting_read)
    monkeypatch.setattr(Catalog, "model_validate", counting_validate)
    return counter


@pytest.mark.parametrize(
    "args",
    [["stage", "arrival"], ["actor", "finance", "--json"], ["search", "fintech"], ["gcm", "20"]],
)
def test_a_command_loads_the_data_once(run: Run, counted: _Counter, args: list[str]) -> None:
    result = run(*args, env={"MIGCYCLE_NO_CACHE": "1"})
    assert result.exit_code == 0
    assert (counted.reads, counted.validations) == (1, 1)


def test_a_warm_cache_neither_parses_nor_validates(
    run: Run, counted: _Counter, tmp_path: Path
) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    run("stages", env=env)
    assert (counted.reads, counted.validations) == (1, 1)
    run("stage", "arrival", "--json", env=env)
    assert (counted.reads, counted.validations) == (1, 1)
    assert len(list((tmp_path / "migcycle").glob("catalog-*.json"))) == 1


def test_editing_a_data_file_is_never_masked_by_the_cache(
    run: Run, data_copy: Path, tmp_path: Path
) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = ("--data", str(data_copy), "stage", "arrival", "--json")
    before = json.loads(run(*args, env=env).stdout)["stage"]["summary"]
    edit(
        data_copy / "cycle.yaml",
        "summary: When the migrant arrives",
        "summary: Once the migrant arrives",
    )
    after = json.loads(run(*args, env=env).stdout)["stage"]["summary"]
    assert (before, after) == (
        "When the migrant arrives in the country of destination.",
        "Once the migrant arrives in the country of destination.",
    )
    edit(data_copy / "cycle.yaml", "summary: Once the migrant arrives", "summary: [unclosed")
    broken = run(*args, env=env)
    assert broken.exit_code == 1  # invalid data is reported, never served from the cache


def test_a_corrupt_cache_entry_is_ignored_and_replaced(run: Run, tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    run("stages", env=env)
    (entry,) = (tmp_path / "migcycle").glob("catalog-*.json")
    entry.write_bytes(b"\x80\x05not a pickle")
    result = run("stage", "arrival", "--json", env=env)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["stage"]["id"] == "arrival"
    assert entry.read_bytes() != b"\x80\x05not a pickle"


def test_the_cache_can_be_turned_off(run: Run, tmp_path: Path) -> None:
    run("stages", env={"XDG_CACHE_HOME": str(tmp_path), "MIGCYCLE_NO_CACHE": "1"})
    assert not (tmp_path / "migcycle").exists()


def test_an_unwritable_cache_is_no_error(run: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = run("stages", "--json", env={"XDG_CACHE_HOME": str(blocker)})
    assert result.exit_code == 0
    assert cache.directory() is not None


def test_a_cached_catalog_equals_a_fresh_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = load.load_catalog(use_cache=False)
    load.load_catalog()
    assert load.load_catalog() == fresh
