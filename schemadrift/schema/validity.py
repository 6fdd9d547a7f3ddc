"""The validity gate: is a schema valid JSON Schema under its draft, and well typed.

Pure answers about one schema (``meta_valid``, ``well_typed``, ``well_formed``,
``meta_errors``, ``draft_of``, ``nests_too_deep``) that the engine, the diff and several packs
ask; no rule lives here, and nothing is remembered: the engine asks the gate once per
schema through its ``SchemaFacts`` (``gate_json``, ``gate_openapi``). Meta-schemas are local
copies: neither ``jsonschema-rs`` nor ``jsonschema`` is ever allowed to fetch.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from schemadrift.model import JSON
from schemadrift.schema.pointer import from_tokens
from schemadrift.schema.walk import MAX_NESTING, nesting_depth

if TYPE_CHECKING:
    from schemadrift.schema.facts import SchemaFacts

# Meta-schema URIs we know, normalised (no scheme, no trailing '#'), to a draft name.
KNOWN_DRAFTS: dict[str, str] = {
    "json-schema.org/draft/2020-12/schema": "2020-12",
    "json-schema.org/draft/2019-09/schema": "2019-09",
    "json-schema.org/draft-07/schema": "draft-07",
    "json-schema.org/draft-06/schema": "draft-06",
    "json-schema.org/draft-04/schema": "draft-04",
}

MAX_META_DEPTH = MAX_NESTING
"""Deeper schemas are not handed to the meta-schema validators (their recursion is native and
unbounded); ``json-schema/too-deep`` reports them instead."""


def draft_of(schema: JSON) -> str | None:
    """The draft a schema declares; ``"2020-12"`` when it declares none; ``None`` if unknown."""
    if not isinstance(schema, dict) or "$schema" not in schema:
        return "2020-12"
    uri = schema["$schema"]
    if not isinstance(uri, str):
        return None
    key = uri.split("://", 1)[-1].rstrip("#")
    return KNOWN_DRAFTS.get(key)


def nests_too_deep(schema: JSON) -> bool:
    """Whether a schema nests past ``MAX_META_DEPTH``: such schemas are judged only by
    ``json-schema/too-deep``, never handed to validators or rules that recurse."""
    return nesting_depth(schema, MAX_META_DEPTH) > MAX_META_DEPTH


def _json_type(value: JSON) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string"}
    if value is None:
        return "null"
    if isinstance(value, list):
        return "an array"
    return names.get(type(value), type(value).__name__)


OPENAPI_SHAPES = frozenset({"gemini"})
"""Input shapes whose schemas are OpenAPI 3.0 Schema objects, not JSON Schema (Gemini's legacy
`parameters`: `type: "STRING"`, `nullable`). The meta-schema does not apply to them; the
`gemini` and `vertex` packs judge that format."""


def _offline(schema: JSON) -> JSON:
    """``schema`` as it is handed to the validators: an unknown ``$schema`` is left out, since
    ``jsonschema-rs`` would try to download it (the schema is then judged as 2020-12)."""
    if draft_of(schema) is None and isinstance(schema, dict):
        return {key: value for key, value in schema.items() if key != "$schema"}
    return schema


def _fast_valid(schema: JSON) -> bool:
    import jsonschema_rs

    try:
        return bool(jsonschema_rs.meta.is_valid(_offline(schema)))
    except Exception:  # noqa: BLE001 - whatever the validator cannot take is not valid
        return False


def meta_valid(schema: JSON) -> bool:
    """Whether ``schema`` is valid under the draft it declares (2020-12 when it names none or
    an unknown one), with no network; schemas nested past ``MAX_META_DEPTH`` are not."""
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, dict):
        return False
    return not nests_too_deep(schema) and _fast_valid(schema)


def _modern(value: JSON, openapi: bool) -> JSON:
    """A copy with older spellings in 2020-12 form, so that the 2020-12 meta-schema checks the
    JSON type of every keyword that schemadrift reads as a 2020-12 keyword: boolean
    ``exclusiveMinimum``/``exclusiveMaximum`` (draft-04) dropped, array ``items`` and
    ``additionalItems`` (draft-07) as ``prefixItems`` and ``items``, and for an OpenAPI 3.0
    schema (``openapi``) its type names lower-cased (``STRING`` → ``string``)."""
    if isinstance(value, list):
        return [_modern(item, openapi) for item in value]
    if not isinstance(value, dict):
        return value
    out = {key: _modern(item, openapi) for key, item in value.items()}
    for key in ("exclusiveMinimum", "exclusiveMaximum"):
        if isinstance(out.get(key), bool):
            del out[key]
    if isinstance(out.get("items"), list) and "prefixItems" not in out:
        out["prefixItems"] = out.pop("items")
        if "additionalItems" in out:
            out["items"] = out.pop("additionalItems")
    if openapi and isinstance(out.get("type"), str):
        out["type"] = out["type"].lower()
    return out


# What the compact JSON text of a schema holds wherever ``_modern`` may change something (a
# string value may hold them too: the copy is then made, as before).
_OLD_SPELLINGS = ('"exclusiveMinimum":', '"exclusiveMaximum":', '"items":[')


def well_typed(schema: JSON, *, openapi: bool = False, text: str | None = None) -> bool:
    """Whether every keyword of ``schema`` that schemadrift reads as a 2020-12 keyword holds
    the JSON type 2020-12 gives it, whatever draft the schema declares (a draft-07 schema's
    ``prefixItems`` is an unknown keyword to its own meta-schema, yet walked as schemas).
    ``text``, the schema's compact JSON text when the caller has it, spares a copy.

    The gate of the diff's semantic comparison: canonical forms, the parallel walk and the
    witness search fold the older spellings ``_modern`` rewrites, and need nothing else.
    """
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, dict) or nests_too_deep(schema):
        return False
    return _typed(schema, openapi, text)


def _typed(schema: dict[str, JSON], openapi: bool, text: str | None) -> bool:
    """``well_typed`` of a schema known not to nest too deep."""
    if _as_written(schema, openapi, text):
        # Nothing for ``_modern`` to rewrite: validate the schema itself, not a copy of it.
        return _fast_valid({key: value for key, value in schema.items() if key != "$schema"})
    modern = _modern(schema, openapi)
    modern.pop("$schema", None)
    return _fast_valid(modern)


def _as_written(schema: dict[str, JSON], openapi: bool, text: str | None) -> bool:
    """Whether ``_modern`` would leave ``schema`` as it is (its keys would show in the text)."""
    return not openapi and text is not None and not any(mark in text for mark in _OLD_SPELLINGS)


def well_formed(schema: JSON, *, openapi: bool = False, text: str | None = None) -> bool:
    """The engine's gate for provider rules: ``meta_valid`` and ``well_typed`` (an OpenAPI 3.0
    schema, which has no meta-schema of its own here: ``well_typed`` with its type names
    lower-cased). A schema that is not is reported by ``json-schema/valid-under-draft``."""
    if openapi:
        return well_typed(schema, openapi=True, text=text)
    return meta_valid(schema) and _typed_when_valid(schema, text)


def _typed_when_valid(schema: JSON, text: str | None) -> bool:
    """``well_typed`` of a schema ``meta_valid`` accepts (so not nested too deep)."""
    if not isinstance(schema, dict):
        return True
    if "$schema" not in schema and _as_written(schema, False, text):
        return True  # judged by 2020-12 as written: meta_valid has said it
    return _typed(schema, False, text)


# The answers the engine asks once per schema, through its facts (``SchemaFacts.derived``): the
# gate for every dialect, and the json-schema pack's rules, ask the same questions.


def too_deep_of(facts: SchemaFacts) -> bool:
    """``nests_too_deep`` of the schema."""
    return nests_too_deep(facts.root)


def meta_valid_of(facts: SchemaFacts) -> bool:
    """``meta_valid`` of the schema."""
    root = facts.root
    if isinstance(root, bool):
        return True
    return isinstance(root, dict) and not facts.derived(too_deep_of) and _fast_valid(root)


def gate_json(facts: SchemaFacts) -> bool:
    """``well_formed`` of a JSON Schema."""
    return facts.derived(meta_valid_of) and _typed_when_valid(facts.root, facts.text)


def gate_openapi(facts: SchemaFacts) -> bool:
    """``well_formed`` of an OpenAPI 3.0 schema."""
    root = facts.root
    if isinstance(root, bool):
        return True
    if not isinstance(root, dict) or facts.derived(too_deep_of):
        return False
    return _typed(root, True, facts.text)


def meta_errors(schema: JSON) -> list[tuple[str, str]]:
    """``(pointer, message)`` for each meta-schema violation, best first; empty if valid."""
    if not isinstance(schema, (dict, bool)):
        return [("", f"a schema is an object or a boolean, not {_json_type(schema)}")]
    if meta_valid(schema):
        return []
    judged = _offline(schema)
    # jsonschema-rs reports the same violations as pure-Python ``jsonschema`` at a fraction of
    # the cost (~0.6 ms and a ~40 ms import per invalid schema); ``jsonschema`` remains the
    # fallback for whatever the native validator cannot take.
    try:
        out = _native_meta_errors(judged)
    except Exception:  # noqa: BLE001 - e.g. a value jsonschema-rs cannot convert
        out = _python_meta_errors(judged)
    return out or [("", "the schema is not valid under its meta-schema")]


# Keywords whose errors only summarise their branches' errors: at one instance location they
# come after the others (the order ``jsonschema.exceptions.relevance`` gives).
_WEAK = frozenset({"anyOf", "oneOf"})

# The local meta-schema of each draft (the ``jsonschema_specifications`` copies), by the draft
# name ``draft_of`` returns.
_META_DIRS = {
    "2020-12": "draft202012",
    "2019-09": "draft201909",
    "draft-07": "draft7",
    "draft-06": "draft6",
    "draft-04": "draft4",
}
_META_VALIDATORS: dict[str, Any] = {}


def _meta_validator(draft: str) -> Any:
    """A jsonschema-rs validator of ``draft``'s meta-schema, built once per draft.

    The meta-schema and its vocabularies are read from the files ``jsonschema_specifications``
    ships (found without importing it: its import costs more than the files) and registered
    under their ``$id``; the retriever refuses every other URI, so nothing is ever fetched.
    """
    validator = _META_VALIDATORS.get(draft)
    if validator is None:
        import importlib.util
        from pathlib import Path

        import jsonschema_rs

        spec = importlib.util.find_spec("jsonschema_specifications")
        if spec is None or not spec.submodule_search_locations:
            raise LookupError("jsonschema_specifications is not installed")
        folder = Path(next(iter(spec.submodule_search_locations)), "schemas", _META_DIRS[draft])
        meta = json.loads((folder / "metaschema.json").read_text(encoding="utf-8"))
        resources = [(str(meta["$id"]).rstrip("#"), meta)]
        vocabularies = folder / "vocabularies"
        if vocabularies.is_dir():
            for path in sorted(vocabularies.iterdir()):
                vocabulary = json.loads(path.read_text(encoding="utf-8"))
                resources.append((str(vocabulary["$id"]).rstrip("#"), vocabulary))

        def refuse(uri: str) -> JSON:
            raise ValueError(f"schemadrift never downloads {uri}")

        validator = jsonschema_rs.validator_for(
            meta,
            registry=jsonschema_rs.Registry(resources, retriever=refuse),
            retriever=refuse,
            validate_formats=False,  # as ``jsonschema``'s meta-validation: formats annotate
        )
        _META_VALIDATORS[draft] = validator
    return validator


def _native_meta_errors(judged: JSON) -> list[tuple[str, str]]:
    """Meta-schema violations found by jsonschema-rs, ordered as ``_python_meta_errors``
    orders them: deepest instance location first, then by location, anyOf/oneOf last."""
    errors = list(_meta_validator(draft_of(judged) or "2020-12").iter_errors(judged))

    def relevance(error: Any) -> tuple[int, list[tuple[int, int | str]], bool]:
        # Indices before names at one level, so mixed paths compare (``jsonschema`` would fail).
        path: list[tuple[int, int | str]] = [
            (0, token) if isinstance(token, int) else (1, token) for token in error.instance_path
        ]
        keyword = error.schema_path[-1] if error.schema_path else ""
        return (-len(path), path, keyword not in _WEAK)

    errors.sort(key=relevance)
    return [(from_tokens(error.instance_path), error.message) for error in errors]


def _python_meta_errors(judged: JSON) -> list[tuple[str, str]]:
    """Meta-schema violations found by pure-Python ``jsonschema``, best first."""
    import jsonschema
    from jsonschema.exceptions import relevance

    cls = jsonschema.validators.validator_for(judged, default=jsonschema.Draft202012Validator)
    errors = sorted(cls(cls.META_SCHEMA).iter_errors(judged), key=relevance)
    return [(from_tokens(error.absolute_path), error.message) for error in errors]
