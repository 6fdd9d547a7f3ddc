"""The program's entry point: ``python -m schemadrift`` and the ``schemadrift`` console script
(``schemadrift.__main__:main``).

It imports nothing (``sys`` is built in) before it can catch Ctrl-C:
a SIGINT while click and ``schemadrift.cli`` are being imported (the first ~0.1 s of a run)
is exit 130 with "interrupted" on stderr, like one during the run, instead of a traceback and
the death by signal Python then re-raises (attack row 24). Once the run has returned, SIGINT
is ignored, so the exit cannot be turned into a traceback either; an interrupted run exits at
once, without finalizing the interpreter under the command's thread. A SIGINT earlier still,
while the interpreter itself starts (``site``: "Fatal Python error: init_import_site"), comes
before any of schemadrift's code and stays outside its control.
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130


def main() -> int:
    """Run the CLI; Ctrl-C at any point from here on is exit 130, said on stderr, unless the
    run had already decided its exit code (then that code stands)."""
    code: int | None = None
    try:
        import signal  # inside the try: a Ctrl-C while it loads is an interruption like any

        try:
            from schemadrift.cli import main as run

            code = run()
        finally:
            # The exit code is decided (or the run was interrupted): a Ctrl-C from now on
            # would only replace it with a traceback.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
    except KeyboardInterrupt:
        if code is None:  # the run did not finish; one that did keeps its code
            sys.stderr.write("schemadrift: interrupted\n")
            code = EXIT_INTERRUPTED
    if code == EXIT_INTERRUPTED:
        _exit_now(code)
    return code


def _exit_now(code: int) -> None:
    """Exit at once after Ctrl-C: the command's thread may still be inside a blocking call
    (waiting for a source's process), and finalizing the interpreter under a running thread
    can crash it (a SIGSEGV was seen). Streams are flushed; the sources' processes die with
    this one (PR_SET_PDEATHSIG) and no file is half-written (writes are atomic)."""
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
