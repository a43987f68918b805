"""`capdiag compare`: runs of different formats side by side, findings against the baseline,
curves on tokens seen, and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from capdiag.cli import app
from capdiag.compare import curve_x, findings_diff, new_at_or_above
from capdiag.load import load_run
from capdiag.many import analyze_path
from capdiag.render.braille import chart

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests/data"
HEALTHY = str(ROOT / "examples/logs/nanogpt_cpu_healthy.log")
OVERFIT = str(ROOT / "examples/logs/nanogpt_cpu_overfit.log")
HF = str(DATA / "hf_trainer/healthy")
LLMC = str(DATA / "llmc/cpu_train_gpt2_py_stdout.log")
runner = CliRunner()


def compare_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["compare", *args, "--format", "json"])
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip() else {}


def test_compare_across_formats_uses_the_single_run_figures() -> None:
    """A nanoGPT log against a Hugging Face Trainer run folder: each column is what
    `analyze` says of that run, with its source."""
    code, out = compare_json(str(DATA / "nanogpt/cpu_healthy.log"), HF)
    assert code == 0
    assert [r["format"] for r in out["runs"]] == ["nanogpt", "hf_trainer"]
    paths = (DATA / "nanogpt/cpu_healthy.log", Path(HF))
    for compared, path in zip(out["runs"], paths, strict=True):
        report = analyze_path(path)
        figures = compared["figures"]
        assert figures["n_params"]["value"] == report.run.n_params
        assert figures["n_params"]["source"] == report.run.sources["n_params"]
        assert figures["tokens_per_param"]["value"] == report.run.tokens_per_param
        assert compared["findings"] == {f.rule: f.severity.value for f in report.findings}
        val = load_run(path).series["val_loss"].values
        assert figures["best_val_loss"]["value"] == pytest.approx(float(np.nanmin(val)))
        assert figures["final_val_loss"]["value"] == pytest.approx(float(val[-1]))
    assert out["x_axis"] == "tokens"  # both state their tokens per step


def test_compare_nanogpt_and_llmc_in_text() -> None:
    result = runner.invoke(app, ["compare", HEALTHY, LLMC])
    assert result.exit_code == 0, result.stdout
    text = result.stdout
    for part in ("key figures", "true MFU", "findings of 2:", "train loss", "tokens seen"):
        assert part in text
    assert "(nanoGPT)" in text and "(llm.c)" in text
    assert any(ch in text for ch in "⠁⠂⠄⡀⣀⠉")  # the curves were drawn


def test_findings_resolved_new_and_unchanged() -> None:
    code, out = compare_json(HEALTHY, OVERFIT)
    assert code == 0  # --fail-on-new defaults to never
    (diff,) = out["findings"]
    new = {c["rule"] for c in diff["new"]}
    assert "overfitting" in new
    baseline = analyze_path(Path(HEALTHY))
    later = analyze_path(Path(OVERFIT))
    before = {f.rule for f in baseline.findings}
    after = {f.rule for f in later.findings}
    assert new == after - before
    assert {c["rule"] for c in diff["resolved"]} == before - after
    kept = {c["rule"] for c in diff["unchanged"] + diff["changed"]}
    assert kept == before & after


@pytest.mark.parametrize(
    "runs,fail_on_new,code",
    [
        ((HEALTHY, OVERFIT), "warning", 1),  # overfitting is a new warning
        ((HEALTHY, OVERFIT), "error", 0),
        ((HEALTHY, OVERFIT), "never", 0),
        ((OVERFIT, HEALTHY), "warning", 0),  # the fix resolved it, nothing new at warning
        ((OVERFIT, HEALTHY), "info", 1),  # eval-noise is new, at info
    ],
)
def test_fail_on_new_exit_codes(runs: tuple[str, str], fail_on_new: str, code: int) -> None:
    result = runner.invoke(app, ["compare", *runs, "--fail-on-new", fail_on_new, "-f", "json"])
    assert result.exit_code == code, result.stdout


def test_a_severity_that_rose_counts_as_new() -> None:
    baseline = analyze_path(Path(HEALTHY))
    later = baseline.model_copy(deep=True)
    finding = next(f for f in later.findings if f.severity.value == "info")
    finding.severity = finding.severity.__class__("error")
    diff = findings_diff(baseline, later)
    assert [c.rule for c in diff.changed] == [finding.rule]
    assert [c.rule for c in new_at_or_above(diff, "error")] == [finding.rule]
    assert new_at_or_above(findings_diff(later, baseline), "info") == []


def test_config_per_run() -> None:
    """LOG::CONFIG and --config (one per run) give each run its config."""
    log = DATA / "nanogpt/cpu_healthy.log"
    config = DATA / "nanogpt/cpu_healthy_config.py"
    code, out = compare_json(f"{log}::{config}", OVERFIT)
    assert code == 0
    assert out["runs"][0]["config"] == str(config)
    assert out["runs"][1]["config"] is None
    code, again = compare_json(str(log), OVERFIT, "--config", str(config), "--config", str(config))
    assert code == 0 and [r["config"] for r in again["runs"]] == [str(config)] * 2


def test_config_differences() -> None:
    code, out = compare_json(HEALTHY, OVERFIT)
    assert code == 0
    rows = {d["key"]: d for d in out["config_differences"]}
    assert rows["n_layer"]["values"] == [4, 6]
    assert rows["n_embd"]["values"] == [128, 192]
    assert "compile" not in rows and "always_save_checkpoint" not in rows  # False in both
    assert all(not d["only_in_some"] for d in rows.values())  # same format: same keys


def test_curves_on_step_when_tokens_per_step_is_unknown() -> None:
    """A JSONL log with no batch sizes: the curves align on step, and the text says why."""
    jsonl = str(DATA / "jsonl/divergent_stdout.log")
    code, out = compare_json(HEALTHY, jsonl)
    assert code == 0
    assert out["x_axis"] == "step"
    assert jsonl in out["x_axis_note"]


def test_curve_x_is_tokens_after_the_update() -> None:
    run = load_run(Path(HEALTHY))
    tokens = run.figures.tokens_per_iter
    assert tokens
    train, val = run.series["train_loss"], run.series["val_loss"]
    # nanoGPT: iter 0 is the first update; the eval at step 100 comes after 100 updates
    assert curve_x(run, train, True)[0] == (int(train.steps[0]) + 1) * tokens
    assert curve_x(run, val, True)[1] == int(val.steps[1]) * tokens
    assert np.array_equal(curve_x(run, val, False), val.steps)


def test_chart_draws_each_curve_where_it_is() -> None:
    x = np.arange(1, 101, dtype=float)
    falling, rising = 10.0 - x / 10, x / 10
    lines = chart([("a", x, falling), ("b", x, rising)], width=20, height=5)
    grid = [line.plain.split("┤", 1)[1] for line in lines[:5]]
    assert grid[0][0] != " " and grid[-1][-1] != " "  # a: top left to ...
    assert grid[-1][0] != " " and grid[0][-1] != " "  # b: bottom left to top right
    assert "a" in lines[-1].plain and "b" in lines[-1].plain


@pytest.mark.parametrize(
    "args,message",
    [
        ([HEALTHY], "two or more runs"),
        ([HEALTHY, "/no/such.log"], "no such file"),
        ([HEALTHY, OVERFIT, "--config", "x.py"], "one per run"),
        ([f"{HEALTHY}::", OVERFIT], "LOG::CONFIG"),
        ([HEALTHY, str(DATA / "SOURCES.md")], "not a recognised training log"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["compare", *args])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
