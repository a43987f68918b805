"""Generic JSONL metrics: one JSON object per line, as many training scripts write them.

Semantics (the format says nothing about them, so capdiag assumes the common ones):

- a record is one JSON object; nested objects are flattened with ``/``
  (``{"train": {"loss": 1}}`` is ``train/loss``);
- the step is the first of `STEP_KEYS` the log uses (``--map step=KEY`` overrides it); a log
  with no step key at all is numbered by record (0, 1, ...), with a note;
- metrics are read under the names in `METRIC_KEYS` (the first alias the log uses wins) and
  ``--map canonical=key`` for the rest; a per-record ``loss`` is taken as the batch loss in
  train mode (``train-batch``) unless its key says it is averaged (avg, mean, ema, smooth,
  running: ``train-smoothed``); validation losses are ``eval``;
- ``mfu`` is read as a fraction, or as a percentage when any value is above 1;
- a record holding a ``config``/``hparams``/``args`` object gives the config; otherwise
  ``--config``, else a ``config.json``/``config.yaml``/``hparams.yaml`` beside the log;
- lines that are not JSON objects (banners, prints, tracebacks) are skipped and counted in a
  note; the ones that look like warnings or errors become events.

The helpers here (key tables, `series_from_records`, `generic_config`, `dims_from_config`)
are shared with the other key-value formats (wandb, mlflow).
"""

from __future__ import annotations

import functools
import json
import math
import re
from array import array
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from capdiag.arithmetic.params import ModelDims
from capdiag.config import ConfigError, ParsedConfig, read_config_file
from capdiag.messages import make_event
from capdiag.parsers import LoadContext
from capdiag.parsers.fields import to_count, to_float
from capdiag.run import (
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    Config,
    Event,
    LossMode,
    Reported,
    Run,
    Series,
)

NAME = "jsonl"

STEP_KEYS: tuple[str, ...] = (
    "step",
    "iter",
    "iteration",
    "global_step",
    "iter_num",
    "_step",
    "train/global_step",
    "trainer/global_step",
    "train/step",
    "current_steps",  # LLaMA-Factory trainer_log.jsonl
    "global_step/max_steps",  # ms-swift logging.jsonl: "12/438"
)
# Hugging Face Trainer front ends whose JSONL logs keep the Trainer's semantics: "loss" is the
# mean over the logging_steps window, steps count optimizer updates from 1
_TRAINER_DIALECTS = {
    "current_steps": "LLaMA-Factory",
    "global_step/max_steps": "ms-swift",
}

# canonical series -> the key names logs use for it, most specific first
METRIC_KEYS: dict[str, tuple[str, ...]] = {
    "train_loss": (
        "train_loss",
        "train/loss",
        "loss/train",  # codeparrot's training script: {'steps': 99, 'loss/train': 9.17}
        "training_loss",
        "train/train_loss",
        "loss",
        "train.loss",
        "train loss",
        "trn_loss",  # an abbreviated split: "epoch,trn_loss,val_loss,..." (a Kaggle history)
        "trn loss",
        "lm loss",
        "training loss",
        "train/crossentropyloss",  # OLMo
        # torchtitan's metric name (its TensorBoard tag loss_metrics/global_avg_loss): the
        # step's loss averaged over the ranks, as torchtitan forks print it (saforem2's mmm)
        "global_avg_loss",
        # NeMo's (and its Megatron strategy's) training loss, averaged over the data-parallel
        # ranks: "global_step: 3 | reduced_train_loss: 8.595"
        "reduced_train_loss",
        "total_loss",  # detectron2's metrics.json: the sum of its losses
        "tot_loss",  # FairMOT-X's "epoch: 1 |tot_loss 1.2757 | iou_loss 1.6673 | ..."
        "tot loss",  # an I3D detector's "Train step:100/617600,Loc Loss: ...,Tot Loss: 0.69"
        "losses",  # torchvision detection scripts: `losses = sum(loss_dict.values())`
        "train_closs",  # LLaMA-Adapter and LLaMA2-Accessory's log.txt: the causal-LM loss
        "total loss",  # "Reconstruction Loss=..., KL Loss=..., Total Loss=..." (a VAE's sum)
        "trainloss",  # "TrainLoss=1.87", keys lower-cased
        "dpo_loss",  # a DPO trainer's loss under its own name (Tinker cookbook)
        "average loss",  # "Epoch: 3, Average Loss: 2.93, Trn Accuracy: ..."
        "averaged loss",  # PM-DMNet's "Train Epoch 16: averaged Loss: 1.537617"
        "avg loss",
        "avg. loss",  # MST's "===> Epoch 1 Complete: Avg. Loss: 0.071115 time: 680.05"
        "avg_loss",  # "Epoch: 1, Avg_loss: 0.734, Duration: 52.47s, ..."
        "loss_train",  # pygcn-style loggers: "iter:0020 loss_train: 0.6635 acc_train: ..."
        "batch loss",  # MAML's "[100/100000] batch loss : 2.9027 | time : 4.45s"
        "average_loss",
        "average train loss",
        "avg train loss",
        "cost",  # "Cost: 0.6327", "AvgCost: 0.259" (the older tutorials' word for the loss)
        "avgcost",
        "avg cost",
        "train cost",
        "train_cost",
        # the PEFT examples' epoch means: "train_epoch_loss=tensor(0.18)", and
        # "train_loss_total=0.7970" (a total over the batches, divided by their number)
        "train_epoch_loss",
        "train_loss_total",
        "avg_epoch_loss",  # GluonTS (and PyTorchTS): the epoch's mean, in its progress bar
        "avr_loss",  # kohya's sd-scripts: the running mean in its bar ("avr_loss=0.0725")
        "xent",  # OpenNMT-py: the cross-entropy per target token, in nats
        "loss_net",  # MedicalDataAugmentationTool: the network's loss, beside loss_reg
        "step_loss",  # DLLogger (NVIDIA DeepLearningExamples): the step's batch loss
        "closs",  # LLaMA2-Accessory: its language-model (cross-entropy) loss
        "tr.loss",  # deep_avsr: "Step: 003 || Tr.Loss: 3.326881  Val.Loss: 3.314617 || ..."
        "mean training loss",  # an epoch's mean: "Mean training loss: 2.87."
        "mean train loss",
        "mean_loss",  # ST-GCN's torchlight log, under its "Training epoch: N" header
        "mean loss",  # PointNet's train.py: "**** EPOCH 000 ****", then "mean loss: 0.91"
        "nll",  # a negative log-likelihood in nats, by name: "step 3/45 lr=9.3e-05 nll=0.43"
        "train_nll",
        # Chainer's reporter (ESPnet1, Chainer's examples): the model registered as "main",
        # its loss averaged by LogReport over each report's iterations
        "main/loss",
        "current loss",  # GluonNLP's word LM: "[Epoch 3 Batch 200/372] current loss 5.69"
    ),
    "val_loss": (
        "val_loss",
        "val_closs",  # LLaMA-Adapter's log.txt
        "val/loss",
        "eval_loss",
        "eval/loss",
        "validation_loss",
        "validation/loss",
        "valid_loss",
        "valid/loss",
        "val.loss",
        "val loss",
        "val loss avg",  # a CSV's "Val Loss Avg": the mean over the evaluation's batches
        "val. loss",  # "Val. Loss: 3.22 |  Val. PPL: 25.03" (the pytorch-seq2seq tutorials)
        "loss/eval",  # codeparrot's training script: {'loss/eval': 5.89, 'perplexity': 362.8}
        "validation loss",
        "evaluation loss",
        "eval loss",
        "valid loss",
        "vali loss",  # Time-Series-Library's "Train Loss: 0.39 Vali Loss: 0.76 Test Loss: 0.45"
        "valloss",  # "ValLoss=1.30", keys lower-cased
        "eval_epoch_loss",  # the PEFT examples' (see train_epoch_loss)
        "eval_loss_total",
        "test_loss",  # DETR's log.txt: its evaluation on the validation split, named test
        "average val loss",
        "avg val loss",
        "average validation loss",
        "avg validation loss",  # "Epoch: 1, avg train loss: 0.1887, avg validation loss: ..."
        "dev_loss",  # the NLP name of the validation split ("dev")
        "dev loss",
        "dev/loss",
        "val nll",  # "epoch 0 VAL nll=0.0751"
        "val_nll",
        "mean validation loss",
        "mean val loss",
        "eval mean loss",  # PointNet's train.py: "eval mean loss: 0.31" after each epoch
        "validation/main/loss",  # Chainer's Evaluator: the mean over the validation set
    ),
    "eval_train_loss": ("eval_train_loss", "train_eval_loss", "eval/train_loss"),
    "lr": (
        "lr",
        "learning_rate",
        "train/learning_rate",
        "train/lr",
        "optim/lr",
        "learning rate",
        "train_lr",  # DETR's log.txt
    ),
    "grad_norm": (
        "grad_norm",
        "gradient_norm",
        "train/grad_norm",
        "grad_norm/total",
        "gnorm",
        "grad norm",
        "optim/total_grad_norm",  # OLMo
    ),
    "step_time_ms": (
        "step_time_ms",
        "time_ms",
        "iter_time_ms",
        "dt_ms",
        "train/step_time_ms",
        "end_to_end_ms",  # torchtitan's time_metrics/end_to_end(s): a step's wall time
    ),
    "tokens_per_sec": (
        "tokens_per_sec",
        "tok/s",
        "tokens/s",
        "tokens/sec",
        "tokens_per_second",
        "tok_per_sec",
        "throughput/tokens_per_sec",
        "train/tokens_per_second",
    ),
    "mfu_reported": ("mfu", "train/mfu", "perf/mfu", "mfu_fraction"),
    "epoch": ("epoch", "train/epoch"),
}
# step time in seconds (converted to step_time_ms)
STEP_TIME_S_KEYS: tuple[str, ...] = (
    "step_time",
    "step_time_s",
    "step_time_sec",
    "step_sec",
    "sec_per_step",
    "iter_time",
    "iter_time_s",
    "dt",
)
# steps per second (the step time, inverted): mlx-lm's "It/sec 2.397", OLMo's
# throughput/device/batches_per_second
STEPS_PER_S_KEYS: tuple[str, ...] = (
    "it/sec",
    "it/s",
    "iters/sec",
    "steps/sec",
    "steps_per_second",
    "throughput/device/batches_per_second",
)
# a running count of tokens seen (the last value goes to `Reported.tokens_seen`)
TOKENS_KEYS: tuple[str, ...] = (
    "tokens",
    "tokens_seen",
    "num_tokens",
    "num_input_tokens_seen",
    "train/num_input_tokens_seen",
    "throughput/total_tokens",  # OLMo
)

