"""The command line: parse the arguments, build the parts, run, exit with the run's code.

The commands are in this package by family (``reporting``, ``baseline``, ``catalogue``), the
shared options in ``options``; the work is in ``pipeline/``, the process policy around a run
(garbage collector, streams, deep stack, error boundary) in ``runtime.py``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from schemadrift import runtime
from schemadrift.cli import baseline, catalogue, reporting
from schemadrift.cli.options import group

COMMAND_MODULES = (baseline, catalogue, reporting)
"""Imported for their commands, which they register on ``group``."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (the process's own when ``None``) and return its exit code."""
    command = functools.partial(
        group.main,
        args=list(argv) if argv is not None else None,
        prog_name="schemadrift",
        standalone_mode=False,
    )
    with runtime.settings(in_process=argv is not None):
        return runtime.exit_code(command)
