"""Where a finding can be pinned in the user's repository, for the formats that annotate files.

``Location.file`` is a path relative to the folder the run started from (the project root for
``check``) for tools read from files, but a source may also record ``module:attr`` or a command
line there. GitHub annotations and SARIF results must name a real file, relative to the root of
the repository: only values that look like a relative POSIX path are used as one, under the
run's ``repository_prefix`` (a project in a sub-folder of a monorepo).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from schemadrift.model import Location


def repository_prefix(base: Path) -> str:
    """``base`` relative to the root of the git work tree holding it (``""`` at the root, or
    outside any work tree): what turns a project-relative path into a repository-relative one.
    Read from the file system (the nearest ``.git`` entry above), with no git process."""
    here = base.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            prefix = here.relative_to(folder).as_posix()
            return "" if prefix == "." else prefix
    return ""


def repo_path(file: str | None) -> str | None:
    """``file`` when it is a repo-relative POSIX path, else ``None``."""
    if not file or file.startswith(("/", "<", "-")) or ":" in file or "\\" in file:
        return None
    if any(char.isspace() for char in file):
        # "command python -m app.dump" is a command line; a file name with a space in it loses
        # its annotation, which is the smaller harm than annotating a command as a file
        return None
    return file


def file_and_line(location: Location, prefix: str = "") -> tuple[str | None, int | None]:
    """The file (under ``prefix``) and line to annotate; no line without a file."""
    path = repo_path(location.file)
    if path is None:
        return None, None
    path = under(prefix, path)
    line = location.line if isinstance(location.line, int) and location.line >= 1 else None
    return path, line


def baseline_file(baseline: str | None, prefix: str = "") -> str | None:
    """The snapshot file of the run's baseline (``origin/main:schemadrift.lock.json`` → the path),
    under ``prefix``."""
    if not baseline:
        return None
    if ":" in baseline:
        baseline = baseline.rsplit(":", 1)[1]
    path = repo_path(baseline)
    return None if path is None else under(prefix, path)


def under(prefix: str, path: str) -> str:
    """``path`` relative to the repository root, ``prefix`` being where the run started."""
    return posixpath.normpath(f"{prefix}/{path}") if prefix else path
