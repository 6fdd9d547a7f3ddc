"""The command line: parse options, build the parts, run, map the result to an exit code.

This module holds no logic of its own (``pipeline.py`` does the work) and is the one error
boundary: ``SchemadriftError`` → message on stderr, exit 2; ``KeyboardInterrupt`` → 130; any
other exception → traceback plus "this is a bug", exit 3. Nothing below it calls ``sys.exit``.
Stdout is written only once a run has completed, so on 2 and 3 it stays empty.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import click

from schemadrift import __version__

EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
FORMATS = ("text", "json", "markdown", "github", "sarif", "junit")


_OPTIONS = [
    click.option("--dialect", "dialects", multiple=True, help="Target dialect (repeatable)."),
    click.option(
        "--fail-on",
        type=click.Choice(["error", "warning", "info", "never"]),
        default=None,
        help="Lowest severity that fails the run (default: error).",
    ),
    click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default=None, help="Report format."
    ),
    click.option(
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write the report to this file (atomically) instead of stdout.",
    ),
    click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path),
        default=None,
        help="Configuration file (default: [tool.schemadrift] in pyproject.toml or schemadrift.yaml).",
    ),
    click.option("-q", "--quiet", count=True, help="Less detail."),
    click.option("-v", "--verbose", count=True, help="More detail."),
    click.option("--preview", is_flag=True, default=False, help="Also run preview rules."),
    click.option(
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help="Processes judging a large tool set (default: the CPUs available, at most 4).",
    ),
    click.option(
        "--no-cache",
        is_flag=True,
        default=False,
        help="Judge every tool again instead of reusing the results of earlier runs.",
    ),
    click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Folder of the results cache (default: $SCHEMADRIFT_CACHE_DIR, else ~/.cache/schemadrift).",
    ),
]


@dataclass(frozen=True)
class Options:
    """The options every reporting command shares, as ``_common`` hands them to it."""

    dialects: tuple[str, ...]
    fail_on: str | None
    fmt: str | None
    output: Path | None
    config_path: Path | None
    quiet: int
    verbose: int
    preview: bool
    jobs: int | None
    no_cache: bool
    cache_dir: Path | None

    @property
    def verbosity(self) -> int:
        return 1 + self.verbose - self.quiet

    def config(self, consumers: Sequence[str] = ()) -> Any:
        """The run's configuration: the project's, with these options over it."""
        return _config(
            self.config_path,
            self.dialects,
            self.fail_on,
            self.fmt,
            self.output,
            self.preview,
            consumers,
            self.jobs,
            self.cache,
        )

    @property
    def cache(self) -> Path | None:
        """The results cache's folder, ``None`` with ``--no-cache``."""
        if self.no_cache:
            return None
        if self.cache_dir is not None:
            return self.cache_dir
        from schemadrift.cache import default_directory

        return default_directory()


_OPTION_NAMES = tuple(field.name for field in fields(Options))


def _common(func: Callable[..., int]) -> Callable[..., int]:
    """Add the shared options to a command, which receives them as one ``Options`` first."""

    @functools.wraps(func)
    def command(**params: Any) -> int:
        options = Options(**{name: params.pop(name) for name in _OPTION_NAMES})
        return func(options, **params)

    for option in reversed(_OPTIONS):
        command = option(command)
    return command


_CONSUMER = click.option(
    "--consumer",
    "consumers",
    multiple=True,
    type=click.Choice(["callers", "model", "implementation"]),
    help="Judge changes for this consumer (repeatable; default: all three).",
)


def _config(
    config_path: Path | None,
    dialects: Sequence[str],
    fail_on: str | None,
    fmt: str | None,
    output: Path | None,
    preview: bool,
    consumers: Sequence[str] = (),
    jobs: int | None = None,
    cache: Path | None = None,
) -> Any:
    from schemadrift import config as config_module
    from schemadrift.pipeline import check_dialects

    cfg = config_module.load(Path.cwd(), config_path)
    changes: dict[str, Any] = {}
    if dialects:
        changes["dialects"] = tuple(dialects)
    if fail_on:
        changes["fail_on"] = fail_on
    if fmt:
        changes["format"] = fmt
    if output:
        changes["output"] = output
    if preview:
        changes["preview"] = True
    if consumers:
        changes["consumers"] = tuple(consumers)
    if jobs:
        changes["jobs"] = jobs
    if cache is not None:
        changes["cache"] = cache.absolute()
    cfg = replace(cfg, **changes)
    check_dialects(cfg.dialects)
    for spec in cfg.sources:
        if spec.dialects:
            check_dialects(spec.dialects)
    return cfg


