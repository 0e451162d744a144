"""Read the data directory into a validated :class:`~migcycle.models.Catalog`.

Only orchestration lives here: :mod:`~migcycle.sources` finds and reads the files (with
:mod:`~migcycle.yamlio` parsing them), pydantic validates (with :mod:`~migcycle.integrity`'s rules),
:mod:`~migcycle.explain` turns failures into ``file:line:col`` lines, and :mod:`~migcycle.cache`
keeps validated catalogs keyed on the content of the data and the code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from migcycle import __version__, cache
from migcycle.bulk import collector_paused
from migcycle.errors import DataError
from migcycle.models import Catalog, Problem
from migcycle.sources import DataFile, display_path, mapping, read_bytes, read_files, read_raw

if TYPE_CHECKING:
    from migcycle.yamlio import Loc

M = TypeVar("M", bound=BaseModel)


def load_catalog(data_dir: Path | None = None, *, use_cache: bool = True) -> Catalog:
    """The bundled data, overlaid with a user's directory if given: read, parsed, validated.

    A validated catalog is cached under the content hash of every file it was read from, so an
    unchanged dataset skips parsing and validation; any edit changes the hash.
    """
    files = read_files(data_dir)
    key = fingerprint(files)
    if use_cache and (cached := cache.get(key)) is not None:
        return cached
    with collector_paused():
        raw, _ = read_raw(files)
        try:
            catalog = Catalog.model_validate(raw)
        except ValidationError as err:
            from migcycle.explain import explain

            _, locs = read_raw(files, locate=True)
            raise DataError(explain(err, locs)) from None
    if use_cache:
        cache.put(key, catalog)
    return catalog


def fingerprint(files: list[DataFile]) -> str:
    """A hash of what the catalog is built from: every file's role and bytes, and the code."""
    import hashlib
    import sys

    import pydantic

    digest = hashlib.sha256(f"{__version__} {sys.version} {pydantic.VERSION}".encode())
    for part, path, content in files:
        digest.update(f"\0{part}\0{path.name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def data_fingerprint(data_dir: Path | None = None) -> str:
    """A short content hash of the data files: the data version shown by ``--version``."""
    return fingerprint(read_files(data_dir))[:12]


class ModelFile:
    """One YAML file validated as one model (a layer), with ``file:line:col`` errors.

    ``problems`` reports what the model's own checks against the catalog find, located in the
    same file; the caller supplies them, so the loader knows nothing of what the file means.
    """

    def __init__(self, path: Path, part: str) -> None:
        self.display = display_path(path)
        self.part = part
        self.raw = read_bytes(path, self.display)

    def validate(self, model: type[M], prepare: Callable[[Any], Any] | None = None) -> M:
        """The file as ``model``; ``prepare`` may first rewrite the plain values (names)."""
        value, _ = mapping(self.raw, self.display, False)
        if prepare is not None:
            value = prepare(value)
        try:
            return model.model_validate(value)
        except ValidationError as err:
            from migcycle.explain import explain

            raise DataError(explain(err, self._locations(), model, self.part)) from None

    def fail(self, problems: list[Problem]) -> DataError:
        from migcycle.explain import explain_problems

        return DataError(explain_problems(problems, self._locations()))

    def _locations(self) -> dict[str, Loc]:
        _, loc = mapping(self.raw, self.display, True)
        assert loc is not None
        return {self.part: loc}