MODES: dict[str, LossMode] = {
    "train_loss": "train-batch",
    "val_loss": "eval",
    "eval_train_loss": "eval",
}
_SMOOTHED = re.compile(r"(avg|mean|ema|smooth|running)", re.I)

# canonical (nanoGPT) config key -> names other code uses for it, in preference order
CONFIG_KEYS: dict[str, tuple[str, ...]] = {
    "batch_size": (
        "batch_size",
        "per_device_train_batch_size",
        "micro_batch_size",
        "train_batch_size",
    ),
    "gradient_accumulation_steps": (
        "gradient_accumulation_steps",
        "grad_accum_steps",
        "grad_accum",
        "accumulate_grad_batches",
        "update_freq",  # fairseq
    ),
    "block_size": (
        "block_size",
        "seq_len",
        "seq_length",
        "sequence_length",
        "max_seq_len",
        "max_seq_length",
        "context_length",
        "n_ctx",
    ),
    "n_layer": ("n_layer", "n_layers", "num_layers", "num_hidden_layers"),
    "n_head": ("n_head", "n_heads", "num_heads", "num_attention_heads"),
    "n_embd": ("n_embd", "n_embed", "d_model", "hidden_size"),
    "vocab_size": ("vocab_size",),
    "dropout": ("dropout", "hidden_dropout_prob", "resid_pdrop"),
    "learning_rate": ("learning_rate", "lr", "max_lr"),
    "max_iters": (
        "max_iters",
        "max_steps",
        "num_iterations",
        "train_steps",
        "total_steps",
        "max_update",  # fairseq
    ),
    "warmup_iters": ("warmup_iters", "warmup_steps", "warmup_updates"),
    "lr_decay_iters": ("lr_decay_iters",),
    "min_lr": ("min_lr",),
    "decay_lr": ("decay_lr",),
    "weight_decay": ("weight_decay",),
    "grad_clip": (
        "grad_clip",
        "max_grad_norm",
        "gradient_clip_val",
        "clip_grad_norm",
        "clip_norm",  # fairseq: 0 is no clipping, as nanoGPT's grad_clip
    ),
    "dtype": ("dtype", "precision", "mixed_precision"),
    "dataset": ("dataset", "dataset_name"),
}

_CONFIG_RECORD_KEYS = ("config", "hparams", "args", "hyperparameters")
_SIBLING_CONFIGS = ("config.json", "config.yaml", "config.yml", "hparams.yaml", "args.json")
_LOSS_KEY = re.compile(r"loss", re.I)


# ---------------------------------------------------------------- shared helpers


_SCALARS = frozenset({str, int, float, bool, type(None), list})  # never a Mapping


