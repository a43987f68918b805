"""TensorBoard event files, read through tensorboard's own ``EventAccumulator`` (optional extra).

Writers recognised by their tags, with their semantics:

- Hugging Face ``TensorBoardCallback`` (``integrations/integration_utils.py``): ``rewrite_logs``
  prefixes the Trainer's log keys with ``train/`` or ``eval/``; the step is ``global_step``
  (1-based), ``train/loss`` the mean over the logging window, and the ``args`` and
  ``model_config`` text summaries hold TrainingArguments and config.json as JSON.
- Lightning ``TensorBoardLogger``: the names ``self.log`` gave (``train_loss_step``,
  ``val_loss``, ``lr-AdamW``, ``hp_metric``...), the step is ``_batches_that_stepped``
  (0-based), with ``hparams.yaml`` beside the events.
- Anything else: tags mapped by name, averaging unknown.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from pathlib import Path
from typing import Any

import numpy as np

from capdiag.parsers import LoadContext, ParseError
from capdiag.run import Config, Reported, Run, Segment, Series

NAME = "tensorboard"

EVENTS_GLOB = "events.out.tfevents.*"
_EVENTS_NAME = re.compile(r"^events\.out\.tfevents\.(\d+)")

TRAIN = (
    "train/loss",
    "train_loss_step",
    "train/loss_step",
    "train_loss",
    "loss",
    "training_loss",
    "loss/train",
    "train/train_loss_step",
    "loss/training",
    "loss_metrics/global_avg_loss",  # torchtitan: the step's global batch
    "lm loss",  # Megatron-LM: mean over the log interval
    "total_loss",  # detectron2: the sum of its losses, a median over its smoothing window
)
# a loss or rate tagged with its x-axis ("Loss/Train_iter" beside "Loss/Train_per_flops",
# "Learning Rate/Step"): the per-step one, where no tag above is written
_PER_STEP = r"[/_ ](?:iter|iters|iteration|step|steps|batch)$"
TRAIN_PER_STEP = re.compile(r"^(?:loss[/_ ]train(?:ing)?|train(?:ing)?[/_ ]loss)" + _PER_STEP, re.I)
LR_PER_STEP = re.compile(r"^(?:learning[/_ ]rate|lr)" + _PER_STEP, re.I)
# a scalar whose steps run this many times past the training loss's is on another x-axis
# (FLOPs, tokens): not a series of steps
OTHER_AXIS = 100
# the model's size, written once as a scalar ("Model/Total Parameters")
N_PARAMS = re.compile(r"^(?:model[/_ ])?(?:total[/_ ])?(?:num[/_ ]|n[/_ ])?param(?:eter)?s$", re.I)
TRAIN_EPOCH = ("train_loss_epoch", "train/loss_epoch")
VAL = (
    "eval/loss",
    "val_loss",
    "val/loss",
    "val_loss_epoch",
    "validation_loss",
    "valid_loss",
    "loss/val",
    "loss/validation",
    "loss/evaluation",  # "Loss/Evaluation" beside "Loss/Training"
    "loss/eval",
    "loss/valid",
    "eval_loss",
    "validation/loss",
    "lm loss validation",  # Megatron-LM
    "validation_metrics/loss",  # torchtitan
)
LR = ("train/learning_rate", "learning_rate", "lr", "train/lr", "learning-rate")
GRAD_NORM = ("train/grad_norm", "grad_norm", "grad_2.0_norm_total", "grad-norm")
TOKENS_PER_SEC = ("train/train_tokens_per_second", "tokens_per_sec", "tokens_per_second")


def _is_events_file(head: bytes) -> bool:
    """A TFRecord whose first record is an Event with file_version 'brain.Event:N'."""
    if len(head) < 16:
        return False
    length = int.from_bytes(head[:8], "little")
    return 0 < length < 1 << 16 and b"brain.Event:" in head[12 : 12 + length]


MAX_DEPTH = 4  # a run folder's event files sit a few levels down, never deeper
MAX_ENTRIES = 20_000  # entries looked at under one folder


def _events_below(path: Path, first_only: bool = False, depth: int = MAX_DEPTH) -> list[Path]:
    """Event files under `path`, at most MAX_DEPTH levels down and MAX_ENTRIES entries in
    (a folder such as / or /usr is searched no further)."""
    found: list[Path] = []
    seen = 0
    for folder, dirs, files in os.walk(path):
        seen += len(dirs) + len(files)
        here = Path(folder)
        if seen > MAX_ENTRIES:
            break
        if len(here.relative_to(path).parts) >= depth:
            dirs[:] = []
        dirs.sort()
        found.extend(here / f for f in sorted(files) if f.startswith("events.out.tfevents."))
        if found and first_only:
            break
    return [p for p in found if p.is_file()]


def _event_dirs(path: Path) -> list[Path]:
    """Directories holding event files: the directory itself, else any below it."""
    if any(path.glob(EVENTS_GLOB)):
        return [path]
    return sorted({p.parent for p in _events_below(path)})


def sniff(path: Path, head: bytes) -> int:
    if path.is_dir():
        if any(p.is_file() for p in path.glob(EVENTS_GLOB)):
            return 85
        return 60 if _events_below(path, first_only=True, depth=2) else 0
    return 95 if _is_events_file(head) else 0


def _newest(dirs: list[Path]) -> Path:
    def stamp(d: Path) -> int:
        times = [int(m.group(1)) for p in d.glob(EVENTS_GLOB) if (m := _EVENTS_NAME.match(p.name))]
        return max(times, default=0)

    return max(dirs, key=stamp)


Scalars = dict[str, tuple[np.ndarray, np.ndarray]]
MAX_LAUNCHES = 64  # sibling event folders read to find one run's launches


def _read(target: Path, accumulator_class: Any) -> tuple[Scalars, dict[str, str]]:
    """The scalars (steps in order) and text summaries of one events file or folder."""
    accumulator = accumulator_class(str(target), size_guidance={"scalars": 0, "tensors": 0})
    accumulator.Reload()
    tags = accumulator.Tags()
    scalars: Scalars = {}
    for tag in tags.get("scalars", []):
        events = accumulator.Scalars(tag)
        steps = np.array([e.step for e in events], dtype=np.int64)
        values = np.array([e.value for e in events], dtype=np.float64)
        order = np.argsort(steps, kind="stable")
        scalars[tag] = (steps[order], values[order])
    texts: dict[str, str] = {}
    for tag in tags.get("tensors", []):
        if not tag.endswith("/text_summary"):
            continue
        for event in accumulator.Tensors(tag)[:1]:
            strings = event.tensor_proto.string_val
            if strings:
                texts[tag.removesuffix("/text_summary")] = strings[0].decode("utf-8", "replace")
    return scalars, texts


def _first_step(scalars: Scalars) -> int | None:
    firsts = [int(steps[0]) for steps, _ in scalars.values() if steps.size]
    return min(firsts) if firsts else None


def _last_step(scalars: Scalars) -> int | None:
    lasts = [int(steps[-1]) for steps, _ in scalars.values() if steps.size]
    return max(lasts) if lasts else None


def _launches(dirs: list[Path], accumulator_class: Any) -> list[tuple[Path, Scalars]]:
    """Sibling event folders that are one run's launches, in step order: only one starts at
    the beginning and each later one starts after the one before it ends (a checkpoint
    resume). Separate runs each start at their first step: then nothing is returned."""
    if len(dirs) > MAX_LAUNCHES:
        return []
    read = [(d, _read(d, accumulator_class)[0]) for d in dirs]
    spans = [(_first_step(s), _last_step(s), d, s) for d, s in read]
    if any(first is None or last is None for first, last, _, _ in spans):
        return []
    spans.sort(key=lambda t: (t[0] or 0, t[1] or 0))
    for (_, last_a, _, _), (first_b, _, _, _) in itertools.pairwise(spans):
        if first_b is None or last_a is None or first_b <= last_a // 2:
            return []  # starts again near the beginning: another run
    if (spans[1][0] or 0) <= (spans[0][0] or 0) + 1:
        return []
    return [(d, s) for _, _, d, s in spans]


def _merge(parts: list[Scalars]) -> Scalars:
    """One run's scalars from its launches in order; where two launches logged the same
    step, the later launch's value is kept (it is the one training continued from)."""
    merged: Scalars = {}
    for tag in dict.fromkeys(t for part in parts for t in part):
        pieces = [part[tag] for part in parts if tag in part]
        steps = np.concatenate([p[0] for p in pieces])
        values = np.concatenate([p[1] for p in pieces])
        # np.unique on the reversed steps finds each step's last occurrence, in step order
        _, first_in_reversed = np.unique(steps[::-1], return_index=True)
        keep = steps.size - 1 - first_in_reversed
        merged[tag] = (steps[keep], values[keep])
    return merged


