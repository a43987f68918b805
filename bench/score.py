"""Score capdiag against the labelled corpus of real runs in bench/corpus/.

    python bench/score.py          # the scoreboard and its difference from the committed one
    python bench/score.py --write  # also rewrite bench/scoreboard.json
    python bench/score.py --runs   # one line per run

Each run folder holds the files of one real training run that other people made, and a
`label.yaml` written before capdiag ran on it: the faults an expert sees (rule ids), the
rules that must stay silent, and the figures the log states. Every run is analysed exactly
as a user would run `capdiag analyze LOG [--config FILE] [ARGS] -f json`, in this process.

A fault is *named* when its rule reports a warning or an error, or, for a rule that only
explains at info (benign-warning: a harmless message is never worth a warning), an info
finding; a rule that fires at warning or error on a run whose label does not list it is a
false alarm (at error level, the worst kind). An info-only rule's findings on runs whose label
does not list it count against its precision, never as alarms. A run where nothing was read
is one where capdiag exits 2.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from capdiag.cli import app
from capdiag.rules import RULES

BENCH = Path(__file__).resolve().parent
CORPUS = BENCH / "corpus"
SCOREBOARD = BENCH / "scoreboard.json"
RULE_IDS = {rule.id for rule in RULES}
# rules that explain at info and never warn (benign-warning): an info finding names their fault
INFO_ONLY = {rule.id for rule in RULES if rule.info_only}
LOUD = ("warning", "error")


@dataclass
class RunScore:
    id: str
    format: str
    healthy: bool
    exit_code: int
    read: bool  # capdiag read training metrics (did not exit 2)
    error: str = ""
    faults: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)  # faults reported at warning/error
    named_as_info: list[str] = field(default_factory=list)  # faults only at info
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)  # warning/error, not a labelled fault
    error_false_alarms: list[str] = field(default_factory=list)
    silent_broken: list[str] = field(default_factory=list)  # rules labelled silent that fired
    silent_not_run: list[str] = field(default_factory=list)  # labelled silent, but skipped
    silent_labelled: int = 0  # known rules labelled silent
    unknown_rules: list[str] = field(default_factory=list)  # label rule ids capdiag lacks
    figures: dict[str, str] = field(default_factory=dict)  # stated figure -> ok | wrong | n/a
    has_plan: bool = False
    explained_unlabelled: list[str] = field(default_factory=list)  # info-only rules, unlabelled
    plan_defects: int = 0  # findings capdiag's own checks raise on the fixed config, new ones
    plan_remaining: list[str] = field(default_factory=list)  # all it raises on the fixed config


def load_label(folder: Path) -> dict[str, Any]:
    data = yaml.safe_load((folder / "label.yaml").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{folder}/label.yaml: not a mapping")
    return data


def command(folder: Path, label: dict[str, Any]) -> list[str]:
    argv = ["analyze", str(folder / label["log"]), "-f", "json", "--fail-on", "never"]
    if label.get("config"):
        argv += ["--config", str(folder / label["config"])]
    argv += [str(a) for a in label.get("args") or []]
    return argv


def _close(a: float, b: float, tolerance: float = 0.02) -> bool:
    return math.isclose(a, b, rel_tol=tolerance, abs_tol=1e-9)


def _number(value: Any) -> Any:
    if isinstance(value, str):
        try:
            number = float(value.replace("_", ""))
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    return value


def check_figures(stated: dict[str, Any], run: dict[str, Any]) -> dict[str, str]:
    """Each stated figure capdiag reports: ok, wrong (with both values), or n/a."""
    checks: dict[str, str] = {}
    # YAML 1.1 reads "124.48e6" (no sign in the exponent) as a string: it is a number
    stated = {key: _number(value) for key, value in stated.items()}

    def compare(name: str, mine: Any, theirs: Any, tolerance: float = 0.02) -> None:
        if mine is None:
            checks[name] = "n/a"
        elif isinstance(theirs, int | float) and isinstance(mine, int | float):
            ok = _close(float(mine), float(theirs), tolerance)
            checks[name] = "ok" if ok else f"wrong: {mine} vs stated {theirs}"
        else:
            checks[name] = "ok" if str(mine) == str(theirs) else f"wrong: {mine} vs {theirs}"

    sources = run.get("sources", {})

    def reported(key: str, source: str) -> Any:
        """The run's figure, unless capdiag assumed it (and said so): not a figure it reports."""
        return None if sources.get(source) == "assumed" else run.get(key)

    if isinstance(stated.get("n_params"), int | float):
        mine = run.get("n_params_reported") or reported("n_params_non_embedding", "n_params")
        compare("n_params", mine, stated["n_params"], 0.03)
    if isinstance(stated.get("vocab_size"), int):
        # the model's rows may be padded (to a multiple of 64 or 128) past the tokenizer's
        compare("vocab_size", reported("vocab_size", "vocab_size"), stated["vocab_size"], 0.02)
    if isinstance(stated.get("world_size"), int):
        compare("world_size", reported("num_gpus", "num_gpus"), stated["world_size"], 0.0)
    if isinstance(stated.get("tokens_per_step"), int):
        mine = reported("tokens_per_iter", "tokens_per_iter")
        compare("tokens_per_step", mine, stated["tokens_per_step"], 0.0)
    if isinstance(stated.get("fine_tune"), bool):
        compare("fine_tune", run.get("fine_tune"), stated["fine_tune"])
    if stated.get("loss_unit") in ("nats", "bits"):
        compare("loss_unit", run.get("loss_unit"), stated["loss_unit"])
    return checks


