"""Configuration: found upward, validated against the shipped schema, resolved with defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemadrift import config
from schemadrift.errors import ConfigError


def project(tmp_path: Path, pyproject: str | None = None, yaml: str | None = None) -> Path:
    (tmp_path / ".git").mkdir()
    if pyproject is not None:
        (tmp_path / "pyproject.toml").write_text(pyproject)
    if yaml is not None:
        (tmp_path / "schemadrift.yaml").write_text(yaml)
    return tmp_path


def test_pyproject_table_is_found_from_a_subfolder(tmp_path: Path) -> None:
    """The nearest [tool.schemadrift] upward from the working folder configures the run."""
    root = project(
        tmp_path,
        '[tool.schemadrift]\ndialects = ["openai"]\nfail_on = "warning"\n'
        'sources = [{ files = "tools/*.json", dialects = ["gemini"] }]\n',
    )
    (root / "sub").mkdir()
    cfg = config.load(root / "sub")
    assert cfg.root == root.resolve() and cfg.dialects == ("openai",) and cfg.fail_on == "warning"
    assert cfg.snapshot == root.resolve() / "schemadrift.lock.json"
    assert [(s.kind, s.value, s.dialects) for s in cfg.sources] == [
        ("files", "tools/*.json", ("gemini",))
    ]


def test_yaml_configuration(tmp_path: Path) -> None:
    """schemadrift.yaml works like the pyproject table."""
    root = project(tmp_path, yaml="snapshot: baseline.json\nsources:\n  - mcp: [python, -m, app]\n")
    cfg = config.load(root)
    assert cfg.snapshot.name == "baseline.json" and cfg.sources[0].kind == "mcp"


def test_both_configurations_is_an_error(tmp_path: Path) -> None:
    """[tool.schemadrift] and schemadrift.yaml together are refused."""
    root = project(tmp_path, "[tool.schemadrift]\n", "dialects: [openai]\n")
    with pytest.raises(ConfigError, match="keep one"):
        config.load(root)


def test_unknown_key_names_the_nearest_known_key(tmp_path: Path) -> None:
    """A typo is an error that suggests the key the user meant."""
    root = project(tmp_path, '[tool.schemadrift]\ndialect = ["openai"]\n')
    with pytest.raises(ConfigError) as caught:
        config.load(root)
    assert "'dialect'" in str(caught.value) and "did you mean 'dialects'" in str(caught.value)
    assert caught.value.pointer == "tool.schemadrift.dialect"


def test_invalid_value_names_its_path(tmp_path: Path) -> None:
    """A wrong value is reported at its dotted path in the table."""
    root = project(tmp_path, '[tool.schemadrift]\nfail_on = "sometimes"\n')
    with pytest.raises(ConfigError) as caught:
        config.load(root)
    assert caught.value.pointer == "tool.schemadrift.fail_on"


def test_source_needs_exactly_one_kind(tmp_path: Path) -> None:
    """A source with two kinds is rejected with a sentence, not a schema dump."""
    root = project(
        tmp_path, '[tool.schemadrift]\nsources = [{ files = "a.json", python = "m:x" }]\n'
    )
    with pytest.raises(ConfigError, match="exactly one of files, python, command or mcp"):
        config.load(root)


def test_paths_outside_the_project_are_refused(tmp_path: Path) -> None:
    """A snapshot path or files pattern that leaves the project root is an error."""
    root = project(tmp_path, '[tool.schemadrift]\nsnapshot = "../elsewhere.json"\n')
    with pytest.raises(ConfigError, match="outside the project root"):
        config.load(root)
    (root / "pyproject.toml").write_text(
        '[tool.schemadrift]\nsources = [{ files = "../x/*.json" }]\n'
    )
    with pytest.raises(ConfigError, match="outside the project root"):
        config.load(root)


def test_no_configuration_gives_defaults(tmp_path: Path) -> None:
    """Without a configuration file the defaults apply and the folder is the root."""
    cfg = config.load(project(tmp_path))
    assert (
        cfg.path is None
        and cfg.fail_on == "error"
        and cfg.consumers == ("callers", "model", "implementation")
    )


@pytest.mark.parametrize(
    ("key", "guess"),
    [
        ("diff/property-removd", "diff/property-removed"),
        ("openai-strict/additional-properties", "openai-strict/additional-properties-false"),
        ("securty/*", "security/*"),
    ],
)
def test_a_rules_key_that_names_no_rule_is_refused(tmp_path: Path, key: str, guess: str) -> None:
    """A typo in `rules` would leave the rule as it was, silently: it is an error naming the
    key and the nearest rule, change kind or pack."""
    root = project(tmp_path, f'[tool.schemadrift.rules]\n"{key}" = "off"\n')
    with pytest.raises(ConfigError) as caught:
        config.load(root)
    message = str(caught.value)
    assert f"unknown rule {key!r}" in message and f"did you mean {guess!r}" in message
    assert f"tool.schemadrift.rules.{key}" in message


def test_rules_keys_for_rules_kinds_and_packs_are_accepted(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        '[tool.schemadrift.rules]\n"security/*" = "off"\n"diff/property-removed" = "warning"\n'
        '"openai-strict/format" = "info"\n',
    )
    assert dict(config.load(root).rules) == {
        "security/*": "off",
        "diff/property-removed": "warning",
        "openai-strict/format": "info",
    }
