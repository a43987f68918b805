"""The one typed model of a training run that every parser fills and every rule reads."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal, Self

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from capdiag.arithmetic.params import ModelDims
from capdiag.datasets import DatasetInfo

MAX_SETTING = 1e15  # past any size, count or rate a config sets

LossMode = Literal["train-batch", "train-smoothed", "eval"]

# Where a figure comes from. A warning or an error never rests on an "assumed" one.
Source = Literal["log", "config", "flag", "derived", "assumed"]


# task metrics a run logs beside its loss, by which way is better; a preference
# objective's reward margin (DPO's ``rewards/margins``) grows as it learns
LOWER_IS_BETTER = ("wer", "cer", "perplexity", "ppl", "error")
HIGHER_IS_BETTER = (
    "acc",
    "f1",
    "bleu",
    "rouge",
    "auroc",
    "auc",
    "exact_match",
    "precision",
    "margin",
)


def combine(*sources: Source) -> Source:
    """The source of a figure computed from others: assumed if any input is."""
    if "assumed" in sources:
        return "assumed"
    if len(set(sources)) == 1:
        return sources[0]
    return "derived"


def origin_source(origin: str | None) -> Source:
    """A config key's origin (see `Config.origins`) as a `Source`."""
    if origin is None or origin == "default":
        return "assumed"
    if origin == "--set":
        return "flag"
    if origin == "framework-default":
        return "derived"  # the framework's default for a key the read config leaves unset
    if origin.startswith("log"):
        return "log"
    return "config"


class Comment(BaseModel):
    """A comment in a config file, and the key it sits on or just above (if any)."""

    line: int
    text: str
    key: str | None = None
    inline: bool = False  # after the key's value, on its line


class Config(BaseModel):
    """The resolved configuration, with where each value came from."""

    values: dict[str, Any] = Field(default_factory=dict)
    origins: dict[str, str] = Field(
        default_factory=dict
    )  # default | framework-default | config | ...
    comments: list[Comment] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    path: str | None = None  # the config file whose text a fix would patch
    native_keys: dict[str, str] = Field(default_factory=dict)  # canonical -> framework's name
    text: str | None = None
    lines: dict[str, int] = Field(default_factory=dict)  # key -> 1-based line in `text`
    unread: str | None = None  # a --config file that was not read, and why
    pretrained: str | None = None  # the pretrained model a training script loads

    def native(self, key: str) -> str:
        """The framework's own name for a canonical (nanoGPT-style) key, for fixes."""
        return self.native_keys.get(key, key)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def source(self, key: str) -> Source:
        return origin_source(self.origins.get(key))

    def positive(self, key: str) -> float | None:
        """A count or size that must be above zero (eval_iters, batch_size): else None."""
        value = self.number(key)
        return value if value is not None and value > 0 else None

    def shards_weights(self) -> bool:
        """Tensor or pipeline parallel: no GPU holds the whole model (Megatron's keys)."""
        keys = ("tensor_model_parallel_size", "pipeline_model_parallel_size")
        return any((self.number(k) or 1) > 1 for k in keys)

    def number(self, key: str) -> float | None:
        """A config value as a finite float within +-1e15 (no setting is larger), else
        None: NaN, inf and numbers past float range are not settings."""
        value = self.values.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if isinstance(value, int) and abs(value) > MAX_SETTING:
            return None
        number = float(value)
        return number if math.isfinite(number) and abs(number) <= MAX_SETTING else None


class Series(BaseModel):
    """One metric over steps, kept in numpy. `mode` says what each number measures."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    name: str
    steps: np.ndarray
    values: np.ndarray
    mode: LossMode | None = None
    dropout_active: bool | None = None  # was dropout on while this was measured?
    description: str = ""
    # steps whose NaN capdiag inferred (the framework logged another value there)
    inferred_nan_steps: np.ndarray | None = None

    def __len__(self) -> int:
        return int(self.steps.size)

    def finite(self) -> Series:
        """The points with a finite value (the series itself when all are: no copy)."""
        keep = np.isfinite(self.values)
        if keep.all():
            return self
        return self.model_copy(update={"steps": self.steps[keep], "values": self.values[keep]})


# the series that are a loss: a log with none of them was not read as training
LOSS_SERIES = ("train_loss", "val_loss", "eval_train_loss")

# event kinds that end a run
CRASH_KINDS = ("oom", "crash")
# two frameworks whose training loss sits above validation by design: SpeechBrain's
# train_log.txt, and the log.txt of DeiT and the classifiers built on its main.py (PVT,
# ConvNeXt, MAE's fine-tuning), one JSON object per epoch with train_lr, train_loss, test_acc1
SPEECHBRAIN_LOG = "SpeechBrain (train_log.txt)"
DEIT_LOG = "DeiT-style log.txt (timm classification)"
# a GPU run that ran on the CPU
GPU_UNUSED_CODES = ("cuda-init-failed", "gpu-unused", "gpu-fallback")


class Event(BaseModel):
    """A line that is not a metric: warnings, errors, checkpoints, restarts, unknown text."""

    line: int
    kind: str  # warning | error | oom | nan | checkpoint | resume | compile | info | unknown
    text: str
    step: int | None = None  # the iteration the event happened at (last iteration seen)
    code: str | None = None  # a known-message id, e.g. "inductor-not-enough-sms"
    file: str | None = None  # another file of the run it was read from (a job's stderr)


class Segment(BaseModel):
    """One process's part of the log. A resumed run has more than one."""

    index: int
    start_line: int
    first_step: int | None = None
    last_step: int | None = None
    resumed: bool = False
    val_evals: list[tuple[int, float]] = Field(default_factory=list)  # (step, val loss)
    resumes_from: int | None = None  # the step of the checkpoint it loaded, as the log says


