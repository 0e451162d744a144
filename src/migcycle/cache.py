"""A cache of validated catalogs that can never run code, never serve stale data, never fail.

A hit skips YAML parsing and validation. Three promises:

* **It cannot run anyone's code.** An entry is JSON: a header line naming its key, then the
  catalog's fields. It is rebuilt into models *without* validation (the writer validated it) by
  a walk that each model's field annotations drive, so a hit stays several times cheaper than a
  full validation. Entries are read only from a directory owned by the user and writable by no
  one else (created 0700), only through ``O_NOFOLLOW`` from regular files owned by the user.
  Even an entry that got past those checks can only ever become data.
* **It never serves stale data.** The name and header carry a hash of the data files (the key
  the loader passes), of migcycle's own source files' bytes (an editable install whose models
  changed without a version bump gets a new entry) and of the Python and pydantic versions. An
  entry that does not parse, does not match its key or does not fit the models is ignored,
  removed and rebuilt.
* **It is never fatal.** No home directory, a read-only or full disk, a directory owned by
  someone else: the command works without the cache. Temporary ``.part`` files are removed
  whatever happens.

Where: ``$XDG_CACHE_HOME/migcycle`` if that is an absolute path (the XDG spec says to ignore a
relative one), else ``$HOME/.cache/migcycle``. ``MIGCYCLE_NO_CACHE=1`` (or true/yes/on) turns the
cache off; 0/false/no/off or empty leave it on. POSIX only: without ``dir_fd`` support the cache
is off.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import os
import stat
import sys
import time
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel
    from pydantic.fields import FieldInfo

    from migcycle.models import Catalog

KEEP = 8
"""How many entries to keep (one per dataset in use: the bundled data, each --data directory)."""
FORMAT = 1
"""Bumped when the layout of an entry changes."""
STALE_PART_SECONDS = 3600
"""A ``.part`` file this old was left by a process killed mid-write; pruning removes it."""
_SUFFIX = ".json"
_PREFIX = "catalog-"
_ENABLING = frozenset({"", "0", "false", "no", "off"})

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_SUPPORTED = (
    os.name == "posix"
    and bool(_NOFOLLOW)
    and hasattr(os, "geteuid")
    and {os.open, os.unlink, os.rename} <= os.supports_dir_fd
    and os.scandir in os.supports_fd
)


class _Unusable(Exception):
    """An entry that cannot be used: ignored, removed and rebuilt."""


# --- where -------------------------------------------------------------------------------------


def enabled() -> bool:
    """False when ``MIGCYCLE_NO_CACHE`` asks for no cache: 1/true/yes/on (any case), or any
    value that is not one of the enabling 0/false/no/off/empty."""
    return os.environ.get("MIGCYCLE_NO_CACHE", "").strip().lower() in _ENABLING


def directory() -> Path | None:
    """Where entries live, or None when the cache is off or there is no absolute base path.

    The location only: whether it is safe to use is checked on the open directory each time."""
    if not _SUPPORTED or not enabled():
        return None
    base = _absolute(os.environ.get("XDG_CACHE_HOME"))
    if base is None:
        home = _absolute(os.environ.get("HOME"))
        if home is None:
            return None
        base = home / ".cache"
    return base / "migcycle"


def _absolute(value: str | None) -> Path | None:
    return Path(value) if value and Path(value).is_absolute() else None


@contextlib.contextmanager
def _trusted_directory(where: Path, *, create: bool) -> Iterator[int | None]:
    """A descriptor on the cache directory if it is the user's own and no one else can write it,
    else None. Every later step works relative to this descriptor, so swapping the path for
    something else after the check changes nothing."""
    if create:
        for level in (where.parent, where):  # XDG: a base directory we create is 0700 too
            with contextlib.suppress(OSError):
                level.mkdir(0o700)
    try:
        fd = os.open(where, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        yield None
        return
    try:
        info = os.fstat(fd)
        yield fd if stat.S_ISDIR(info.st_mode) and _owned_and_private(info) else None
    finally:
        os.close(fd)


def _owned_and_private(info: os.stat_result) -> bool:
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


# --- keys --------------------------------------------------------------------------------------


@functools.cache
def code_signature() -> str:
    """A hash of migcycle's own source files' bytes and the Python and pydantic versions.

    Bytes rather than size and mtime: reading the ~180 kB costs about 0.5 ms once per process,
    and a copy that keeps mtimes (``cp -p``, rsync) cannot fool it."""
    import pydantic
    import pydantic_core

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(
        f"{FORMAT} {sys.version} {pydantic.VERSION} {pydantic_core.__version__}".encode()
    )
    for source in _sources(package):
        content = source.read_bytes()
        digest.update(f"\0{source.relative_to(package)}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def _sources(package: Path) -> list[Path]:
    found = []
    for root, subdirectories, names in os.walk(package):
        subdirectories[:] = [d for d in subdirectories if d != "__pycache__"]
        found += [Path(root, name) for name in names if name.endswith(".py")]
    return sorted(found)


def entry_key(data_key: str) -> str | None:
    """The full key of an entry: the data's hash (from the loader) and the code's; None if the
    code cannot be read, and then nothing is cached."""
    try:
        code = code_signature()
    except OSError:
        return None
    return hashlib.sha256(f"{data_key}\0{code}".encode()).hexdigest()


def _entry_name(key: str) -> str:
    return f"{_PREFIX}{key[:32]}{_SUFFIX}"


def _header(key: str) -> bytes:
    return f"migcycle-catalog {FORMAT} {key}\n".encode()


# --- reading -----------------------------------------------------------------------------------


def get(data_key: str) -> Catalog | None:
    """The cached catalog for this data and this code, or None (a miss is never an error)."""
    where = directory()
    key = entry_key(data_key) if where is not None else None
    if where is None or key is None:
        return None
    with _trusted_directory(where, create=False) as fd:
        if fd is None:
            return None
        try:
            return _read_entry(fd, key)
        except FileNotFoundError:
            return None
        except (OSError, _Unusable, RecursionError):
            with contextlib.suppress(OSError):
                os.unlink(_entry_name(key), dir_fd=fd)
            return None


def _read_entry(directory_fd: int, key: str) -> Catalog:
    from migcycle.models import Catalog

    flags = os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    fd = os.open(_entry_name(key), flags, dir_fd=directory_fd)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _owned_and_private(info):
            raise _Unusable("not a regular file of the user's own")
        content = _read_all(fd, info.st_size)
    finally:
        os.close(fd)
    header, _, body = content.partition(b"\n")
    if header + b"\n" != _header(key):
        raise _Unusable("written for another key")
    try:
        data = json.loads(body)
    except ValueError as err:  # includes a body that is not UTF-8
        raise _Unusable("not JSON") from err
    with _collector_paused():
        return typing.cast("Catalog", _builder(Catalog)(data))


def _read_all(fd: int, size: int) -> bytes:
    chunks = []
    remaining = size + 1  # one more than fstat said: a file still growing is caught below
    while remaining > 0 and (chunk := os.read(fd, remaining)):
        chunks.append(chunk)
        remaining -= len(chunk)
    content = b"".join(chunks)
    if len(content) != size:
        raise _Unusable("changed while being read")
    return content


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Rebuilding allocates tens of thousands of objects and frees none: a cyclic collection
    in the middle would only rescan them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- writing -----------------------------------------------------------------------------------


def put(data_key: str, catalog: Catalog) -> None:
    """Store an entry whole or not at all; a cache that cannot be written is no error."""
    where = directory()
    key = entry_key(data_key) if where is not None else None
    if where is None or key is None:
        return
    with _trusted_directory(where, create=True) as fd:
        if fd is None:
            return
        try:
            payload = _header(key) + _encode(catalog)
        except (TypeError, ValueError):  # a value JSON cannot hold: leave the cache alone
            return
        with contextlib.suppress(OSError):
            _write_entry(fd, _entry_name(key), payload)
            _prune(fd)


def _encode(catalog: Catalog) -> bytes:
    """The catalog as JSON, through the one serialiser (fields at their default left out; they
    are filled in again when the entry is read)."""
    from migcycle.serialise import to_data

    data = to_data(catalog, defaults=False)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8")


def _write_entry(directory_fd: int, name: str, payload: bytes) -> None:
    """Write under an unguessable temporary name, then rename over the entry: a reader sees the
    old entry or the new one, never half of one. The temporary is removed whatever happens
    (a full disk included). No fsync: an entry damaged by a crash is noticed and rebuilt."""
    temporary = f".{_PREFIX}{os.urandom(8).hex()}.part"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | os.O_CLOEXEC
    fd = os.open(temporary, flags, 0o600, dir_fd=directory_fd)
    placed = False
    try:
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(temporary, name, src_dir_fd=directory_fd, dst_dir_fd=directory_fd)
        placed = True
    finally:
        if not placed:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=directory_fd)


def _prune(directory_fd: int) -> None:
    """Keep the newest entries; remove older ones, entries of the former pickle format, and
    temporaries a killed process left behind."""
    now = time.time()
    entries: list[tuple[float, str]] = []
    doomed: list[str] = []
    with os.scandir(directory_fd) as listing:
        for item in listing:
            modified = item.stat(follow_symlinks=False).st_mtime
            former = item.name.startswith(_PREFIX) and item.name.endswith(".pickle")
            abandoned = item.name.endswith(".part") and now - modified > STALE_PART_SECONDS
            if item.name.startswith(_PREFIX) and item.name.endswith(_SUFFIX):
                entries.append((modified, item.name))
            elif former or abandoned:
                doomed.append(item.name)
    entries.sort(reverse=True)
    for name in [*doomed, *(name for _, name in entries[KEEP:])]:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=directory_fd)


# --- rebuilding models without validation ------------------------------------------------------

Builder = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _builder(annotation: Any) -> Builder:
    """A function turning JSON data back into a value of this annotation, without validating.

    Containers and models are checked for shape (a mapping where a model goes, its required
    fields present, no unknown ones) so a damaged entry is noticed; leaves are taken as
    written, since the code that wrote them validated them and the key pins that code.
    The data is consumed: a mapping that holds every field becomes the model's ``__dict__``."""
    from pydantic import BaseModel

    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _builder(args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model_builder(annotation)
    if origin in (list, tuple, dict):
        return _container_builder(origin, args)
    if origin in (typing.Union, types.UnionType):
        return _optional_builder(args)
    if origin is typing.Literal or annotation in (str, int, float, bool, type(None)):
        return _identity
    raise TypeError(f"the cache cannot rebuild a {annotation!r}")


def _container_builder(origin: Any, args: tuple[Any, ...]) -> Builder:
    if origin is tuple:
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"the cache rebuilds only tuple[X, ...], not tuple{list(args)}")
        element = _builder(args[0])
        return lambda value: tuple(element(v) for v in _expect(value, list))
    if origin is dict:
        values = _builder(args[1])
        if values is _identity:
            return lambda value: _expect(value, dict)
        return lambda value: {k: values(v) for k, v in _expect(value, dict).items()}
    items = _builder(args[0])
    if items is _identity:
        return lambda value: _expect(value, list)
    return lambda value: [items(v) for v in _expect(value, list)]


