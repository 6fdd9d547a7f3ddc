"""The commands that write the project's own files: ``snapshot`` (the baseline) and ``ack``
(the acks file)."""

from __future__ import annotations

from pathlib import Path

import click

from schemadrift.cli.options import group, load_config


@group.command()
@click.option(
    "--allow-empty", is_flag=True, help="Allow replacing a baseline with an empty tool list."
)
@click.option("--force", is_flag=True, help="Replace the baseline even when its file is read-only.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None)
@click.option("-q", "--quiet", count=True)
def snapshot(allow_empty: bool, force: bool, config_path: Path | None, quiet: int) -> int:
    """Extract the tools and write the baseline snapshot (atomically)."""
    from schemadrift.pipeline.baseline import run_snapshot

    cfg = load_config(config_path, (), None, None, None, False)
    written, label = run_snapshot(cfg, allow_empty=allow_empty, cli_dialects=False, force=force)
    if not quiet:
        count = len(written.tools)
        click.echo(f"wrote {count} tool{'s' if count != 1 else ''} to {label}")
    return 0


@group.command()
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
    from schemadrift.pipeline.baseline import run_ack

    cfg = load_config(config_path, (), None, None, None, False)
    written, label = run_ack(
        cfg, fingerprints, adopt_all=adopt_all, reason=reason, expires=expires, against=against
    )
    if not quiet:
        click.echo(f"acknowledged {written} finding{'s' if written != 1 else ''} in {label}")
    return 0
