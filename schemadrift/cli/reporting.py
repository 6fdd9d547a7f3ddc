"""The commands that judge tools and report: ``lint``, ``diff``, ``check``, ``upgrade-check``
and ``replay``. Each builds its configuration, runs one pipeline function and writes the
report through ``output.py``; the work itself is in ``pipeline/``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from schemadrift.cli.options import CONSUMER, Options, group, load_config, shared_options
from schemadrift.cli.output import check_targets, emit, emit_text


@group.command()
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
@shared_options
def lint(options: Options, files: tuple[str, ...], skip_unknown: bool, toolset: str | None) -> int:
    """Lint tool-schema files (any known shape; - reads stdin)."""
    from schemadrift.pipeline.lint import run_lint

    cfg = options.config()
    if toolset is not None:
        cfg = replace(cfg, toolset=toolset)
    check_targets(cfg)
    result, extraction = run_lint(
        cfg, files, verbosity=options.verbosity, skip_unknown=skip_unknown
    )
    if options.verbose:
        for label, shape in extraction.shapes:
            click.echo(f"{label}: read as {shape}", err=True)
        for label in extraction.skipped:
            click.echo(f"{label}: skipped (no known tool shape)", err=True)
    return emit(cfg, result)


@group.command()
@click.argument("old")
@click.argument("new")
@CONSUMER
@shared_options
def diff(options: Options, old: str, new: str, consumers: tuple[str, ...]) -> int:
    """Diff two tool sets: files, directories, snapshots or REF:path."""
    from schemadrift.pipeline.check import run_diff

    cfg = options.config(consumers)
    check_targets(cfg)
    return emit(cfg, run_diff(cfg, old, new, verbosity=options.verbosity))


@group.command()
@click.option("--against", default=None, help="Read the baseline snapshot from this git ref.")
@click.option(
    "--also",
    "also",
    multiple=True,
    metavar="FORMAT=FILE",
    help="Also write the report in FORMAT to FILE (repeatable; e.g. sarif=out.sarif).",
)
@CONSUMER
@shared_options
def check(
    options: Options, against: str | None, also: tuple[str, ...], consumers: tuple[str, ...]
) -> int:
    """Extract the tools, lint them and diff them against the baseline."""
    from schemadrift.pipeline.check import run_check

    cfg = options.config(consumers)
    check_targets(cfg, also)
    result = run_check(
        cfg, against=against, verbosity=options.verbosity, cli_dialects=bool(options.dialects)
    )
    return emit(cfg, result, also)


@group.command("upgrade-check")
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
@CONSUMER
@shared_options
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
    from schemadrift.throwaway_env import PipOptions

    cfg = options.config(consumers)
    check_targets(cfg)
    pip = PipOptions(index_url=index_url, find_links=find_links, no_index=no_index)
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
    return emit(cfg, result)


@group.command()
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
    cfg = replace(load_config(config_path, (), None, None, None, False), output=output)
    check_targets(cfg)
    text, code = replay_module.run(calls, tools_spec, fmt, cfg, baseline=use_baseline)
    return emit_text(text, code, cfg)
