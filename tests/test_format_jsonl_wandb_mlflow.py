"""Generic JSONL, wandb offline runs and MLflow stores, on real runs (see PROVENANCE.md)."""

from __future__ import annotations

import importlib
import importlib.util
import json
import math
import re
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import DATA, ROOT, SEED_LOG

from capdiag.analysis import analyze
from capdiag.findings import Severity
from capdiag.load import detect_format, load_run
from capdiag.parsers import LoadContext
from capdiag.parsers import jsonl as jsonl_fmt
from capdiag.parsers import mlflow as mlflow_fmt
from capdiag.parsers import wandb as wandb_fmt
from capdiag.run import Run

JSONL_HEALTHY = DATA / "jsonl" / "healthy" / "metrics.jsonl"
JSONL_DIVERGENT = DATA / "jsonl" / "divergent_stdout.log"


def _run_dir(parent: Path) -> Path:
    found = sorted(parent.glob("offline-run-*"))
    return found[0] if found else parent / "missing"


WANDB_HEALTHY = _run_dir(DATA / "wandb" / "healthy")
WANDB_OVERFIT = _run_dir(DATA / "wandb" / "overfit")
MLRUNS = DATA / "mlflow" / "mlruns"
MLFLOW_DB = DATA / "mlflow" / "mlflow.db"

# the history and config of a wandb run are read with the optional wandb package
needs_wandb = pytest.mark.skipif(
    importlib.util.find_spec("wandb") is None, reason="pip install 'capdiag[wandb]'"
)

SAMPLES = {
    "jsonl": [JSONL_HEALTHY, JSONL_DIVERGENT],
    "wandb": [
        WANDB_HEALTHY,
        WANDB_OVERFIT,
        WANDB_HEALTHY.parent,
        *sorted(WANDB_HEALTHY.glob("run-*.wandb")),
    ],
    "mlflow": [MLRUNS, MLFLOW_DB, MLFLOW_DB.parent],
}


def _mlflow_runs() -> dict[str, Path]:
    """Run name -> run directory in the committed file store, read straight from meta.yaml."""
    runs = {}
    for meta in MLRUNS.glob("*/*/meta.yaml"):
        text = meta.read_text()
        name = re.search(r"^run_name: (\S+)", text, re.M)
        if name:
            runs[name.group(1)] = meta.parent
    return runs


def _no_warnings(run: Run) -> None:
    report = analyze(run)
    bad = [f for f in report.findings if f.severity.rank >= Severity.warning.rank]
    assert not bad, [(f.rule, f.title) for f in bad]


# ---------------------------------------------------------------- detection


@pytest.mark.parametrize(("name", "path"), [(n, p) for n, ps in SAMPLES.items() for p in ps])
def test_each_sample_is_detected_as_its_own_format(name: str, path: Path) -> None:
    assert name == detect_format(path).NAME


def test_nanogpt_example_stays_nanogpt() -> None:
    assert detect_format(SEED_LOG).NAME == "nanogpt"
    head = SEED_LOG.read_bytes()[: 1 << 20]
    for module in (jsonl_fmt, wandb_fmt, mlflow_fmt):
        assert module.sniff(SEED_LOG, head) == 0


def test_jsonl_sniff_is_the_low_fallback() -> None:
    head = JSONL_HEALTHY.read_bytes()[: 1 << 20]
    assert 0 < jsonl_fmt.sniff(JSONL_HEALTHY, head) < 50
    # the wandb run's output.log is a nanoGPT log, not JSONL
    output = WANDB_HEALTHY / "files" / "output.log"
    assert jsonl_fmt.sniff(output, output.read_bytes()) == 0
    assert detect_format(output).NAME == "nanogpt"
    # wandb's own structured log is JSON lines too, but holds no step and no loss
    internal = WANDB_HEALTHY / "logs" / "debug-internal.log"
    assert all(line.startswith("{") for line in internal.read_text().splitlines())
    assert jsonl_fmt.sniff(internal, internal.read_bytes()) == 0


# ---------------------------------------------------------------- JSONL


