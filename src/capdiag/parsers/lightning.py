"""PyTorch Lightning ``CSVLogger`` output: ``metrics.csv`` with ``hparams.yaml`` beside it.

Semantics, from lightning 2.x (``lightning/pytorch``):

- One row per ``log_metrics`` call; columns are the union of all logged names (sorted), so train
  and validation values sit on separate rows with empty cells elsewhere.
- ``step`` is ``fit_loop.epoch_loop._batches_that_stepped`` at the time of logging
  (``logger_connector.py``, ``log_metrics``). It is increased after the batch's logging and any
  validation run (``training_epoch_loop.py``), so a row at step N was logged after N+1
  optimizer steps: train logs every ``log_every_n_steps`` land on steps 9, 19, ...
- ``self.log(name, on_step=True)`` logs that batch's value (``result.py`` keeps only the last
  value of an on-step-only metric); with ``on_step=True, on_epoch=True`` the names get
  ``_step`` and ``_epoch`` suffixes, ``_epoch`` being the mean over the epoch's batches.
- Validation metrics default to ``on_epoch=True``: the mean over the validation batches, run
  under ``model.eval()`` (``core/hooks.py``, ``on_validation_model_eval``), so dropout is off.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from capdiag.arithmetic.params import ModelDims
from capdiag.config import read_sidecar, safe_yaml
from capdiag.parsers import LoadContext, ParseError
from capdiag.parsers.fields import to_count
from capdiag.parsers.jsonl import other_mlp
from capdiag.run import Config, Run, Segment, Series

NAME = "lightning"

METRICS_FILE = "metrics.csv"
HPARAMS_FILE = "hparams.yaml"
_VERSION = re.compile(r"^version_(\d+)$")

# canonical series <- column names tried in order (the first present wins)
TRAIN_STEP = (
    "train_loss_step",
    "train/loss_step",
    "train_loss",
    "train/loss",
    "loss_step",
    "loss",
    "training_loss",
    "train_loss_batch",
)
TRAIN_EPOCH = ("train_loss_epoch", "train/loss_epoch", "loss_epoch")
VAL = (
    "val_loss",
    "val/loss",
    "val_loss_epoch",
    "valid_loss",
    "valid/loss",
    "validation_loss",
    "validation/loss",
    "eval_loss",
    "eval/loss",
    "dev_loss",  # NLP's name for the validation split
    "dev/loss",
)
GRAD_NORM = ("grad_norm", "train/grad_norm", "grad_2.0_norm_total", "grad_norm_total")
LR = ("lr", "learning_rate", "train/lr", "train/learning_rate")

# canonical config key <- hparams.yaml names tried in order
HPARAM_KEYS = {
    "learning_rate": ("learning_rate", "lr"),
    "batch_size": ("batch_size", "micro_batch_size", "per_device_train_batch_size"),
    "block_size": ("block_size", "seq_len", "max_seq_len", "context_length", "sequence_length"),
    "n_layer": ("n_layer", "num_layers", "n_layers", "num_hidden_layers"),
    "n_head": ("n_head", "num_heads", "n_heads", "num_attention_heads"),
    "n_embd": ("n_embd", "d_model", "hidden_size", "embed_dim", "n_embed"),
    "vocab_size": ("vocab_size",),
    "dropout": ("dropout", "dropout_rate", "resid_pdrop"),
    "weight_decay": ("weight_decay",),
    "max_iters": ("max_iters", "max_steps"),
    "warmup_iters": ("warmup_iters", "warmup_steps"),
    "grad_clip": ("grad_clip", "gradient_clip_val", "max_grad_norm"),
    "gradient_accumulation_steps": ("gradient_accumulation_steps", "accumulate_grad_batches"),
}
_PRECISION = {"bf16": "bfloat16", "16": "float16", "32": "float32", "64": "float64"}


def metrics_file(directory: Path) -> Path | None:
    """metrics.csv of a version directory, or of the newest version_N inside a log directory."""
    own = directory / METRICS_FILE
    if own.is_file():
        return own
    versions = []
    for child in directory.iterdir() if directory.is_dir() else []:
        m = _VERSION.match(child.name)
        if m and (child / METRICS_FILE).is_file():
            versions.append((int(m.group(1)), child / METRICS_FILE))
    return max(versions)[1] if versions else None


def _header(head: bytes) -> list[str]:
    first = head.split(b"\n", 1)[0].decode("utf-8", errors="replace").strip()
    return [c.strip() for c in first.split(",")] if first else []


def sniff(path: Path, head: bytes) -> int:
    if path.is_dir():
        found = metrics_file(path)
        if found is None:
            return 0
        with found.open("rb") as handle:
            # CSVLogger always writes a step column: another script's metrics.csv is not it
            if "step" not in _header(handle.read(4096)):
                return 0
        return 95 if found.parent == path else 90
    columns = _header(head)
    if "step" not in columns or len(columns) < 2 or any(not c for c in columns):
        return 0
    if "epoch" in columns:
        return 90  # self.log keys may hold spaces ("Final Test F1 Score")
    if any(" " in c for c in columns):
        return 0
    return 50


def _float(raw: str) -> float | None:
    if raw == "":
        return None
    try:
        return float(raw)
    except ValueError:
        return None


def _read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        try:
            rows = list(reader)
        except csv.Error as exc:  # a field past csv's limit, a NUL byte
            raise ParseError(f"{path}: not a readable CSV file: {exc}") from exc
        return list(reader.fieldnames or []), rows


def _column(rows: list[dict[str, str]], name: str) -> tuple[np.ndarray, np.ndarray]:
    steps, values = [], []
    for row in rows:
        value = _float(row.get(name) or "")
        step = to_count(row.get("step") or "")
        if value is None or step is None:
            continue
        steps.append(step)
        values.append(value)
    return np.array(steps, dtype=np.int64), np.array(values, dtype=np.float64)


_NAMED_LOSS = re.compile(r"^(train)[/_]\w+_loss$")


def _named_loss(columns: list[str], split: str) -> str | None:
    """The one training loss logged under its own name ("train/nll_loss"), if only one."""
    found = [c for c in columns if (m := _NAMED_LOSS.match(c)) and m.group(1) == split]
    return found[0] if len(found) == 1 else None


def _pick(columns: list[str], names: tuple[str, ...], wanted: str | None) -> str | None:
    if wanted is not None:
        return wanted if wanted in columns else None
    return next((n for n in names if n in columns), None)


def load(path: Path, ctx: LoadContext) -> Run:
    if path.is_dir():
        metrics = metrics_file(path)
        if metrics is None:
            raise ParseError(f"{path}: no {METRICS_FILE} here or in a version_N directory")
    else:
        metrics = path
    columns, rows = _read_rows(metrics)
    run = Run(source=str(path), format=NAME, framework="PyTorch Lightning", config=Config())
    hparams_path = metrics.parent / HPARAMS_FILE
    if ctx.config_path is not None:
        hparams_path = ctx.config_path
    if hparams_path.suffix in (".py", ".json"):
        from capdiag.parsers.jsonl import config_file, dims_from_config

        run.config = config_file(ctx) or Config()  # a training script's settings, read
        run.dims = dims_from_config(run.config)
    else:
        run.config = config_from_hparams(hparams_path, ctx, run.notes)
    if metrics.parent != path and path.is_dir():
        run.notes.append(f"read {metrics.relative_to(path)} (the newest version)")
    if "epoch" in columns:
        _place_epoch_counts(rows, run.notes)
    _fill_series(run, columns, rows, ctx.metric_map)
    last = run.last_step
    run.segments = [
        Segment(index=0, start_line=2, first_step=0 if last is not None else None, last_step=last)
    ]
    run.dims = gpt_dims(run)
    return run


def _place_epoch_counts(rows: list[dict[str, str]], notes: list[str]) -> None:
    """A script's own CSV whose step column counts batches within each epoch (it goes back
    to 0 where the epoch moves on, every time; CSVLogger's step never does): its steps are
    placed end to end, epoch after epoch."""
    from capdiag.parsers.jsonl import steps_across_epochs

    steps = [to_count(row.get("step") or "") for row in rows]
    epochs = [_float(row.get("epoch") or "") for row in rows]
    if not rows or any(s is None for s in steps) or any(e is None for e in epochs):
        return
    placed = steps_across_epochs(
        np.array(steps, dtype=np.float64), np.array(epochs, dtype=np.float64)
    )
    if placed is None:
        return
    for row, step in zip(rows, placed.tolist(), strict=True):
        row["step"] = str(int(step))
    notes.append("the step column counts within each epoch: epochs placed end to end")


def _fill_series(
    run: Run, columns: list[str], rows: list[dict[str, str]], metric_map: dict[str, str]
) -> None:
    dropout = run.config.number("dropout")
    active = dropout > 0 if dropout is not None else None
    used = {"step", "epoch"}

    def add(name: str, column: str | None, description: str, **extra: Any) -> None:
        if column is None or column in used:
            return
        steps, values = _column(rows, column)
        if steps.size:
            used.add(column)
            run.series[name] = Series(
                name=name,
                steps=steps,
                values=values,
                description=f"{column!r}: {description}",
                **extra,
            )

    train = _pick(columns, TRAIN_STEP, metric_map.get("train_loss"))
    named = None if train or "train_loss" in metric_map else _named_loss(columns, "train")
    train = train or named
    add(
        "train_loss",
        train,
        "self.log on_step in training_step: that batch's loss, train mode",
        mode="train-batch",
        dropout_active=active,
    )
    epoch_col = _pick(columns, TRAIN_EPOCH, None)
    add(
        "train_loss_epoch",
        epoch_col,
        "on_epoch: mean training loss over the epoch's batches, train mode",
        mode="train-smoothed",
        dropout_active=active,
    )
    if "train_loss" not in run.series and "train_loss_epoch" in run.series:
        run.series["train_loss"] = run.series.pop("train_loss_epoch")
        run.series["train_loss"].name = "train_loss"
    val = _pick(columns, VAL, metric_map.get("val_loss"))
    if val is None and named is not None and "val_loss" not in metric_map:
        # the same loss on the validation split ("val/nll_loss" beside "train/nll_loss"),
        # never another metric ("val/rmse_loss" is not comparable with an NLL)
        twin = named.replace("train", "val", 1)
        val = twin if twin in columns else None
    add(
        "val_loss",
        val,
        "validation_step's loss averaged over the validation batches, model.eval()",
        mode="eval",
        dropout_active=False,
    )
    lr = _pick(columns, LR, metric_map.get("lr"))
    if lr is None and "lr" not in metric_map:
        lr = next((c for c in columns if c.startswith("lr-")), None)  # LearningRateMonitor
    add("lr", lr, "learning rate at the step (LearningRateMonitor names it lr-<optimizer>)")
    add("grad_norm", _pick(columns, GRAD_NORM, metric_map.get("grad_norm")), "gradient norm")
    for canonical in ("step_time_ms", "tokens_per_sec", "mfu_reported"):
        add(canonical, metric_map.get(canonical), "mapped with --metric-map")
    for column in columns:
        if column not in used:
            add(column, column, "logged by the module")
    steps, values = _column(rows, "epoch")
    if steps.size:
        run.series["epoch"] = Series(
            name="epoch",
            steps=steps,
            values=values,
            description="'epoch': trainer.current_epoch (0-based)",
        )


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{prefix}{key}"
            if isinstance(value, dict):
                flat.update(_flatten(value, name + "."))
            else:
                flat[name] = value
    return flat


def config_from_hparams(path: Path, ctx: LoadContext, notes: list[str]) -> Config:
    config = Config()
    text = read_sidecar(path) if path.exists() else None
    if path.exists() and text is None:
        notes.append(f"{path.name}: not a regular file, or over 1 MiB; ignored")
    if text is not None:
        try:
            loaded = safe_yaml(text)
        except yaml.YAMLError as exc:
            notes.append(f"{path.name}: not readable YAML ({exc.__class__.__name__}); ignored")
            loaded = None
        hparams = _flatten(loaded)
        ctx.config_read = ctx.config_read or (isinstance(loaded, dict) and path == ctx.config_path)
        if hparams:
            config.path, config.text = str(path), text
        for i, line in enumerate(text.splitlines(), start=1):
            key = line.split(":", 1)[0].strip()
            if key and not line.startswith((" ", "\t", "-", "#")):
                config.lines[key] = i
        taken: set[str] = set()
        for canonical, names in HPARAM_KEYS.items():
            for name in names:
                # leaf names match too: model.n_layer gives n_layer
                match = (
                    name
                    if name in hparams
                    else next((k for k in hparams if k.endswith("." + name)), None)
                )
                if match is None:
                    continue
                value = hparams[match]
                if isinstance(value, bool) or not isinstance(value, int | float | str):
                    continue
                config.values[canonical] = value
                config.origins[canonical] = path.name
                if match != canonical:
                    config.native_keys[canonical] = match
                taken.add(match)
                break
        for key, value in hparams.items():
            if key not in taken and key not in config.values:
                config.values[key] = value
                config.origins[key] = path.name
        precision = str(hparams.get("precision", ""))
        for prefix, dtype in _PRECISION.items():
            if precision.startswith(prefix) and "dtype" not in hparams:
                config.values["dtype"] = dtype
                config.origins["dtype"] = path.name
                config.native_keys["dtype"] = "precision"
                break
    else:
        notes.append(f"no {HPARAMS_FILE} beside the metrics: hyperparameters unknown")
    for key, value in ctx.sets.items():
        config.values[key] = value
        config.origins[key] = "--set"
    return config


def gpt_dims(run: Run) -> ModelDims | None:
    c = run.config
    needed = ("n_layer", "n_head", "n_embd", "block_size", "vocab_size")
    numbers = [c.number(k) for k in needed]
    if any(n is None or not math.isfinite(n) or n <= 0 for n in numbers):
        return None
    n_embd = int(numbers[2] or 0)
    if other_mlp(c.values, n_embd):
        run.notes.append(
            "the config gives an MLP width other than 4 x n_embd: the model is not GPT-2 "
            "shaped, so its size is not computed"
        )
        return None
    run.notes.append(
        "model shape read from hparams.yaml and assumed GPT-2 style (it does not name the "
        "architecture)"
    )
    return ModelDims(
        n_layer=int(numbers[0] or 0),
        n_head=int(numbers[1] or 0),
        n_embd=n_embd,
        block_size=int(numbers[3] or 0),
        vocab_size=int(numbers[4] or 0),
        bias=bool(c.get("bias", True)),
    )
