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


def test_yolo_results_learning_rate_is_the_weights_group() -> None:
    # Ultralytics builds its optimizer on the biases first (group 0: warmup_bias_lr, then
    # falling), then the decayed weights (group 1): "x/lr1" is the weights' rate. A real
    # YOLOv5 run resumed twice with longer horizons restarts it; a healthy YOLOv8 does not
    import csv

    from conftest import ROOT

    from capdiag.load import load_run

    path = ROOT / "bench/corpus/tw-yolov5-aud-bills-resumed-100-200-300ep-lr-jumps/results.csv"
    rows = [{k.strip(): v.strip() for k, v in r.items()} for r in csv.DictReader(path.open())]
    run = load_run(path)
    assert run.series["lr"].values.tolist() == [float(r["x/lr1"]) for r in rows]
    [restart] = findings(
        analyze("tw-yolov5-aud-bills-resumed-100-200-300ep-lr-jumps"), "lr-schedule"
    )
    assert "restarted" in restart["title"]
    healthy = analyze("tw-yolov8n-rock-paper-scissors-100ep-healthy")
    assert ran(healthy, "lr-schedule") and not findings(healthy, "lr-schedule")