def test_jsonl_healthy_values_equal_the_file() -> None:
    rows = [json.loads(line) for line in JSONL_HEALTHY.read_text().splitlines()]
    run = load_run(JSONL_HEALTHY)
    train = run.series["train_loss"]
    assert train.mode == "train-batch"
    assert train.steps.tolist() == [r["iter"] for r in rows]
    assert train.values.tolist() == [r["loss"] for r in rows]
    val = run.series["val_loss"]
    assert val.mode == "eval"
    evals = [r for r in rows if "val_loss" in r]
    assert val.steps.tolist() == [r["iter"] for r in evals]
    assert val.values.tolist() == [r["val_loss"] for r in evals]
    assert run.series["eval_train_loss"].values.tolist() == [r["eval_train_loss"] for r in evals]
    assert run.series["lr"].values.tolist() == [r["lr"] for r in rows]
    assert run.series["grad_norm"].values.tolist() == [r["grad_norm"] for r in rows]
    assert run.series["step_time_ms"].values.tolist() == [r["time_ms"] for r in rows]
    assert run.series["tokens_per_sec"].values.tolist() == [r["tok/s"] for r in rows]
    assert run.reported.tokens_seen == rows[-1]["tokens"]
    assert run.steps_start_at_zero


def test_jsonl_config_beside_the_log_gives_the_model() -> None:
    config = json.loads((JSONL_HEALTHY.parent / "config.json").read_text())
    run = load_run(JSONL_HEALTHY)
    assert run.config.get("n_layer") == config["n_layer"]
    assert run.config.get("learning_rate") == config["learning_rate"]
    assert run.dims is not None
    assert (run.dims.n_layer, run.dims.n_embd, run.dims.vocab_size) == (
        config["n_layer"],
        config["n_embd"],
        config["vocab_size"],
    )
    # the training script counted 108,864 parameters with torch (PROVENANCE.md)
    assert run.figures.n_params == 108_864
    assert run.figures.tokens_per_iter == 16 * 64
    assert run.figures.iterations == 400
    assert any("config.json" in n for n in run.notes)


def test_jsonl_divergent_other_names_nan_and_text_lines() -> None:
    lines = JSONL_DIVERGENT.read_text().splitlines()
    rows = [json.loads(x) for x in lines if x.startswith("{")]
    run = load_run(JSONL_DIVERGENT)
    assert any(f"{len(lines) - len(rows)} line(s)" in n for n in run.notes)
    train = run.series["train_loss"]  # key "train/loss"
    assert train.steps.tolist() == [r["global_step"] for r in rows]
    np.testing.assert_array_equal(train.values, [r["train/loss"] for r in rows])
    assert math.isnan(train.values[-1]) and train.values[0] < 5
    assert np.nanmax(train.values) > 100  # it diverged
    assert run.series["val_loss"].steps.tolist() == [
        r["global_step"] for r in rows if "eval/loss" in r
    ]
    assert run.series["lr"].values.tolist() == [r["learning_rate"] for r in rows]
    assert not run.steps_start_at_zero  # global_step counts from 1
    assert run.figures.iterations == 300
    assert "grad_norm" not in run.series  # "total_norm" is not a known name ...


def test_jsonl_map_names_the_rest() -> None:
    rows = [json.loads(x) for x in JSONL_DIVERGENT.read_text().splitlines() if x.startswith("{")]
    run = load_run(JSONL_DIVERGENT, metric_map={"grad_norm": "total_norm", "val_loss": "nope"})
    np.testing.assert_array_equal(run.series["grad_norm"].values, [r["total_norm"] for r in rows])
    assert "val_loss" in run.series  # falls back to the alias table
    assert any("nope" in n for n in run.notes)
    # --map step=KEY: number by another column
    by_lr = load_run(JSONL_HEALTHY, metric_map={"step": "tokens"})
    assert by_lr.series["train_loss"].steps[0] == 1024


# ---------------------------------------------------------------- wandb


def _output_log_losses(run_dir: Path) -> dict[int, float]:
    text = (run_dir / "files" / "output.log").read_text()
    return {int(m[1]): float(m[2]) for m in re.finditer(r"^iter (\d+): loss (\S+),", text, re.M)}


