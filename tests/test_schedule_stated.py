"""lr-schedule against the run's stated length, on real public runs from bench/corpus/."""

from __future__ import annotations

from test_real_runs import analyze, findings, ran


def test_a_warmup_in_epochs_past_the_stated_epochs_is_all_warmup() -> None:
    # Lightning hparams.yaml: warmup_epochs: 5, max_epochs: 1 (a real ViT run)
    [finding] = findings(analyze("tn-lightning-vit-cifar10-smoke-warmup5-of-1ep"), "lr-schedule")
    assert finding["severity"] == "warning"
    assert finding["title"] == "warmup_epochs = 5 but max_epochs = 1: all warmup"


def test_a_trainer_that_stops_at_max_steps_finished_its_run() -> None:
    # trainer_state.json: max_steps 100, num_train_epochs 1, the last epoch 0.012: the run
    # ended at max_steps, so it is finished, and its rate rose to step 99 (warmup_steps=100)
    report = analyze("tq-peft-lora-squadv2-warmup100-equals-maxsteps100")
    [finding] = findings(report, "lr-schedule")
    assert finding["title"].startswith("The whole run was warmup")
    # the same reading of a 60-step QLoRA run that warms up over 5 steps: silent
    healthy = analyze("tq-unsloth-llama2-7b-qlora-60step-smoke-healthy")
    assert ran(healthy, "lr-schedule") and not findings(healthy, "lr-schedule")