def _emit(cfg: Any, result: Any, also: Sequence[str] = ()) -> int:
    """Write the run's report (stdout or ``--output``) and its ``--also`` copies.

    Every target is checked before any is written (attack rows 4 and 10): none may be one of
    the project's own files, nor a file that is not a regular one (``writing.report_target``).
    """
    from schemadrift.report import REPORTERS, renderer

    if cfg.format not in REPORTERS:
        from schemadrift.errors import UsageError

        raise UsageError(f"the {cfg.format!r} report format is not available in this version")
    extra = _check_targets(cfg, also)
    text = renderer(cfg.format)(result)
    files = [(path, renderer(fmt)(result)) for fmt, path in extra]
    if cfg.output is not None:
        files.append((cfg.output, text))
    if files:
        from schemadrift.writing import write_report

        for path, content in files:
            write_report(path, content, cfg.root)
    if cfg.output is None:
        _to_stdout(text)
    code: int = result.exit_code
    return code


def _check_targets(cfg: Any, also: Sequence[str] = ()) -> list[tuple[str, Path]]:
    """The ``--also`` reports, once every report target is known to be writable: none may be
    one of the project's own files, nor a file that is not a regular one. Commands call it
    before they start any work (a refused ``--output`` is known at once, not after every
    source ran) and ``_emit`` again before writing (the files may have changed meanwhile)."""
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


def _to_stdout(text: str) -> None:
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="schemadrift", message="%(prog)s %(version)s")
def cli() -> None:
    """Keep LLM tool schemas from breaking: extract, lint per provider dialect, diff."""


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--skip-unknown",
    is_flag=True,
    default=False,
    help="Skip files with no known tool shape (the pre-commit hook passes every matching file).",
)
@click.option(
    "--toolset",
    type=click.Choice(["file", "together"]),
    default=None,
    help="Each file is one request (file, the default) or all are sent together (together): "
    "duplicate names and tool counts are judged per request.",
)
@_common
def lint(options: Options, files: tuple[str, ...], skip_unknown: bool, toolset: str | None) -> int:
    """Lint tool-schema files (any known shape; - reads stdin)."""
    from schemadrift.pipeline import run_lint

    cfg = options.config()
    if toolset is not None:
        cfg = replace(cfg, toolset=toolset)
    _check_targets(cfg)
    result, extraction = run_lint(
        cfg, files, verbosity=options.verbosity, skip_unknown=skip_unknown
    )
    if options.verbose:
        for label, shape in extraction.shapes:
            click.echo(f"{label}: read as {shape}", err=True)
        for label in extraction.skipped:
            click.echo(f"{label}: skipped (no known tool shape)", err=True)
    return _emit(cfg, result)


@cli.command()
@click.argument("old")
@click.argument("new")
@_CONSUMER
@_common
def diff(options: Options, old: str, new: str, consumers: tuple[str, ...]) -> int:
    """Diff two tool sets: files, directories, snapshots or REF:path."""
    from schemadrift.pipeline import run_diff

    cfg = options.config(consumers)
    _check_targets(cfg)
    return _emit(cfg, run_diff(cfg, old, new, verbosity=options.verbosity))


@cli.command()
@click.option("--against", default=None, help="Read the baseline snapshot from this git ref.")
@click.option(
    "--also",
    "also",
    multiple=True,
    metavar="FORMAT=FILE",
    help="Also write the report in FORMAT to FILE (repeatable; e.g. sarif=out.sarif).",
)
@_CONSUMER
@_common
def check(
    options: Options, against: str | None, also: tuple[str, ...], consumers: tuple[str, ...]
) -> int:
    """Extract the tools, lint them and diff them against the baseline."""
    from schemadrift.pipeline import run_check

    cfg = options.config(consumers)
    _check_targets(cfg, also)
    result = run_check(
        cfg, against=against, verbosity=options.verbosity, cli_dialects=bool(options.dialects)
    )
    return _emit(cfg, result, also)


