"""What is known about one judged schema, computed once and shared by every rule judging it.

Dozens of rules judge each schema under a dozen dialects, and several of them need the same
answer about the whole schema (its nodes, how deep it nests, how many optional properties a
strict mode counts). The engine builds one ``SchemaFacts`` per distinct schema text and hands
it to every check in ``Context.facts``; an answer derived from the schema is computed on first
use and kept on the facts, so it lives exactly as long as the run that judges the schema. A
rule therefore reads as a function of its arguments: no module-level table keyed by object
identity, nothing for a library caller to clear.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from schemadrift.model import JSON
from schemadrift.schema.walk import Node, walk

T = TypeVar("T")

_NO_KEYS: frozenset[str] = frozenset()


@dataclass(frozen=True, eq=False)
class SchemaFacts:
    """One schema as the engine judges it: the value, its compact JSON text, and every node
    with its set of keys (what the dispatch reads to pick the rules a node triggers).

    ``derived`` answers questions about the whole schema once per schema; build with
    ``facts_of``.
    """

    root: JSON
    text: str
    nodes: tuple[tuple[Node, frozenset[str]], ...]
    _derived: dict[Callable[[SchemaFacts], Any], Any] = field(default_factory=dict, repr=False)

    def derived(self, compute: Callable[[SchemaFacts], T]) -> T:
        """``compute(self)``, computed on the first call and remembered for the next ones.

        ``compute`` must be a module-level function of the facts alone (it is the key): the
        strict counts of both strict dialects, the gate's answer for every dialect."""
        try:
            return self._derived[compute]  # type: ignore[no-any-return]
        except KeyError:
            value = self._derived[compute] = compute(self)
            return value


def facts_of(
    root: JSON, text: str, keysets: MutableMapping[frozenset[str], frozenset[str]]
) -> SchemaFacts:
    """The facts of ``root`` (whose compact JSON text is ``text``). Equal key sets are made
    one object through ``keysets`` (a run meets a few hundred distinct ones, not one per
    node), so the dispatch's look-ups by key set compare identities."""
    nodes = []
    for node in walk(root):
        keys = frozenset(node.schema) if isinstance(node.schema, dict) else _NO_KEYS
        nodes.append((node, keysets.setdefault(keys, keys)))
    return SchemaFacts(root, text, tuple(nodes))


def nodes(schema: JSON, facts: SchemaFacts | None) -> Iterable[Node]:
    """The walk of ``schema``: read from ``facts`` when they are this very schema's (a rule
    that walks the whole judged schema from its root, or a tool rule walking the input
    schema), else walked."""
    if facts is not None and facts.root is schema:
        return (node for node, _ in facts.nodes)
    return walk(schema)