@needs_wandb
def test_wandb_datastore_history() -> None:
    run = load_run(WANDB_HEALTHY)
    assert run.format == "wandb"
    train = run.series["train_loss"]
    assert "wandb history" in train.description
    printed = _output_log_losses(WANDB_HEALTHY)
    assert train.steps.tolist() == sorted(printed)
    # two independent records of one run: the history (full precision) and stdout (4 decimals)
    np.testing.assert_allclose(train.values, [printed[s] for s in train.steps], atol=5.1e-5)
    val = run.series["val_loss"]
    assert val.mode == "eval" and val.steps.tolist() == [*range(0, 400, 25), 399]
    assert set(run.series) >= {"lr", "grad_norm", "tokens_per_sec", "step_time_ms"}
    assert "output.log" in run.series["step_time_ms"].description


@needs_wandb
def test_wandb_config_and_dims() -> None:
    run = load_run(WANDB_HEALTHY)
    assert run.config.get("batch_size") == 16
    assert run.config.get("learning_rate") == 0.002
    assert "_wandb" not in run.config.values
    assert run.dims is not None and run.dims.n_layer == 2 and run.dims.vocab_size == 96
    assert run.figures.n_params == 108_864
    assert run.reported.tokens_per_iter == 1024
    assert run.figures.iterations == 400
    # reading the wandb/ folder finds the same run
    parent = load_run(WANDB_HEALTHY.parent)
    assert parent.series["train_loss"].values.tolist() == run.series["train_loss"].values.tolist()


@needs_wandb
def test_wandb_overfit_run() -> None:
    run = load_run(WANDB_OVERFIT)
    val, train = run.series["val_loss"], run.series["eval_train_loss"]
    best = int(np.argmin(val.values))
    assert val.values[-1] > val.values[best] + 0.5  # validation rose again
    assert train.values[-1] < train.values[best]  # while training loss kept falling
    assert run.config.get("dataset") == "python_stdlib_char_first_4k"
    assert run.config.get("train_chars") == 4000 and run.dims is not None


@pytest.mark.usefixtures("without_wandb")
def test_wandb_without_the_package() -> None:
    run = wandb_fmt.load(WANDB_HEALTHY, LoadContext())
    assert any("not installed" in n for n in run.notes)
    train = run.series["train_loss"]
    assert "output.log" in train.description
    printed = _output_log_losses(WANDB_HEALTHY)
    assert train.values.tolist() == [printed[s] for s in train.steps]


def test_wandb_datastore_framing() -> None:
    payloads = wandb_fmt.read_datastore(next(WANDB_HEALTHY.glob("run-*.wandb")))
    assert len(payloads) > 400  # one history record per iteration, and more


# ---------------------------------------------------------------- MLflow


def _metric_file(run_dir: Path, key: str) -> list[tuple[int, float]]:
    out = []
    for line in (run_dir / "metrics" / key).read_text().splitlines():
        _ts, value, step = line.split()
        out.append((int(step), float(value)))
    return out


def test_mlflow_file_store_values_equal_the_files() -> None:
    runs = _mlflow_runs()
    run_dir = runs["healthy"]
    run = load_run(run_dir)
    assert run.format == "mlflow" and run.framework == "mlflow (file store)"
    for canonical, key in (("train_loss", "train_loss"), ("val_loss", "val_loss"), ("lr", "lr")):
        stored = _metric_file(run_dir, key)
        series = run.series[canonical]
        assert series.steps.tolist() == [s for s, _ in stored]
        assert series.values.tolist() == [v for _, v in stored]
    assert run.series["train_loss"].mode == "train-batch"
    assert run.series["val_loss"].mode == "eval"
    assert run.config.get("n_layer") == 2 and run.config.get("dtype") == "float32"
    assert run.dims is not None and run.figures.n_params == 108_864
    assert run.figures.iterations == 400


def test_mlflow_run_selection() -> None:
    runs = _mlflow_runs()
    newest = load_run(MLRUNS)
    assert newest.source == str(runs["divergent"])
    assert any("2 runs" in n and "--set run_id" in n for n in newest.notes)
    by_name = load_run(MLRUNS, sets=["run_name=healthy"])
    assert by_name.source == str(runs["healthy"])
    by_id = load_run(MLRUNS, sets=[f"run_id={runs['healthy'].name[:8]}"])
    assert by_id.source == str(runs["healthy"])
    assert "run_id" not in by_id.config.values


