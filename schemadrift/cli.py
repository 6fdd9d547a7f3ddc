"""The command line: parse options, build the parts, run, map the result to an exit code.

This module holds no logic of its own (``pipeline.py`` does the work) and is the one error
boundary: ``SchemadriftError`` → message on stderr, exit 2; ``KeyboardInterrupt`` → 130; any
other exception → traceback plus "this is a bug", exit 3. Nothing below it calls ``sys.exit``.
Stdout is written only once a run has completed, so on 2 and 3 it stays empty.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click

from schemadrift import __version__

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
FORMATS = ("text", "json", "markdown", "github", "sarif", "junit")


def _common(func: F) -> F:
    """Options every reporting command shares."""
    options = [
        click.option("--dialect", "dialects", multiple=True, help="Target dialect (repeatable)."),
        click.option(
            "--fail-on",
            type=click.Choice(["error", "warning", "info", "never"]),
            default=None,
            help="Lowest severity that fails the run (default: error).",
        ),
        click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Report format."),
        click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                      help="Write the report to this file (atomically) instead of stdout."),
        click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
                      help="Configuration file (default: [tool.schemadrift] in pyproject.toml or schemadrift.yaml)."),
        click.option("-q", "--quiet", count=True, help="Less detail."),
        click.option("-v", "--verbose", count=True, help="More detail."),
        click.option("--preview", is_flag=True, default=False, help="Also run preview rules."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _config(
    config_path: Path | None,
    dialects: Sequence[str],
    fail_on: str | None,
    fmt: str | None,
    output: Path | None,
    preview: bool,
    consumers: Sequence[str] = (),
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
    cfg = replace(cfg, **changes)
    check_dialects(cfg.dialects)
    for spec in cfg.sources:
        if spec.dialects:
            check_dialects(spec.dialects)
    return cfg


def _emit(cfg: Any, result: Any) -> int:
    from schemadrift.report import REPORTERS, renderer

    if cfg.format not in REPORTERS:
        from schemadrift.errors import UsageError

        raise UsageError(f"the {cfg.format!r} report format is not available in this version")
    text = renderer(cfg.format)(result)
    if cfg.output is not None:
        from schemadrift.snapshot import write_atomic

        write_atomic(cfg.output, text)
    else:
        click.echo(text, nl=False)
    code: int = result.exit_code
    return code


def _verbosity(quiet: int, verbose: int) -> int:
    return 1 + verbose - quiet


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="schemadrift", message="%(prog)s %(version)s")
def cli() -> None:
    """Keep LLM tool schemas from breaking: extract, lint per provider dialect, diff."""


@cli.command()
@click.argument("files", nargs=-1, required=True)
@_common
def lint(files: tuple[str, ...], dialects: tuple[str, ...], fail_on: str | None, fmt: str | None,
         output: Path | None, config_path: Path | None, quiet: int, verbose: int, preview: bool) -> int:
    """Lint tool-schema files (any known shape; - reads stdin)."""
    from schemadrift.pipeline import run_lint

    cfg = _config(config_path, dialects, fail_on, fmt, output, preview)
    result, extraction = run_lint(cfg, files, verbosity=_verbosity(quiet, verbose))
    if verbose:
        for label, shape in extraction.shapes:
            click.echo(f"{label}: read as {shape}", err=True)
        for label in extraction.skipped:
            click.echo(f"{label}: skipped (no known tool shape)", err=True)
    return _emit(cfg, result)


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option("--consumer", "consumers", multiple=True,
              type=click.Choice(["callers", "model", "implementation"]),
              help="Judge changes for this consumer (repeatable; default: all three).")
@_common
def diff(old: str, new: str, consumers: tuple[str, ...], dialects: tuple[str, ...], fail_on: str | None,
         fmt: str | None, output: Path | None, config_path: Path | None, quiet: int, verbose: int,
         preview: bool) -> int:
    """Diff two tool sets: files, directories, snapshots or REF:path."""
    from schemadrift.pipeline import run_diff

    cfg = _config(config_path, dialects, fail_on, fmt, output, preview, consumers)
    return _emit(cfg, run_diff(cfg, old, new, verbosity=_verbosity(quiet, verbose)))


@cli.command()
@click.option("--against", default=None, help="Read the baseline snapshot from this git ref.")
@click.option("--consumer", "consumers", multiple=True,
              type=click.Choice(["callers", "model", "implementation"]),
              help="Judge changes for this consumer (repeatable; default: all three).")
@_common
def check(against: str | None, consumers: tuple[str, ...], dialects: tuple[str, ...], fail_on: str | None,
          fmt: str | None, output: Path | None, config_path: Path | None, quiet: int, verbose: int,
          preview: bool) -> int:
    """Extract the tools, lint them and diff them against the baseline."""
    from schemadrift.pipeline import run_check

    cfg = _config(config_path, dialects, fail_on, fmt, output, preview, consumers)
    result = run_check(cfg, against=against, verbosity=_verbosity(quiet, verbose),
                       cli_dialects=bool(dialects))
    return _emit(cfg, result)


@cli.command()
@click.option("--allow-empty", is_flag=True, help="Allow replacing a baseline with an empty tool list.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None)
@click.option("-q", "--quiet", count=True)
def snapshot(allow_empty: bool, config_path: Path | None, quiet: int) -> int:
    """Extract the tools and write the baseline snapshot (atomically)."""
    from schemadrift.pipeline import run_snapshot

    cfg = _config(config_path, (), None, None, None, False)
    written, label = run_snapshot(cfg, allow_empty=allow_empty, cli_dialects=False)
    if not quiet:
        count = len(written.tools)
        click.echo(f"wrote {count} tool{'s' if count != 1 else ''} to {label}")
    return 0


@cli.command("report-schema")
def report_schema() -> int:
    """Print the JSON Schema of the JSON report (the public contract)."""
    from importlib import resources

    click.echo(resources.files("schemadrift").joinpath("data/report.schema.json").read_text("utf-8"), nl=False)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (the one error boundary)."""
    from schemadrift.errors import SchemadriftError

    try:
        result = cli.main(args=list(argv) if argv is not None else None,
                          prog_name="schemadrift", standalone_mode=False)
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
    except BrokenPipeError:
        return 1
    except Exception:  # noqa: BLE001 - the one boundary that turns bugs into exit 3
        traceback.print_exc()
        click.echo(
            f"schemadrift {__version__}: this is a bug; please report it with the output above "
            "at https://github.com/schemadrift/schemadrift/issues",
            err=True,
        )
        return EXIT_INTERNAL
    return int(result) if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
