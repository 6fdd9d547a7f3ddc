"""Entry point for ``python -m schemadrift``."""

from schemadrift.cli import main

raise SystemExit(main())
