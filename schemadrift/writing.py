"""Reading and writing the files schemadrift touches, without harming what is already there.

Writes are atomic: the text goes to a temp file beside the target (``os.replace`` is atomic
only within one file system), which is fsynced, renamed over the target, and the folder is
fsynced after it. A crash leaves the old or the new file, never a torn one.

What may be replaced (attack report rows 4, 20, 22, 24):

- Only a regular file, or nothing. A symlink, a directory, a FIFO, a socket or a device node
  is never replaced by a regular file (a rename would destroy ``/dev/null`` or a ``/dev/stdout``
  link when run as root). Project files (baseline, acks) are resolved by the configuration
  (a symlink inside the project root is written through, one leading outside is refused), so
  ``write_atomic`` refuses any symlink still in its way.
- A report named on the command line (``write_report``) follows the same symlink rule, with the
  project root of the run: a link leading inside the root is written through to its target,
  one leading outside is refused. Two plain writes (appended, never a replace) are allowed, as
  a shell redirection would do them: to a FIFO or a character device (``--output /dev/null``,
  a process substitution), and through a descriptor link (``/dev/stdout``, ``/dev/fd/N``,
  ``/proc/self/fd/N``), whatever that descriptor is. A FIFO with no reader is exit 2, not a
  hang (it is opened non-blocking: ``ENXIO`` means no reader).
- A read-only file (no owner write bit) is not replaced unless the caller forces it. The mode
  bits are read, not the outcome of a write attempt: root bypasses permission checks, and the
  rename needs only the folder's write bit anyway.
- A new file gets ``0o666`` less the umask, as ``open()`` would give it; a replaced file keeps
  its mode.
- Temp files are named ``.NAME.PID.RANDOM.tmp``. A SIGKILL mid-write leaves one behind; each
  successful write removes those of the same target that are older than ``STALE_AFTER``
  seconds and whose writer (the PID) is no longer running, never one a concurrent writer
  may still rename.

Reads of inputs (``read_regular``) refuse anything but a regular file before opening it: a FIFO
with no writer, ``/dev/zero`` or a terminal would block or never end.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from schemadrift.errors import InputError

STALE_AFTER = 60.0
"""Seconds after its last change a temp file of a dead writer is removed by the next write."""

READ_ONLY_HINT = "make it writable (chmod u+w) to let schemadrift replace it"

_UMASK_LOCK = threading.Lock()


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, for messages."""
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISLNK, "a symlink"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _not_regular(label: str, mode: int, then: str = "") -> InputError:
    """The error for a file that is not a regular one; ``then`` says what was not done."""
    if stat.S_ISDIR(mode):
        return InputError(label, f"is a directory, not a file{then}")
    return InputError(label, f"is not a regular file (it is {kind_of(mode)}){then}")


def read_regular(path: Path, label: str) -> bytes:
    """The bytes of ``path``, which must be a regular file (symlinks to one are followed).

    Anything else is an ``InputError`` naming it, before it is opened: opening a FIFO blocks
    until a writer comes, and ``/dev/zero`` never ends. The file is opened non-blocking and
    checked again (it may have been swapped in between). ``OSError`` (missing, unreadable)
    is left to the caller, which knows what the file is for.
    """
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise _not_regular(label, mode)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(label, mode)
        return handle.read()


def current_umask() -> int:
    """The process's umask, read without a window in which it is wrong.

    ``os.umask`` can only be read by setting it, and it is process-global: between the two
    calls another thread creating a file would get mode bits from the temporary value. Linux
    reports it in ``/proc/self/status`` (no change at all); elsewhere the two calls are made
    under a lock, which covers schemadrift's own threads (its workers are processes).
    """
    with (
        contextlib.suppress(OSError, ValueError),
        open("/proc/self/status", encoding="ascii", errors="replace") as status,
    ):
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _lstat(path: Path) -> os.stat_result | None:
    """What ``path`` names, not following a final symlink; ``None``: nothing (a folder on
    the way that is a file is nothing too: creating the file then fails, naming it)."""
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise InputError(path.as_posix(), f"cannot write the file: {error.strerror}") from error


def _check_replaceable(path: Path, label: str, *, force: bool, hint: str) -> os.stat_result | None:
    """The ``lstat`` of what ``path`` names (``None``: nothing) when it may be replaced."""
    found = _lstat(path)
    if found is None:
        return None
    mode = found.st_mode
    if stat.S_ISLNK(mode):
        raise InputError(label, "is a symlink; refusing to replace it with a regular file")
    if not stat.S_ISREG(mode):
        raise _not_regular(label, mode, "; refusing to replace it")
    if not force and not mode & stat.S_IWUSR:
        raise InputError(label, f"is read-only (mode {stat.S_IMODE(mode):04o}); {hint}")
    return found


def check_replaceable(
    path: Path, label: str | None = None, *, force: bool = False, hint: str = READ_ONLY_HINT
) -> None:
    """Raise the ``InputError`` ``write_atomic`` would, now: a command checks its target before
    spending minutes on extraction."""
    _check_replaceable(path, label or path.as_posix(), force=force, hint=hint)