def load(path: Path, ctx: LoadContext) -> Run:
    try:
        from tensorboard.backend.event_processing.event_accumulator import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
            EventAccumulator,
        )
    except ImportError:
        from capdiag.load import InputError

        raise InputError(
            "reading TensorBoard files needs: pip install capdiag[tensorboard]"
        ) from None
    notes: list[str] = []
    launches: list[tuple[Path, Scalars]] = []
    if path.is_dir():
        dirs = _event_dirs(path)
        if not dirs:
            raise ParseError(f"{path}: no {EVENTS_GLOB} files")
        target = _newest(dirs)
        if len(dirs) > 1:
            launches = _launches(dirs, EventAccumulator)
            if launches:
                target = launches[-1][0]
                notes.append(
                    f"read {len(launches)} launches of one run, each resumed where the one "
                    "before stopped: " + ", ".join(str(d.relative_to(path)) for d, _ in launches)
                )
            else:
                others = ", ".join(str(d.relative_to(path)) for d in dirs if d != target)
                notes.append(f"read the newest run {target.relative_to(path)}; not read: {others}")
    else:
        target = path
    scalars, texts = _read(target, EventAccumulator)
    if launches:
        scalars = _merge([s for _, s in launches])
    if target.is_dir():
        scalars.update(_grouped_scalars(target, EventAccumulator))
    directory = target if target.is_dir() else target.parent
    hf = "args" in texts or any(t.startswith(("train/", "eval/")) for t in scalars)
    lightning = not hf and ("hp_metric" in scalars or (directory / "hparams.yaml").is_file())
    framework = "Hugging Face Trainer" if hf else "PyTorch Lightning" if lightning else "unknown"
    run = Run(
        source=str(path), format=NAME, framework=f"TensorBoard ({framework})", config=Config()
    )
    run.steps_start_at_zero = not hf
    run.notes.extend(notes)
    run.config = _config(texts, directory, lightning, ctx, run.notes)
    _fill_series(run, scalars, hf, lightning, ctx.metric_map)
    run.reported = _reported(scalars)
    last = run.last_step
    run.segments = [Segment(index=0, start_line=1, last_step=last)]
    if launches:
        run.segments = [
            Segment(
                index=i,
                start_line=1,
                first_step=_first_step(s),
                last_step=_last_step(s),
                resumed=i > 0,
            )
            for i, (_, s) in enumerate(launches)
        ]
    if hf:
        from capdiag.parsers.hf_trainer import unhide_nan_losses

        unhide_nan_losses(run)
        run.dims = _hf_dims(run, texts)
    elif lightning:
        from capdiag.parsers.lightning import gpt_dims

        run.dims = gpt_dims(run)
    return run


