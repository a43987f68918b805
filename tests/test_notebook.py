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