def write_atomic(
    path: Path,
    text: str | Iterable[str],
    *,
    label: str | None = None,
    force: bool = False,
    hint: str = READ_ONLY_HINT,
) -> None:
    """Replace ``path`` (a regular file, or nothing) by ``text`` (or its pieces, in order) so
    that readers see the old or the new file, never a mix.

    Refused with an ``InputError`` naming the file: a target that is not a regular file, a
    read-only one (unless ``force``; ``hint`` says how to proceed), and any ``OSError``
    (read-only folder, a file where a folder should be, disk full).
    """
    name = label or path.as_posix()
    existing = _check_replaceable(path, name, force=force, hint=hint)
    try:
        _write_atomic(path, text, existing)
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(name, f"cannot write the file: {reason}") from error


def _write_atomic(path: Path, text: str | Iterable[str], existing: os.stat_result | None) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    import tempfile  # here, not at the top: only writing needs it (~4 ms to import)

    prefix = f".{path.name}.{os.getpid()}."
    fd, temp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    try:
        # A lone surrogate (JSON allows "\ud800" in a string) is written as that escape:
        # the file stays valid JSON and reads back as the same value.
        with os.fdopen(
            fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n"
        ) as handle:
            if isinstance(text, str):
                handle.write(text)
            else:
                handle.writelines(text)
            handle.flush()
            mode = stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~current_umask()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _sync_folder(directory)
    remove_stale_temps(path)


def _sync_folder(directory: Path) -> None:
    """Make the rename durable; a folder that cannot be opened or synced is not an error."""
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _temp_pattern(name: str) -> re.Pattern[str]:
    """Temp files of a target named ``name``: ``.NAME.PID.RANDOM.tmp`` (and the older
    ``.NAME.RANDOM.tmp``, written before the PID was part of the name)."""
    return re.compile(rf"\.{re.escape(name)}\.(?:(\d+)\.)?[a-z0-9_]{{8}}\.tmp")


def _running(pid: int) -> bool:
    """Whether a process with this PID exists (one we may not signal exists too)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale_temps(path: Path, *, now: float | None = None) -> list[Path]:
    """Remove temp files a killed writer of ``path`` left, and return them.

    A temp file is stale when it has not changed for ``STALE_AFTER`` seconds and its writer
    is gone (or, for an older name without a PID, on age alone): a concurrent writer is
    running, so its file is kept however old. A PID reused by an unrelated process keeps a
    stale file until that process ends, which is harmless. Errors are ignored: the write
    itself has succeeded.
    """
    directory = path.parent if str(path.parent) else Path(".")
    pattern = _temp_pattern(path.name)
    limit = (time.time() if now is None else now) - STALE_AFTER
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if entry.stat(follow_symlinks=False).st_mtime > limit:
                continue
            if found.group(1) is not None and _running(int(found.group(1))):
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


# Reports: the same rules, plus plain writes to streams.


@dataclass(frozen=True, slots=True)
class Target:
    """Where a report goes: replaced atomically at ``path``, or appended to it (a stream)."""

    path: Path
    stream: bool


def _descriptor_link(path: Path) -> bool:
    """Whether ``path`` leads through ``/proc/*/fd`` (``/dev/stdout``, ``/dev/fd/1``): a name
    for a descriptor the shell opened, which must be written, not replaced."""
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on a chain of links
        folder = os.path.realpath(os.path.dirname(current))
        current = os.path.join(folder, os.path.basename(current))
        if current.startswith("/proc/"):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.join(folder, os.readlink(current))
    return False


def _inside(path: str, root: Path) -> bool:
    return Path(path).is_relative_to(root.resolve())


def report_target(path: Path, root: Path) -> Target:
    """Where a report named ``path`` may be written, or an ``InputError`` saying why not.

    A regular file or nothing: replaced atomically. A FIFO or character device, or a
    descriptor link: a stream. A symlink leading inside ``root`` (the project): its target,
    by the same rules; one leading outside: refused. Anything else: refused.
    """
    label = path.as_posix()
    found = _lstat(path)
    if found is not None and stat.S_ISLNK(found.st_mode):
        if _descriptor_link(path):
            return Target(path, stream=True)
        real = os.path.realpath(path)
        if not _inside(real, root):
            raise InputError(
                label,
                f"is a symlink leading outside the project ({real}); name that file itself",
            )
        found, path = _lstat(Path(real)), Path(real)
    if found is None or stat.S_ISREG(found.st_mode):
        _check_replaceable(path, label, force=False, hint=READ_ONLY_HINT)
        return Target(path, stream=False)
    if stat.S_ISFIFO(found.st_mode) or stat.S_ISCHR(found.st_mode):
        return Target(path, stream=True)
    raise _not_regular(label, found.st_mode, "; refusing to replace it")


def write_report(path: Path, text: str, root: Path) -> None:
    """Write a report to ``path`` under the rules of ``report_target``."""
    target = report_target(path, root)
    if not target.stream:
        write_atomic(target.path, text, label=path.as_posix())
        return
    _append(target.path, text, path.as_posix())


def _append(path: Path, text: str, label: str) -> None:
    """Write ``text`` to a stream: opened without creating or truncating anything (a device
    stays a device), non-blocking so that a FIFO with no reader is an error, not a hang."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a FIFO nobody reads
            raise InputError(label, "is a FIFO with no reader; nothing was written") from error
        raise InputError(label, f"cannot write the file: {error.strerror or error}") from error
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISREG(mode)):
            raise _not_regular(label, mode)
        os.set_blocking(fd, True)
        data = text.encode("utf-8", "backslashreplace")
        while data:
            data = data[os.write(fd, data) :]
    except OSError as error:
        raise InputError(label, f"cannot write the file: {error.strerror or error}") from error
    finally:
        os.close(fd)
