"""Jupyter notebooks: a run read from its saved cell outputs, never run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from conftest import ROOT, SEED_CONFIG, SEED_LOG
from typer.testing import CliRunner

from capdiag.cli import app
from capdiag.load import detect_format, load_run

CORPUS = ROOT / "bench" / "corpus"


def notebook(outputs: list[dict[str, Any]], cells: int = 1) -> dict[str, Any]:
    code = {"cell_type": "code", "source": ["!python train.py\n"], "metadata": {}}
    return {
        "cells": [{**code, "outputs": outputs} for _ in range(cells)],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def stream(text: str) -> dict[str, Any]:
    return {"output_type": "stream", "name": "stdout", "text": text.splitlines(keepends=True)}


def analyze(*args: str | Path) -> Any:
    return CliRunner().invoke(app, ["analyze", *map(str, args), "-f", "json"])


def test_a_log_printed_in_a_cell_is_the_same_run_as_the_log(tmp_path: Path) -> None:
    # the seed nanoGPT log as a cell's stdout, split over two stream outputs
    text = SEED_LOG.read_text()
    half = text.index("\n", len(text) // 2) + 1
    path = tmp_path / "train.ipynb"
    path.write_text(json.dumps(notebook([stream(text[:half]), stream(text[half:])])))
    assert detect_format(path).NAME == "notebook"
    from_notebook = load_run(path, SEED_CONFIG)
    from_log = load_run(SEED_LOG, SEED_CONFIG)
    assert from_notebook.framework == from_log.framework
    assert from_notebook.source == str(path)
    for name, series in from_log.series.items():
        np.testing.assert_array_equal(from_notebook.series[name].steps, series.steps)
        np.testing.assert_array_equal(from_notebook.series[name].values, series.values)
    assert from_notebook.figures.n_params == from_log.figures.n_params
    assert any("notebook's cell outputs" in note for note in from_notebook.notes)


def test_the_trainers_html_table_in_a_saved_notebook_is_read() -> None:
    # a real Kaggle notebook: DistilBERT on hotel reviews, NotebookProgressCallback's table
    # (Step, Training Loss, Validation Loss, Accuracy, ...) with eval loss rising after 1500
    run_id = "uu-hf-notebook-distilbert-sst2-hotel-reviews-evalloss-rise-earlystop-3000-of-8280"
    folder = CORPUS / run_id
    [path] = folder.glob("*.ipynb")
    result = analyze(path)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["coverage"]["series"]["val_loss"] == 6
    [over] = [f for f in report["findings"] if f["rule"] == "overfitting"]
    assert over["severity"] == "warning" and "since step 1500" in over["title"]


def test_an_unrun_notebook_is_nothing_read(tmp_path: Path) -> None:
    path = tmp_path / "empty.ipynb"
    path.write_text(json.dumps(notebook([], cells=3)))
    result = analyze(path)
    assert result.exit_code == 2
    assert "no cell outputs" in result.stderr and "Traceback" not in result.output


def test_a_notebook_whose_outputs_hold_no_training_log_is_nothing_read(tmp_path: Path) -> None:
    path = tmp_path / "plots.ipynb"
    path.write_text(json.dumps(notebook([stream("hello\nworld\n")])))
    result = analyze(path)
    assert result.exit_code == 2
    assert "no training log in the notebook's cell outputs" in result.stderr


def test_a_broken_notebook_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "cut.ipynb"
    path.write_text('{"cells": [{"outputs": [', encoding="utf-8")
    path.write_text(path.read_text() + '"nbformat"')  # cut mid-document
    result = analyze(path)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_error_output_is_the_runs_crash(tmp_path: Path) -> None:
    # a cell that trained, then raised: the traceback (with its terminal colours) is read
    lines = SEED_LOG.read_text().splitlines(keepends=True)[:60]
    error = {
        "output_type": "error",
        "ename": "OutOfMemoryError",
        "evalue": "CUDA out of memory.",
        "traceback": [
            "\x1b[0;31m---------------------------------------------------------------\x1b[0m",
            "\x1b[0;31mOutOfMemoryError\x1b[0m    Traceback (most recent call last)",
            "\x1b[0;31mOutOfMemoryError\x1b[0m: CUDA out of memory. Tried to allocate 2.00 GiB",
        ],
    }
    path = tmp_path / "oom.ipynb"
    path.write_text(json.dumps(notebook([stream("".join(lines)), error])))
    result = analyze(path, "--config", SEED_CONFIG)
    report = json.loads(result.stdout)
    [crash] = [f for f in report["findings"] if f["rule"] == "crash"]
    assert crash["severity"] == "error" and "out of memory" in crash["message"].lower()


def test_the_code_cells_are_read_as_a_script_without_magics_or_other_kernels() -> None:
    from capdiag.parsers.notebook import code_text

    cells = [
        "!pip install -q peft\n%%time\nimport os",
        "args = TrainingArguments(\n    learning_rate=2e-4,\n)",
        "SELECT * FROM runs;",  # a cell of another kernel: left out
        "if True:\n    %env X=1\nmax_steps = 10",
    ]
    book = {"cells": [{"cell_type": "code", "source": c, "outputs": []} for c in cells]}
    book["cells"].append({"cell_type": "markdown", "source": "x = 1"})
    text = code_text(book)
    assert "SELECT" not in text and "x = 1" not in text and "!" not in text and "%" not in text
    assert "learning_rate=2e-4" in text and "    pass\nmax_steps = 10" in text


def test_a_notebooks_trainer_arguments_are_read_from_its_code_cells() -> None:
    # a Colab SFT of CodeGemma: SFTConfig and from_pretrained("google/codegemma-7b-it") in
    # its cells, the Trainer's table in its outputs; no config given
    folder = CORPUS / "ux-hf-sft-codegemma-7b-qlora-spider-unaligned-labels-loss-152"
    [path] = folder.glob("*.ipynb")
    report = json.loads(analyze(path, "--fail-on", "never").stdout)
    run = report["run"]
    assert run["fine_tune"] is True and run["base_model"] == "google/codegemma-7b-it"
    assert any(f"{path.name}'s code cells: read" in n for n in run["notes"])
    # a loss of 152.7 at the first step of a fine-tune: the labels do not line up
    [init] = [f for f in report["findings"] if f["rule"] == "init-loss"]
    assert init["severity"] == "warning"
    # a healthy notebook fine-tune of DINOv2, read the same way: no warning
    folder = CORPUS / "ux-hf-trainer-dinov2-base-oxford-pets-3ep-healthy"
    [path] = folder.glob("*.ipynb")
    healthy = json.loads(analyze(path, "--fail-on", "never").stdout)
    assert healthy["run"]["base_model"] == "facebook/dinov2-base"
    assert all(f["severity"] == "info" for f in healthy["findings"])


def test_a_notebook_log_is_read_from_disk_once(monkeypatch: Any) -> None:
    # its code cells come from the document the outputs were read from, not a second read
    import capdiag.parsers.notebook as nb

    def second_read(path: Path) -> str:
        raise AssertionError(f"{path} read again")

    monkeypatch.setattr(nb, "read_code", second_read)
    folder = CORPUS / "ux-hf-sft-codegemma-7b-qlora-spider-unaligned-labels-loss-152"
    [path] = folder.glob("*.ipynb")
    result = analyze(path, "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["run"]["base_model"] == "google/codegemma-7b-it"


def test_a_model_card_given_as_the_config_is_read_for_its_hyperparameters() -> None:
    # the Trainer's model card: "- lr_scheduler_warmup_steps: 500", "- training_steps: 500"
    folder = CORPUS / "wo-hf-whisper-small-arabic-warmup-equals-max-steps"
    card = folder / "model_card_README.md"
    report = json.loads(analyze(folder / "notebook-sr.ipynb", "--config", card).stdout)
    assert report["coverage"]["config"] == str(card)
    [f] = [f for f in report["findings"] if f["rule"] == "lr-schedule"]
    assert f["severity"] == "warning" and "all warmup" in f["title"]
    # a healthy LoRA's card (warmup_ratio 0.1 of 3 epochs) beside its checkpoint: silent
    folder = CORPUS / "ty-llamafactory-qwen25-05b-lora-legal-summ-6k-3ep-healthy"
    card = folder / "README_model_card.md"
    report = json.loads(analyze(folder / "trainer_state.json", "--config", card).stdout)
    assert report["coverage"]["config"] == str(card)
    assert "lr-schedule" in report["coverage"]["rules_run"]
    assert not [f for f in report["findings"] if f["rule"] == "lr-schedule"]


def test_a_kaggle_kernels_log_is_read_as_its_streams() -> None:
    # Kaggle saves a kernel run's log as a JSON array of chunks:
    # [{"stream_name":"stdout","time":0.84,"data":"..."}, ...] (was exit 2, not recognised)
    log = CORPUS / "wu-qwen25-3b-qlora-medqa-kaggle-t4-tokenize-crash/medical-qlora-finetune.log"
    assert detect_format(log).NAME == "notebook"
    result = analyze(log)
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    [crash] = [f for f in report["findings"] if f["rule"] == "crash"]
    assert crash["severity"] == "error" and crash["title"].endswith("TypeError")
    # the line the finding names is the chunks' text, joined in order
    text = "".join(chunk["data"] for chunk in json.loads(log.read_text()))
    [error] = [e for e in crash["evidence"] if e["label"] == "error"]
    assert text.split("\n")[error["line"] - 1].startswith(error["value"][:60])


def test_a_kaggle_log_is_the_same_run_as_the_log_it_holds(tmp_path: Path) -> None:
    lines = SEED_LOG.read_text().splitlines(keepends=True)
    chunks = [
        {"stream_name": "stdout", "time": i / 10, "data": line} for i, line in enumerate(lines)
    ]
    path = tmp_path / "kernel.log"
    path.write_text("[" + "\n,".join(json.dumps(c, separators=(",", ":")) for c in chunks) + "]")
    from_kaggle = load_run(path, SEED_CONFIG)
    from_log = load_run(SEED_LOG, SEED_CONFIG)
    for name, series in from_log.series.items():
        np.testing.assert_array_equal(from_kaggle.series[name].values, series.values)
    assert any("Kaggle kernel's log" in note for note in from_kaggle.notes)


def test_a_json_array_of_other_records_is_not_a_kaggle_log(tmp_path: Path) -> None:
    other = tmp_path / "history.json"
    other.write_text(json.dumps([{"step": i, "loss": 3.0 - i / 10} for i in range(20)]))
    assert detect_format(other).NAME != "notebook"