def _grouped_scalars(folder: Path, accumulator_class: Any) -> Scalars:
    """``writer.add_scalars("Loss", {"Train": x, "Validation": y}, step)`` writes each
    value to a subfolder ``Loss_Train`` (``Loss_Validation``) under the tag ``Loss``: read
    as ``Loss/Train`` and ``Loss/Validation``."""
    grouped: Scalars = {}
    children = sorted(c for c in folder.iterdir() if c.is_dir() and any(c.glob(EVENTS_GLOB)))
    for child in children[:MAX_LAUNCHES]:
        child_scalars, _ = _read(child, accumulator_class)
        if len(child_scalars) != 1:
            continue
        [(tag, series)] = child_scalars.items()
        if child.name.startswith(f"{tag}_") and len(child.name) > len(tag) + 1:
            grouped[f"{tag}/{child.name[len(tag) + 1 :]}"] = series
    return grouped


def _ultralytics(
    run: Run, scalars: dict[str, tuple[np.ndarray, np.ndarray]], used: set[str]
) -> bool:
    """Ultralytics' TensorBoard callback writes results.csv's columns as scalars, one point
    an epoch: each split's loss is the sum of its components (see `ultralytics`)."""
    from capdiag.parsers.ultralytics import summed_losses

    for name, (series, parts) in summed_losses(scalars, "Ultralytics").items():
        if name not in run.series:
            used.update(parts)
            run.series[name] = series
    return "train_loss" in run.series


def _pick(tags: dict[str, Any], names: tuple[str, ...], wanted: str | None) -> str | None:
    if wanted is not None:
        return wanted if wanted in tags else None
    lower = {t.lower(): t for t in tags}  # add_scalars' groups keep the writer's case
    return next((lower[n] for n in names if n in lower), None)