class Reported(BaseModel):
    """Figures the training code printed itself, kept apart from what capdiag computes."""

    n_params: int | None = None  # as printed, e.g. 40.56M -> 40_560_000 (rounded by the print)
    n_params_text: str | None = None
    n_params_is_total: bool = False  # the print counts every parameter (llm.c), not minus wpe
    # the parameters the framework's own tokens-per-parameter ratio counts, when it prints
    # one (nanochat: matrices and lm_head; its value embeddings are lookups, not compute)
    n_params_scaling: int | None = None
    tokens_per_iter: int | None = None
    tokens_per_iter_derived: bool = False  # computed from printed figures, not printed itself
    tokens_seen: int | None = None  # a running token count the framework logged
    total_flos: float | None = None  # a FLOP count the framework logged (e.g. HF total_flos)
    flops_per_token: float | None = None  # the framework's own estimate, as printed
    tokens_planned: int | None = None  # the training tokens the run set out to see
    vocab_size: int | None = None
    vocab_source: str | None = None
    fused_adamw: bool | None = None
    compiled: bool | None = None


class Figures(BaseModel):
    """Quantities computed from the config and the log. Printed and recomputed sit side by side."""

    n_params: int | None = None  # total, embeddings included (Chinchilla's convention)
    n_params_non_embedding: int | None = None  # nanoGPT's printed convention (minus wpe)
    n_params_reported: int | None = None  # what the log printed, rounded as printed
    tokens_per_iter: int | None = None  # what ran: printed by the log when available
    tokens_per_iter_config: int | None = None  # batch x grad-accum x block (x world size)
    iterations: int | None = None  # optimizer steps completed
    tokens_seen: int | None = None
    tokens_planned: int | None = None  # max_iters x tokens per step, or the total the log states
    tokens_per_param: float | None = None
    flops_per_token: float | None = None
    flops_per_iter: float | None = None
    compute_flops: float | None = None  # 6 N D with N total params
    step_time_s: float | None = None  # median over steady iterations
    steady_iterations: int = 0
    mfu_reported: float | None = None  # the log's last printed figure (A100 basis), fraction
    mfu_printed_basis: str | None = None  # the peak a fork's printed MFU divides by, not an A100's
    mfu_a100: float | None = None  # recomputed from step times against 312 TFLOPS
    mfu: float | None = None  # recomputed against the run's own GPU peak
    hfu: float | None = None  # hardware FLOPs utilisation: counts recomputed forwards
    gpu_peak_flops: float | None = None
    printed_tflops: float | None = None  # the log's own TFLOP/s per GPU (Megatron, torchtitan)
    dtype: str | None = None
    # the precision of the peak MFU is measured against: the run's, or float16 on a GPU with
    # no tensor cores for the run's (bfloat16 on a V100 or T4 runs emulated)
    peak_dtype: str | None = None
    # where each figure above comes from, and what was assumed (figure -> how to confirm it)
    sources: dict[str, Source] = Field(default_factory=dict)
    assumptions: dict[str, str] = Field(default_factory=dict)


# a language model's loss before any update at or above this (ln 1097) is an untrained
# model's; a pretrained one starts a few nats lower on any text
UNTRAINED_NATS = 7.0

# formats that train language models on token streams, from scratch unless they load weights
LM_TRAINERS = frozenset(
    {"nanogpt", "llmc", "modded_nanogpt", "build_nanogpt", "nanochat", "torchtitan", "megatron"}
)