def test_mlflow_sqlite_equals_file_store() -> None:
    """The generator logged each run to both backends at once: the values must agree."""
    runs = _mlflow_runs()
    for name in ("healthy", "divergent"):
        from_file = load_run(runs[name])
        from_db = load_run(MLFLOW_DB, sets=[f"run_name={name}"])
        assert from_db.framework == "mlflow (sqlite store)"
        assert set(from_db.series) == set(from_file.series)
        for key, series in from_file.series.items():
            other = from_db.series[key]
            assert other.steps.tolist() == series.steps.tolist()
            np.testing.assert_array_equal(other.values, series.values)
        assert from_db.config.values == from_file.config.values


def test_mlflow_sqlite_read_only_and_raw_rows() -> None:
    con = sqlite3.connect(f"{MLFLOW_DB.resolve().as_uri()}?mode=ro", uri=True)
    rows: list[Any] = con.execute(
        "SELECT m.step, m.value FROM metrics m JOIN runs r ON m.run_uuid = r.run_uuid "
        "WHERE r.name = 'healthy' AND m.key = 'grad_norm' ORDER BY m.step"
    ).fetchall()
    con.close()
    run = load_run(MLFLOW_DB, sets=["run_name=healthy"])
    assert run.series["grad_norm"].steps.tolist() == [r[0] for r in rows]
    assert run.series["grad_norm"].values.tolist() == [r[1] for r in rows]


@pytest.mark.parametrize("store", [MLRUNS, MLFLOW_DB])
def test_mlflow_divergent_run(store: Path) -> None:
    run = load_run(store, sets=["run_name=divergent"])
    train = run.series["train_loss"]
    assert train.values[0] < 5 and np.nanmax(train.values) > 100
    assert np.isnan(train.values).sum() == 9  # the last iterations (file store: "nan" lines)
    # an infinite gradient norm: "inf" in the file store, the largest double in sqlite
    assert np.isposinf(run.series["grad_norm"].values).sum() == 1
    assert run.config.get("learning_rate") == 3.0 and run.config.get("grad_clip") == 0.0


def test_mlflow_map() -> None:
    run = load_run(MLRUNS, sets=["run_name=healthy"], metric_map={"grad_norm": "tokens_per_sec"})
    stored = _metric_file(_mlflow_runs()["healthy"], "tokens_per_sec")
    assert run.series["grad_norm"].values.tolist() == [v for _, v in stored]
    assert "tokens_per_sec" not in run.series  # the key went where --map sent it


# ---------------------------------------------------------------- end to end


@pytest.mark.parametrize(
    ("path", "sets"),
    [
        (JSONL_HEALTHY, []),
        pytest.param(WANDB_HEALTHY, [], marks=needs_wandb),
        (MLRUNS, ["run_name=healthy"]),
        (MLFLOW_DB, ["run_name=healthy"]),
    ],
)
def test_healthy_runs_have_no_warnings(path: Path, sets: list[str]) -> None:
    run = load_run(path, sets=sets)
    assert run.dims is not None and run.figures.tokens_seen
    _no_warnings(run)


@pytest.mark.parametrize(
    ("path", "sets"),
    [
        (JSONL_DIVERGENT, []),
        pytest.param(WANDB_OVERFIT, [], marks=needs_wandb),
        (MLRUNS, ["run_name=divergent"]),
    ],
)
def test_broken_runs_analyze(path: Path, sets: list[str]) -> None:
    report = analyze(load_run(path, sets=sets))
    assert report.run.format in ("jsonl", "wandb", "mlflow")


def test_a_log_that_is_one_json_document_is_read_as_its_records() -> None:
    corpus = ROOT / "bench" / "corpus"
    # one JSON array of per-10-step records (a Colab notebook's json.dump of its log)
    folder = corpus / "rr-jsonarray-minilm-colab-multi-resume"
    path = next((folder / "metadata").glob("*.json"))
    records = json.loads(path.read_text())
    run = load_run(path)
    loss = run.series["train_loss"]
    assert loss.steps.tolist() == [r["step"] for r in records if "loss" in r]
    assert loss.values.tolist() == [r["loss"] for r in records if "loss" in r]
    # a JSON document of a config and a loss history: {"train": [...], "val": [...],
    # "iters": [...]}; the config the trainer printed (max_iters 1000, no accumulation)
    # wins over the YAML file it came from (5000, 4), with a note
    folder = corpus / "sh-yuncongzhou-m4-shakechar-lr-horizon"
    document = json.loads((folder / "training_log.json").read_text())
    run = load_run(folder / "training_log.json", folder / "tiny_shakespeare.yaml")
    history = document["loss_history"]
    assert run.series["train_loss"].steps.tolist() == history["iters"]
    assert run.series["train_loss"].values.tolist() == history["train"]
    assert run.series["val_loss"].values.tolist() == history["val"]
    assert run.config.get("max_iters") == document["config"]["max_iters"] == 1000
    assert run.config.get("gradient_accumulation_steps") == 1
    assert any("max_iters (5000 in the file, 1000 logged)" in n for n in run.notes)


