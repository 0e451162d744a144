"""A cache of validated catalogs, keyed by the content hash of the files they were read from.

Stored in the user's cache directory (``$XDG_CACHE_HOME/migcycle``, else ``~/.cache/migcycle``);
``MIGCYCLE_NO_CACHE=1`` turns it off. A hit skips YAML parsing and validation. A key is a hash
of every data file's bytes (and of migcycle's, Python's and pydantic's versions), so editing a
file can never be masked by a stale entry. An entry that cannot be read is ignored and removed.
Entries are Python pickles: the directory is the user's own, trusted like their data files.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from migcycle.models import Catalog

KEEP = 8
"""How many entries to keep (one per dataset in use: the bundled data, each --data directory)."""


def directory() -> Path | None:
    if os.environ.get("MIGCYCLE_NO_CACHE", "") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "migcycle"


def _entry(key: str) -> Path | None:
    where = directory()
    return where / f"catalog-{key[:32]}.pickle" if where else None


def get(key: str) -> Catalog | None:
    from migcycle.models import Catalog

    path = _entry(key)
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            stored_key, catalog = pickle.load(handle)
    except Exception:  # a truncated, corrupt or foreign file: rebuild it
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    if stored_key != key or not isinstance(catalog, Catalog):
        return None
    return catalog


def put(key: str, catalog: Catalog) -> None:
    """Store an entry atomically; a cache that cannot be written is no error."""
    path = _entry(key)
    if path is None:
        return
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=".catalog-", suffix=".part")
        with os.fdopen(handle, "wb") as out:
            pickle.dump((key, catalog), out, protocol=pickle.HIGHEST_PROTOCOL)
        Path(name).replace(path)
        _prune(path.parent)
    except OSError:
        return


def _prune(where: Path) -> None:
    entries = sorted(where.glob("catalog-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
