"""A project that pins `version` keeps its rules and levels across schemadrift upgrades."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from schemadrift import catalog, config, policy, registry
from schemadrift.errors import ConfigError
from schemadrift.model import Finding, Severity
from schemadrift.pipeline.lint import make_linter

REPO = Path(__file__).resolve().parents[2]
registry.load()


def relevelled(monkeypatch: pytest.MonkeyPatch) -> registry.Rule:
    """A copy of a real rule that ruleset 2 raised from warning to error."""
    base = registry.RULES["json-schema/unknown-draft"]
    rule = dataclasses.replace(
        base, severity=Severity.ERROR, levels=((1, Severity.WARNING), (2, Severity.ERROR))
    )
    monkeypatch.setitem(registry.RULES, rule.id, rule)
    return rule


def finding(rule_id: str, severity: Severity) -> Finding:
    return Finding(rule_id, severity, "t", "/input_schema", "m", "json-schema")


def test_pinned_version_keeps_the_old_level(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule re-levelled in ruleset 2 keeps its ruleset-1 level for a project pinned to 1."""
    rule = relevelled(monkeypatch)
    [pinned] = policy.apply_overrides([finding(rule.id, Severity.ERROR)], {}, version=1)
    [latest] = policy.apply_overrides([finding(rule.id, Severity.ERROR)], {}, version=None)
    assert (pinned.severity, latest.severity) == (Severity.WARNING, Severity.ERROR)


def test_pinned_version_does_not_gain_newer_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule added in a later ruleset does not run for a project pinned to an earlier one."""
    base = registry.RULES["json-schema/unknown-draft"]
    monkeypatch.setitem(registry.RULES, base.id, dataclasses.replace(base, since=2))
    cfg = config.Config(root=tmp_path, version=1)
    linter = make_linter(cfg)
    assert base.id not in {r.id for r in linter.rules("json-schema").tool_rules}
    linter = make_linter(dataclasses.replace(cfg, version=None))
    assert base.id in {r.id for r in linter.rules("json-schema").tool_rules}


def test_pin_newer_than_this_schemadrift_is_refused(tmp_path: Path) -> None:
    """Pinning a ruleset this schemadrift does not know says to upgrade."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.schemadrift]\nversion = {registry.RULESET_VERSION + 1}\n"
    )
    with pytest.raises(ConfigError, match="upgrade schemadrift"):
        config.load(tmp_path)


def test_changelog_records_every_rule() -> None:
    """CHANGELOG.md names every rule under the ruleset that added it, and every retired ID."""
    text = (REPO / "CHANGELOG.md").read_text("utf-8")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)
    by_version = {}
    for section in sections[1:]:
        match = re.match(r"Ruleset (\d+)", section)
        if match:
            by_version[int(match.group(1))] = section
    for rule in catalog.entries():  # lint rules and change kinds
        assert f"`{rule.id}`" in by_version.get(rule.since, ""), (
            f"{rule.id} missing from CHANGELOG.md"
        )
    for retired in registry.RETIRED_IDS:
        assert f"`{retired}`" in text
