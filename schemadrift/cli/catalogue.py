"""The commands that print what schemadrift knows, with no project: ``rules``, ``explain``
and ``report-schema``."""

from __future__ import annotations

import click

from schemadrift.cli.options import group


@group.command("report-schema")
def report_schema() -> int:
    """Print the JSON Schema of the JSON report (the public contract)."""
    from importlib import resources

    click.echo(
        resources.files("schemadrift").joinpath("data/report.schema.json").read_text("utf-8"),
        nl=False,
    )
    return 0


@group.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules(fmt: str) -> int:
    """List every rule of the catalogue."""
    from schemadrift import catalog

    click.echo(catalog.render_rules(fmt), nl=False)
    return 0


@group.command()
@click.argument("rule_id")
def explain(rule_id: str) -> int:
    """Print the documentation of one rule."""
    from schemadrift import catalog

    click.echo(catalog.render_explain(rule_id), nl=False)
    return 0