def flatten(record: Mapping[str, Any], prefix: str = "", sep: str = "/") -> dict[str, Any]:
    """Nested mappings become ``outer/inner`` keys."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        full = key if not prefix and type(key) is str else f"{prefix}{key}"
        if type(value) not in _SCALARS and isinstance(value, Mapping):
            out.update(flatten(value, full + sep, sep))
        else:
            out[full] = value
    return out


def as_number(value: Any) -> float | None:
    """A JSON value as a float: numbers, and strings such as "NaN" or "inf"; else None."""
    if type(value) is float:  # the common cases first
        return value
    if type(value) is int:
        return to_float(value)  # an int past float range is +-inf
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return to_float(value)  # an int past float range is +-inf
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def pick_key(available: Iterable[str], candidates: Iterable[str]) -> str | None:
    """The first candidate present (exactly, else ignoring case)."""
    keys = list(available)
    present = set(keys)
    lowered = {k.lower(): k for k in reversed(keys)}
    for cand in candidates:
        if cand in present:
            return cand
    for cand in candidates:
        if cand.lower() in lowered:
            return lowered[cand.lower()]
    return None


def _most_numbers(keys: list[str], aliases: Iterable[str], counts: Mapping[str, int]) -> str | None:
    """Of the aliases present, the one with the most numbers (the most specific on a tie):
    a per-step ``loss`` beats the one ``train_loss`` of the Trainer's closing summary."""
    best = pick_key(keys, aliases)
    if best is None:
        return None
    for cand in aliases:
        found = pick_key(keys, (cand,))
        if found is not None and counts.get(found, 0) > counts.get(best, 0):
            best = found
    return best


def resolve_metric_keys(
    available: Iterable[str], metric_map: Mapping[str, str], counts: Mapping[str, int] | None = None
) -> dict[str, str]:
    """Canonical series name -> the log's key, from the alias table and ``--map``; with
    `counts` (numbers per key), the alias with the most numbers."""
    keys = list(dict.fromkeys(available))
    chosen: dict[str, str] = {}
    taken: set[str] = set()
    for canonical, key in metric_map.items():
        if canonical != "step" and key in keys:
            chosen[canonical] = key
            taken.add(key)
    for canonical, aliases in METRIC_KEYS.items():
        if canonical in chosen:
            continue
        free = [k for k in keys if k not in taken]
        found = pick_key(free, aliases) if counts is None else _most_numbers(free, aliases, counts)
        if found is not None:
            chosen[canonical] = found
            taken.add(found)
    for canonical, pattern in _QUALIFIED_LOSS.items():
        if canonical not in chosen and canonical not in metric_map:
            # a loss named with its unit or split ("train_loss_nats_per_byte"), when one
            qualified = [k for k in keys if k not in taken and pattern.match(k)]
            if len(qualified) == 1:
                chosen[canonical] = qualified[0]
                taken.add(qualified[0])
    if "train_loss" not in chosen and "train_loss" not in metric_map:
        # one loss named by its task and nothing else ("NER loss: 0.46", "ctc_loss=..."): the
        # training loss; two or more ("G Loss", "D Loss"; a VAE's parts) are parts, not it
        named = [k for k in keys if _LOSS_KEY.search(k)]
        if len(named) == 1 and _TASK_LOSS.match(named[0]) and named[0] not in taken:
            chosen["train_loss"] = named[0]
            taken.add(named[0])
    if (
        chosen.get("train_loss") == "train_loss"
        and chosen.get("val_loss") == "val_loss"
        and "loss" in keys
        and "loss" not in taken
        and "train_loss" not in metric_map
        and "eval_train_loss" not in chosen
    ):
        # "loss=3.66 ... train_loss=4.29 val_loss=4.29" (ezpz/wordplay): the step's own loss,
        # then the last evaluation's pair, as nanoGPT's "step N: train loss, val loss"
        chosen["eval_train_loss"], chosen["train_loss"] = "train_loss", "loss"
        taken.add("loss")
    if "step_time_ms" not in chosen:
        found = pick_key([k for k in keys if k not in taken], STEP_TIME_S_KEYS)
        if found is not None:
            chosen["step_time_s"] = found
        elif (rate := pick_key([k for k in keys if k not in taken], STEPS_PER_S_KEYS)) is not None:
            chosen["steps_per_s"] = rate
    return chosen


# a loss key qualified after its name by its unit or averaging ("train_loss_nats_per_byte",
# "val_loss_mean"): not a raw sum ("train/loss_raw"), and not in bits (capdiag's are nats)
_QUALIFIER = r"[_/](?!\w*bit)(?=\w*(?:nat|per_|mean|avg))\w+$"
_QUALIFIED_LOSS = {
    "train_loss": re.compile(r"^train[_/ ]loss" + _QUALIFIER, re.I),
    "val_loss": re.compile(r"^(?:val|valid|validation|eval)[_/ ]loss" + _QUALIFIER, re.I),
}


# a task's loss: a word, then "loss" (no split)
_TASK_LOSS = re.compile(
    r"^(?!(?:val|valid|validation|eval|test|dev)(?:\b|_))[a-z][a-z0-9]{1,15}[ _]loss$", re.I
)


def loss_parts(keys: Iterable[str], series: Mapping[str, Series]) -> list[str]:
    """The training losses a log names beside each other when none was read as the
    training loss: parts of an objective whose total it does not print."""
    if "train_loss" in series:
        return []
    return [k for k in dict.fromkeys(keys) if _LOSS_PART.match(k)][:8]


# a loss named by what it measures, not by its split: "ret loss", "loss_rmse" is none
_LOSS_PART = re.compile(
    r"^(?!(?:val|valid|validation|eval|test|dev)(?:\b|_)).{1,30}[ _]loss$", re.I
)


class RecordColumns:
    """(step, flat record) pairs kept as numeric columns, in file order: per key, the steps
    and the numbers (16 bytes a number, no dict kept per record)."""

    def __init__(self) -> None:
        self.keys: dict[str, None] = {}  # every key of every record, in first-seen order
        self.columns: dict[str, tuple[array[int], array[float]]] = {}  # key -> steps, numbers
        self.records = 0

    def add(self, step: int, record: Mapping[str, Any]) -> None:
        self.records += 1
        if to_count(step) is None:
            return  # a step past int64 is no step
        keys, columns = self.keys, self.columns
        for key, value in record.items():
            if key not in keys:
                keys[key] = None
            number = as_number(value)
            if number is not None:
                column = columns.get(key)
                if column is None:
                    column = columns[key] = (array("q"), array("d"))
                column[0].append(step)
                column[1].append(number)

    @classmethod
    def of(cls, records: Iterable[tuple[int, Mapping[str, Any]]]) -> RecordColumns:
        columns = cls()
        for step, record in records:
            columns.add(step, record)
        return columns


# a time that rises at nearly every record is a clock since the start (of the run or of an
# epoch: "Time: 266.5s"), not the step's own time
CLOCK_MIN_POINTS = 10
CLOCK_RISING_SHARE = 0.95


