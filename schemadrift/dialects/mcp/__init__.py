"""The ``mcp`` dialect: the Model Context Protocol's own contract for ``Tool`` definitions.

MCP-legal is not provider-legal. MCP allows dots and 128-character names, root ``oneOf``
next to ``type: object`` and any JSON Schema 2020-12 keyword; OpenAI, Anthropic, Bedrock and
Gemini ``parameters`` reject many of those. Target the provider dialects too: a client
forwards the ``inputSchema`` to a model provider mostly unchanged. Evidence: dialects.md §7.

Spec version choice: rules follow the newest spec (2026-07-28) where versions differ, except
that an ``outputSchema`` which is not ``type: object`` - legal since 2026-07-28, invalid in
2025-06-18 and 2025-11-25 - is a warning, because clients negotiating an older version still
reject it. Remote ``$ref``s (never dereferenced, MUST NOT be auto-dereferenced per
2026-07-28) are reported by the always-on ``json-schema/remote-ref``.
"""

from __future__ import annotations

from schemadrift.dialects.mcp import headers, tool
from schemadrift.model import Evidence
from schemadrift.registry import Dialect, dialect

RULE_MODULES = (headers, tool)

MCP_DRAFT_VALIDATION = Evidence(
    "https://modelcontextprotocol.io/specification/2025-11-25/server/tools",
    "documented",
    "2025-11-25",
    "inputSchema MUST be a valid JSON Schema object; clients validate it (Zod)",
    verdict="rejected",
)
"""The evidence that this provider validates tool schemas against the JSON Schema draft."""

MCP = dialect(
    Dialect(
        id="mcp",
        draft_validation=MCP_DRAFT_VALIDATION,
        title="Model Context Protocol (the protocol's own contract)",
        shapes=("mcp",),
        notes=(
            "MCP-legal is not provider-legal: also target the providers the client forwards to. "
            "Versions: 2026-07-28 rules, outputSchema warnings for older clients; remote $ref is "
            "json-schema/remote-ref."
        ),
    )
)