def merge_reports(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The labelled run as one report, when capdiag read its folder as several runs: every
    finding and every rule run; the run summary and plan of the first."""
    merged = dict(reports[0])
    merged["findings"] = [f for r in reports for f in r["findings"]]
    ran = sorted({rule for r in reports for rule in r["coverage"]["rules_run"]})
    merged["coverage"] = {**reports[0]["coverage"], "rules_run": ran}
    return merged


def score_run(folder: Path, runner: CliRunner) -> RunScore:
    label = load_label(folder)
    faults = [f["rule"] for f in label.get("faults") or []]
    silent = list(label.get("silent") or [])
    result = runner.invoke(app, command(folder, label))
    score = RunScore(
        id=label.get("id", folder.name),
        format=str(label.get("format", "?")),
        healthy=bool(label.get("healthy")),
        exit_code=result.exit_code,
        read=result.exit_code != 2,
        faults=faults,
        unknown_rules=sorted({r for r in faults + silent if r not in RULE_IDS}),
    )
    if result.exit_code == 2:
        message = (result.stderr or result.output).strip().splitlines()[-1]
        # paths relative to the repository: the scoreboard is the same on every machine
        score.error = message.replace(str(BENCH.parent) + "/", "")[:200]
        score.missed = [r for r in faults if r in RULE_IDS]
        return score
    if result.exit_code != 0:
        score.error = f"exit {result.exit_code}: {(result.stderr or result.output)[-200:]}"
        score.missed = [r for r in faults if r in RULE_IDS]
        return score
    report = json.loads(result.stdout)
    if isinstance(report, list):  # a folder of several runs (a SLURM .out and .err): one run
        reports = [r["report"] for r in report if r.get("report")]
        if not reports:
            score.read, score.error = False, "no run in the folder was read"
            score.missed = [r for r in faults if r in RULE_IDS]
            return score
        report = merge_reports(reports)
    loud = {f["rule"] for f in report["findings"] if f["severity"] in LOUD}
    errors = {f["rule"] for f in report["findings"] if f["severity"] == "error"}
    quiet = {f["rule"] for f in report["findings"] if f["severity"] == "info"}
    said = loud | (quiet & INFO_ONLY)  # each rule at the level it speaks at
    score.named = sorted(r for r in set(faults) if r in said)
    score.named_as_info = sorted(r for r in set(faults) if r in quiet and r not in said)
    score.missed = sorted(r for r in set(faults) if r in RULE_IDS and r not in said)
    score.explained_unlabelled = sorted((quiet & INFO_ONLY) - set(faults))
    score.false_alarms = sorted(loud - set(faults))
    score.error_false_alarms = sorted(errors - set(faults))
    score.silent_broken = sorted(loud & set(silent))
    ran = set(report["coverage"]["rules_run"])
    score.silent_not_run = sorted(r for r in set(silent) if r in RULE_IDS and r not in ran)
    score.silent_labelled = len({r for r in silent if r in RULE_IDS})
    score.figures = check_figures(label.get("stated") or {}, report["run"])
    plan = report["fix_plan"]
    score.has_plan = bool(plan["fixes"])
    score.plan_defects = int(plan.get("new_defects", 0))
    score.plan_remaining = list(plan.get("defects", []))
    return score


def totals(scores: list[RunScore]) -> dict[str, Any]:
    labelled = sum(len([r for r in s.faults if r in RULE_IDS]) for s in scores)
    named = sum(len(s.named) for s in scores)
    healthy = [s for s in scores if s.healthy]
    per_rule: dict[str, dict[str, int]] = {}
    for s in scores:
        for rule in s.faults:
            if rule in RULE_IDS:
                per_rule.setdefault(rule, Counter())["labelled"] += 1
        for rule in s.named:
            per_rule.setdefault(rule, Counter())["tp"] += 1
        for rule in [*s.false_alarms, *s.explained_unlabelled]:
            per_rule.setdefault(rule, Counter())["fp"] += 1
    figures = Counter(v.split(":")[0] for s in scores for v in s.figures.values())
    return {
        "runs": len(scores),
        "broken_runs": len(scores) - len(healthy),
        "healthy_runs": len(healthy),
        "labelled_faults": labelled,
        "faults_named": named,
        "recall": round(named / labelled, 3) if labelled else None,
        "faults_named_as_info": sum(len(s.named_as_info) for s in scores),
        "false_alarms": sum(len(s.false_alarms) for s in scores),
        "error_false_alarms": sum(len(s.error_false_alarms) for s in scores),
        "healthy_with_warning": sum(1 for s in healthy if s.false_alarms),
        "nothing_read": sum(1 for s in scores if not s.read),
        "silent_rules_broken": sum(len(s.silent_broken) for s in scores),
        "silent_labels": sum(s.silent_labelled for s in scores),
        "silent_labels_not_checked": sum(len(s.silent_not_run) for s in scores),
        "figures_ok": figures.get("ok", 0),
        "figures_wrong": figures.get("wrong", 0),
        "figures_not_reported": figures.get("n/a", 0),
        "runs_with_a_plan": sum(1 for s in scores if s.has_plan),
        "plan_defects": sum(s.plan_defects for s in scores),
        "plans_with_remaining_findings": sum(1 for s in scores if s.plan_remaining),
        "per_rule": {
            rule: {
                "labelled": c["labelled"],
                "named": c["tp"],
                "false_alarms": c["fp"],
                "precision": round(c["tp"] / (c["tp"] + c["fp"]), 3) if c["tp"] + c["fp"] else None,
                "recall": round(c["tp"] / c["labelled"], 3) if c["labelled"] else None,
            }
            for rule, c in sorted(per_rule.items())
        },
    }


def score_corpus(corpus: Path = CORPUS) -> list[RunScore]:
    runner = CliRunner()
    folders = sorted(p.parent for p in corpus.glob("*/label.yaml"))
    return [score_run(folder, runner) for folder in folders]


def _line(s: RunScore) -> str:
    state = "healthy" if s.healthy else "broken"
    parts = [f"{s.id:<52} {s.format:<14} {state:<8}"]
    if not s.read:
        parts.append(f"NOT READ ({s.error})")
    else:
        if s.named:
            parts.append("named " + ",".join(s.named))
        if s.missed:
            parts.append("MISSED " + ",".join(s.missed))
        if s.false_alarms:
            parts.append("false " + ",".join(s.false_alarms))
        wrong = [k for k, v in s.figures.items() if v.startswith("wrong")]
        if wrong:
            parts.append("figures wrong " + ",".join(wrong))
    return "  ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite bench/scoreboard.json")
    parser.add_argument("--runs", action="store_true", help="one line per run")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    scores = score_corpus(args.corpus)
    board = {"totals": totals(scores), "runs": [asdict(s) for s in scores]}
    if args.runs:
        for s in scores:
            print(_line(s))
        print()
    t = board["totals"]
    print(f"runs {t['runs']} ({t['broken_runs']} broken, {t['healthy_runs']} healthy)")
    print(
        f"faults named {t['faults_named']}/{t['labelled_faults']} (recall {t['recall']}); "
        f"{t['faults_named_as_info']} more only at info"
    )
    print(
        f"false alarms {t['false_alarms']} (error level {t['error_false_alarms']}); healthy "
        f"runs with a warning {t['healthy_with_warning']}/{t['healthy_runs']}; nothing read "
        f"{t['nothing_read']}"
    )
    print(
        f"silent labels: {t['silent_labels']}, {t['silent_rules_broken']} broken, "
        f"{t['silent_labels_not_checked']} not checked (the rule could not run on the run)"
    )
    print(
        f"stated figures: {t['figures_ok']} right, {t['figures_wrong']} wrong, "
        f"{t['figures_not_reported']} not reported"
    )
    print(
        f"plans {t['runs_with_a_plan']}: defects the plan causes {t['plan_defects']}; plans whose "
        f"fixed config still raises a finding {t['plans_with_remaining_findings']}"
    )
    print(f"{'rule':<24} labelled  named  false  precision  recall")
    for rule, r in t["per_rule"].items():
        print(
            f"{rule:<24} {r['labelled']:>8} {r['named']:>6} {r['false_alarms']:>6} "
            f"{r['precision'] if r['precision'] is not None else '-':>10} "
            f"{r['recall'] if r['recall'] is not None else '-':>7}"
        )
    if SCOREBOARD.is_file():
        old = json.loads(SCOREBOARD.read_text())["totals"]
        changed = [
            f"{k}: {old.get(k)} -> {v}" for k, v in t.items() if k != "per_rule" and old.get(k) != v
        ]
        print("vs committed scoreboard: " + ("; ".join(changed) if changed else "no change"))
    if args.write:
        SCOREBOARD.write_text(json.dumps(board, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
