"""Semantic diff of two tool sets: pairing, canonical forms, raw changes, judged findings.

``run.diff_tools(before, after)`` is the entry point. ``pairing`` pairs tools (by name, a
single pair whatever the names, renames by equal canonical schemas); ``transitions`` folds
representation; ``compare`` walks both sides in parallel; ``kinds`` is the change catalogue;
``classify`` judges direction, consumers, dialect regressions and attribution; ``witness``
proves breaking changes with a concrete argument.
"""
