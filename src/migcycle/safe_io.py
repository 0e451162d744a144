"""Bounded reads and whole-or-nothing writes: the file-system half of DESIGN §6b.

Standard library only and no migcycle imports, so any module can call it. Every failure is a
:class:`FileError` whose message is one line that names the path the user gave - never a hidden
temporary - ready for stderr. The caller picks the exit code (DESIGN §5):

* :class:`RefusedTarget` - the user asked for something we will not do (overwrite without
  ``--force``, replace a FIFO, device, directory or symlink, write into a data directory being
  read): a usage problem, exit 2.
* any other :class:`FileError` - the environment failed (permission, full disk, read-only file
  system, a FIFO given as a data file): exit 1.

Reading: :func:`read_bounded`. Writing: :func:`write_file_atomically` (bytes or text),
:func:`atomic_path` (for writers that need a path, like sqlite3), :func:`write_files_atomically`
(a set of files in a directory), :func:`check_target` (to refuse early, before expensive work),
:func:`refuse_data_dir`. :func:`describe_os_error` turns any ``OSError`` into the one line.
POSIX semantics (``O_NOFOLLOW``, ``fsync`` on a directory) are used where the platform has them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

__all__ = [
    "FileError",
    "RefusedTarget",
    "atomic_path",
    "check_target",
    "describe_os_error",
    "read_bounded",
    "refuse_data_dir",
    "write_file_atomically",
    "write_files_atomically",
]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 20


class FileError(Exception):
    """A file that cannot be read or written safely; ``str(err)`` is one line for stderr."""


class TooLarge(FileError):
    """A file over the size bound (a subclass, so a reader can add advice of its own)."""


class RefusedTarget(FileError):
    """An output path migcycle will not write to: a usage problem (exit 2), not a failure."""


# --- messages ------------------------------------------------------------------------------------

_OS_PROBLEMS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOSPC: "no space left on the device (the disk is full)",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file too large (over a file-size limit)",
    errno.ENAMETOOLONG: "file name too long",
    errno.EROFS: "read-only file system",
    errno.ENOENT: "no such file or directory",
    errno.EISDIR: "is a directory",
    errno.ENOTDIR: "a part of the path is not a directory",
    errno.ELOOP: "too many levels of symbolic links",
}


def describe_os_error(err: OSError, path: Path | str) -> str:
    """One line for stderr naming ``path`` - the path the user gave, whatever temporary the
    failing call was working on - and what went wrong, e.g. ``out.csv: no space left on the
    device (the disk is full)``. The lead's output seam calls this for every ``OSError``."""
    return f"{shown(path)}: {_problem(err)}"


def _problem(err: OSError) -> str:
    return _OS_PROBLEMS.get(err.errno or 0) or (err.strerror or str(err)).lower()


def shown(path: Path | str) -> str:
    """A path as it goes into a one-line message: control characters escaped, so a name with
    a newline or an escape sequence can neither split the line nor drive the terminal."""
    text = str(path)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def _not_regular(path: Path | str, mode: int) -> str:
    return f"{shown(path)}: is {_kind(mode)}, not a regular file"


# --- reading -------------------------------------------------------------------------------------


