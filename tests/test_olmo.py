"""OLMo's console log (allenai/OLMo olmo/train.py), on real public runs from bench/corpus/."""

from __future__ import annotations

from test_real_runs import analyze, findings, ran

# an OLMo-1B reproduction whose warmup (t_warmup=2500) is its whole run (max_duration=2500)
ALL_WARMUP = "rm-olmo-1b-0724-reproduce-warmup-whole-run-abrupt-end"
# a complete 1000-step OLMo-1B run with 100 steps of warmup: healthy
HEALTHY = "rm-olmo-1b-tied-no-scale-1000-complete"


def test_the_printed_trainconfig_is_the_runs_config() -> None:
    run = analyze(ALL_WARMUP)["run"]
    assert run["format"] == "olmo"
    # global_train_batch_size=2048 x max_sequence_length=4096, which step 1's
    # throughput/total_tokens=8,388,608 confirms
    assert run["tokens_per_iter"] == 2048 * 4096 == 8_388_608
    # global_train_batch_size=2048 / device_train_batch_size=256
    assert run["num_gpus"] == 8 and run["sources"]["num_gpus"] == "derived"
    assert run["n_params_reported"] == 1_279_787_008  # "Total number of parameters"
    assert run["fine_tune"] is False  # load_path=None
    # throughput/device/batches_per_second=0.0454 at step 100; the log's timestamps are 22 s
    # apart from one step to the next
    assert 21.5 < run["step_time_s"] < 22.5


def test_warmup_as_long_as_the_run_is_named_from_the_trainconfig() -> None:
    report = analyze(ALL_WARMUP)
    [finding] = findings(report, "lr-schedule")
    assert finding["severity"] == "warning"
    assert "t_warmup = 2500" in finding["title"] and "max_duration = 2500" in finding["title"]
    # the plan's shorter warmup passes capdiag's own checks
    assert report["fix_plan"]["fixes"][0]["key"] == "scheduler.t_warmup"
    assert report["fix_plan"]["defects"] == []


def test_a_short_warmup_is_silent() -> None:
    report = analyze(HEALTHY)
    assert ran(report, "lr-schedule") and not findings(report, "lr-schedule")


def test_the_first_loss_is_judged_against_the_printed_vocabulary() -> None:
    # vocab_size=50280 in the TrainConfig, a fresh start: step 1's loss 11.33 is near
    # ln(50280) = 10.83, so init-loss runs and stays silent
    report = analyze(ALL_WARMUP)
    assert ran(report, "init-loss") and not findings(report, "init-loss")