def _fill_series(
    run: Run,
    scalars: dict[str, tuple[np.ndarray, np.ndarray]],
    hf: bool,
    lightning: bool,
    metric_map: dict[str, str],
) -> None:
    dropout = run.config.number("dropout")
    active = dropout > 0 if dropout is not None else None
    used: set[str] = set()

    def add(name: str, tag: str | None, description: str, **extra: Any) -> None:
        if tag is None or tag in used or tag not in scalars:
            return
        used.add(tag)
        steps, values = scalars[tag]
        run.series[name] = Series(
            name=name, steps=steps, values=values, description=f"{tag!r}: {description}", **extra
        )

    train = _pick(scalars, TRAIN, metric_map.get("train_loss"))
    if train is None and "train_loss" not in metric_map:
        train = next((t for t in scalars if TRAIN_PER_STEP.match(t)), None)
    if train is None and "train_loss" not in metric_map and _ultralytics(run, scalars, used):
        pass  # YOLO's loss components, summed as its results.csv is read
    elif hf:
        add(
            "train_loss",
            train,
            "HF Trainer loss: mean over the logging_steps window, train mode",
            mode="train-smoothed",
            dropout_active=active,
        )
    elif lightning:
        train_mode = "train-smoothed" if train and train.endswith("_epoch") else "train-batch"
        add(
            "train_loss",
            train,
            "Lightning self.log on_step: that batch's loss, train mode",
            mode=train_mode,
            dropout_active=active,
        )
    else:
        add("train_loss", train, "training loss (the writer's averaging is unknown)")
    add(
        "train_loss_epoch",
        _pick(scalars, TRAIN_EPOCH, None),
        "mean training loss over the epoch, train mode",
        mode="train-smoothed",
        dropout_active=active,
    )
    add(
        "val_loss",
        _pick(scalars, VAL, metric_map.get("val_loss")),
        "validation loss averaged over the eval set, eval mode",
        mode="eval",
        dropout_active=False,
    )
    lr = _pick(scalars, LR, metric_map.get("lr"))
    if lr is None and "lr" not in metric_map:
        lr = next((t for t in scalars if LR_PER_STEP.match(t)), None)
    if lr is None and "lr" not in metric_map:
        lr = next((t for t in scalars if t.startswith("lr-")), None)
    add("lr", lr, "learning rate")
    add(
        "grad_norm",
        _pick(scalars, GRAD_NORM, metric_map.get("grad_norm")),
        "gradient norm (HF: before clipping, last step of the window)",
    )
    add(
        "tokens_per_sec",
        _pick(scalars, TOKENS_PER_SEC, metric_map.get("tokens_per_sec")),
        "tokens per second (HF: since the process started, a running average)",
    )
    for canonical in ("step_time_ms", "mfu_reported"):
        add(canonical, metric_map.get(canonical), "mapped with --metric-map")
    trained = run.series.get("train_loss")
    last = max(int(trained.steps.max()), 1) if trained is not None and len(trained) else None
    other_axis = []
    for tag, (steps, _) in scalars.items():
        if tag in used or tag == "hp_metric":
            continue
        if last is not None and steps.size and int(steps.max()) > OTHER_AXIS * last:
            other_axis.append(tag)
        else:
            add(tag, tag, "scalar as written")
    if other_axis:
        run.notes.append(
            f"not read as series: {', '.join(map(repr, other_axis))}, whose steps run past "
            f"{OTHER_AXIS}x the training loss's (another x-axis)"
        )


def _reported(scalars: dict[str, tuple[np.ndarray, np.ndarray]]) -> Reported:
    reported = Reported()
    for tag in ("train/num_input_tokens_seen", "num_input_tokens_seen"):
        if tag in scalars and scalars[tag][1].size:
            tokens = float(scalars[tag][1].max())
            if tokens > 0:
                reported.tokens_seen = int(tokens)
            break
    for tag, (_, values) in scalars.items():
        if N_PARAMS.match(tag) and values.size and values[-1] >= 1:
            reported.n_params = int(values[-1])
            break
    if "train/total_flos" in scalars and scalars["train/total_flos"][1].size:
        reported.total_flos = float(scalars["train/total_flos"][1][-1])
    return reported


def _config(
    texts: dict[str, str], directory: Path, lightning: bool, ctx: LoadContext, notes: list[str]
) -> Config:
    from capdiag.parsers import hf_trainer
    from capdiag.parsers import lightning as lightning_parser

    if lightning or (ctx.config_path is not None and ctx.config_path.suffix in (".yaml", ".yml")):
        path = ctx.config_path or directory / lightning_parser.HPARAMS_FILE
        return lightning_parser.config_from_hparams(path, ctx, notes)
    config = Config()
    args = _json(texts.get("args"))
    if args is not None:
        hf_trainer.apply_training_args(config, args, "tensorboard:args")
    model = _json(texts.get("model_config"))
    if model is not None:
        for canonical, names in hf_trainer.MODEL_KEYS.items():
            for name in names:
                value = model.get(name)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    hf_trainer.set_value(config, canonical, value, "tensorboard:model_config", name)
                    break
    for key, value in ctx.sets.items():
        hf_trainer.set_value(config, key, value, "--set")
    return config


def _json(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _hf_dims(run: Run, texts: dict[str, str]) -> Any:
    model = _json(texts.get("model_config"))
    if model is None:
        return None
    from capdiag.parsers.hf_trainer import derive_block_size, hf_model_dims

    derive_block_size(run)
    return hf_model_dims(run, model, "the model_config text")