@cli.command()
@click.option(
    "--allow-empty", is_flag=True, help="Allow replacing a baseline with an empty tool list."
)
@click.option("--force", is_flag=True, help="Replace the baseline even when its file is read-only.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None)
@click.option("-q", "--quiet", count=True)
def snapshot(allow_empty: bool, force: bool, config_path: Path | None, quiet: int) -> int:
    """Extract the tools and write the baseline snapshot (atomically)."""
    from schemadrift.pipeline import run_snapshot

    cfg = _config(config_path, (), None, None, None, False)
    written, label = run_snapshot(cfg, allow_empty=allow_empty, cli_dialects=False, force=force)
    if not quiet:
        count = len(written.tools)
        click.echo(f"wrote {count} tool{'s' if count != 1 else ''} to {label}")
    return 0


@cli.command("upgrade-check")
@click.argument("requirement", metavar="PKG==VERSION")
@click.option(
    "--keep-env",
    is_flag=True,
    default=False,
    help="Keep the throw-away environment (for debugging).",
)
@click.option("--index-url", default=None, help="Passed to pip install (or uv pip install).")
@click.option(
    "--find-links", multiple=True, help="Passed to pip install (or uv pip install; repeatable)."
)
@click.option(
    "--no-index", is_flag=True, default=False, help="Passed to pip install (or uv pip install)."
)
@click.option("--against", default=None, help="Read the baseline snapshot from this git ref.")
@_CONSUMER
@_common
def upgrade_check(
    options: Options,
    requirement: str,
    keep_env: bool,
    index_url: str | None,
    find_links: tuple[str, ...],
    no_index: bool,
    against: str | None,
    consumers: tuple[str, ...],
) -> int:
    """Try a dependency bump in a throw-away environment and report what `check` will say
    after it: the tools extracted there, judged against the baseline as `check` judges them."""
    from schemadrift import upgrade

    cfg = options.config(consumers)
    _check_targets(cfg)
    pip = upgrade.PipOptions(index_url=index_url, find_links=find_links, no_index=no_index)
    result, note = upgrade.run(
        cfg,
        requirement,
        pip,
        keep_env=keep_env,
        verbosity=options.verbosity,
        config_path=options.config_path,
        cli_dialects=bool(options.dialects),
        against=against,
    )
    if options.quiet <= 0 or keep_env:
        click.echo(note, err=True)
    return _emit(cfg, result)


@cli.command()
@click.argument("calls")
@click.option(
    "--tools",
    "tools_spec",
    default=None,
    help="Validate against the tools in this file, directory or snapshot (default: the current "
    "tools, extracted from the configured sources).",
)
@click.option(
    "--baseline",
    "use_baseline",
    is_flag=True,
    default=False,
    help="Validate against the baseline snapshot (the tools as last reviewed) instead of the "
    "current tools.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Report format."
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to this file (atomically) instead of stdout.",
)
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None)
def replay(
    calls: str,
    tools_spec: str | None,
    use_baseline: bool,
    fmt: str,
    output: Path | None,
    config_path: Path | None,
) -> int:
    """Validate recorded tool calls (JSON Lines) against the current tools (extracted from the
    configured sources, as `check` does), the baseline (--baseline) or a file (--tools); the
    summary names which. Exit 1 when a call is rejected."""
    from schemadrift import replay as replay_module

    # The report goes to --output or stdout, never to the configuration's `output`.
    cfg = replace(_config(config_path, (), None, None, None, False), output=output)
    _check_targets(cfg)
    text, code = replay_module.run(calls, tools_spec, fmt, cfg, baseline=use_baseline)
    return _write(text, code, cfg)


def _write(text: str, code: int, cfg: Any) -> int:
    """Print ``replay``'s report, or write it to ``cfg.output``, under the rules of ``_emit``."""
    if cfg.output is not None:
        from schemadrift.writing import write_report

        _check_targets(cfg)
        write_report(cfg.output, text, cfg.root)
    else:
        _to_stdout(text)
    return code


