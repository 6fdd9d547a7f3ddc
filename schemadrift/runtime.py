"""How a command runs, apart from what it does: the process-wide settings of a CLI run and
the one error boundary.

``cli.main`` parses, builds and runs a command; everything here is the policy around that
run, kept in one place so the command line reads as parse → build → run → exit:

- ``settings`` holds the process state a run changes and gives it back: the cyclic garbage
  collector and the standard streams' error handler.
- ``exit_code`` runs the command on a deep stack and turns whatever it ends with into the
  exit code: ``SchemadriftError`` → its message on stderr and its code (2); ``KeyboardInterrupt``
  → 130; any other exception → traceback plus "this is a bug", exit 3. Nothing below it calls
  ``sys.exit``; stdout is written only once a run has completed, so on 2 and 3 it stays empty.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from schemadrift import __version__

EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

_EXIT_FREEZE: list[bool] = []  # holds True once the exit-time freeze is registered


@contextmanager
def settings(*, in_process: bool) -> Iterator[None]:
    """The process settings of one run, restored after it (the pytest plugin and the tests
    run many commands in one process: ``in_process``).

    The cyclic collector is off for the run. A run allocates millions of containers (nodes,
    hits, findings, the inputs' own dicts) that nearly all live until it ends and make few
    reference cycles, so the collector would examine each for nothing; reference counting
    still frees everything else. It still pays (2026-12-06, ``lint --no-cache --jobs 1
    --dialect openai`` on ``benchmarks/toolgen.py`` files, best run): 1,000 tools 0.408 s
    with it, 0.447 s without (9% saved); 10,000 tools 2.4 s, 3.3 s. Run as a program, the
    interpreter would also run full collections at exit over every record still alive;
    freezing them when the exit handlers run skips that.
    """
    collecting = gc.isenabled()
    gc.disable()
    if not in_process and not _EXIT_FREEZE:
        import atexit

        atexit.register(gc.freeze)
        _EXIT_FREEZE.append(True)
    escaping = _escape_surrogates()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
        for stream, errors in escaping:
            stream.reconfigure(errors=errors)


def _escape_surrogates() -> list[tuple[Any, str]]:
    """Make stdout and stderr write what their encoding cannot hold as a backslash escape,
    for the run. JSON lets a string hold a lone surrogate (``"\\ud800"``), which then reaches
    every report and message naming it: written strictly (or with ``surrogateescape``, which
    takes only some) it would end the run with a traceback; escaped, it reads as the JSON
    escape it came from. Returns each changed stream with the setting to restore."""
    changed = []
    for stream in (sys.stdout, sys.stderr):
        errors = getattr(stream, "errors", None)
        if isinstance(errors, str) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
            changed.append((stream, errors))
    return changed


def exit_code(command: Callable[[], object]) -> int:
    """Run ``command`` (a click command line in non-standalone mode) and return its exit code:
    the one error boundary.

    It runs on a deep stack from the start: input nested thousands of levels (up to
    ``parsing.MAX_DEPTH``, refused past it before parsing) is read and judged once, by the
    same run; no source runs twice. The thread costs ~0.1 ms (its stack is virtual memory,
    touched only as deep as a run goes).
    """
    from schemadrift.errors import SchemadriftError
    from schemadrift.schema.stack import call_deep

    try:
        result = call_deep(command)
    except SchemadriftError as error:
        click.echo(f"schemadrift: error: {error}", err=True)
        return error.exit_code
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return 2
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("schemadrift: interrupted", err=True)
        return EXIT_INTERRUPTED
    except Exception:  # noqa: BLE001 - the one boundary that turns bugs into exit 3
        return _bug()
    return int(result) if isinstance(result, int) else 0


def _bug() -> int:
    """Exit 3: print the traceback of the exception being handled and ask for a report."""
    import traceback  # only on a bug: it costs ~5 ms of start-up (linecache, tokenize)

    traceback.print_exc()
    click.echo(
        f"schemadrift {__version__}: this is a bug; please report it with the output above "
        "at https://github.com/schemadrift/schemadrift/issues",
        err=True,
    )
    return EXIT_INTERNAL
