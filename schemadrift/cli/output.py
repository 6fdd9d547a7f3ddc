"""Where a command's report goes: checked targets, ``--output`` files written atomically, and
a stdout whose failure is an error rather than a lost report."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click


def emit(cfg: Any, result: Any, also: Sequence[str] = ()) -> int:
    """Write the run's report (stdout or ``--output``) and its ``--also`` copies.

    Every target is checked before any is written (attack rows 4 and 10): none may be one of
    the project's own files, nor a file that is not a regular one (``writing.report_target``).
    """
    from schemadrift.report import REPORTERS, renderer

    if cfg.format not in REPORTERS:
        from schemadrift.errors import UsageError

        raise UsageError(f"the {cfg.format!r} report format is not available in this version")
    extra = check_targets(cfg, also)
    text = renderer(cfg.format)(result)
    files = [(path, renderer(fmt)(result)) for fmt, path in extra]
    if cfg.output is not None:
        files.append((cfg.output, text))
    if files:
        from schemadrift.writing import write_report

        for path, content in files:
            write_report(path, content, cfg.root)
    if cfg.output is None:
        to_stdout(text)
    code: int = result.exit_code
    return code


def check_targets(cfg: Any, also: Sequence[str] = ()) -> list[tuple[str, Path]]:
    """The ``--also`` reports, once every report target is known to be writable: none may be
    one of the project's own files, nor a file that is not a regular one. Commands call it
    before they start any work (a refused ``--output`` is known at once, not after every
    source ran) and ``emit`` again before writing (the files may have changed meanwhile)."""
    from schemadrift.report import REPORTERS

    extra = _also(also, tuple(REPORTERS))
    targets = [path for _, path in extra]
    if cfg.output is not None:
        targets.append(cfg.output)
    if targets:
        from schemadrift.project_files import refuse_claimed
        from schemadrift.writing import report_target

        for path in targets:
            refuse_claimed(cfg, path, "the report")
            report_target(path, cfg.root)
    return extra


def to_stdout(text: str) -> None:
    """Print the report; a stdout that is closed, full or gone is exit 2, never a run that
    passes with its report lost (a CI gate must not read silence as green)."""
    from schemadrift.errors import OutputError

    if sys.stdout is None:  # started with stdout closed (`>&-`)
        raise OutputError("standard output", "it is closed; write the report with --output FILE")
    try:
        click.echo(text, nl=False)
        sys.stdout.flush()
    except BrokenPipeError as error:
        # Nothing more can reach the reader; stop Python from flushing into the pipe at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise OutputError(
            "standard output", "the reader closed it before the report was written"
        ) from error
    except OSError as error:
        raise OutputError(
            "standard output", f"cannot write the report: {error.strerror or error}"
        ) from error


def _also(specs: Sequence[str], formats: Sequence[str]) -> list[tuple[str, Path]]:
    """``--also FORMAT=FILE`` values: more reports of the same run (one extraction, many files)."""
    from schemadrift.errors import UsageError

    out = []
    for spec in specs:
        fmt, sep, path = spec.partition("=")
        if not sep or not path or fmt not in formats:
            raise UsageError(
                f"--also {spec!r}: expected FORMAT=FILE with FORMAT one of {', '.join(sorted(formats))}"
            )
        out.append((fmt, Path(path)))
    return out


def emit_text(text: str, code: int, cfg: Any) -> int:
    """Print ``replay``'s report, or write it to ``cfg.output``, under the rules of ``emit``."""
    if cfg.output is not None:
        from schemadrift.writing import write_report

        check_targets(cfg)
        write_report(cfg.output, text, cfg.root)
    else:
        to_stdout(text)
    return code