@cli.command()
@click.argument("fingerprints", nargs=-1)
@click.option(
    "--all",
    "adopt_all",
    is_flag=True,
    help="Acknowledge every current finding of `check` (adopting schemadrift on an existing project).",
)
@click.option(
    "--reason", required=True, help="Why the finding is accepted (kept in the acks file)."
)
@click.option(
    "--expires", default=None, metavar="YYYY-MM-DD", help="After this date the finding fails again."
)
@click.option("--against", default=None, help="Read the baseline snapshot from this git ref.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None)
@click.option("-q", "--quiet", count=True)
def ack(
    fingerprints: tuple[str, ...],
    adopt_all: bool,
    reason: str,
    expires: str | None,
    against: str | None,
    config_path: Path | None,
    quiet: int,
) -> int:
    """Acknowledge findings of `check` by fingerprint in schemadrift.acks.toml."""
    from schemadrift.pipeline import run_ack

    cfg = _config(config_path, (), None, None, None, False)
    written, label = run_ack(
        cfg, fingerprints, adopt_all=adopt_all, reason=reason, expires=expires, against=against
    )
    if not quiet:
        click.echo(f"acknowledged {written} finding{'s' if written != 1 else ''} in {label}")
    return 0


@cli.command("report-schema")
def report_schema() -> int:
    """Print the JSON Schema of the JSON report (the public contract)."""
    from importlib import resources

    click.echo(
        resources.files("schemadrift").joinpath("data/report.schema.json").read_text("utf-8"),
        nl=False,
    )
    return 0


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules(fmt: str) -> int:
    """List every rule of the catalogue."""
    from schemadrift import catalog

    click.echo(catalog.render_rules(fmt), nl=False)
    return 0


@cli.command()
@click.argument("rule_id")
def explain(rule_id: str) -> int:
    """Print the documentation of one rule."""
    from schemadrift import catalog

    click.echo(catalog.render_explain(rule_id), nl=False)
    return 0


_EXIT_FREEZE: list[bool] = []  # holds True once the exit-time freeze is registered


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (the one error boundary)."""
    import gc

    # A run allocates millions of containers (nodes, hits, findings, the inputs' own dicts)
    # that nearly all live until it ends, and makes few reference cycles: the cyclic collector
    # would examine each at least once for nothing (~7% of a 10,000-tool `check`, at any
    # threshold). It is off for the run, and the caller's state is restored (the pytest plugin
    # and tests call `main` in-process); reference counting still frees everything else.
    collecting = gc.isenabled()
    gc.disable()
    if argv is None and not _EXIT_FREEZE:
        # Run as a program (its own command line): at exit the interpreter would run full
        # collections over every record still alive (the rules' memos hold the schemas),
        # ~50 ms of a 1,000-tool `check` spent finding no garbage. Freezing them first, when
        # the exit handlers run, skips that; in-process callers (argv given) are unaffected.
        import atexit

        atexit.register(gc.freeze)
        _EXIT_FREEZE.append(True)
    escaping = _escape_surrogates()
    try:
        return _main(argv)
    finally:
        if collecting:
            gc.enable()
        for stream, errors in escaping:
            stream.reconfigure(errors=errors)
        if argv is not None:
            # In-process callers run many commands in one process: each run's memos go with
            # it (a program exits instead, and freeing them would only cost time).
            _clear_memos()


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


def _clear_memos() -> None:
    memo = sys.modules.get("schemadrift.memo")  # not imported: nothing was memoised
    if memo is not None:
        memo.clear()


def _main(argv: Sequence[str] | None) -> int:
    from schemadrift.errors import SchemadriftError
    from schemadrift.schema.stack import call_deep

    try:
        # On a deep stack from the start: input nested thousands of levels (up to
        # parsing.MAX_DEPTH, refused past it before parsing) is read and judged once, by the
        # same run; no source runs twice. The thread costs ~0.1 ms (its stack is virtual
        # memory, touched only as deep as a run goes).
        result: object = call_deep(
            functools.partial(
                cli.main,
                args=list(argv) if argv is not None else None,
                prog_name="schemadrift",
                standalone_mode=False,
            )
        )
    except SchemadriftError as error:
        click.echo(f"schemadrift: error: {error}", err=True)
        return error.exit_code
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return 2
    except click.exceptions.Abort:
        click.echo("schemadrift: interrupted", err=True)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        click.echo("schemadrift: interrupted", err=True)
        return EXIT_INTERRUPTED
    except Exception:  # noqa: BLE001 - the one boundary that turns bugs into exit 3
        return _bug()
    return int(result) if isinstance(result, int) else 0


def _bug() -> int:
    """Exit 3: print the traceback of the exception being handled and ask for a report."""
    traceback.print_exc()
    click.echo(
        f"schemadrift {__version__}: this is a bug; please report it with the output above "
        "at https://github.com/schemadrift/schemadrift/issues",
        err=True,
    )
    return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
