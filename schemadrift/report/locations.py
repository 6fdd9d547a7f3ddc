"""Where a finding can be pinned in the user's repository, for the formats that annotate files.

``Location.file`` is a repo-relative path for tools read from files, but a source may also
record ``module:attr`` or a command line there. GitHub annotations and SARIF results must
name a real file, so only values that look like a relative POSIX path are used as one.
"""

from __future__ import annotations

from schemadrift.model import Location


def repo_path(file: str | None) -> str | None:
    """``file`` when it is a repo-relative POSIX path, else ``None``."""
    if not file or file.startswith(("/", "<", "-")) or ":" in file or "\\" in file:
        return None
    if any(char.isspace() for char in file):
        # "command python -m app.dump" is a command line; a file name with a space in it loses
        # its annotation, which is the smaller harm than annotating a command as a file
        return None
    return file


def file_and_line(location: Location) -> tuple[str | None, int | None]:
    """The file and line to annotate; no line without a file."""
    path = repo_path(location.file)
    if path is None:
        return None, None
    line = location.line if isinstance(location.line, int) and location.line >= 1 else None
    return path, line


def baseline_file(baseline: str | None) -> str | None:
    """The snapshot file of the run's baseline (``origin/main:schemadrift.lock.json`` → the path)."""
    if not baseline:
        return None
    if ":" in baseline:
        baseline = baseline.rsplit(":", 1)[1]
    return repo_path(baseline)
