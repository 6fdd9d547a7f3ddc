"""Lint tools against dialects: the one place that decides which rule runs on what.

Pure: takes ``Tool``s and dialect ids, returns sorted ``Finding``s. ``plan`` says what runs on
a tool (the judged dialects, their rules compiled into one pass per schema), ``linter`` runs
it and shares the work of a run (each distinct schema judged once, each unchanged tool once),
``gate`` says which schemas a provider's rules judge at all, ``records`` builds findings and
their cached form, ``cached``, ``toolsets`` and ``workers`` carry findings across runs,
requests and processes.
"""

from __future__ import annotations

from collections.abc import Sequence

from schemadrift.engine.keys import content_key
from schemadrift.engine.linter import Linter, LintResult
from schemadrift.engine.plan import ALWAYS_ON, dialects_for
from schemadrift.engine.records import acknowledged
from schemadrift.model import Finding, Tool

__all__ = [
    "ALWAYS_ON",
    "LintResult",
    "Linter",
    "acknowledged",
    "content_key",
    "dialects_for",
    "lint",
]


def lint(tools: Sequence[Tool], dialects: Sequence[str]) -> list[Finding]:
    """Lint with the default catalogue (stable rules); see ``Linter`` for options."""
    return Linter().lint(tools, dialects)