def test_a_json_document_without_a_loss_is_not_a_log(tmp_path: Path) -> None:
    # a config.json is a JSON document too: no metric lists, no records with a loss
    from capdiag.load import InputError

    config = tmp_path / "config.json"
    config.write_text(json.dumps({"n_layer": 12, "betas": [0.9, 0.95], "lr": 3e-4}))
    with pytest.raises(InputError):
        detect_format(config)


def test_a_wandb_output_log_whose_metric_lines_are_few_among_progress_bars() -> None:
    # W&B runs whose output.log is mostly tqdm redraws: 8 "epoch 01, loss: 0.57158, ...,
    # val_loss: 0.37872" lines in 3,433 (a healthy KoBERT run), and a RoBERTa run whose
    # logged loss turns NaN; both real. The file is a training run's stdout, so its metric
    # lines need not be a tenth of it
    import re

    from test_real_runs import analyze, findings

    kobert = "tn-wandb-kobert-nsmc-lr1e-6-10ep-accelerate-healthy"
    log = next((ROOT / "bench" / "corpus" / kobert).rglob("output.log"))
    rows = re.findall(r"^epoch (\d+), loss: ([\d.]+), .*val_loss: ([\d.]+)", log.read_text(), re.M)
    report = analyze(kobert)
    assert report["coverage"]["series"]["train_loss"] == len(rows) == 8
    assert not [f for f in report["findings"] if f["severity"] in ("warning", "error")]
    [diverged] = findings(analyze("rt-wandb-roberta-large-reclor-svo-nan-loss"), "divergence")
    assert diverged["severity"] == "error"


@needs_wandb
def test_a_wandb_run_without_output_log_is_read_from_the_console_it_captured() -> None:
    # Runs that never wrote files/output.log keep their stdout and stderr in the datastore's
    # output records. A real LLaMA fine-tune stopped by hand: its console ends in a
    # KeyboardInterrupt traceback (wandb's exit record says 255). A healthy TinyStories run
    # whose console is only its samples stays silent
    from test_real_runs import analyze, findings

    stopped = "rp-wandb-alpaca-llama7b-rationale-mse-gradnorm-1e4-ctrlc"
    folder = ROOT / "bench" / "corpus" / stopped
    assert not list(folder.rglob("output.log"))
    [crash] = findings(analyze(stopped), "crash")
    assert crash["severity"] == "error" and "stopped by hand" in crash["title"]
    healthy = analyze("ut-wandb-cs336-tinystories-22m-bs32-5k-mps-healthy")
    assert not [f for f in healthy["findings"] if f["severity"] in ("warning", "error")]
    assert any("console output read from the datastore" in n for n in healthy["run"]["notes"])


def test_a_json_document_whose_key_lists_the_step_records(tmp_path: Path) -> None:
    # batch 169: {"config": {}, "final_step": 1700, "training_log": [{"step": 100, "loss":
    # 8.63, "lr": ..., "tokens_per_sec": ...}, ...]}: was not read (exit 2)
    folder = ROOT / "bench" / "corpus" / "xw-shakespeare-124m-accumbug"
    run = load_run(folder / "training_log_final.json")
    loss = run.metric("train_loss")
    assert loss is not None and loss.steps.tolist() == list(range(100, 1800, 100))
    assert loss.values[0] == 8.627983540296555 and run.metric("lr") is not None
    # a list of something else under a key is no curve
    other = tmp_path / "doc.json"
    other.write_text(json.dumps({"runs": ["a", "b"], "samples": [{"text": "x"}, {"text": "y"}]}))
    assert jsonl_fmt.document_records(other) is None
