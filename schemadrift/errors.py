"""The errors that mean "the run could not be done" (exit 2).

Every subclass is a record whose fields say where the problem is (not ``frozen``: Python
must be able to set ``__traceback__`` on an exception as it propagates); ``str()`` renders one
message that names the file, tool and JSON pointer where there is one and ends with the remedy.
The one error boundary in ``cli.py`` turns them into a message on stderr and exit code 2.
"""

from __future__ import annotations

from dataclasses import dataclass


class SchemadriftError(Exception):
    """A problem with the user's input, configuration or environment: exit code 2."""

    exit_code = 2

    def __str__(self) -> str:
        return self.render()

    def render(self) -> str:
        return super().__str__()


def _where(file: str | None, tool: str | None, pointer: str | None) -> str:
    parts = []
    if file:
        parts.append(file)
    if tool:
        parts.append(f"tool {tool!r}")
    if pointer:
        parts.append(f"at {pointer}")
    return ", ".join(parts)


@dataclass
class InputError(SchemadriftError):
    """Tool input that cannot be read or understood."""

    file: str | None
    message: str
    tool: str | None = None
    pointer: str | None = None

    def render(self) -> str:
        where = _where(self.file, self.tool, self.pointer)
        return f"{where}: {self.message}" if where else self.message


@dataclass
class ConfigError(SchemadriftError):
    """A configuration file or option that is invalid."""

    path: str | None
    message: str
    pointer: str | None = None

    def render(self) -> str:
        where = _where(self.path, None, self.pointer)
        return f"{where}: {self.message}" if where else self.message


@dataclass
class SnapshotFormatError(SchemadriftError):
    """A snapshot written by a newer schemadrift, or one that is not a snapshot at all."""

    path: str
    found: object
    supported: int

    def render(self) -> str:
        return (
            f"{self.path}: snapshot format_version {self.found!r} is newer than this schemadrift "
            f"supports ({self.supported}); upgrade schemadrift (pip install -U schemadrift-llm)"
        )


@dataclass
class GitRefError(SchemadriftError):
    """A baseline that cannot be read from git."""

    ref: str
    path: str
    message: str

    def render(self) -> str:
        if not self.ref and not self.path:
            return f"git: {self.message}"
        return f"git {self.ref}:{self.path}: {self.message}"


@dataclass
class AdapterLoadError(SchemadriftError):
    """A framework adapter that cannot be imported or that fails while generating schemas."""

    source: str
    message: str
    tool: str | None = None

    def render(self) -> str:
        where = _where(self.source, self.tool, None)
        return f"{where}: {self.message}"


@dataclass
class OutputError(SchemadriftError):
    """A report or file schemadrift cannot write (a full disk, a closed or broken stdout)."""

    target: str
    message: str

    def render(self) -> str:
        return f"{self.target}: {self.message}"


@dataclass
class UsageError(SchemadriftError):
    """Options that contradict each other or name something unknown."""

    message: str

    def render(self) -> str:
        return self.message