class Run(BaseModel):
    """Everything known about one training run."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    source: str
    format: str
    framework: str
    config: Config
    dims: ModelDims | None = None
    reported: Reported = Field(default_factory=Reported)
    series: dict[str, Series] = Field(default_factory=dict)
    events: list[Event] = Field(default_factory=list)
    segments: list[Segment] = Field(default_factory=list)
    gpu_name: str | None = None
    gpu_source: str | None = None  # "--gpu", "log", ...
    peak_tflops: float | None = None  # --peak-tflops: the GPU's dense peak, for any device
    vram_bytes: int | None = None
    num_gpus: int = 1
    num_gpus_source: Source = "assumed"
    dims_source: Source | None = None  # where the model's shape comes from
    vocab_source: Source | None = None  # where `reported.vocab_size` comes from (log if unset)
    fine_tune: bool | None = None  # starts from pretrained weights (None: not known)
    base_model: str | None = None  # the pretrained model a fine-tune starts from
    loss_unit: Literal["nats", "bits"] = "nats"
    placeholder_losses: str | None = None  # why the log's losses are not measurements
    # losses the log names beside each other with no total ("ret loss", "action loss"):
    # parts of the objective, none of them the training loss
    loss_parts: list[str] = Field(default_factory=list)
    # a reinforcement-learning run (its loss lines count episodes and returns): the loss is
    # a value or TD loss, whose targets move with the policy's returns
    reinforcement: bool = False
    planned: bool = False  # a config not yet run (`capdiag check`, a fix plan): no metrics
    runs_in_log: int = 1  # runs from scratch appended to one log: the last is read
    steps_start_at_zero: bool = True  # step N is the N+1-th optimizer step (nanoGPT)
    steps_estimated: bool = False  # the log prints no step: steps are placed by estimate
    figures: Figures = Field(default_factory=Figures)
    dataset: DatasetInfo | None = None  # the training corpus, when known
    notes: list[str] = Field(default_factory=list)
    missing_extras: list[str] = Field(default_factory=list)  # optional packages not installed
    checkpoint_steps: list[int] = Field(default_factory=list)
    # the log's own text lines were searched for messages (a stdout, not a table of
    # metrics): no event means the run printed no error
    messages_read: bool = False
    # the format prints a line each time it saves (nanoGPT, Megatron, torchtitan, the HF
    # Trainer's stdout): then no such line means no checkpoint
    checkpoints_logged: bool = False
    # the log line of the last metric read, where the reader numbers its metrics' lines and
    # not its events' steps (the Trainer's stdout): an error above it was followed by training
    last_metric_line: int | None = None
    # each rule's verdict on this run, by rule id and options (`Rule.outcome`)
    _rule_outcomes: dict[tuple[str, tuple[tuple[str, float], ...]], Any] = PrivateAttr(
        default_factory=dict
    )

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy that works its rules' verdicts out afresh: it is another run."""
        copy = super().model_copy(update=update, deep=deep)
        copy._rule_outcomes = {}
        return copy

    def metric(self, name: str) -> Series | None:
        s = self.series.get(name)
        return s if s is not None and len(s) else None

    @property
    def vocab_size(self) -> int | None:
        """The model's vocabulary (its dims), else the one the log printed, else unknown."""
        return self.dims.vocab_size if self.dims is not None else self.reported.vocab_size

    def source_of(self, name: str) -> Source:
        """The source of a figure (`Figures.sources`) or of a config key (`config:KEY`)."""
        if name.startswith("config:"):
            return self.config.source(name[7:])
        return self.figures.sources.get(name, "assumed")

    def assumed(self, names: list[str]) -> list[str]:
        """What each of `names` that is only assumed rests on, and how to confirm it."""
        found = []
        for name in names:
            if self.source_of(name) != "assumed":
                continue
            if name.startswith("config:"):
                key = name[7:]
                text = (
                    f"{key} = {self.config.get(key)!r} is a default, not stated by the run "
                    f"(confirm with --config or --set {key}=...)"
                )
            else:
                text = self.figures.assumptions.get(name, f"{name} is assumed")
            if text not in found:
                found.append(text)
        return found

    @property
    def init_step(self) -> int:
        """The step whose loss is measured before any update (-1: no step is known to be)."""
        if self.steps_estimated:
            return -1
        return 0 if self.steps_start_at_zero else 1

    def loss_before_any_update(self) -> tuple[int, float, str] | None:
        """(step, loss, what it is) measured before any update: an evaluation at step 0,
        else the first batch's loss at the first step where each logged loss is one batch's
        (a mean over a logging window would include steps after updates)."""
        val = self.metric("val_loss")
        if val is not None and len(val) and int(val.steps[0]) == 0:
            return 0, float(val.values[0]), "eval at step 0"
        train = self.metric("train_loss")
        if train is None or not len(train) or int(train.steps[0]) != self.init_step:
            return None
        if train.mode == "train-batch" or self.config.get("logging_steps") == 1:
            return int(train.steps[0]), float(train.values[0]), "loss of the first batch"
        return None

    @property
    def last_step(self) -> int | None:
        steps = [int(s.steps.max()) for s in self.series.values() if len(s)]
        return max(steps) if steps else None

    def whole_epoch_at(self, step: int) -> tuple[int, int] | None:
        """(the epoch logged at `step`, the epochs trained by then: one more where the log
        counts them from 0) where the steps are placed by estimate within whole epochs the
        log names (PointNet's files, MXNet's batches): a fix to the run's length counts
        those epochs. None otherwise."""
        epochs = self.metric("epoch")
        if not self.steps_estimated or epochs is None:
            return None
        epochs = epochs.finite()
        at = np.flatnonzero(epochs.steps <= step)
        if not at.size or not bool(np.all(epochs.values == np.round(epochs.values))):
            return None
        epoch = int(epochs.values[at[-1]])
        return epoch, epoch + (1 if epochs.values.min() == 0 else 0)
