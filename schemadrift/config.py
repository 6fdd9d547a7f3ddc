"""Find, validate and resolve the configuration.

External shape (what users write: ``[tool.schemadrift]`` in pyproject.toml or
``schemadrift.yaml``) is validated against ``data/config.schema.json`` and then resolved into a
frozen ``Config``: paths made absolute under the project root, defaults filled in. Precedence is
CLI > file > defaults; ``cli.py`` applies the CLI part with ``dataclasses.replace``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemadrift.errors import ConfigError
from schemadrift.model import JSON

PYPROJECT = "pyproject.toml"
YAML_NAMES = ("schemadrift.yaml", "schemadrift.yml")
DEFAULT_SNAPSHOT = "schemadrift.lock.json"
DEFAULT_ACKS = "schemadrift.acks.toml"
CONSUMERS = ("callers", "model", "implementation")
FAIL_ON = ("error", "warning", "info", "never")


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One configured source: its kind, its argument and per-source options."""

    kind: str  # "files" | "python" | "command" | "mcp"
    value: Any
    dialects: tuple[str, ...] | None = None
    timeout: float | None = None
    shape: str | None = None
    index: int = 0

    @property
    def label(self) -> str:
        if isinstance(self.value, list):
            return f"{self.kind} {' '.join(self.value)}"
        return f"{self.kind} {self.value}"


