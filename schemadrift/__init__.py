"""schemadrift: keep LLM tool schemas from breaking in production."""

__version__ = "0.1.0"
