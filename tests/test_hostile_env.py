"""A hostile environment: a planted cache entry, a FIFO or a device where a file should be, a
full disk, a symlink where an output goes, bad scalars in the data. Nothing runs, nothing blocks,
nothing is left half-written, and every failure is one line naming the user's path."""

from __future__ import annotations

import errno
import json
import os
import pickle
import resource
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from migcycle import cache, load, safe_io, sources
from migcycle.cli import EXIT_DATA
from migcycle.export.yamlfmt import data_file_texts

from .conftest import Run, edit

SRC = Path(__file__).resolve().parents[1] / "src"
EXAMPLE_LAYER = Path(__file__).resolve().parents[1] / "examples" / "layers"


class Planted:
    """A pickle that, if anything ever unpickles it, creates the sentinel file."""

    def __init__(self, sentinel: Path) -> None:
        self.sentinel = sentinel

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.sentinel), "w"))


def _arrival(run: Run, env: dict[str, str]) -> None:
    result = run("stage", "arrival", "--json", env=env)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["stage"]["name"] == "Arrival"


def _entries(where: Path) -> list[Path]:
    return sorted(where.glob("catalog-*.json"))


def _leftovers(where: Path) -> list[str]:
    return sorted(p.name for p in where.iterdir() if p.name.endswith(".part"))


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    home.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("MIGCYCLE_NO_CACHE", raising=False)
    return home


def _data_key() -> str:
    return load.fingerprint(sources.read_files())


# --- the cache never runs code ------------------------------------------------------------------


def _plant(where: Path, names: list[str], sentinel: Path) -> bytes:
    payload = pickle.dumps((_data_key(), Planted(sentinel)))
    for name in names:
        (where / name).write_bytes(payload)
    return payload


def test_a_pickle_planted_in_a_world_writable_cache_never_runs(
    run: Run, cache_home: Path, tmp_path: Path
) -> None:
    env = {"XDG_CACHE_HOME": str(cache_home)}
    _arrival(run, env)
    where = cache_home / "migcycle"
    (entry,) = _entries(where)
    sentinel = tmp_path / "pwned"
    names = [entry.name, f"catalog-{_data_key()[:32]}.pickle"]  # this format's name, the old one
    where.chmod(0o777)
    payload = _plant(where, names, sentinel)
    _arrival(run, env)
    assert not sentinel.exists()
    assert all((where / name).read_bytes() == payload for name in names)  # skipped, not used


def test_entries_planted_under_the_exact_name_never_run_and_are_rebuilt(
    run: Run, cache_home: Path, tmp_path: Path
) -> None:
    env = {"XDG_CACHE_HOME": str(cache_home)}
    _arrival(run, env)
    (entry,) = _entries(cache_home / "migcycle")
    sentinel = tmp_path / "pwned"
    header = entry.read_bytes().partition(b"\n")[0] + b"\n"
    code = f"__import__('os').mknod({str(sentinel)!r})"
    json_looking = {"cycle": {"__reduce__": code, "document": code}, "seminar": code}
    for planted in (
        pickle.dumps(Planted(sentinel)),
        header + pickle.dumps(Planted(sentinel)),
        header + json.dumps(json_looking).encode(),
        header + b'{"cycle": ' + code.encode() + b"}",
    ):
        entry.write_bytes(planted)
        _arrival(run, env)
        assert not sentinel.exists()
        assert entry.read_bytes().startswith(header)
        assert json.loads(entry.read_bytes()[len(header) :])["cycle"]["stages"]  # rebuilt


def test_the_cache_directory_is_private_and_a_shared_one_is_skipped(
    run: Run, cache_home: Path
) -> None:
    env = {"XDG_CACHE_HOME": str(cache_home)}
    _arrival(run, env)
    where = cache_home / "migcycle"
    assert stat.S_IMODE(where.stat().st_mode) == 0o700
    (entry,) = _entries(where)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    for mode in (0o770, 0o707):  # group- or world-writable: not used, not written
        entry.unlink(missing_ok=True)
        where.chmod(mode)
        _arrival(run, env)
        assert list(where.iterdir()) == []


def test_a_directory_or_entry_owned_by_someone_else_is_ignored(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = load.load_catalog()
    key = _data_key()
    assert cache.get(key) == fresh
    me = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: me + 1)  # now every file here is someone else's
    assert cache.get(key) is None
    monkeypatch.setattr(os, "geteuid", lambda: me)
    assert cache.get(key) == fresh


