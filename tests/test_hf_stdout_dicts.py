"""The Trainer's printed dicts read in one pass (`_flat_entry`) are read as `literal_eval`
reads them (`_literal_dict`, then `_Entry`): on every dict of every Trainer stdout sample
and corpus run, and on edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from capdiag.parsers.hf_trainer import _DICT, _NON_FINITE, _Entry, _flat_entry, _literal_dict


def _logs() -> list[Path]:
    logs = [p for p in (ROOT / "tests" / "data").rglob("*.log") if "hf" in str(p)]
    for label_path in sorted((ROOT / "bench" / "corpus").glob("*/label.yaml")):
        label = yaml.safe_load(label_path.read_text())
        if label.get("format") == "hf_stdout":
            log = label_path.parent / label["log"]
            logs += [log] if log.is_file() else sorted(log.rglob("*.log"))
    return logs


def _dicts() -> list[str]:
    found = []
    for path in _logs():
        text = path.read_bytes().decode("utf-8", errors="replace")
        found += [_NON_FINITE.sub(r"'\1'", raw) for raw in _DICT.findall(text)]
    return found


def _general(raw: str) -> str | None:
    try:
        entry = _literal_dict(raw)
    except (ValueError, SyntaxError):
        return None
    return repr(dict(_Entry(entry, {}))) if isinstance(entry, dict) else None


DICTS = _dicts()
EDGES = [
    "{'loss': 1.5, 'epoch': 0.1}",
    "{'loss': '2.5', 'grad_norm': 'nan', 'epoch': '1'}",
    "{'loss': -0.0, 'learning_rate': 1e-05, 'epoch': 3}",
    "{'train_runtime': '2:05:47.06', 'train_loss': 0.5, 'epoch': 1.0}",
    "{'loss': 1, 'loss': 2, 'epoch': 0.5}",  # a repeated key: the last value
    "{'loss': 1_000, 'epoch': 0.5}",  # not the Trainer's print: the general reader's call
    "{'loss': " + "9" * 400 + ", 'epoch': 1}",  # past float range: inf
    "{'loss': " + "9" * 5000 + ", 'epoch': 1}",  # past int()'s digit limit
    "{'loss': 'x', 'note': 'a b', 'epoch': 0.2}",
]


def test_there_are_printed_dicts_to_compare_and_most_take_the_one_pass() -> None:
    assert len(DICTS) >= 500
    quick = sum(_flat_entry(raw, {}) is not None for raw in DICTS)
    assert quick >= 0.9 * len(DICTS)


@pytest.mark.parametrize("raw", sorted(set(DICTS)) + EDGES)
def test_one_pass_reading_is_literal_eval_reading(raw: str) -> None:
    # where the one pass declines (None), the caller reads the dict the general way
    quick = _flat_entry(raw, {})
    if quick is not None:
        assert repr(dict(quick)) == _general(raw)


def test_the_one_pass_declines_what_it_cannot_read_as_literal_eval_does() -> None:
    assert _flat_entry("{'loss': 1, 'loss': 2, 'epoch': 0.5}", {}) is None
    assert _flat_entry("{'loss': " + "9" * 5000 + ", 'epoch': 1}", {}) is None
    assert _flat_entry("{'loss': [1, 2], 'epoch': 1}", {}) is None
