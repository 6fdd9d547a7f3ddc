"""The click group and what its commands share: the reporting options, parsed into one
``Options`` value, and the run's configuration built from them.

Commands live by family in ``reporting.py`` (lint, diff, check, upgrade-check, replay),
``baseline.py`` (snapshot, ack) and ``catalogue.py`` (rules, explain, report-schema); each module
registers its commands on ``group`` when ``cli/__init__.py`` imports it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import click

from schemadrift import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="schemadrift", message="%(prog)s %(version)s")
def group() -> None:
    """Keep LLM tool schemas from breaking: extract, lint per provider dialect, diff."""


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
    """The options every reporting command shares, as ``shared_options`` hands them to it."""

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
        return load_config(
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


def shared_options(func: Callable[..., int]) -> Callable[..., int]:
    """Add the shared options to a command, which receives them as one ``Options`` first."""

    @functools.wraps(func)
    def command(**params: Any) -> int:
        options = Options(**{name: params.pop(name) for name in _OPTION_NAMES})
        return func(options, **params)

    for option in reversed(_OPTIONS):
        command = option(command)
    return command


CONSUMER = click.option(
    "--consumer",
    "consumers",
    multiple=True,
    type=click.Choice(["callers", "model", "implementation"]),
    help="Judge changes for this consumer (repeatable; default: all three).",
)


def load_config(
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
    """The project's configuration with the command line's values over it; every dialect it
    names (at the top or on a source) is checked before any work."""
    from schemadrift import config as config_module
    from schemadrift.pipeline.extraction import check_dialects

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