def read_bounded(path: Path, limit: int, display: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``display`` names it in errors.

    A FIFO, device, socket or directory is refused without blocking (opened ``O_NONBLOCK``,
    checked with ``fstat`` on the open descriptor, so nothing can be swapped in between), and at
    most ``limit + 1`` bytes are ever read, so ``/dev/zero`` or a file still growing cannot
    exhaust memory. Raises :class:`TooLarge` over the limit, :class:`FileError` otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC)
    except OSError as err:
        raise FileError(_unopenable(err, path, display)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileError(_not_regular(display, info.st_mode))
        if info.st_size > limit:
            raise TooLarge(_too_large(display, f"{info.st_size:,} bytes", limit))
        content = _read_at_most(fd, limit + 1)
    except OSError as err:
        raise FileError(f"{shown(display)}: cannot read: {_problem(err)}") from None
    finally:
        os.close(fd)
    if len(content) > limit:
        raise TooLarge(_too_large(display, "more bytes than that", limit))
    return content


def _too_large(display: str, size: str, limit: int) -> str:
    return f"{shown(display)}:1:1: file is {size}, over the {limit:,}-byte limit"


def _unopenable(err: OSError, path: Path, display: str) -> str:
    if err.errno == errno.ENOENT:
        return f"{shown(display)}: file not found"
    if err.errno in (errno.ENXIO, errno.EOPNOTSUPP):  # a socket (or a device with no driver)
        with contextlib.suppress(OSError):
            return _not_regular(display, path.stat().st_mode)
    return f"{shown(display)}: cannot read: {_problem(err)}"


def _read_at_most(fd: int, most: int) -> bytes:
    chunks = []
    remaining = most
    while remaining > 0 and (chunk := os.read(fd, min(remaining, _CHUNK))):
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


# --- writing one file ----------------------------------------------------------------------------


def check_target(target: Path, *, force: bool) -> int | None:
    """Refuse an output path migcycle must not write, before any work is done.

    A symlink (dangling or not), FIFO, device, socket or directory is never replaced, with or
    without ``--force``; an existing regular file only with it. Returns the permission bits of
    the file ``--force`` will replace (the replacement keeps them), or None for a new file.
    Raises :class:`RefusedTarget`, or :class:`FileError` if the path cannot even be examined."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise FileError(describe_os_error(err, target)) from None
    if not stat.S_ISREG(info.st_mode):
        message = _not_regular(target, info.st_mode)
        raise RefusedTarget(f"{message}; migcycle replaces only regular files")
    if not force:
        raise RefusedTarget(f"{shown(target)!r} already exists; add --force to overwrite it")
    return stat.S_IMODE(info.st_mode)


def write_file_atomically(target: Path, data: bytes | str, *, force: bool) -> None:
    """Write ``target`` whole or not at all: a temporary file in the same directory, written,
    fsynced, then renamed over ``target``. Text is written as UTF-8, newlines untouched.

    If anything fails (a full disk, a permission) no temporary remains and an existing file is
    untouched. Without ``force`` an existing file is never replaced, even one that appears while
    writing (the temporary is hard-linked into place, which fails if the name is taken). Raises
    :class:`RefusedTarget` (see :func:`check_target`) or :class:`FileError` naming ``target``."""
    content = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(target, force=force) as temporary:
        _fill(temporary, content)


@contextlib.contextmanager
def atomic_path(target: Path, *, force: bool) -> Iterator[Path]:
    """An empty temporary file beside ``target``, for a writer that needs a path (sqlite3); it
    becomes ``target`` - fsynced, with the replaced file's permission bits - only if the block
    succeeds. Same refusals and guarantees as :func:`write_file_atomically`; an ``OSError`` in
    the block (a full disk) becomes a :class:`FileError` naming ``target``."""
    mode = check_target(target, force=force)
    with _blaming(target):
        temporary = _create_temporary(target)
    try:
        with _blaming(target):
            yield temporary
            _seal(temporary, _default_mode() if mode is None else mode)
            _place(temporary, target, force=force)
            _sync_directory(target.parent)
    finally:
        _remove_quietly(temporary)


# --- writing a set of files ----------------------------------------------------------------------


def write_files_atomically(
    directory: Path, files: Mapping[str, bytes | str], *, force: bool
) -> None:
    """Write a set of files (plain names, no slashes) into ``directory``; either all appear or
    none does.

    The guarantee, honestly: if ``directory`` does not exist, every file is written into a
    temporary sibling directory that is renamed into place in one step - all or nothing, even
    across a crash. If it exists, every file is first written and fsynced to a temporary in it;
    any failure there (a full disk, a permission) leaves the directory exactly as it was. Only
    then are the temporaries renamed over the targets, one by one: each file is always whole,
    but a crash (or a target swapped meanwhile) between two renames can leave some files new and
    the rest old. Refusals (:func:`check_target`) are all made before anything is written."""
    contents = {_plain_name(name): _encoded(data) for name, data in files.items()}
    try:
        info = directory.stat()
    except FileNotFoundError:
        _write_new_directory(directory, contents)
        return
    except OSError as err:
        raise FileError(describe_os_error(err, directory)) from None
    if not stat.S_ISDIR(info.st_mode):
        raise RefusedTarget(f"{shown(directory)}: is {_kind(info.st_mode)}, not a directory")
    _write_into_directory(directory, contents, force=force)


def _write_new_directory(directory: Path, contents: dict[str, bytes]) -> None:
    with _blaming(directory):
        staging = directory.with_name(f".{directory.name[:80]}.{os.urandom(6).hex()}.part")
        staging.mkdir(0o700)
    try:
        for name, content in contents.items():
            with _blaming(directory / name):
                _create_and_seal(staging / name, content, _default_mode())
        with _blaming(directory):
            staging.chmod(0o777 & ~_umask())
            staging.rename(directory)  # fails if a directory with files appeared meanwhile
            _sync_directory(directory.parent)
    finally:
        for name in contents:
            _remove_quietly(staging / name)
        with contextlib.suppress(OSError):
            staging.rmdir()


def _write_into_directory(directory: Path, contents: dict[str, bytes], *, force: bool) -> None:
    modes = _check_targets(directory, list(contents), force=force)
    temporaries: dict[str, Path] = {}
    try:
        for name, content in contents.items():
            with _blaming(directory / name):
                temporaries[name] = _create_temporary(directory / name)
                _fill(temporaries[name], content)
                mode = modes[name]
                _seal(temporaries[name], _default_mode() if mode is None else mode)
        for name, temporary in temporaries.items():
            with _blaming(directory / name):
                _place(temporary, directory / name, force=force)
        _sync_directory(directory)
    finally:
        for temporary in temporaries.values():
            _remove_quietly(temporary)


def _check_targets(directory: Path, names: list[str], *, force: bool) -> dict[str, int | None]:
    """Every target's mode (None for a new file), after refusing what is never replaced and,
    without --force, every file that exists - all of them in one message."""
    modes = {name: check_target(directory / name, force=True) for name in names}
    existing = [shown(directory / name) for name, mode in modes.items() if mode is not None]
    if existing and not force:
        raise RefusedTarget(f"{', '.join(existing)} already exist; add --force to overwrite")
    return modes


def _create_and_seal(path: Path, content: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600)
    os.close(fd)
    _fill(path, content)
    _seal(path, mode)


def _plain_name(name: str) -> str:
    if not name or name in (".", "..") or "/" in name or "\0" in name or os.sep in name:
        raise ValueError(f"not a plain file name: {name!r}")
    return name


def _encoded(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


# --- not into the data ---------------------------------------------------------------------------


def refuse_data_dir(target: Path, data_dirs: Iterable[Path | None]) -> None:
    """Refuse an output path that is, or lies inside, a data directory being read (the bundled
    one, ``--data``, ``MIGCYCLE_DATA``): an export must never overwrite or add to its own input.
    Compared by device and inode on the target's nearest existing ancestors, so symlinks,
    ``..`` and case-insensitive file systems cannot hide the overlap. None entries are skipped.
    Raises :class:`RefusedTarget`."""
    watched = []
    for data_dir in data_dirs:
        with contextlib.suppress(OSError):
            if data_dir is not None:
                watched.append((data_dir, data_dir.stat()))
    for ancestor in _ancestors(target):
        try:
            info = ancestor.stat()
        except OSError:
            continue
        for data_dir, data_info in watched:
            if os.path.samestat(info, data_info):
                raise RefusedTarget(
                    f"{shown(target)}: is inside the data directory {shown(data_dir)} being "
                    "read; write it somewhere else"
                )


def _ancestors(target: Path) -> list[Path]:
    """The target and the directories above it, both as written (the kernel then walks each
    ``..`` and symlink) and resolved (for a ``..`` below a directory that does not exist yet)."""
    written = Path.cwd() / target
    try:
        resolved = written.resolve()
    except (OSError, RuntimeError):  # a symlink loop: the written path alone
        return [written, *written.parents]
    return [written, *written.parents, resolved, *resolved.parents]


@contextlib.contextmanager
def _blaming(path: Path) -> Iterator[None]:
    """Report any ``OSError`` as a one-line :class:`FileError` naming the user's path."""
    try:
        yield
    except OSError as err:
        raise FileError(describe_os_error(err, path)) from None


def _create_temporary(target: Path) -> Path:
    """A new empty file beside ``target`` under an unguessable name, created exclusively and
    never through a symlink; private (0600) until it is sealed."""
    stem = target.name[:80]  # a long target name must not make the temporary's too long
    temporary = target.with_name(f".{stem}.{os.urandom(6).hex()}.part")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
    os.close(os.open(temporary, flags, 0o600))
    return temporary


def _fill(temporary: Path, content: bytes) -> None:
    fd = os.open(temporary, os.O_WRONLY | os.O_TRUNC | _NOFOLLOW | _CLOEXEC)
    try:
        write_all(fd, content)
    finally:
        os.close(fd)


def write_all(fd: int, content: bytes) -> None:
    """Every byte of ``content`` to ``fd`` (``os.write`` may write fewer than it is given)."""
    view = memoryview(content)
    while view:
        view = view[os.write(fd, view) :]


def _seal(temporary: Path, mode: int) -> None:
    """Give the finished temporary its final permission bits and flush it to the disk, so the
    rename that follows can never expose an empty or partial file after a crash."""
    fd = os.open(temporary, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    try:
        os.fchmod(fd, mode)
        os.fsync(fd)
    finally:
        os.close(fd)


def _place(temporary: Path, target: Path, *, force: bool) -> None:
    """Move the sealed temporary to ``target``. With ``force``: a rename, which replaces the
    directory entry and never writes through whatever it pointed to; the target is checked
    once more just before. Without: a hard link, which fails if the name was taken meanwhile
    (file systems without hard links fall back to a rename after one more check)."""
    if force:
        check_target(target, force=True)
        temporary.replace(target)
        return
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise RefusedTarget(
            f"{shown(target)}: already exists; add --force to overwrite it"
        ) from None
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK):
            raise
        check_target(target, force=False)
        temporary.replace(target)


def _sync_directory(directory: Path) -> None:
    """Make a rename durable; a file system that cannot fsync a directory is not an error."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _default_mode() -> int:
    """The permission bits a newly created file gets (0666 less the umask), like ``open``."""
    return 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it; a CLI has no other thread to race
    os.umask(mask)
    return mask