@dataclass(frozen=True, slots=True)
class Config:
    root: Path
    path: Path | None = None
    snapshot: Path = Path(DEFAULT_SNAPSHOT)
    acks: Path = Path(DEFAULT_ACKS)
    dialects: tuple[str, ...] = ()
    consumers: tuple[str, ...] = CONSUMERS
    fail_on: str = "error"
    format: str = "text"
    output: Path | None = None
    # the report path the configuration file names, kept when --output replaces ``output``
    # for one run: that file is still a report schemadrift writes, never a source to read
    configured_output: Path | None = None
    preview: bool = False
    toolset: str = "file"  # lint: each file is one request ("file") or all files are ("together")
    rules: Mapping[str, str] = field(default_factory=dict)
    sources: tuple[SourceSpec, ...] = ()
    version: int | None = None
    jobs: int | None = None  # --jobs (a property of the machine, not of the project)
    cache: Path | None = None  # the results cache's folder (the CLI's; None: no cache)

    @property
    def label(self) -> str:
        if self.path is None:
            return "(no configuration file)"
        return self.display(self.path)

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def _schema() -> dict[str, Any]:
    # Read beside this module, not through ``importlib.resources``: that pulls in ``tempfile``
    # and ``shutil`` (~9 ms of every run with a configuration file), and the wheel installs
    # the data files as plain files (pyproject.toml's package data).
    text = (Path(__file__).parent / "data" / "config.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _read(path: Path) -> bytes:
    """A configuration file's bytes; one that is not a regular file (a FIFO would block the
    run) is a ``ConfigError`` naming it."""
    from schemadrift.errors import InputError
    from schemadrift.writing import read_regular

    try:
        return read_regular(path, path.name)
    except InputError as error:
        raise ConfigError(path.name, error.message) from error


def _read_pyproject(path: Path) -> dict[str, Any] | None:
    import tomllib

    try:
        data = tomllib.loads(_read(path).decode("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(path.name, f"invalid TOML: {error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path.name, f"cannot read: {error}") from error
    tool = data.get("tool")
    if isinstance(tool, dict) and "schemadrift" in tool:
        table = tool["schemadrift"]
        if not isinstance(table, dict):
            raise ConfigError(path.name, "[tool.schemadrift] must be a table")
        return table
    return None


def _read_yaml(path: Path) -> dict[str, Any]:
    from schemadrift.errors import InputError
    from schemadrift.sources.parsing import decode, parse_yaml

    try:
        text = decode(_read(path), path.name)
        data = parse_yaml(text, path.name) if text.strip() else {}
    except InputError as error:
        raise ConfigError(path.name, error.message) from error
    except OSError as error:
        raise ConfigError(path.name, f"cannot read: {error.strerror or error}") from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(path.name, "the configuration must be a mapping of keys to values")
    return data


def find(start: Path) -> tuple[Path, Path | None, dict[str, Any]]:
    """``(project root, config file or None, raw mapping)``, looking upward from ``start``.

    The search stops at the first folder holding a configuration, or at the repository root
    (a ``.git`` entry), so a parent project's configuration never leaks into a nested one.
    """
    current = start.resolve()
    while True:
        pyproject = current / PYPROJECT
        table = _read_pyproject(pyproject) if pyproject.is_file() else None
        yaml_path = next((current / n for n in YAML_NAMES if (current / n).is_file()), None)
        if table is not None and yaml_path is not None:
            raise ConfigError(
                yaml_path.name,
                "both [tool.schemadrift] in pyproject.toml and this file configure schemadrift; "
                "keep one",
            )
        if table is not None:
            return current, pyproject, table
        if yaml_path is not None:
            return current, yaml_path, _read_yaml(yaml_path)
        if (current / ".git").exists() or current.parent == current:
            return start.resolve(), None, {}
        current = current.parent


def load_file(path: Path) -> tuple[Path, Path, dict[str, Any]]:
    """An explicitly named configuration file (``--config``)."""
    if not path.exists():
        raise ConfigError(path.as_posix(), "no such configuration file")
    # Anything but a regular file is refused when it is read (``_read``), with what it is.
    if path.name == PYPROJECT:
        table = _read_pyproject(path)
        if table is None:
            raise ConfigError(path.as_posix(), "has no [tool.schemadrift] table")
        return path.parent.resolve(), path, table
    if path.suffix == ".toml":
        table = _read_pyproject(path)
        if table is None:
            import tomllib

            table = tomllib.loads(_read(path).decode("utf-8"))
        return path.parent.resolve(), path, table
    return path.parent.resolve(), path, _read_yaml(path)


def _pointer_label(path: Path, error_path: list[str | int]) -> str:
    prefix = "tool.schemadrift" if path.name == PYPROJECT else ""
    out = prefix
    for token in error_path:
        out += f"[{token}]" if isinstance(token, int) else (f".{token}" if out else str(token))
    return out or "(top level)"


def _valid_fast(schema: dict[str, Any], raw: Mapping[str, Any]) -> bool:
    """True when ``jsonschema-rs`` accepts ``raw``: every command validates its config, and
    importing the pure-Python validator costs more than the rest of a small run. Only an
    invalid config (or a value jsonschema-rs cannot take, such as a TOML date) pays for it."""
    import jsonschema_rs

    try:
        return bool(jsonschema_rs.validator_for(schema).is_valid(dict(raw)))
    except Exception:  # noqa: BLE001 - fall back to the detailed validator
        return False


def _refuse_non_finite(value: Any, path: Path, at: list[str | int]) -> None:
    """TOML writes ``inf`` and ``nan``; no setting means either (a ``timeout = inf`` would
    wait forever, and ``nan`` compares false with every bound a schema check applies)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(
            path.name, f"{value} is not a usable number here", pointer=_pointer_label(path, at)
        )
    items = (
        value.items()
        if isinstance(value, Mapping)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, item in items:
        _refuse_non_finite(item, path, [*at, key])


def validate(raw: Mapping[str, Any], path: Path) -> None:
    """Validate the external shape; unknown keys name the nearest known one."""
    from schemadrift.registry import nearest

    schema = _schema()
    label = path.name
    known = schema["properties"]
    for key in raw:
        if key not in known:
            guess = nearest(str(key), known)
            hint = f"; did you mean {guess!r}?" if guess else ""
            raise ConfigError(
                label,
                f"unknown key {key!r}{hint} (known: {', '.join(sorted(known))})",
                pointer=_pointer_label(path, [str(key)]),
            )
    _refuse_non_finite(raw, path, [])
    listed = raw.get("sources")
    # before the schema check, so `sources` may be anything: a wrong type is reported below
    for index, source in enumerate(listed if isinstance(listed, list) else []):
        if isinstance(source, dict):
            source_keys = known["sources"]["items"]["properties"]
            for key in source:
                if key not in source_keys:
                    guess = nearest(str(key), source_keys)
                    hint = f"; did you mean {guess!r}?" if guess else ""
                    raise ConfigError(
                        label,
                        f"unknown source key {key!r}{hint}",
                        pointer=_pointer_label(path, ["sources", index, str(key)]),
                    )
    if _valid_fast(schema, raw):
        return
    import jsonschema
    from jsonschema.exceptions import best_match

    error = best_match(jsonschema.Draft202012Validator(schema).iter_errors(dict(raw)))
    if error is not None:
        where = _pointer_label(path, list(error.absolute_path))
        message = error.message
        if error.validator == "oneOf" and list(error.absolute_path)[:1] == ["sources"]:
            message = "a source needs exactly one of files, python, command or mcp"
        raise ConfigError(label, f"invalid value: {message}", pointer=where)


def _known_rules(rules: Mapping[str, str], path: Path) -> None:
    """Refuse a ``rules`` key that names no rule, change kind or pack (``pack/*``): a typo
    would leave the rule the user meant to turn off or re-level as it was, silently. A retired
    ID is known (it may still sit in an older configuration)."""
    if not rules:
        return  # the catalogue is loaded only for a configuration that names rules
    from schemadrift import catalog
    from schemadrift.registry import RETIRED_IDS, nearest

    ids = {entry.id for entry in catalog.entries()} | set(RETIRED_IDS)
    packs = {rule_id.split("/", 1)[0] + "/*" for rule_id in ids}
    for key in rules:
        if key in ids or key in packs:
            continue
        guess = nearest(key, packs if key.endswith("/*") else ids)
        hint = f"; did you mean {guess!r}?" if guess else ""
        raise ConfigError(
            path.name,
            f"unknown rule {key!r}{hint} (`schemadrift rules` lists them)",
            pointer=_pointer_label(path, ["rules", key]),
        )


def _inside(root: Path, value: str, label: str, key: str) -> Path:
    path = (root / value).resolve()
    try:
        path.relative_to(root.resolve())
    except ValueError as error:
        raise ConfigError(
            label, f"{key} {value!r} points outside the project root {root}", pointer=key
        ) from error
    return path


def resolve(root: Path, path: Path | None, raw: Mapping[str, Any]) -> Config:
    """Validate ``raw`` and build the resolved ``Config``."""
    if path is not None:
        validate(raw, path)
        _known_rules(raw.get("rules") or {}, path)
    label = path.name if path else "(defaults)"
    sources = []
    for index, item in enumerate(raw.get("sources") or []):
        kind = next(k for k in ("files", "python", "command", "mcp") if k in item)
        value = item[kind]
        if kind == "files":
            patterns = [value] if isinstance(value, str) else list(value)
            for pattern in patterns:
                if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
                    raise ConfigError(
                        label,
                        f"files pattern {pattern!r} points outside the project root",
                        pointer=f"sources[{index}].files",
                    )
        dialects = item.get("dialects")
        sources.append(
            SourceSpec(
                kind=kind,
                value=value,
                dialects=tuple(dialects) if dialects is not None else None,
                timeout=item.get("timeout"),
                shape=item.get("shape"),
                index=index,
            )
        )
    output = raw.get("output")
    version = raw.get("version")
    if version is not None:
        from schemadrift.registry import RULESET_VERSION

        if version > RULESET_VERSION:
            raise ConfigError(
                label,
                f"the project pins ruleset version {version}, newer than this schemadrift's "
                f"({RULESET_VERSION}); upgrade schemadrift (pip install -U schemadrift-llm)",
                pointer="version",
            )
    snapshot = _inside(root, raw.get("snapshot", DEFAULT_SNAPSHOT), label, "snapshot")
    acks = _inside(root, raw.get("acks", DEFAULT_ACKS), label, "acks")
    configured = _inside(root, output, label, "output") if output else None
    return Config(
        root=root,
        path=path,
        snapshot=snapshot,
        acks=acks,
        dialects=tuple(raw.get("dialects") or ()),
        consumers=tuple(raw.get("consumers") or CONSUMERS),
        fail_on=raw.get("fail_on", "error"),
        format=raw.get("format", "text"),
        output=configured,
        configured_output=configured,
        preview=bool(raw.get("preview", False)),
        toolset=raw.get("toolset", "file"),
        rules=dict(raw.get("rules") or {}),
        sources=tuple(sources),
        version=raw.get("version"),
    )


def load(start: Path, explicit: Path | None = None) -> Config:
    """The resolved configuration for a run started in ``start``."""
    path: Path | None
    if explicit is not None:
        root, path, raw = load_file(explicit)
    else:
        root, path, raw = find(start)
    return resolve(root, path, raw)


def config_schema_json() -> JSON:
    return _schema()
