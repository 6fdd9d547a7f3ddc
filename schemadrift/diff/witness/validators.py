"""Confirmation: the real validators (``jsonschema_rs``) judge every witness, both sides.

The screen is quick but may be wrong; a witness is reported only when these validators agree,
and they never touch the network: a remote reference is refused, and a side whose references
do not resolve offline is judged in its two opaque forms (``checked_forms``).
"""

from __future__ import annotations

import json
from typing import Any

from schemadrift.model import JSON
from schemadrift.schema.refs import opaque_forms, uses_draft7


def _refuse(uri: str) -> JSON:
    """The retriever every validator gets: a remote reference is never fetched."""
    raise ValueError(f"schemadrift never fetches remote references ({uri})")


class Validators:
    """``jsonschema_rs`` validators per schema text, built once, never touching the network.

    A schema naming ``$schema`` is judged by that draft; one without it by 2020-12, or draft-07
    when it uses draft-07 forms (array ``items``, ``definitions``, ``dependencies``), since
    that is what the generators that still emit those forms target.
    """

    def __init__(self) -> None:
        self._cache: dict[str, Any] = {}
        # The same schema object is asked about once per candidate value: find its validator
        # by identity before paying for its text. Entries hold the schema, so an id is never
        # reused while it is a key.
        self._by_id: dict[int, tuple[JSON, Any]] = {}

    def get(self, schema: JSON) -> Any:
        """The validator for ``schema`` (``None`` when it is not a valid schema)."""
        known = self._by_id.get(id(schema))
        if known is not None and known[0] is schema:
            return known[1]
        validator = self._for_text(schema)
        self._by_id[id(schema)] = (schema, validator)
        return validator

    def _for_text(self, schema: JSON) -> Any:
        """The validator for ``schema``, by its text: equal schemas share one."""
        text = json.dumps(schema, sort_keys=True)
        if text in self._cache:
            return self._cache[text]
        import jsonschema_rs

        validator: Any
        try:
            if isinstance(schema, dict) and "$schema" in schema:
                validator = jsonschema_rs.validator_for(
                    schema, validate_formats=True, retriever=_refuse
                )
            elif uses_draft7(schema):
                validator = jsonschema_rs.Draft7Validator(
                    schema, validate_formats=True, retriever=_refuse
                )
            else:
                validator = jsonschema_rs.Draft202012Validator(
                    schema, validate_formats=True, retriever=_refuse
                )
        except (jsonschema_rs.ValidationError, ValueError, TypeError):
            validator = None  # an invalid schema proves nothing; the json-schema pack reports it
        self._cache[text] = validator
        return validator

    def is_valid(self, schema: JSON, value: JSON) -> bool | None:
        """Whether ``schema`` accepts ``value``; ``None`` when that cannot be told."""
        validator = self.get(schema)
        if validator is None:
            return None
        try:
            return bool(validator.is_valid(value))
        except Exception:  # noqa: BLE001 - a refused remote $ref mid-validation proves nothing
            return None


def confirm(validators: Validators, accepting: JSON, rejecting: JSON, value: JSON) -> bool:
    """True when ``accepting`` accepts ``value`` and ``rejecting`` rejects it, both checked."""
    return validators.is_valid(accepting, value) is True and (
        validators.is_valid(rejecting, value) is False
    )


def checked_forms(schema: JSON) -> tuple[JSON, ...]:
    """The schemas a witness is checked against for one side: the schema itself, or, when
    some of its references do not resolve offline, its two opaque forms (those parts read as
    accepting everything, then nothing: ``refs.opaque_forms``). A real validator cannot judge
    a schema whose references it cannot follow at all."""
    forms = opaque_forms(schema)
    return (schema,) if forms is None else forms


def confirm_forms(
    validators: Validators,
    accepting: tuple[JSON, ...],
    rejecting: tuple[JSON, ...],
    value: JSON,
) -> bool:
    """True when every form of the accepting side accepts ``value`` and every form of the
    rejecting side rejects it: the verdict does not depend on what an unresolvable reference
    holds."""
    return all(validators.is_valid(form, value) is True for form in accepting) and all(
        validators.is_valid(form, value) is False for form in rejecting
    )
