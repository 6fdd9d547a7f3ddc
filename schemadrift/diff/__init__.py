"""Semantic diff of two tool sets: pairing, canonical forms, raw changes, judged findings.

``run.diff_tools(before, after)`` is the entry point. ``pairing`` pairs tools (by name, a
single pair whatever the names, renames by equal canonical schemas); ``transitions`` folds
representation; ``compare`` walks both sides in parallel (``value_deltas`` and
``structure_deltas`` per keyword family, ``delta`` the shared records); ``kinds`` is the change
catalogue; ``classify`` analyses a pair (``schema_side`` per schema, ``describe`` for the
wording) and finds dialect regressions and attribution; ``verdicts`` judges consumers and
severity; ``witness`` proves breaking changes with a concrete argument.
"""