def _optional_builder(args: tuple[Any, ...]) -> Builder:
    builders = [_builder(a) for a in args if a is not type(None)]
    if all(b is _identity for b in builders):
        return _identity
    if len(builders) != 1:
        raise TypeError(f"the cache cannot rebuild a union of {args!r}")
    inner = builders[0]
    return lambda value: None if value is None else inner(value)


def _expect(value: Any, kind: type) -> Any:
    if type(value) is not kind:
        raise _Unusable(f"expected a {kind.__name__}, found a {type(value).__name__}")
    return value


_MISSING: Any = object()
_REQUIRED: Any = object()


@functools.cache
def _model_builder(model: type[BaseModel]) -> Builder:
    """Build ``model`` the way ``model_construct`` does (``__dict__`` in field order, the fields
    set, no extra or private state) with the per-field work decided once, here."""
    if model.__private_attributes__ or model.__pydantic_post_init__:
        raise TypeError(f"the cache cannot rebuild {model.__name__}")
    plan: _Plan = []
    for name, info in model.model_fields.items():
        field_builder = _builder(info.annotation)
        constant, factory = _default(info)
        plan.append(
            (name, None if field_builder is _identity else field_builder, constant, factory)
        )
    names = tuple(name for name, *_ in plan)
    to_build = [(name, b) for name, b, _, _ in plan if b is not None]
    set_attribute = object.__setattr__

    def build(data: Any) -> BaseModel:
        if type(data) is not dict:
            raise _Unusable(f"expected the fields of a {model.__name__}")
        if tuple(data) == names:  # every field, in field order: the mapping becomes __dict__
            for name, field_builder in to_build:
                data[name] = field_builder(data[name])
            values = data
        else:
            values = _with_defaults(model, plan, data)
        instance = model.__new__(model)
        set_attribute(instance, "__dict__", values)
        set_attribute(instance, "__pydantic_fields_set__", set(data))
        set_attribute(instance, "__pydantic_extra__", None)
        set_attribute(instance, "__pydantic_private__", None)
        return instance

    return build


