"""Build and run the parts of a command: extract, lint, diff, apply policy.

``cli/`` parses options into a ``Config`` and calls one function here per command; these
functions return a ``RunResult`` (or a ``Snapshot``) and never print. By stage:
``extraction.py`` (the tools of a run and the dialects each is judged by), ``lint.py`` (the
linter, policy over findings, ``lint``), ``check.py`` (``diff`` and ``check``: a baseline and
the tools judged against it), ``baseline.py`` (``snapshot`` and ``ack``, which write it).
"""
