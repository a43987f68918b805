"""Ultralytics YOLO training folders: ``results.csv`` with ``args.yaml`` beside it.

Semantics, from ``ultralytics/engine/trainer.py`` (8.x):

- One row per epoch, written by ``save_metrics`` after validation: ``epoch`` (from 1 in
  recent versions, from 0 in older ones; older versions also pad every cell with spaces),
  the training losses, the validation metrics and losses, and ``lr/pg0..2``.
- ``train/*_loss`` are the epoch's running means of the loss items
  (``self.tloss = (self.tloss * i + self.loss_items) / (i + 1)``): a detector logs
  ``box``, ``cls`` and ``dfl``, each already multiplied by its gain, so their sum is the
  loss the optimizer saw (per image). capdiag's training loss is that sum, an epoch mean.
- ``val/*_loss`` come from the validator (model in eval mode): their sum is the validation
  loss. ``metrics/mAP50-95(B)`` and friends are evaluation metrics, higher is better.
- ``lr/pg0..2`` are the parameter groups' rates at the epoch's end. They are not read: which
  group is the biases' differs between versions, and the biases start the warmup at
  ``warmup_bias_lr`` (0.1) and fall, so a first logged rate at its peak is no sign of a
  missing warmup. The warmup lasts ``max(warmup_epochs * batches_per_epoch, 100)``
  iterations, so on a small dataset it runs for many more epochs than ``warmup_epochs``.
- ``args.yaml``: ``model`` (a ``.pt`` file with ``pretrained`` is a fine-tune of those
  weights; a ``.yaml`` builds the model from scratch), ``epochs``, ``lr0``, ``batch``.

The console (a terminal log, or a W&B run's ``output.log``) is read too: under each
``Epoch  GPU_mem  box_loss ...  Instances  Size`` header, the epoch's progress line
``1/100  2.35G  1.239  2.651  0.9852  23  640: 100%|...| 1426/1426 [05:37<00:00, ...]``
holds the same running means (its last update is the epoch's), and the validator's
``all  images  instances  P  R  mAP50  mAP50-95`` line follows. The console prints no
validation losses. The training loss is the sum of the loss columns (YOLOv10's two heads
included); the epoch's wall time is the progress bar's elapsed time;
``Transferred N/M items from pretrained weights`` makes the run a fine-tune.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from capdiag.config import read_sidecar, safe_yaml
from capdiag.parsers import LoadContext, ParseError
from capdiag.parsers.fields import bounded_lines, to_count, to_float
from capdiag.run import Config, Run, Segment, Series

NAME = "ultralytics"

RESULTS_FILE = "results.csv"
ARGS_FILE = "args.yaml"
MAX_RESULTS_BYTES = 16 << 20  # a results.csv is a row per epoch; larger is not one


def _results_file(path: Path) -> Path | None:
    if path.is_dir():
        found = path / RESULTS_FILE
        return found if found.is_file() else None
    return path if path.is_file() else None


def _columns(first_line: bytes) -> list[str]:
    text = first_line.decode("utf-8", errors="replace")
    return [c.strip() for c in text.split(",")]


# a split's loss items: "train/box_loss" (detect, segment, pose), "train/loss" (classify),
# YOLOv10's two heads "train/box_om" and "train/box_oo" (one-to-many, one-to-one: the loss
# is the sum of both)
_LOSS_ITEM = re.compile(r"^(?:train|val)/(?:\w+_loss|loss|\w+_o[mo])$")


def is_loss_item(column: str, split: str) -> bool:
    return column.startswith(f"{split}/") and _LOSS_ITEM.match(column) is not None


def sniff(path: Path, head: bytes) -> int:
    results = _results_file(path)
    if results is None:
        return 0
    if not path.is_dir() and CONSOLE_SNIFF.search(head):
        return 90
    if path.is_dir():
        with results.open("rb") as handle:
            head = handle.read(4096)
    columns = _columns(head.split(b"\n", 1)[0])
    train = any(is_loss_item(c, "train") for c in columns)
    val = any(is_loss_item(c, "val") for c in columns)
    # Lightning's CSVLogger also starts with "epoch" and may name "train/..._loss", but it
    # keeps a "step" column (and leaves the epoch blank on its lr rows)
    step = "step" in columns
    return 95 if columns[:1] == ["epoch"] and train and val and not step else 0


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    if path.stat().st_size > MAX_RESULTS_BYTES:
        raise ParseError(f"{path}: larger than 16 MiB, not a results.csv")
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        table = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text)) if row]
    except csv.Error as exc:  # a cell past the csv module's limit, a NUL byte
        raise ParseError(f"{path}: not a results.csv: {exc}") from exc
    if not table:
        raise ParseError(f"{path}: empty")
    return table[0], table[1:]


def _number(cell: str) -> float:
    try:
        return float(cell)
    except ValueError:
        return float("nan")


# the console: an epoch's progress line, the header naming its columns, the validator's row
_CONSOLE_EPOCH = re.compile(
    r"^\s*(\d{1,6})/(\d{1,6})\s+([\d.]+)G((?:\s+(?:[\d.]+|nan|inf))+?)"
    r"\s+(\d+)\s+(\d+):\s+(\d{1,3})%\|"
)
_CONSOLE_HEADER = re.compile(r"^\s*Epoch\s+GPU_mem\s+(.*?)\s+Instances\s+Size\s*$")
_CONSOLE_ALL = re.compile(r"^\s*all\s+\d+\s+\d+((?:\s+[\d.]+){4,8})\s*$")
_ELAPSED = re.compile(r"\[(?:(\d+):)?(\d+):(\d+)<")
CONSOLE_SNIFF = re.compile(
    rb"^\s*\d{1,6}/\d{1,6}\s+[\d.]+G(?:\s+[\d.]+){3,}\s+\d+\s+\d+:\s+\d{1,3}%\|", re.M
)


def load(path: Path, ctx: LoadContext) -> Run:
    if path.is_file() and _results_file(path) == path and path.suffix != ".csv":
        with path.open("rb") as handle:
            if CONSOLE_SNIFF.search(handle.read(1 << 20)):
                return load_console(path, ctx)
    results = _results_file(path)
    if results is None:
        raise ParseError(f"{path}: no {RESULTS_FILE}")
    header, rows = _rows(results)
    width = len(header)
    rows = [r for r in rows if len(r) == width and to_count(_number(r[0])) is not None]
    if not rows:
        raise ParseError(f"{results}: no epoch rows")
    table = np.array([[_number(c) for c in r] for r in rows], dtype=np.float64)
    steps = table[:, 0].astype(np.int64)
    run = Run(source=str(path), format=NAME, framework="Ultralytics YOLO", config=Config())
    run.series = _series(header, table, steps)
    run.steps_start_at_zero = bool(steps.size and steps[0] == 0)
    run.segments = [
        Segment(index=0, start_line=1, first_step=int(steps[0]), last_step=int(steps[-1]))
    ]
    run.checkpoints_logged = False  # weights/last.pt and best.pt are saved every epoch unlogged
    args_path = ctx.config_path or results.parent / ARGS_FILE
    run.config = _config(args_path, ctx, run)
    run.notes.append(
        "steps are epochs; the losses are sums of the logged components (box + cls + dfl)"
    )
    return run


def _series(header: list[str], table: np.ndarray, steps: np.ndarray) -> dict[str, Series]:
    out: dict[str, Series] = {}

    def add(name: str, values: np.ndarray, mode: Any, description: str) -> None:
        out[name] = Series(
            name=name, steps=steps, values=values, mode=mode, description=description
        )

    for split, name, mode in (
        ("train", "train_loss", "train-smoothed"),
        ("val", "val_loss", "eval"),
    ):
        parts = [i for i, c in enumerate(header) if is_loss_item(c, split)]
        if parts:
            names = " + ".join(header[i].split("/", 1)[1] for i in parts)
            what = "the epoch's running mean" if split == "train" else "the validator's, eval mode"
            add(name, table[:, parts].sum(axis=1), mode, f"results.csv {split}/({names}), {what}")
    # the weights' learning rate: parameter group 1 ("lr/pg1"; YOLOv5's "x/lr1"). The
    # trainers build the optimizer on the biases first (group 0, whose rate starts at
    # warmup_bias_lr and falls during warmup, by design), then the decayed weights (1)
    lr = next((i for i, c in enumerate(header) if c in ("lr/pg1", "x/lr1")), None)
    if lr is not None:
        add("lr", table[:, lr], None, f"results.csv {header[lr]}: the weights' learning rate")
    for i, column in enumerate(header):
        if column.startswith("metrics/"):
            metric = column.split("/", 1)[1].lower().replace("(b)", "").replace("-", "_")
            add(f"eval_{metric}", table[:, i], "eval", f"results.csv {column}")
    return out


def summed_losses(
    columns: Mapping[str, tuple[Any, Any]], source: str
) -> dict[str, tuple[Series, list[str]]]:
    """Each split's loss from YOLO's per-epoch loss components ("train/box_loss",
    "val/dfl_loss", beside "metrics/mAP..."), as written to TensorBoard or W&B: their sum,
    as ``results.csv`` is read. Components logged at different steps make no sum. Each
    series comes with the component names it used."""
    if not any(key.startswith("metrics/mAP") for key in columns):
        return {}
    found: dict[str, tuple[Series, list[str]]] = {}
    for split, name, mode in (
        ("train", "train_loss", "train-smoothed"),
        ("val", "val_loss", "eval"),
    ):
        parts = sorted(k for k in columns if is_loss_item(k, split))
        if len(parts) < 2:
            continue
        steps = np.asarray(columns[parts[0]][0], dtype=np.int64)
        if any(not np.array_equal(np.asarray(columns[k][0]), steps) for k in parts):
            continue
        names = " + ".join(k.split("/", 1)[1] for k in parts)
        what = "the epoch's running mean" if split == "train" else "the validator's, eval mode"
        values = np.sum([np.asarray(columns[k][1], dtype=np.float64) for k in parts], axis=0)
        series = Series(
            name=name,
            steps=steps,
            values=values,
            mode=mode,
            description=f"{source}: YOLO {split}/({names}), summed: {what}",
        )
        found[name] = (series, parts)
    return found


def _config(path: Path, ctx: LoadContext, run: Run) -> Config:
    config = Config(path=str(path) if path.is_file() else None)
    try:
        text = read_sidecar(path) if path.is_file() else None
        args = safe_yaml(text) if text is not None else None
    except yaml.YAMLError:
        args = None
    if not isinstance(args, dict):
        if ctx.config_path is not None:
            run.notes.append(f"{path.name}: not an args.yaml mapping; defaults are assumed")
        return config
    ctx.config_read = ctx.config_read or path == ctx.config_path
    # a W&B run's config.yaml wraps each argument: {epochs: {desc: null, value: 100}}
    args = {k: v["value"] if isinstance(v, dict) and "value" in v else v for k, v in args.items()}
    for key, canonical in (
        ("lr0", "learning_rate"),
        ("epochs", "max_iters"),  # steps are epochs here
        ("batch", "batch_size"),
        ("close_mosaic", "close_mosaic"),
    ):
        value = args.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            config.values[canonical] = value
            config.origins[canonical] = path.name
            config.native_keys[canonical] = key
    for key, value in ctx.sets.items():
        config.values[key] = value
        config.origins[key] = "--set"
    model = str(args.get("model", ""))
    if model.endswith(".pt") and args.get("pretrained") is not False:
        run.fine_tune, run.base_model = True, Path(model.replace("\\", "/")).name
    elif model.endswith((".yaml", ".yml")):
        # built from its architecture file; `pretrained: yolo11n-cls.pt` then transfers
        # that checkpoint's weights into it (pretrained: True names no weights to load)
        weights = str(args.get("pretrained", ""))
        if weights.endswith(".pt"):
            run.fine_tune, run.base_model = True, Path(weights.replace("\\", "/")).name
        else:
            run.fine_tune = False
    return config


def load_console(path: Path, ctx: LoadContext) -> Run:
    """The console of a YOLO training: each epoch's last progress update, and its mAP."""
    names: list[str] = []
    train: dict[int, float] = {}
    seconds: dict[int, float] = {}
    metric: dict[int, float] = {}
    epochs = 0
    last: int | None = None
    pretrained = False
    with path.open("rb") as handle:
        for raw in bounded_lines(handle):
            # a terminal's carriage returns: the line's last update is what stayed on screen
            text = raw.decode("utf-8", errors="replace").rstrip("\r\n").rsplit("\r", 1)[-1]
            if m := _CONSOLE_EPOCH.match(text):
                last, epochs = int(m[1]), int(m[2])
                parts = [to_float(v) for v in m[4].split()]
                if names and len(parts) != len(names):
                    continue  # not the header's columns
                train[last] = float(sum(parts))
                if t := _ELAPSED.search(text, m.end()):
                    hours = int(t[1]) if t[1] else 0
                    seconds[last] = hours * 3600 + int(t[2]) * 60 + int(t[3])
            elif m := _CONSOLE_HEADER.match(text):
                names = m[1].split()
            elif (m := _CONSOLE_ALL.match(text)) and last is not None:
                values = [to_float(v) for v in m[1].split()]
                metric[last] = values[3]  # P, R, mAP50, mAP50-95 (of the boxes)
            elif "items from pretrained weights" in text:
                pretrained = True
    if not train:
        raise ParseError(f"{path}: no YOLO epoch line with its losses")
    run = Run(source=str(path), format=NAME, framework="Ultralytics YOLO", config=Config())
    run.messages_read = True  # the console

    def series(name: str, points: dict[int, float], mode: Any, what: str) -> None:
        if points:
            steps = np.array(sorted(points), dtype=np.int64)
            values = np.array([points[k] for k in steps.tolist()], dtype=np.float64)
            run.series[name] = Series(
                name=name, steps=steps, values=values, mode=mode, description=what
            )

    columns = " + ".join(names) if names else "the loss columns"
    series("train_loss", train, "train-smoothed", f"console ({columns}), the epoch's running mean")
    series("eval_map50_95", metric, "eval", "console 'all' row, mAP50-95 of the boxes")
    series("step_time_ms", {k: v * 1000 for k, v in seconds.items()}, None, "the epoch's time")
    steps = run.series["train_loss"].steps
    run.steps_start_at_zero = False
    run.segments = [
        Segment(index=0, start_line=1, first_step=int(steps[0]), last_step=int(steps[-1]))
    ]
    run.checkpoints_logged = False
    args_path = ctx.config_path or path.parent / ARGS_FILE
    run.config = _config(args_path, ctx, run)
    if epochs and run.config.source("max_iters") in (None, "assumed"):
        run.config.values["max_iters"], run.config.origins["max_iters"] = epochs, "log"
    if pretrained and run.fine_tune is None:
        run.fine_tune = True
    run.notes.append(
        "a YOLO console: steps are epochs, the training loss is the sum of the loss columns; "
        "the console prints no validation loss"
    )
    return run