def _running_clock(steps: np.ndarray, times: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Per-step times from a running clock: each rise over the steps it took (a restart,
    where the clock goes back, has none). None when the times are not a clock."""
    if times.size < CLOCK_MIN_POINTS:
        return None
    rise, took = np.diff(times), np.diff(steps)
    ok = (rise > 0) & (took > 0)
    if ok.mean() < CLOCK_RISING_SHARE:
        return None
    return steps[1:][ok], rise[ok] / took[ok]


def steps_across_epochs(steps: np.ndarray, epochs: np.ndarray) -> np.ndarray | None:
    """Steps counted within each epoch, placed end to end: None unless the step goes back
    (or stays at 0 or 1) only where the epoch moves on, every time. Each epoch's first step
    goes one logging interval after the last of the epoch before (the epoch's length is
    not stated, so the axis is off by less than an interval per epoch)."""
    if not np.isfinite(epochs).all() or bool((np.diff(epochs) < 0).any()):
        return None  # an epoch missing or past float range: nothing to place by
    # a step that goes back, or stays at an epoch's first count (0 or 1: one logged step an
    # epoch), where the epoch moves on
    moved = np.diff(steps)
    stays = (moved == 0) & (steps[1:] <= 1) & (np.diff(epochs) > 0)
    back = np.flatnonzero((moved < 0) | stays) + 1
    if back.size == 0:
        return None
    if not bool((epochs[back] > epochs[back - 1]).all()):
        return None  # the step went back within an epoch: a relaunch, not a count per epoch
    forward = np.diff(steps)
    gap = float(np.median(forward[forward > 0])) if bool((forward > 0).any()) else 1.0
    shift = np.concatenate(([0.0], np.cumsum(steps[back - 1] + gap - steps[back])))
    segment = np.zeros(steps.size, dtype=np.int64)
    segment[back] = 1
    placed: np.ndarray = steps + shift[np.cumsum(segment)]
    return placed


def series_from_records(
    records: Sequence[tuple[int, Mapping[str, Any]]],
    metric_map: Mapping[str, str],
    source: str,
) -> tuple[dict[str, Series], list[str]]:
    """Build canonical series from (step, flat record) pairs. Returns the series and notes."""
    return series_from_columns(RecordColumns.of(records), metric_map, source)


def series_from_columns(
    records: RecordColumns, metric_map: Mapping[str, str], source: str
) -> tuple[dict[str, Series], list[str]]:
    """Build canonical series from records kept as columns. Returns the series and notes."""
    available = records.keys
    counts = {key: len(column[1]) for key, column in records.columns.items()}
    chosen = resolve_metric_keys(available, metric_map, counts)
    series: dict[str, Series] = {}
    notes: list[str] = []
    repeated = 0
    for canonical, key in chosen.items():
        if key not in records.columns:
            continue  # no number under the key
        steps, values = records.columns[key]
        name, scale, unit = canonical, 1.0, ""
        if canonical == "step_time_s":
            name, scale, unit = "step_time_ms", 1000.0, " (seconds x 1000)"
        arr = np.array(values, dtype=np.float64) * scale
        if canonical == "steps_per_s":
            name, unit = "step_time_ms", " (1000 / steps per second)"
            with np.errstate(divide="ignore"):
                arr = np.where(arr > 0, 1000.0 / np.where(arr > 0, arr, 1.0), np.nan)
        mode = MODES.get(name)
        description = f"{source} key {key!r}{unit}"
        if name == "train_loss" and _SMOOTHED.search(key):
            mode = "train-smoothed"
            description += ", an average over steps (from its name)"
        elif name == "train_loss":
            description += ", the logged batch loss (assumed train mode)"
        elif mode == "eval":
            description += ", an evaluation (eval mode)"
        if key == "mfu_fraction":
            description += ", printed as a percentage (divided by 100)"
        elif name == "mfu_reported" and np.nanmax(np.abs(arr)) > 1.0:
            arr = arr / 100.0
            description += ", a percentage (divided by 100)"
        step_arr = np.array(steps, dtype=np.int64)
        if name == "step_time_ms" and (clock := _running_clock(step_arr, arr)) is not None:
            step_arr, arr = clock
            description += ", a running clock: its rise per step"
        # a logger that writes each line twice (ms-swift 2.x): one point per repeat; only
        # when nearly every point has its twin (a coarse step, such as an epoch, can repeat
        # a value by chance)
        repeat = (step_arr[1:] == step_arr[:-1]) & (arr[1:] == arr[:-1])
        if repeat.any() and repeat.sum() >= 0.45 * arr.size:
            keep = np.concatenate(([True], ~repeat))
            step_arr, arr = step_arr[keep], arr[keep]
            repeated += int(repeat.sum())
        series[name] = Series(
            name=name,
            steps=step_arr,
            values=arr,
            mode=mode,
            description=description,
        )
    for key, (steps, values) in records.columns.items():
        low = key.lower()
        # an evaluation's task metric (eval_acc, eval_wer): what the run is judged on beside
        # its loss (loss-plateau and overfitting ask whether it kept improving)
        if (
            low.startswith("eval_")
            and "loss" not in low
            and low not in series
            and any(word in low for word in LOWER_IS_BETTER + HIGHER_IS_BETTER)
        ):
            series[low] = Series(
                name=low,
                steps=np.array(steps, dtype=np.int64),
                values=np.array(values, dtype=np.float64),
                mode="eval",
                description=f"{source} key {key!r}, an evaluation's task metric",
            )
    if repeated:
        notes.append(
            f"{repeated} repeated points (the same step and value twice in a row) read once"
        )
    missing = [k for c, k in metric_map.items() if c != "step" and k not in available]
    if missing:
        notes.append(f"--map key(s) not in the log: {', '.join(sorted(missing))}")
    series.update(loader_times(records, source))
    if not metric_map:
        from capdiag.parsers.ultralytics import summed_losses

        series.update({k: v for k, (v, _) in summed_losses(records.columns, source).items()})
    return series, notes


# a record that is its epoch's first batch (set by a reader that knows the batch's place):
# its data wait is the loader starting its workers, no measure of the loader's pace
FIRST_BATCH = "\x00first batch"
# a step's wait for its batch and the step's whole time, both in seconds, as frameworks print
# them side by side: detectron2's and mmcv's "time: 0.52 data_time: 0.01", Paddle's
# "batch_cost: 1.51 reader_cost: 1.42" (or "data_cost", or the "avg_" window means),
# torchvision's ImageNet example and its copies "Time 3.06 (3.06) Data 2.99 (2.99)",
# Pointcept's "Data 0.002 (0.949) Batch 0.236 (3.178)"; the whole time includes the wait
LOADER_PAIRS: tuple[tuple[str, str], ...] = (
    ("data_time", "batch_time"),
    ("data_time", "time"),
    ("reader_cost", "batch_cost"),
    ("data_cost", "batch_cost"),
    ("avg_reader_cost", "avg_batch_cost"),
    ("data", "time"),
    ("data", "batch_time"),
)


def loader_times(records: RecordColumns, source: str) -> dict[str, Series]:
    """The data wait and the whole step time (``data_time_ms``, ``batch_time_ms``) where the
    same records print both under a known pair of keys; not at an epoch's first batch, nor
    where batches' places are unknown at a launch's first logged step."""
    lower = {key.lower(): key for key in records.columns}

    def seconds(name: str) -> tuple[str, float] | None:
        # "batch_cost: 1.51" in seconds; "batch_cost: 1.51s" read as "batch_cost_ms"
        if name in lower:
            return lower[name], 1000.0
        return (lower[name + "_ms"], 1.0) if name + "_ms" in lower else None

    for data_name, batch_name in LOADER_PAIRS:
        if (data_key := seconds(data_name)) is None or (batch_key := seconds(batch_name)) is None:
            continue
        data_steps, data = records.columns[data_key[0]]
        batch_steps, batch = records.columns[batch_key[0]]
        if data_steps != batch_steps:
            continue  # not the same records
        steps = np.array(data_steps, dtype=np.int64)
        if FIRST_BATCH in records.columns:
            keep = ~np.isin(steps, np.array(records.columns[FIRST_BATCH][0], dtype=np.int64))
        else:
            # the batch's place is unknown: not a launch's first logged step (the loader's
            # first fill, averaged into a logging window as mmcv's "[100/5005]" does)
            keep = np.concatenate(([False], np.diff(steps) > 0))
        steps = steps[keep]
        described = f"{source} keys {data_key[0]!r} and {batch_key[0]!r}"
        return {
            "data_time_ms": Series(
                name="data_time_ms",
                steps=steps,
                values=np.array(data, dtype=np.float64)[keep] * data_key[1],
                description=f"{described}: the step's wait for its batch (seconds x 1000)",
            ),
            "batch_time_ms": Series(
                name="batch_time_ms",
                steps=steps.copy(),
                values=np.array(batch, dtype=np.float64)[keep] * batch_key[1],
                description=f"{described}: the whole step, the wait included (seconds x 1000)",
            ),
        }
    return {}


def last_tokens_seen(records: Sequence[tuple[int, Mapping[str, Any]]]) -> int | None:
    """The last value of a running token count, if the log has one."""
    return last_tokens_in_columns(RecordColumns.of(records))


def planned_steps_in_columns(records: RecordColumns) -> int | None:
    """LLaMA-Factory's ``total_steps``, the same on every record: the run's planned steps."""
    column = records.columns.get("total_steps")
    if column is None or len(column[1]) == 0:
        return None
    values = {number for number in column[1] if math.isfinite(number)}
    if len(values) != 1:
        return None
    return to_count(values.pop())


# detectron2's metrics.json: "eta_seconds" is the time left, (max_iter - iteration - 1)
# iterations at the median iteration time, beside that record's "time"
ETA_MIN_RECORDS = 3
# most records' estimates of the planned iterations agree within 5%
ETA_AGREEMENT = 0.05
ETA_AGREEING_SHARE = 0.8


def _last_launch(column: tuple[array[int], array[float]]) -> tuple[np.ndarray, np.ndarray]:
    """A column's steps and values after its steps last went back (the last launch)."""
    steps, values = np.asarray(column[0]), np.asarray(column[1], dtype=np.float64)
    back = np.flatnonzero(np.diff(steps) < 0)
    start = int(back[-1]) + 1 if back.size else 0
    return steps[start:], values[start:]


def planned_steps_from_eta(records: RecordColumns) -> int | None:
    """The run's planned iterations from detectron2's ``eta_seconds``: one past the last
    iteration where the last record's eta is 0 (the run finished); else each record's
    step + 1 + eta / time, their median, when most records of the last launch in the file
    agree with it."""
    eta, time = records.columns.get("eta_seconds"), records.columns.get("time")
    if eta is None or time is None or len(eta[0]) < ETA_MIN_RECORDS:
        return None
    eta_steps, left = _last_launch(eta)
    if left.size and left[-1] == 0:
        return int(eta_steps[-1]) + 1
    time_steps, took = _last_launch(time)
    steps, at_eta, at_time = np.intersect1d(eta_steps, time_steps, return_indices=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        planned = steps + 1 + left[at_eta] / np.where(took[at_time] > 0, took[at_time], np.nan)
    planned = planned[np.isfinite(planned)]
    if planned.size < ETA_MIN_RECORDS:
        return None
    middle = float(np.median(planned))
    if np.mean(np.abs(planned - middle) <= ETA_AGREEMENT * middle) < ETA_AGREEING_SHARE:
        return None  # an iteration time too uneven to count the iterations left by
    return round(middle)


def last_tokens_in_columns(records: RecordColumns) -> int | None:
    """The last value of a running token count. A column that goes down at more than a
    few points (restarts go down once each) is each step's count, not a running one (a
    DPO log's ``num_tokens`` per batch): None."""
    key = pick_key(records.keys, TOKENS_KEYS)
    if key is None or key not in records.columns:
        return None
    counts = np.asarray(records.columns[key][1], dtype=np.float64)
    counts = counts[np.isfinite(counts)]
    if counts.size == 0 or int((np.diff(counts) < 0).sum()) > max(3, 0.05 * counts.size):
        return None
    return int(counts[-1])


def canonical_config(values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Config values with nanoGPT names where an alias matches; returns values, native keys.

    A key matches whole, or by its last dotted/slashed part (``model.n_layer``).
    """
    out: dict[str, Any] = {}
    native: dict[str, str] = {}
    used: set[str] = set()
    last_part = {re.split(r"[./]", k)[-1]: k for k in reversed(list(values))}
    for canonical, aliases in CONFIG_KEYS.items():
        key = pick_key(values, aliases)
        if key is None:
            short = pick_key(last_part, aliases)
            key = last_part[short] if short is not None else None
        if key is None or key in used:
            continue
        out[canonical] = values[key]
        used.add(key)
        if key != canonical:
            native[canonical] = key
    for key, value in values.items():
        if key not in used and key not in out:
            out[key] = value
    return out, native


def generic_config(
    layers: Sequence[tuple[str, Mapping[str, Any]]],
    sets: Mapping[str, Any],
    path: str | None = None,
    text: str | None = None,
) -> Config:
    """Layers of raw key/values (later wins), canonicalised, then ``--set`` on top."""
    config = Config(path=path, text=text)
    for origin, raw in layers:
        values, native = canonical_config(raw)
        for key, value in values.items():
            config.values[key] = value
            config.origins[key] = origin
        config.native_keys.update(native)
    values, native = canonical_config(sets)
    for key, value in values.items():
        config.values[key] = value
        config.origins[key] = "--set"
    for key, own in native.items():
        config.native_keys.setdefault(key, own)
    return config


def read_optional_config(path: Path, ctx: LoadContext) -> tuple[ParsedConfig, str] | None:
    """The user's config beside a log that holds the record of the run: optional, so one
    that cannot be parsed is said as not read, and why (``ctx.config_problem``)."""
    try:
        return read_config_file(path)
    except ConfigError as exc:
        ctx.config_problem = f"{path} was not read: {exc}"
        return None


def config_file(ctx: LoadContext) -> Config | None:
    """The user's ``--config`` (Python, YAML or JSON, parsed, never run) as canonical values,
    for a format whose log holds no config; None when none was given. It is read, not
    patched: the keys of a training script are not the framework's own config keys."""
    path = ctx.config_path
    if path is None or path.suffix not in (".py", ".yaml", ".yml", ".json"):
        return None  # a shell script, a notebook: not a config (said as not read)
    read = read_optional_config(path, ctx)
    if read is None:
        return None
    parsed, _ = read
    ctx.config_read = True
    config = generic_config([("config", parsed.values)], ctx.sets, str(ctx.config_path), None)
    config.notes.extend(parsed.notes)
    config.comments = parsed.comments  # size claims ("# about 30.6 million parameters")
    return config


def _same_value(a: Any, b: Any) -> bool:
    """Equal as numbers ("3e-4" and 0.0003), else as text."""
    x, y = as_number(a), as_number(b)
    return x == y if x is not None and y is not None else str(a) == str(b)


def _int(value: Any) -> int | None:
    number = as_number(value)
    if number is None or not math.isfinite(number) or number != int(number) or number <= 0:
        return None
    return to_count(number)


# a feed-forward width a config states (GPT-2's is 4 x n_embd)
_MLP_KEYS = frozenset(
    {
        "d_ff",
        "ff_hidden",
        "intermediate_size",
        "n_inner",
        "ffn_dim",
        "ffn_hidden_size",
        "mlp_hidden_size",
    }
)


def other_mlp(values: Mapping[str, Any], n_embd: int) -> bool:
    """The config states a feed-forward width other than GPT-2's 4 x n_embd."""
    for key, value in values.items():
        if re.split(r"[./]", key)[-1] in _MLP_KEYS:
            width = _int(value)
            if width is not None and width != 4 * n_embd:
                return True
    return False


def dims_from_config(config: Config, vocab_size: int | None = None) -> ModelDims | None:
    """A GPT-2-shaped model when the config gives n_layer, n_head, n_embd, block and vocab."""
    c = config.values
    shape = {k: _int(c.get(k)) for k in ("n_layer", "n_head", "n_embd", "block_size")}
    vocab = _int(c.get("vocab_size")) or vocab_size
    if any(v is None for v in shape.values()) or vocab is None:
        return None
    if other_mlp(c, shape["n_embd"] or 0):
        return None  # not GPT-2 shaped (a SwiGLU's d_ff): its count is not GPT-2's
    bias = c.get("bias")
    try:
        return ModelDims(
            n_layer=shape["n_layer"] or 0,
            n_head=shape["n_head"] or 0,
            n_embd=shape["n_embd"] or 0,
            block_size=shape["block_size"] or 0,
            vocab_size=vocab,
            bias=bias is True or str(bias).lower() == "true",
        )
    except ValueError:  # a shape that is no model (0 heads, 10**12 layers)
        return None


def text_event(line_no: int, text: str, step: int | None) -> Event | None:
    """A non-metric line as an event when it is a known message, a warning or an error."""
    return make_event(line_no, text, step, plain=None)


def starts_at_zero(series: Mapping[str, Series]) -> bool:
    """Whether step numbers count from 0 (nanoGPT) rather than 1 (optimizer steps done)."""
    firsts = [int(s.steps.min()) for s in series.values() if len(s)]
    return not firsts or min(firsts) == 0


# ---------------------------------------------------------------- the JSONL format


def _json_object(line: bytes) -> dict[str, Any] | None:
    line = line.strip()
    if not line.startswith(b"{"):
        return None
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def sniff(path: Path, head: bytes) -> int:
    """Low (it is the fallback): most of the first lines are JSON objects with step and loss."""
    if path.is_dir() or not head:
        return 0
    parts = head.split(b"\n")
    if len(head) >= 1 << 20:
        parts = parts[:-1]  # the last line may be cut off
    lines = [ln for ln in parts if ln.strip()][:50]
    if not lines:
        return 0
    objects = [obj for obj in (_json_object(ln) for ln in lines) if obj is not None]
    document: Document | None = None
    if len(objects) * 2 <= len(lines):
        document = document_records(path) if _starts_a_document(path) else None
        if document is None:
            return 0
        objects = document[0][:50]
    if len(lines) == 1 and len(objects) == 1:
        # a one-line JSON document (Megatron's golden values): its records, if it has any
        document = document_records(path)
        objects = document[0][:50] if document is not None else objects
    keys: set[str] = set()
    for obj in objects:
        keys.update(flatten(obj))
    has_step = pick_key(keys, STEP_KEYS) is not None
    has_loss = any(_LOSS_KEY.search(k) for k in keys)
    if has_loss and any(k in keys for k in _TRAINER_DIALECTS):
        return 97  # more specific than a Trainer dict line (hf_trainer sniffs 95)
    # a JSON document's columns of numbers, one a loss, are a run's records in order
    # (MindSpeed's CI baselines: {"lm loss": [...], "time info": [...]}) even with no step
    columns = document is not None and len(objects) >= 2
    return 20 if has_loss and (has_step or columns) else 0


def _starts_a_document(path: Path) -> bool:
    """The file opens a JSON array, or an object that does not close on its first line, or
    is one line holding an object of metrics (FlagScale's golden values)."""
    if path.is_dir():
        return False
    with path.open("rb") as handle:
        first = handle.readline(1 << 16).strip()
        only = not handle.read(1).strip()
    if first[:1] == b"[" or (first[:1] == b"{" and _json_object(first) is None):
        return True
    return only and first[:1] == b"{" and document_records(path) is not None


def step_number(value: Any) -> float | None:
    """A step as logs write it: a number, or ms-swift's "12/438"."""
    if isinstance(value, str) and "/" in value:
        value = value.split("/", 1)[0]
    return as_number(value)


def _sibling_config(path: Path) -> Path | None:
    for name in _SIBLING_CONFIGS:
        candidate = path.parent / name
        if candidate.is_file():
            return candidate
    return None


class _Reader:
    """One pass over the log's lines; `consume` can be called again as the log grows."""

    def __init__(self, ctx: LoadContext) -> None:
        # records before a step key is known are numbered by their index; once a key is
        # known, those are dropped (they have no step) and so are later ones without it
        self.by_index, self.stepped = RecordColumns(), RecordColumns()
        self.records = 0
        self.config_records: list[dict[str, Any]] = []
        self.events: list[Event] = []
        self.skipped = 0
        self.last_step: int | None = None
        self.step_key = ctx.metric_map.get("step")

    def consume(self, lines: Iterable[bytes], after: int = 0) -> int:
        """Read `lines`, numbered on from line `after`; returns the last line's number."""
        line_no = after
        for line_no, raw in enumerate(lines, start=after + 1):
            obj = _json_object(raw)
            if obj is None:
                if raw.strip():
                    self.skipped += 1
                    text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
                    event = text_event(line_no, text, self.last_step)
                    if event is not None:
                        self.events.append(event)
                continue
            self.add(obj)
        return line_no

    def add(self, obj: dict[str, Any]) -> None:
        """One record: a config, or metrics at a step."""
        if "log_history" in obj:
            return  # ms-swift's closing record repeats the whole history
        cfg_key = (
            None
            if obj.keys().isdisjoint(_CONFIG_RECORD_KEYS)
            else next((k for k in _CONFIG_RECORD_KEYS if isinstance(obj.get(k), dict)), None)
        )
        # a record that carries the run's config and no metric (beside a timestamp or an
        # "event": "run_start" tag): the config the log says ran
        others = [k for k in obj if k != cfg_key]
        if cfg_key is not None and (
            len(obj) <= 2
            or (
                pick_key(others, STEP_KEYS) is None and not any(_LOSS_KEY.search(k) for k in others)
            )
        ):
            self.config_records.append(flatten(obj[cfg_key], sep="."))
            return
        flat = flatten(obj)
        if self.step_key is None:
            self.step_key = pick_key(flat, STEP_KEYS)
        step = step_number(flat.get(self.step_key)) if self.step_key else None
        step_int = int(step) if step is not None and math.isfinite(step) else None
        self.records += 1
        if self.step_key is None:
            self.by_index.add(self.records - 1, flat)
        elif step_int is not None:
            self.last_step = step_int
            self.stepped.add(step_int, flat)
        if self.step_key is not None and self.by_index.records:
            self.by_index = RecordColumns()  # those records had no step: dropped


DOCUMENT_MAX_BYTES = 32 << 20  # a log that is one JSON document is parsed whole: bounded
_PLURAL_STEPS = {"iters": "iter", "steps": "step", "epochs": "epoch", "iterations": "iteration"}
_SPLITS = ("train", "val", "valid", "validation", "test", "eval")


def _is_number(value: Any) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


def _columns(container: Mapping[str, Any], name: str) -> list[dict[str, Any]] | None:
    """Records from the equal-length lists of numbers in `container` (Keras' ``history``:
    ``{"loss": [...], "val_loss": [...]}``; a ``loss_history`` of ``train``, ``val`` and
    ``iters``), when one of them is a loss; the longest such group."""
    groups: dict[int, dict[str, list[Any]]] = {}
    for key, value in container.items():
        if isinstance(value, list) and len(value) >= 2 and all(map(_is_number, value)):
            column = _PLURAL_STEPS.get(key, key)
            if "loss" in name.lower() and key in _SPLITS:
                column = f"{key}_loss"  # loss_history: {"train": [...], "val": [...]}
            groups.setdefault(len(value), {})[column] = value
    lossy = [g for g in groups.values() if any(_LOSS_KEY.search(k) for k in g)]
    if not lossy:
        return None
    group = max(lossy, key=lambda g: (len(next(iter(g.values()))), len(g)))
    length = len(next(iter(group.values())))
    return [{k: v[i] for k, v in group.items()} for i in range(length)]


Document = tuple[list[dict[str, Any]], dict[str, Any] | None]


def document_records(path: Path) -> Document | None:
    """A log that is one JSON document (up to `DOCUMENT_MAX_BYTES`): an array of records, or
    columns of metrics, at the top or one level down; with its config object. Else None.
    Detection and loading ask for the same file: it is parsed once."""
    if path.is_dir():
        return None
    stat = path.stat()
    if stat.st_size > DOCUMENT_MAX_BYTES:
        return None
    return _document(str(path), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=1)
def _document(path: str, size: int, mtime_ns: int) -> Document | None:
    data = Path(path).read_bytes()
    if data.lstrip()[:1] not in (b"[", b"{"):
        return None
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if isinstance(document, list):
        records = [item for item in document if isinstance(item, dict)]
        return (records, None) if records and len(records) * 2 > len(document) else None
    if not isinstance(document, dict):
        return None
    config = next(
        (document[k] for k in _CONFIG_RECORD_KEYS if isinstance(document.get(k), dict)), None
    )
    containers = [("", document)] + [(k, v) for k, v in document.items() if isinstance(v, dict)]
    found = [r for r in (_columns(c, n) for n, c in containers) if r]
    if not found:
        listed = _listed_records(document)
        if listed:
            return listed, config
        keyed = _step_keyed(document)
        return (keyed, config) if keyed else None
    return max(found, key=len), config


def _listed_records(document: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """An array of records one level down (``{"config": {...}, "training_log": [{"step":
    100, "loss": 8.63, ...}, ...]}``): the longest list of objects one of which names a
    loss."""
    lists = [
        records
        for value in document.values()
        if isinstance(value, list)
        and len(records := [item for item in value if isinstance(item, dict)]) * 2 > len(value)
        and any(_LOSS_KEY.search(k) for record in records for k in record)
    ]
    return max(lists, key=len) if lists else None


def _step_keyed(document: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """Records from metrics whose values are keyed by step, as the CI golden values of
    Megatron-LM are: ``{"lm loss": {"start_step": 1, "step_interval": 5, "values": {"1": 10.8,
    "5": 10.2, ...}}}``, or a list from ``start_step`` every ``step_interval`` (older ones);
    or records keyed by step, as Megatron-Bridge's are: ``{"0": {"lm loss": 11.89, ...}}``.
    A value written as the string ``"nan"`` is a step with no value recorded, not a NaN
    loss: it is left out. None unless one metric is a loss."""
    by_step: dict[int, dict[str, Any]] = {}
    unnumbered: dict[str, list[Any]] = {}  # FlagScale's {"lm loss:": {"values": [...]}}

    def put(step: Any, metric: str, value: Any) -> None:
        if isinstance(step, str) and step.isdigit() and len(step) <= 15 and _is_number(value):
            by_step.setdefault(int(step), {"step": int(step)})[metric] = value

    for metric, block in document.items():
        if not isinstance(block, dict):
            continue
        values = block.get("values")
        start, every = block.get("start_step"), block.get("step_interval")
        if isinstance(values, dict):
            for key, value in values.items():
                put(key, metric, value)
        elif isinstance(values, list) and type(start) is int and type(every) is int and every > 0:
            for i, value in enumerate(values):
                put(str(start + i * every), metric, value)
        elif isinstance(values, list) and len(values) >= 2 and all(map(_is_number, values)):
            unnumbered[metric.rstrip(":")] = values
        elif "values" not in block:
            for name, value in block.items():
                put(metric, name, value)  # a record keyed by its step
    if not by_step and unnumbered:
        return _columns(unnumbered, "")  # in file order: numbered as records without a step
    if not any(_LOSS_KEY.search(k) for record in by_step.values() for k in record):
        return None
    return [by_step[step] for step in sorted(by_step)]


def load(path: Path, ctx: LoadContext) -> Run:
    from capdiag.parsers import fast

    reader = _Reader(ctx)
    document = document_records(path) if _starts_a_document(path) else None
    if document is not None:
        records, config = document
        if config:
            reader.config_records.append(flatten(config, sep="."))
        for record in records:
            reader.add(record)
        run = _run(path, ctx, reader)
        run.notes.append(f"one JSON document: {len(records)} records")
        return run
    if fast.wanted(path):
        from capdiag.parsers import jsonl_fast

        jsonl_fast.consume(reader, path)
        return _run(path, ctx, reader)
    with path.open("rb") as handle:
        reader.consume(handle)
    return _run(path, ctx, reader)


class Incremental:
    """The log read as it grows (`capdiag watch`): `feed` new lines, `run` the run so far."""

    def __init__(self, path: Path, ctx: LoadContext) -> None:
        self.path, self.ctx = path, ctx
        self.reader = _Reader(ctx)
        self.line_no = 0

    def feed(self, lines: list[bytes]) -> None:
        self.line_no = self.reader.consume(lines, self.line_no)

    def run(self) -> Run:
        return _run(self.path, self.ctx, self.reader)


def _megatron_test_case(run: Run, values: Mapping[str, Any], name: str) -> None:
    """Golden values beside a Megatron-LM test case's ``model_config.yaml``: its
    ``MODEL_ARGS`` as the run's config (Megatron's reader, imported only for one)."""
    if not any(str(key).startswith("MODEL_ARGS") for key in values):
        return
    from capdiag.parsers.megatron import apply_args, model_config_args

    args = model_config_args(values)
    if args is not None:
        apply_args(run, args, None, None, origin=name)


def _run(path: Path, ctx: LoadContext, reader: _Reader) -> Run:
    config_records = reader.config_records
    events, skipped, step_key = list(reader.events), reader.skipped, reader.step_key
    notes: list[str] = []
    if skipped:
        notes.append(f"{skipped} line(s) that are not JSON objects were skipped")
    numbered = reader.by_index if step_key is None else reader.stepped
    if step_key is None:
        notes.append("no step key in the log: records numbered 0, 1, 2, ... in file order")
    elif numbered.records < reader.records:
        notes.append(f"{reader.records - numbered.records} record(s) without {step_key!r} ignored")
    series, series_notes = series_from_columns(numbered, ctx.metric_map, "JSONL")
    notes.extend(series_notes)
    parts = loss_parts(numbered.keys, series)

    layers: list[tuple[str, Mapping[str, Any]]] = []
    cfg_path, cfg_text, cfg_notes = ctx.config_path, None, list[str]()
    if cfg_path is None and not config_records:
        cfg_path = _sibling_config(path)
        if cfg_path is not None:
            notes.append(f"config read from {cfg_path.name} beside the log")
    if cfg_path is not None:
        if cfg_path == ctx.config_path:
            read = read_optional_config(cfg_path, ctx)
        else:
            try:
                read = read_config_file(cfg_path)
            except ConfigError:
                read = None
                notes.append(f"{cfg_path.name} beside the log could not be read")
        if read is not None:
            parsed, cfg_text = read
            layers.append(("config", parsed.values))
            cfg_notes = parsed.notes
            ctx.config_read = ctx.config_read or cfg_path == ctx.config_path
    # what the log says the run used wins over a config file (which may not be what ran)
    for values in config_records:
        layers.append(("log-config", values))
    config = generic_config(
        layers, ctx.sets, str(cfg_path) if cfg_path and cfg_text else None, cfg_text
    )
    config.notes.extend(cfg_notes)
    if len(layers) > 1 and layers[0][0] == "config" and config_records:
        from_file, _ = canonical_config(layers[0][1])
        differ = sorted(
            k
            for k in CONFIG_KEYS
            if k in from_file
            and config.origins.get(k) == "log-config"
            and not _same_value(from_file[k], config.values[k])
        )
        if differ:
            notes.append(
                "the log's own config differs from the config file on "
                + ", ".join(
                    f"{k} ({from_file[k]} in the file, {config.values[k]} logged)" for k in differ
                )
                + ": the logged values are used"
            )
    dialect = _TRAINER_DIALECTS.get(step_key or "")
    framework = f"{dialect} (Hugging Face Trainer)" if dialect else "generic JSONL"
    run = Run(source=str(path), format=NAME, framework=framework, config=config)
    if dialect:
        for name in ("train_loss",):
            if name in series:
                series[name].mode = "train-smoothed"
                series[name].description += "; the Trainer's mean over logging_steps"
    run.series = series
    run.loss_parts = parts
    run.events = events
    run.messages_read = skipped > 0  # text lines among the records: a stdout
    run.notes = notes
    run.reported = Reported(tokens_seen=last_tokens_in_columns(numbered))
    run.steps_start_at_zero = False if dialect else starts_at_zero(series)
    run.dims = dims_from_config(config)
    if cfg_path is not None and layers and layers[0][0] == "config":
        _megatron_test_case(run, layers[0][1], cfg_path.name)
    if dialect:
        from capdiag.parsers.hf_trainer import starting_point, unhide_nan_losses

        unhide_nan_losses(run)

        # both front ends start from a pretrained model (model_name_or_path), even for
        # continued pre-training; an adapter beside the log names it
        run.fine_tune = True
        starting_point(run, path.parent)
        planned = planned_steps_in_columns(numbered)
        if planned and config.source("max_iters") in (None, "assumed"):
            config.values["max_iters"], config.origins["max_iters"] = planned, "log"
    elif (planned := planned_steps_from_eta(numbered)) and config.source("max_iters") in (
        None,
        "assumed",
    ):
        config.values["max_iters"], config.origins["max_iters"] = planned, "log"
        run.notes.append(
            f"planned iterations: about {planned}, from the log's eta_seconds and time"
        )
    if run.dims is None and any(k in config.values for k in ("n_layer", "n_embd")):
        run.notes.append(
            "model dimensions incomplete in the config (need layers, heads, width, "
            "sequence length and vocab size)"
        )
    return run