_Plan = list[tuple[str, "Builder | None", Any, "Callable[[], Any] | None"]]
"""Per field: its name, how to build its value (None: as it is), its default or factory."""


def _with_defaults(model: type[BaseModel], plan: _Plan, data: dict[str, Any]) -> dict[str, Any]:
    """The field values in field order, the defaults filled in for the fields left out."""
    values = {}
    for name, field_builder, constant, factory in plan:
        value = data.get(name, _MISSING)
        if value is not _MISSING:
            values[name] = value if field_builder is None else field_builder(value)
        elif constant is _REQUIRED:
            raise _Unusable(f"{model.__name__} without its {name!r}")
        else:
            values[name] = constant if factory is None else factory()
    if not data.keys() <= values.keys():
        raise _Unusable(f"unknown fields in a {model.__name__}")
    return values


def _default(info: FieldInfo) -> tuple[Any, Callable[[], Any] | None]:
    """What pydantic fills in for a field the data left out, as (constant, or factory), without
    pydantic's per-call work: a model default is built like any other model."""
    from pydantic import BaseModel

    factory = info.default_factory
    if info.is_required():
        return _REQUIRED, None
    if factory in (list, dict):
        return None, typing.cast("Callable[[], Any]", factory)
    if isinstance(factory, type) and issubclass(factory, BaseModel):
        empty = _model_builder(factory)
        return None, lambda: empty({})
    if factory is not None:
        return None, lambda: info.get_default(call_default_factory=True)
    value = info.default
    if value is None or isinstance(value, (str, int, float, bool, tuple, frozenset)):
        return value, None
    return None, info.get_default