def test_an_entry_that_is_a_symlink_or_a_fifo_is_never_followed(
    run: Run, cache_home: Path, tmp_path: Path
) -> None:
    env = {"XDG_CACHE_HOME": str(cache_home)}
    _arrival(run, env)
    (entry,) = _entries(cache_home / "migcycle")
    elsewhere = tmp_path / "elsewhere.json"
    shutil.copy(entry, elsewhere)
    entry.unlink()
    entry.symlink_to(elsewhere)
    assert cache.get(_data_key()) is None
    _arrival(run, env)
    assert entry.is_file() and not entry.is_symlink()
    entry.unlink()
    os.mkfifo(entry)  # opened O_NONBLOCK and refused: a FIFO never blocks the command
    assert cache.get(_data_key()) is None


def test_a_damaged_entry_is_ignored_and_rebuilt(cache_home: Path) -> None:
    fresh = load.load_catalog()
    (entry,) = _entries(cache_home / "migcycle")
    good = entry.read_bytes()
    header, _, body = good.partition(b"\n")
    other_key = header[:-8] + b"00000000\n"
    missing_field = json.dumps({"cycle": {}, "seminar": {}, "frameworks": {}}).encode()
    unknown_field = json.loads(body)
    unknown_field["cycle"]["stages"][0]["extra"] = 1
    for damaged in (
        good[: len(good) // 2],
        other_key + body,
        header + b"\n" + missing_field,
        header + b"\n" + json.dumps(unknown_field).encode(),
    ):
        entry.write_bytes(damaged)
        assert cache.get(_data_key()) is None
        assert not entry.exists()
        assert load.load_catalog() == fresh
        assert entry.read_bytes() == good


def test_a_cached_catalog_is_the_catalog_and_exports_the_same(cache_home: Path) -> None:
    fresh = load.load_catalog(use_cache=False)
    load.load_catalog()
    cached = cache.get(_data_key())
    assert cached is not None and cached is not fresh
    assert cached == fresh
    assert data_file_texts(cached) == data_file_texts(fresh)  # same keys, same order


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def no_space(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", no_space)
    yield


def test_a_full_disk_leaves_no_temporary_in_the_cache(cache_home: Path, full_disk: None) -> None:
    catalog = load.load_catalog()
    assert catalog.cycle.stages
    where = cache_home / "migcycle"
    assert _leftovers(where) == [] and _entries(where) == []


def _small_file_size_limit() -> None:
    """A real write failure at the C level, like a full disk: writing past 64 kB fails with
    EFBIG (Python ignores SIGXFSZ) - a cache entry is about three times that."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_a_write_that_fails_half_way_leaves_no_temporary_in_the_cache(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    argv = [sys.executable, "-m", "migcycle", "stage", "arrival", "--json"]
    for _ in range(2):
        done = subprocess.run(
            argv, env=env, capture_output=True, text=True, timeout=60, check=False,
            preexec_fn=_small_file_size_limit,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["stage"]["name"] == "Arrival"
    assert list((tmp_path / "migcycle").iterdir()) == []


def test_a_read_only_cache_is_no_error(
    run: Run, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def read_only(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & (os.O_CREAT | os.O_WRONLY):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only)
    _arrival(run, {"XDG_CACHE_HOME": str(cache_home)})
    assert _entries(cache_home / "migcycle") == []


def test_no_home_or_a_relative_cache_home_means_no_cache_here(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache.directory() is None
    _arrival(run, {})
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # the XDG spec: ignore it
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.directory() == tmp_path / "home" / ".cache" / "migcycle"
    _arrival(run, {})
    assert not (tmp_path / "relative").exists()
    assert not (tmp_path / "home").exists()  # a missing home directory is never created


@pytest.mark.parametrize("value", ["1", "true", "TRUE", "yes", "On", " on "])
def test_no_cache_switches_the_cache_off(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIGCYCLE_NO_CACHE", value)
    assert cache.directory() is None


@pytest.mark.parametrize("value", ["0", "false", "False", "no", "OFF", ""])
def test_no_cache_false_leaves_the_cache_on(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIGCYCLE_NO_CACHE", value)
    assert cache.directory() is not None


def test_source_files_that_cannot_be_read_mean_no_cache(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "_sources", lambda package: [tmp_path / "gone.py"])
    cache.code_signature.cache_clear()
    try:
        assert load.load_catalog().cycle.stages
        assert not (cache_home / "migcycle").exists()
    finally:
        monkeypatch.undo()
        cache.code_signature.cache_clear()


def test_a_model_changed_without_a_version_bump_gets_no_stale_entry(tmp_path: Path) -> None:
    """An editable install: the source changes, the version does not."""
    source = tmp_path / "src"
    shutil.copytree(SRC / "migcycle", source / "migcycle", ignore=shutil.ignore_patterns("*.pyc"))
    env = {**os.environ, "PYTHONPATH": str(source), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env["MIGCYCLE_DATA"] = str(sources.bundled_data_dir())

    def arrival() -> dict[str, object]:
        argv = [sys.executable, "-m", "migcycle", "stage", "arrival", "--json"]
        done = subprocess.run(
            argv, env=env, capture_output=True, text=True, timeout=60, check=False
        )
        assert done.returncode == 0, done.stderr
        return dict(json.loads(done.stdout)["stage"])

    assert "reviewed" not in arrival()  # fills the cache
    models = source / "migcycle" / "models.py"
    text = models.read_text(encoding="utf-8")
    old = "class Stage(Sourced):\n    id: Slug\n"
    models.write_text(text.replace(old, old + '    reviewed: str = "no"\n'), encoding="utf-8")
    assert arrival()["reviewed"] == "no"


# --- bounded reads ------------------------------------------------------------------------------


def _limit_memory() -> None:
    """A child that tried to read a device whole fails fast instead of eating the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _migcycle(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migcycle", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
        env={**os.environ, "MIGCYCLE_NO_CACHE": "1"},
    )


def _one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == EXIT_DATA, done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    (line,) = done.stderr.splitlines()
    return line


def test_a_fifo_in_the_data_directory_is_refused_without_blocking(data_copy: Path) -> None:
    fifo = data_copy / "x.yaml"
    os.mkfifo(fifo)
    line = _one_line_error(_migcycle("validate", str(data_copy)))
    assert line == f"{fifo}: is a FIFO (named pipe), not a regular file"


def test_a_device_as_a_layer_is_refused_without_reading_it() -> None:
    line = _one_line_error(_migcycle("gaps", "--layer", "/dev/zero"))
    assert line == "/dev/zero: is a device, not a regular file"


def test_read_bounded_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock"))
    try:
        for name, kind in (
            ("fifo", "a FIFO (named pipe)"),
            ("sock", "a socket"),
            (".", "a directory"),
        ):
            with pytest.raises(safe_io.FileError) as caught:
                safe_io.read_bounded(tmp_path / name, 100, f"shown/{name}")
            assert str(caught.value) == f"shown/{name}: is {kind}, not a regular file"
    finally:
        server.close()
    with pytest.raises(safe_io.FileError, match=r"^shown/none: file not found$"):
        safe_io.read_bounded(tmp_path / "none", 100, "shown/none")


def test_read_bounded_reads_up_to_the_limit_and_no_more(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert safe_io.read_bounded(path, 100, "f") == b"x" * 100
    with pytest.raises(safe_io.TooLarge) as caught:
        safe_io.read_bounded(path, 99, "f")
    assert str(caught.value) == "f:1:1: file is 100 bytes, over the 99-byte limit"


# --- whole-or-nothing writes --------------------------------------------------------------------


def test_a_new_file_is_written_whole_with_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    safe_io.write_file_atomically(target, "a,b\r\n", force=False)
    assert target.read_bytes() == b"a,b\r\n"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert _leftovers(tmp_path) == []


def test_an_existing_file_is_replaced_only_with_force_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    target.chmod(0o640)
    with pytest.raises(safe_io.RefusedTarget) as caught:
        safe_io.write_file_atomically(target, b"new", force=False)
    assert str(caught.value) == f"'{target}' already exists; add --force to overwrite it"
    assert target.read_text() == "old"
    safe_io.write_file_atomically(target, b"new", force=True)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def _specials(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    real = tmp_path / "real.txt"
    real.write_text("keep")
    links = {"link": real, "dangling": tmp_path / "nowhere.txt"}
    for name, to in links.items():
        (tmp_path / name).symlink_to(to)
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "dir").mkdir()
    return {
        "link": (tmp_path / "link", "a symbolic link"),
        "dangling": (tmp_path / "dangling", "a symbolic link"),
        "fifo": (tmp_path / "fifo", "a FIFO (named pipe)"),
        "dir": (tmp_path / "dir", "a directory"),
        "device": (Path("/dev/null"), "a device"),
    }


@pytest.mark.parametrize("force", [False, True])
def test_only_regular_files_are_ever_replaced(tmp_path: Path, force: bool) -> None:
    for target, kind in _specials(tmp_path).values():
        with pytest.raises(safe_io.RefusedTarget) as caught:
            safe_io.write_file_atomically(target, b"new", force=force)
        assert str(caught.value) == (
            f"{target}: is {kind}, not a regular file; migcycle replaces only regular files"
        )
    assert (tmp_path / "real.txt").read_text() == "keep"
    assert not (tmp_path / "nowhere.txt").exists()  # a dangling symlink is never followed
    assert (tmp_path / "dangling").is_symlink()
    assert _leftovers(tmp_path) == []


def test_a_full_disk_leaves_the_old_file_and_no_temporary(tmp_path: Path, full_disk: None) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(safe_io.FileError) as caught:
        safe_io.write_file_atomically(target, "new", force=True)
    assert str(caught.value) == f"{target}: no space left on the device (the disk is full)"
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_a_real_write_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    code = (
        "import sys; from pathlib import Path; from migcycle import safe_io\n"
        "try:\n"
        "    safe_io.write_file_atomically(Path(sys.argv[1]), b'x' * 100_000, force=True)\n"
        "except safe_io.FileError as err:\n"
        "    sys.exit(str(err))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(target)], capture_output=True, text=True, timeout=60,
        check=False, preexec_fn=_small_file_size_limit,
    )  # fmt: skip
    assert done.stderr == f"{target}: file too large (over a file-size limit)\n"
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_a_writer_that_needs_a_path_gets_the_same_guarantees(tmp_path: Path) -> None:
    target = tmp_path / "x.db"
    with safe_io.atomic_path(target, force=False) as temporary:
        with sqlite3.connect(temporary) as db:
            db.execute("create table t (x)")
        db.close()
    with sqlite3.connect(target) as db:
        assert db.execute("select count(*) from t").fetchone() == (0,)
    db.close()
    with pytest.raises(RuntimeError), safe_io.atomic_path(target, force=True) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("the writer failed")
    assert target.read_bytes()[:15] == b"SQLite format 3"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db"]


FILES: dict[str, bytes | str] = {
    "cycle.yaml": "a: 1\n",
    "seminar.yaml": b"b: 2\n",
    "frameworks.yaml": "c: 3\n",
}


def test_a_set_of_files_appears_whole_in_a_new_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    safe_io.write_files_atomically(out, FILES, force=False)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {
        name: text.encode() if isinstance(text, str) else text for name, text in FILES.items()
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _failing_on_second_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real_write, calls = os.write, []

    def write(fd: int, data: bytes) -> int:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)


def test_a_full_disk_leaves_no_new_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_on_second_write(monkeypatch)
    with pytest.raises(safe_io.FileError) as caught:
        safe_io.write_files_atomically(tmp_path / "out", FILES, force=False)
    assert str(caught.value) == (
        f"{tmp_path / 'out' / 'seminar.yaml'}: no space left on the device (the disk is full)"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_replaces_none_of_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cycle.yaml").write_text("old")
    (tmp_path / "mine.txt").write_text("mine")
    _failing_on_second_write(monkeypatch)
    with pytest.raises(safe_io.FileError, match=r"seminar\.yaml: no space left"):
        safe_io.write_files_atomically(tmp_path, FILES, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cycle.yaml", "mine.txt"]
    assert (tmp_path / "cycle.yaml").read_text() == "old"


def test_a_set_of_files_replaces_existing_ones_only_with_force(tmp_path: Path) -> None:
    for name in ("cycle.yaml", "seminar.yaml"):
        (tmp_path / name).write_text("old")
    with pytest.raises(safe_io.RefusedTarget) as caught:
        safe_io.write_files_atomically(tmp_path, FILES, force=False)
    assert str(caught.value) == (
        f"{tmp_path / 'cycle.yaml'}, {tmp_path / 'seminar.yaml'} already exist; "
        "add --force to overwrite"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cycle.yaml", "seminar.yaml"]
    os.mkfifo(tmp_path / "frameworks.yaml")
    with pytest.raises(safe_io.RefusedTarget, match=r"frameworks\.yaml: is a FIFO"):
        safe_io.write_files_atomically(tmp_path, FILES, force=True)
    assert (tmp_path / "cycle.yaml").read_text() == "old"  # refused before anything was written
    (tmp_path / "frameworks.yaml").unlink()
    (tmp_path / "cycle.yaml").chmod(0o600)
    (tmp_path / "seminar.yaml").chmod(0o000)
    safe_io.write_files_atomically(tmp_path, FILES, force=True)
    assert (tmp_path / "cycle.yaml").read_text() == "a: 1\n"
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
    assert modes["cycle.yaml"] == 0o600 and modes["seminar.yaml"] == 0o000
    assert _leftovers(tmp_path) == []


def test_nothing_is_written_into_a_data_directory_being_read(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "via").symlink_to(data_copy)
    monkeypatch.chdir(data_copy)
    dirs = [None, sources.bundled_data_dir(), data_copy]
    for target in (
        data_copy,
        data_copy / "cycle.yaml",
        data_copy / "new" / "out.csv",
        tmp_path / "via" / "out.csv",
        Path("out.csv"),
        tmp_path / "elsewhere" / ".." / "data" / "x",
    ):
        with pytest.raises(safe_io.RefusedTarget, match=r"is inside the data directory .* being"):
            safe_io.refuse_data_dir(target, dirs)
    safe_io.refuse_data_dir(tmp_path / "out.csv", dirs)
    safe_io.refuse_data_dir(tmp_path / "data-2" / "out.csv", dirs)


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "operation not permitted"),
        (errno.ENOSPC, "no space left on the device (the disk is full)"),
        (errno.EDQUOT, "disk quota exceeded"),
        (errno.ENAMETOOLONG, "file name too long"),
        (errno.EROFS, "read-only file system"),
        (errno.ENOENT, "no such file or directory"),
        (errno.EISDIR, "is a directory"),
        (errno.ENOTDIR, "a part of the path is not a directory"),
    ],
)
def test_an_os_error_is_one_line_naming_the_users_path(code: int, says: str) -> None:
    err = OSError(code, os.strerror(code), "/out/.out.csv.1a2b3c.part")
    assert safe_io.describe_os_error(err, Path("out/x.csv")) == f"out/x.csv: {says}"
    assert safe_io.describe_os_error(err, "evil\nname\x1b[2J") == f"evil\\nname\\x1b[2J: {says}"


def test_a_real_long_name_is_described(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 300)
    with pytest.raises(safe_io.FileError) as caught:
        safe_io.write_file_atomically(target, "x", force=False)
    assert str(caught.value) == f"{target}: file name too long"
    assert list(tmp_path.iterdir()) == []


# --- bad data is a data error ------------------------------------------------------------------


def _data_error(run: Run, *args: str) -> str:
    result = run(*args, env={"MIGCYCLE_NO_CACHE": "1"})
    assert result.exit_code == EXIT_DATA, result.stdout + result.stderr
    assert result.stdout == ""
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    return line


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("!!float abc", "cannot read 'abc' as a number; fix the value or remove its !!float tag"),
        (
            "!!bool maybe",
            "cannot read 'maybe' as a boolean (true or false); "
            "fix the value or remove its !!bool tag",
        ),
        (
            "!!timestamp x",
            "cannot read 'x' as a date (YYYY-MM-DD); fix the value or remove its !!timestamp tag",
        ),
        (
            "2026-02-30",
            "'2026-02-30' is not a real date (day is out of range for month); "
            "put it in quotes if it is text",
        ),
        (
            "9" * 5000,
            "an integer of 5,000 digits is too long to read; put it in quotes if it is text",
        ),
    ],
)
def test_a_scalar_yaml_cannot_build_is_a_data_error(
    run: Run, data_copy: Path, written: str, says: str
) -> None:
    path = data_copy / "seminar.yaml"
    line, column = edit(path, "  delegates: 150\n", f"  delegates: {written}\n", at=written)
    assert _data_error(run, "validate", str(data_copy)) == f"{path}:{line}:{column}: {says}"


@pytest.mark.parametrize("number", [".inf", "-.inf", ".nan"])
def test_a_layer_scale_must_be_finite(run: Run, tmp_path: Path, number: str) -> None:
    layer = tmp_path / "layer.yaml"
    shutil.copy(EXAMPLE_LAYER / "donor-portfolio-2026.yaml", layer)
    line, column = edit(layer, "  max: 3\n", f"  max: {number}\n", at=number)
    assert _data_error(run, "gaps", "--layer", str(layer)) == (
        f"{layer}:{line}:{column}: scale.max: Input should be a finite number "
        f"(got {float(number.replace('.', ''))})"
    )


def test_a_layer_score_must_be_finite(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "layer.yaml"
    shutil.copy(EXAMPLE_LAYER / "donor-portfolio-2026.yaml", layer)
    line, column = edit(layer, "score: 3\n", "score: .nan\n", at=".nan")
    line_text = _data_error(run, "gaps", "--layer", str(layer))
    assert line_text.startswith(f"{layer}:{line}:{column}: entries[")
    assert line_text.endswith(".score: Input should be a finite number (got nan)")
