"""The labelled corpus of real public runs (bench/corpus/) against the committed scoreboard.

A change may not lose a labelled fault the committed scoreboard names, raise an error-level
false alarm, stop reading a run it read, or break the corpus' own bookkeeping.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from score import CORPUS, SCOREBOARD, RunScore, score_corpus, totals

from capdiag.rules import RULES

LABELS = sorted(CORPUS.glob("*/label.yaml"))


@pytest.fixture(scope="module")
def scores() -> list[RunScore]:
    return score_corpus()


@pytest.fixture(scope="module")
def committed() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCOREBOARD.read_text())
    return data


def test_the_corpus_is_big_enough_and_half_broken() -> None:
    labels = [yaml.safe_load(p.read_text()) for p in LABELS]
    assert len(labels) >= 60
    broken = [label for label in labels if not label["healthy"]]
    assert len(broken) * 2 >= len(labels)


def test_no_run_is_in_the_corpus_twice() -> None:
    # the same log under two ids counts one run's faults twice (ten such copies came in from
    # helpers whose repo check missed labels written as `source: {url: ..., repo: ...}`)
    import hashlib

    by_bytes: dict[str, list[str]] = {}
    for path in LABELS:
        log = path.parent / yaml.safe_load(path.read_text())["log"]
        if log.is_file():
            digest = hashlib.sha256(log.read_bytes()).hexdigest()
            by_bytes.setdefault(digest, []).append(path.parent.name)
    assert [ids for ids in by_bytes.values() if len(ids) > 1] == []


@pytest.mark.parametrize("path", LABELS, ids=[p.parent.name for p in LABELS])
def test_each_label_is_complete(path: Path) -> None:
    label = yaml.safe_load(path.read_text())
    assert label["id"] == path.parent.name
    assert (path.parent / label["log"]).exists()
    if label.get("config"):  # a file, or a folder of one (an MLflow run's params/)
        assert (path.parent / label["config"]).exists()
    assert label["source"].get("url") or label["source"].get("repo")
    assert isinstance(label["healthy"], bool)
    # broken: a fault a rule covers, or one described under other_faults; a healthy run has
    # no fault but a harmless warning, which an info-only rule explains (benign-warning); its
    # other_faults may note what the labeller judged harmless
    known = {rule.id for rule in RULES}
    explained = {rule.id for rule in RULES if rule.info_only}
    if label["healthy"]:
        assert {f["rule"] for f in label.get("faults") or []} <= explained
    else:
        assert label.get("faults") or label.get("other_faults")
    for fault in label.get("faults") or []:
        assert fault["rule"] in known and fault["why"]
    assert set(label.get("silent") or []) <= known


def test_no_named_fault_is_lost(scores: list[RunScore], committed: dict[str, Any]) -> None:
    before = {(r["id"], rule) for r in committed["runs"] for rule in r["named"]}
    now = {(s.id, rule) for s in scores for rule in s.named}
    assert sorted(before - now) == []


def test_no_error_level_false_alarm(scores: list[RunScore]) -> None:
    assert {s.id: s.error_false_alarms for s in scores if s.error_false_alarms} == {}


def test_no_fix_plan_causes_a_finding_of_its_own(scores: list[RunScore]) -> None:
    # capdiag's config rules on each fixed config: nothing the plan itself brought in
    assert {s.id: s.plan_remaining for s in scores if s.plan_defects} == {}
    assert sum(s.has_plan for s in scores) >= 10


def test_no_run_that_was_read_is_now_unread(
    scores: list[RunScore], committed: dict[str, Any]
) -> None:
    read_before = {r["id"] for r in committed["runs"] if r["read"]}
    unread_now = {s.id for s in scores if not s.read}
    assert sorted(read_before & unread_now) == []


def test_the_scoreboard_is_the_committed_one(
    scores: list[RunScore], committed: dict[str, Any]
) -> None:
    # a change that moves the scoreboard commits the new one (python bench/score.py --write)
    now = totals(scores)
    assert {k: v for k, v in now.items() if k != "per_rule"} == {
        k: v for k, v in committed["totals"].items() if k != "per_rule"
    }
