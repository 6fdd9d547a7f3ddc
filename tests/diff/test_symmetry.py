"""Symmetry of the change catalogue (after oasdiff's rule_symmetry_test).

Every kind on the input side exists on the output side, every ``-added`` kind has a
``-removed`` mirror and every ``-narrowed`` a ``-widened`` one, unless ``WAIVERS`` says why
not. A waiver whose gap has closed fails too, so the list stays a reviewed record.
"""

from __future__ import annotations

from schemadrift import catalog, registry
from schemadrift.diff.kinds import ACTIONS, ASPECTS, KINDS, SIDES

registry.load()

MIRRORS = (
    ("-added", "-removed"),
    ("-narrowed", "-widened"),
    ("-became-required", "-became-optional"),
)

WAIVERS: dict[str, str] = {
    "diff/required-property-added -> diff/required-property-removed": (
        "removing a property, required or not, is diff/property-removed; requiredness does not "
        "change what the removal breaks"
    ),
    "diff/property-removed -> diff/property-added": (
        "an added property is split by requiredness (diff/optional-property-added, "
        "diff/required-property-added): the two break different things"
    ),
    "diff/optional-property-added -> diff/optional-property-removed": (
        "same reason: one diff/property-removed kind covers both"
    ),
}


def gaps() -> set[str]:
    found = set()
    for kind_id, value in KINDS.items():
        if "input" in value.sides and "output" not in value.sides:
            found.add(f"{kind_id} -> output side")
        for left, right in MIRRORS:
            for a, b in ((left, right), (right, left)):
                if kind_id.endswith(a):
                    mirror = kind_id[: -len(a)] + b
                    if mirror not in KINDS:
                        found.add(f"{kind_id} -> {mirror}")
    return found


def test_every_gap_is_waived() -> None:
    """Each asymmetry in the catalogue is written down in WAIVERS with a reason."""
    assert sorted(gaps() - set(WAIVERS)) == []


def test_no_stale_waivers() -> None:
    """A waiver whose gap has been closed is removed from WAIVERS."""
    assert sorted(set(WAIVERS) - gaps()) == []


def test_taxonomy_values_are_known() -> None:
    """Every kind's side, aspect and action come from the documented axes."""
    for value in KINDS.values():
        assert set(value.sides) <= set(SIDES), value.id
        assert value.aspect in ASPECTS, value.id
        assert value.action in ACTIONS, value.id


def test_every_kind_is_a_pair_entry() -> None:
    """Every kind is listed in the catalogue as a pair entry, every pair entry is a kind, and
    no lint rule is one."""
    pair_entries = {item.id for item in catalog.entries() if item.scope == "pair"}
    assert pair_entries == set(KINDS)
    assert not {r.id for r in registry.all_rules() if r.scope == "pair"}
