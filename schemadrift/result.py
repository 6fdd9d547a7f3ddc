"""``RunResult``: everything a reporter may read about a finished run.

Reporters are pure functions of this record (STYLE §9.7); they never see sources, rules
objects or third-party types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from schemadrift.model import JSON, Finding, Location, Severity

MATRIX_ALL = 50  # a matrix lists every tool up to this many


@dataclass(frozen=True, slots=True)
class ToolSummary:
    """One tool of the run with its verdict per targeted dialect (pass / warn / known / fail),
    and per dialect the number of acknowledged errors (``known``: the provider rejects the
    tool, the project accepted that)."""

    name: str
    location: Location
    verdicts: Mapping[str, str] = field(default_factory=dict)
    known: Mapping[str, int] = field(default_factory=dict)
    causes: Mapping[str, str] = field(default_factory=dict)  # the rule behind a fail or warn


@dataclass(frozen=True, slots=True)
class StaleAck:
    fingerprint: str
    rule: str | None = None
    tool: str | None = None
    reason: str | None = None
    expires: str | None = None

    def to_json(self) -> dict[str, JSON]:
        return {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "tool": self.tool,
            "reason": self.reason,
            "expires": self.expires,
        }


@dataclass(frozen=True, slots=True)
class RunResult:
    command: str  # "check", "lint", "diff"
    findings: tuple[Finding, ...]
    tools: tuple[ToolSummary, ...]
    dialects: tuple[str, ...]
    fail_on: str
    exit_code: int
    stale_acks: tuple[StaleAck, ...] = ()
    baseline: str | None = None
    verbosity: int = 1
    # Where the run started, relative to the repository root ("" at the root): the formats
    # that annotate files (github, sarif) name them from the repository root.
    repository_prefix: str = ""

    def matrix_tools(self) -> tuple[list[ToolSummary], int]:
        """The tools a tool × dialect matrix lists, and how many it leaves out: every tool of a
        run of up to ``MATRIX_ALL`` tools; past that, only those some dialect does not pass
        (a 10,000-row table of passes says nothing one line does not, and GitHub cuts a job
        summary past 1 MiB)."""
        if len(self.tools) <= MATRIX_ALL:
            return list(self.tools), 0
        shown = [t for t in self.tools if any(v != "pass" for v in t.verdicts.values())]
        return shown, len(self.tools) - len(shown)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity and not f.acknowledged)

    @property
    def acknowledged(self) -> int:
        return sum(1 for f in self.findings if f.acknowledged)
