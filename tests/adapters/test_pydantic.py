"""The pydantic adapter on the fixture project, with the real pydantic."""

from __future__ import annotations

from tests.adapters.conftest import TOOL_NAMES, tool

PACKAGES = ("pydantic", "pydantic-core", "typing-extensions")


def test_snapshot_matches_golden(extract, golden):
    """`schemadrift snapshot` on the pydantic project writes the golden snapshot."""
    assert extract("pydantic", PACKAGES) == golden


def test_functions_and_model_class_become_tools(extract):
    """TypeAdapters are named after their functions, the model class after itself."""
    data = extract("pydantic", PACKAGES)
    assert sorted(t["name"] for t in data["tools"]) == sorted([*TOOL_NAMES, "Order"])
    search = tool(data, "search")
    assert search["description"] == "Search the catalogue for items matching a query."
    assert list(search["input_schema"]["properties"]) == ["query", "limit", "exact", "score"]
    assert search["origin"]["generator"].startswith("pydantic 2.")
    assert (
        tool(data, "pay")["input_schema"]["properties"]["payment"]["discriminator"]["propertyName"]
        == "kind"
    )
    assert set(data["packages"]) == set(PACKAGES)
