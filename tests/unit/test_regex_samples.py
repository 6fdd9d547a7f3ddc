"""``witness.samples.sample_regex``: samples match their pattern, the shortest comes first, they
are the same in every interpreter (a witness must not depend on the hash seed), and hypothesis
is imported only when a pattern is sampled."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from schemadrift.diff.witness.samples import sample_regex

PATTERNS = [
    "^[a-z]+$",
    "^(red|green|blue)$",
    r"^\d{3}-\d{4}$",
    r"^[A-Z]{2}\d+$",
    r"^\w+@\w+\.com$",
    "(a|bb)+c?",
    "^.{2,5}$",
    "x*",
    "^a",
    r"^[\u4e00-\u9fff]+$",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_samples_match_and_start_with_the_shortest(pattern: str) -> None:
    samples = sample_regex(pattern)
    assert samples, pattern
    assert all(re.search(pattern, text) for text in samples)
    assert len(set(samples)) == len(samples)
    assert len(samples[0]) == min(len(text) for text in samples)
    assert sample_regex(pattern, 2) == sample_regex(pattern, 2)[:2]
    assert len(sample_regex(pattern, 2)) <= 2


def test_examples_read_as_before() -> None:
    """The shortest samples are the ones a person expects (and the old sampler gave)."""
    assert sample_regex("^[a-z]+$")[:2] == ["a", "aaaa"]
    assert sample_regex("^(red|green|blue)$")[0] == "red"
    assert sample_regex(r"^\d{3}-\d{4}$")[0] == "000-0000"
    assert sample_regex("^a") == ["a"]


@pytest.mark.parametrize("pattern", ["[", "(?P<x", "a{2,1}"])
def test_an_unreadable_pattern_has_no_sample(pattern: str) -> None:
    assert sample_regex(pattern) == []


SAMPLE_ALL = """
import json, sys
from schemadrift.diff.witness.samples import sample_regex
print(json.dumps([sample_regex(p) for p in json.loads(sys.argv[1])]))
"""


def test_samples_do_not_depend_on_the_hash_seed() -> None:
    outputs = set()
    for seed in ("0", "1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", SAMPLE_ALL, json.dumps(PATTERNS)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_sampling_leaves_no_hypothesis_folder_in_the_working_directory(tmp_path: Path) -> None:
    """hypothesis' files go to schemadrift's cache directory, not ``./.hypothesis``."""
    work, cache = tmp_path / "project", tmp_path / "cache"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_STORAGE_DIRECTORY"}
    env["SCHEMADRIFT_CACHE_DIR"] = str(cache)
    code = "from schemadrift.diff.witness.samples import sample_regex; sample_regex('^[a-z]+$')"
    subprocess.run([sys.executable, "-c", code], cwd=work, env=env, check=True)
    assert list(work.iterdir()) == []
    assert (cache / "hypothesis").is_dir()


def test_hypothesis_is_imported_only_to_sample_a_pattern() -> None:
    code = (
        "import sys\n"
        "from schemadrift.diff.witness.samples import strings\n"
        "from schemadrift.diff.witness import WitnessSearch\n"
        "strings([{'minLength': 2, 'format': 'email'}])\n"
        "assert 'hypothesis' not in sys.modules\n"
        "strings([{'pattern': '^a+$'}])\n"
        "assert 'hypothesis' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
