"""The search: a directed pass over candidates at a change's node, screened then confirmed,
and a fallback over the real validators when the screen finds nothing.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from schemadrift.diff.witness.candidates import Generator, as_node
from schemadrift.diff.witness.revert import node_at
from schemadrift.diff.witness.screen import accepts
from schemadrift.diff.witness.validators import Validators, checked_forms, confirm_forms
from schemadrift.model import JSON

MAX_CANDIDATES = 400
MAX_GENERATED = 4 * MAX_CANDIDATES


@dataclass
class WitnessSearch:
    """Finds witnesses between two schemas of one tool (one direction)."""

    accepting_raw: JSON
    rejecting_raw: JSON
    accepting: JSON  # canonical
    rejecting: JSON  # canonical
    validators: Validators
    _generator: Generator | None = None
    _tried: dict[str, JSON] = field(default_factory=dict)
    # targets whose screened pass without ``applied`` found nothing (only the fallback is left)
    _screened: dict[str, JSON] = field(default_factory=dict)
    _pool: list[JSON] | None = None
    _confirmed: list[bool | None] = field(default_factory=list)
    # proven that the rejecting side accepts every value the accepting side does: no witness
    impossible: bool = False
    _forms: tuple[tuple[JSON, ...], tuple[JSON, ...]] | None = None

    def confirm(self, value: JSON) -> bool:
        """Whether ``value`` is a witness by the real validators (unresolvable references
        read both ways: ``checked_forms``)."""
        if self._forms is None:
            self._forms = (checked_forms(self.accepting_raw), checked_forms(self.rejecting_raw))
        return confirm_forms(self.validators, self._forms[0], self._forms[1], value)

    def find(self, target: Sequence[str], applied: JSON = None) -> tuple[bool, JSON]:
        """``(found, witness)`` for a change whose accepting-side node is at ``target``.

        ``applied`` is the accepting schema with only this change made (``reverted`` with the
        roles swapped): a witness must fail it, so it is rejected because of *this* change and
        not because of another one in the same tool. ``None`` skips that check.

        The search for ``applied`` also settles the one without it at the same ``target``
        (the same candidates, one check fewer), which ``classify`` asks for next when no
        single change has a witness; its fallback pass runs only if it is asked for.
        """
        if self.impossible:
            return False, None
        where = "/".join(target)
        # ``applied`` differs from the accepting schema at ``target`` only, so that node names
        # it: a key of the whole schema would cost a dump of it per change, and keep it (an
        # inlined shared definition repeats each change at every reference, and the schema
        # with it: that grew as the cube of the definition's size).
        key = loose_key = where + "\x00null"
        if applied is not None:
            key = (
                where + "\x00=" + json.dumps(node_at(applied, target), sort_keys=True, default=str)
            )
        if key in self._tried:
            value = self._tried[key]
            return (value is not ...), (None if value is ... else value)
        track_loose = applied is not None and loose_key not in self._tried
        if key == loose_key and where in self._screened:
            result = self._screened.pop(where)
        else:
            result, loose = self._search(target, applied, track_loose)
            if track_loose and loose is not ...:
                self._tried[loose_key] = loose
            elif track_loose:
                self._screened[where] = ...  # the screen found none: only the fallback is left
        if result is ...:
            result = self._fallback(applied)
        self._tried[key] = result
        return (result is not ...), (None if result is ... else result)

    def _search(self, target: Sequence[str], applied: JSON, track_loose: bool) -> tuple[JSON, JSON]:
        """The directed pass: the first candidate that passes the screens and is confirmed, for
        ``applied`` and (``track_loose``) for no ``applied``; ``...`` where there is none."""
        if self._generator is None:
            self._generator = Generator()
        old, new = as_node(self.accepting), as_node(self.rejecting)
        result: JSON = ...
        loose: JSON = ...
        checked = 0
        seen: set[str] = set()
        for generated, value in enumerate(self._generator.navigate(old, new, list(target))):
            # Repeats count too: a generator may yield the same value many times (each costs a
            # dump), and only distinct ones are checked.
            if checked >= MAX_CANDIDATES or generated >= MAX_GENERATED:
                break
            text = json.dumps(value, sort_keys=True, default=str)
            if text in seen:
                continue
            seen.add(text)
            checked += 1
            if not accepts(self.accepting, value) or accepts(self.rejecting, value):
                continue
            wanted = applied is None or not accepts(applied, value)
            want_loose = track_loose and loose is ...
            if (wanted or want_loose) and self.confirm(value):
                if want_loose:
                    loose = value
                if wanted:
                    result = value
                    break
        return result, loose

    def _fallback(self, applied: JSON) -> JSON:
        """Screens can be wrong (cycles, formats): check the real validators directly.

        The candidates and their confirmations do not depend on ``applied``, so they are
        built and checked once per search and reused by every change of the pair."""
        if self._generator is None:
            self._generator = Generator()
        if self._pool is None:
            old, new = as_node(self.accepting), as_node(self.rejecting)
            self._pool = list(itertools.islice(self._generator.pool(old, new, 0), 150))
            self._confirmed = [None] * len(self._pool)
        for index, value in enumerate(self._pool):
            if applied is not None and accepts(applied, value):
                continue
            confirmed = self._confirmed[index]
            if confirmed is None:
                confirmed = self._confirmed[index] = self.confirm(value)
            if confirmed:
                return value
        return ...
