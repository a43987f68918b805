"""Every number in a real run of each format replaced by an extreme value (near float max,
below the smallest normal float, or 400 digits), run through the fuzzer's check: the
analysis and every output format, with numpy's and Python's warnings counted as crashes.

The mutation fuzzer finds these one at a time by chance; this sweeps each format's parser,
figures and rules for unguarded arithmetic on parsed values in one go (`fuzz/extremes.py`
sweeps every run of the corpus the same way)."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "fuzz"))
from extremes import EXTREMES, one_run_per_format, with_extremes
from target import Rejected, check

RUNS = one_run_per_format()


def test_every_format_has_a_run() -> None:
    assert {"nanogpt", "hf_trainer", "megatron", "torchtitan", "llmc", "jsonl"} <= set(RUNS)
    assert len(RUNS) >= 15


@pytest.mark.parametrize("extreme", EXTREMES, ids=list(EXTREMES))
@pytest.mark.parametrize("fmt", RUNS, ids=list(RUNS))
def test_extreme_numbers_are_read_or_refused(tmp_path: Path, fmt: str, extreme: str) -> None:
    src = RUNS[fmt]
    path = with_extremes(src, tmp_path / src.name, EXTREMES[extreme])
    with contextlib.suppress(Rejected):  # nothing left to read: capdiag's input error
        check(path, {})
