"""Megatron-LM (and NeMo / Megatron forks) text logs, per ``training_log`` in
``megatron/training/training.py`` (NVIDIA/Megatron-LM).

- `` [date] iteration N/ M | consumed samples: S | elapsed time per iteration (ms): T |
  [throughput per GPU (TFLOP/s/GPU): F |] learning rate: LR | global batch size: B |
  <loss>: X | ... | loss scale: L | grad norm: G | ... | number of skipped iterations: K |
  number of nan iterations: K |``. ``N`` counts completed optimizer steps (1-based). Each
  ``<loss>`` (``lm loss``, ``sop loss``, ``load_balancing_loss`` ...) is
  ``total_loss_dict[key] / advanced iterations``: the mean over the iterations since the
  previous log line (``--log-interval``), each itself the mean over the global batch. With
  a log interval of 1 it is one step's batch. ``elapsed time per iteration`` is the
  interval's wall time / iterations in it; ``learning rate``, ``loss scale`` and
  ``grad norm`` (the norm before clipping) belong to iteration ``N`` alone; the two counts
  are totals over the interval.
- `` validation loss at iteration N | lm loss value: X | lm loss PPL: P |`` (between dashed
  rules), from ``evaluate_and_print_results``: the mean over ``--eval-iters`` batches.
  ``... at the end of training for val data`` is kept at the last iteration seen.
- DeepSpeed's pipeline engine's ``steps: N loss: X iter time (s): T samples/sec: S``
  (GPT-NeoX, Megatron-DeepSpeed), every ``steps_per_print`` steps: the loss of step N's
  batch, read where no iteration record gives one. GPT-NeoX spells the loss ``lm_loss``.
- The ``---- arguments ----`` dump, when present, gives the config (``micro_batch_size``,
  ``global_batch_size``, ``seq_length``, ``num_layers`` ...).
- ``successfully loaded checkpoint from DIR at iteration N`` (``load_checkpoint``): at
  iteration 0 the weights are trained ones (a release checkpoint, or ``--finetune``, both
  of which reset the iteration), so the run is a fine-tune of DIR; at N > 0 it resumes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from capdiag.arithmetic.params import ModelDims
from capdiag.config import parse_override_value
from capdiag.messages import make_event
from capdiag.parsers import LoadContext
from capdiag.parsers.fields import bounded_lines, pipe_fields, to_count
from capdiag.run import Config, Event, Reported, Run, Series

NAME = "megatron"

_ITER = re.compile(r"\biteration\s+(\d{1,15})/\s*(\d{1,15}) \|(.*)$")
_VALID = re.compile(
    r"\bvalidation(?:-\S+)? loss at (?:iteration (\d{1,15})(?: on validation set)?"
    r"|the end of training for (\w+) data) \|(.*)$"
)
# "  hidden_size ..... 3584", maybe behind a launcher's "[default0]:" or pdsh's "host: "
_ARG = re.compile(r"^(?:\[default\d+\]:|[\w.-]+:)?\s+(\w+) \.{2,} (.*)$")
# " > number of parameters on (tensor, pipeline) model parallel rank (0, 0): 1107625984",
# the older " > number of parameters on model parallel rank 0: 354871296"
_RANK_PARAMS = re.compile(
    r"> number of parameters on (?:\(tensor, pipeline\) )?model parallel rank "
    r"(\(\d{1,6}, \d{1,6}\)|\d{1,6}): (\d{1,15})\s*$"
)
# checkpointing.py's "successfully loaded checkpoint from DIR at iteration N": weights
# loaded at iteration 0 are a pretrained model's (a release checkpoint, or --finetune)
_LOADED = re.compile(r"successfully loaded checkpoint from (\S{1,500}) at iteration (\d{1,15})")
# DeepSpeed's pipeline engine, every steps_per_print steps (GPT-NeoX, Megatron-DeepSpeed):
# "steps: N loss: X iter time (s): T samples/sec: S", X the step's loss over its batch
_DS_STEP = re.compile(r"^\s*steps: (\d{1,15}) loss: (\S+) iter time \(s\)")
_PADDED = re.compile(
    r"padded vocab \(size: (\d{1,15})\) with \d+ dummy tokens \(new size: (\d{1,15})\)"
)
# an iteration record: Megatron-LM, Megatron-DeepSpeed (seconds, consumed tokens, TFLOPs),
# the old form without colons ("| lm loss 2.31 |"), records hard-wrapped over a few lines
SNIFF = re.compile(
    rb"iteration\s+\d+/\s*\d+ \|[^\n]*(?:\n[^\n|]*\|[^\n]*){0,2}?"
    rb"(?:elapsed time per iteration|lm[ -]loss)"
)

_ARG_MAP = {
    "batch_size": "micro_batch_size",
    "block_size": "seq_length",
    "n_layer": "num_layers",
    "n_head": "num_attention_heads",
    "n_embd": "hidden_size",
    "learning_rate": "lr",
    "max_iters": "train_iters",
    "warmup_iters": "lr_warmup_iters",
    "weight_decay": "weight_decay",
    "grad_clip": "clip_grad",
}
_SERIES = {
    "learning rate": ("lr", "learning rate at iteration N"),
    "grad norm": ("grad_norm", "grad norm at iteration N, before clipping"),
    "elapsed time per iteration (ms)": (
        "step_time_ms",
        "wall time of the logging interval / its iterations",
    ),
    "elapsed time per iteration (s)": ("step_time_s", "as (ms), in seconds"),
    "throughput per GPU (TFLOP/s/GPU)": ("tflops_per_gpu", "Megatron's TFLOP/s per GPU"),
    "loss scale": ("loss_scale", "mixed-precision loss scale"),
    "global batch size": ("global_batch_size", "samples per iteration"),
    "consumed samples": ("consumed_samples", "samples consumed so far"),
    # Megatron-DeepSpeed's additions
    "consumed tokens": ("consumed_tokens", "tokens consumed so far"),
    "samples per second": ("samples_per_sec", "samples / s over the interval"),
    "TFLOPs": ("tflops_per_gpu", "Megatron-DeepSpeed's TFLOP/s per GPU, from its FLOPs estimate"),
    "tokens per gpu per second (tgs)": ("tokens_per_gpu_per_sec", "tokens / s per GPU"),
    "number of skipped iterations": ("skipped_iterations", "skipped in the interval"),
    "number of nan iterations": ("nan_iterations", "NaN iterations in the interval"),
}
_NOT_LOSS = set(_SERIES) | {"num zeros", "params norm", "skipped samples", "actual seqlen"}
# fields training_log prints after the losses: a line with one of them is not cut before them
_AFTER_LOSSES = {
    "loss scale",
    "grad norm",
    "num zeros",
    "params norm",
    "number of skipped iterations",
    "number of nan iterations",
}


def _whole_model_params(args: dict[str, Any], rank_params: dict[str, int]) -> int | None:
    """The whole model's parameters, where one model-parallel rank holds all of it (tensor,
    pipeline and expert parallel sizes of 1) and printed its count."""
    if len(rank_params) != 1:
        return None
    sizes = [
        args.get(key, 1)
        for key in (
            "tensor_model_parallel_size",
            "pipeline_model_parallel_size",
            "expert_model_parallel_size",
            "model_parallel_size",
        )
    ]
    if any(size != 1 for size in sizes):
        return None  # another rank holds the rest (or the args dump is not plain)
    return next(iter(rank_params.values()))


def sniff(path: Path, head: bytes) -> int:
    if SNIFF.search(head):
        return 95
    if b"------------------------ arguments ------------------------" in head:
        return 50
    return 0


def _num(text: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        return float("nan")


class _Iterations:
    """The fields of `iteration N/ M | ...` records, into `rows`."""

    def __init__(self, rows: dict[str, list[tuple[int, float]]]) -> None:
        self.rows = rows
        self.max_iters: int | None = None
        self.steps_seen: list[int] = []
        self.dropped_losses = 0  # records whose "lm loss" field is missing: NaN

    def read(self, m: re.Match[str]) -> int:
        step = int(m.group(1))
        self.max_iters = int(m.group(2))
        self.steps_seen.append(step)
        rows, fields = self.rows, {}
        for key, value in pipe_fields(m.group(3)):
            key = key.replace("lm-loss", "lm loss").replace("lm_loss", "lm loss")  # NeoX
            fields[key] = value
            if key in _SERIES:
                rows.setdefault(_SERIES[key][0], []).append((step, _num(value)))
            elif key not in _NOT_LOSS:
                rows.setdefault(f"loss:{key}", []).append((step, _num(value)))
        if "loss:lm loss" in rows and "lm loss" not in fields and _loss_was_nan(fields):
            rows["loss:lm loss"].append((step, float("nan")))
            self.dropped_losses += 1
        return step


def _loss_was_nan(fields: dict[str, str]) -> bool:
    """training_log prints a loss only when its mean over the interval is above 0. A record
    without "lm loss" (after earlier ones had it) was NaN, unless every iteration in it was
    skipped by the loss scaler, which leaves the sum at 0: so the record must state that
    none was skipped, or a loss scale of 1 (bf16 and fp32 never skip). A record cut before
    the fields that follow the losses says nothing."""
    if not fields.keys() & _AFTER_LOSSES:
        return False
    skipped = fields.get("number of skipped iterations")
    if skipped is not None:
        return _num(skipped) == 0
    return _num(fields.get("loss scale", "nan")) == 1.0


def load(path: Path, ctx: LoadContext) -> Run:
    rows: dict[str, list[tuple[int, float]]] = {}
    events: list[Event] = []
    args: dict[str, Any] = {}
    in_args = old_args = False
    padded_vocab: int | None = None
    rank_params: dict[str, int] = {}  # printed parameter count per model-parallel rank
    last_step: int | None = None
    pending: str | None = None
    iteration = _Iterations(rows)
    engine_losses: list[tuple[int, float]] = []  # DeepSpeed's "steps: N loss: X" lines
    loaded_at: tuple[str, int] | None = None  # the checkpoint loaded, and its iteration

    with path.open("rb") as handle:
        for line_no, raw in enumerate(bounded_lines(handle), start=1):
            text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            if in_args and "iteration" in text and (_ITER.search(text) or _VALID.search(text)):
                in_args = False  # a dump cut before its end line (a trimmed log)
            if in_args:
                if "end of arguments" in text:
                    in_args = False
                    continue
                if m := _ARG.match(text):
                    args[m.group(1)] = parse_override_value(m.group(2).strip())
                    continue
                if not old_args:
                    continue
                in_args = False  # the old "arguments:" block ends at its first other line
            if "------------------------ arguments ------------------------" in text:
                in_args, old_args = True, False
                continue
            if text.strip() == "arguments:" and not args:  # Megatron-LM of 2019-2020
                in_args, old_args = True, True
                continue
            if pending is not None:
                # a record wrapped over lines: "learning\n rate: ...", or at a space the
                # wrap took: "number of nan\niterations: 0"
                if pending.endswith("\n") and pending[-2:-1].isalpha() and text[:1].isalpha():
                    pending = pending[:-1] + " \n"
                pending += text
                if not pending.rstrip().endswith("|") and pending.count("\n") < 3:
                    pending += "\n"
                    continue
                text, pending = pending.replace("\n", ""), None
            elif (m := _ITER.search(text)) and not text.rstrip().endswith("|"):
                pending = text + "\n"
                continue
            if m := _ITER.search(text):
                last_step = iteration.read(m)
                continue
            if m := _VALID.search(text):
                step = int(m.group(1)) if m.group(1) else (last_step or 0)
                split = m.group(2) or "val"
                for key, value in pipe_fields(m.group(3)):
                    # "lm loss value: X | lm loss PPL: Y", or the old "LM loss: X | LM PPL: Y"
                    name = key.lower().removesuffix(" value")
                    if "ppl" in name.split():
                        continue
                    series = "val_loss" if name == "lm loss" else f"{split} {name}"
                    if split == "test":
                        series = f"test_{name.replace(' ', '_')}"
                    rows.setdefault(series, []).append((step, _num(value)))
                continue
            if m := _DS_STEP.match(text):
                engine_losses.append((int(m.group(1)), _num(m.group(2))))
                last_step = int(m.group(1))
                continue
            if m := _PADDED.search(text):
                padded_vocab = int(m.group(2))
            if "loaded checkpoint" in text and (m := _LOADED.search(text)):
                loaded_at = (m.group(1), int(m.group(2)))
            if "number of parameters on" in text and (m := _RANK_PARAMS.search(text)):
                rank_params[m.group(1)] = int(m.group(2))
            if not text.strip() or set(text.strip()) <= {"-"}:
                continue
            # "saving checkpoint at iteration N" opens the save; only the "successfully saved"
            # line after it says the checkpoint exists (a crash in between leaves none)
            checkpoint = "successfully saved checkpoint at iteration" in text.lower()
            event = make_event(
                line_no, text, last_step, "checkpoint" if checkpoint else None, "info"
            )
            if event is not None:
                events.append(event)

    if pending is not None and (m := _ITER.search(pending.replace("\n", ""))):
        iteration.read(m)  # the last record, cut when the run was killed
    if engine_losses:
        # the steps no iteration record gave a loss for
        logged = {step for step, _ in rows.get("loss:lm loss", [])}
        extra = [(step, loss) for step, loss in engine_losses if step not in logged]
        rows.setdefault("loss:lm loss", []).extend(extra)
        rows["loss:lm loss"].sort(key=lambda row: row[0])
    run = Run(source=str(path), format=NAME, framework="Megatron-LM", config=Config())
    run.messages_read = True
    run.steps_start_at_zero = False
    run.events = events
    run.checkpoint_steps = [e.step for e in events if e.kind == "checkpoint" and e.step]
    run.checkpoints_logged = True  # "successfully saved checkpoint at iteration N"
    if iteration.dropped_losses:
        run.notes.append(
            f"{iteration.dropped_losses} iteration line(s) print no 'lm loss' where earlier "
            "ones did: Megatron prints a loss only when its mean is above 0, so it was NaN "
            "there (read as NaN)"
        )
    apply_args(run, args, padded_vocab, iteration.max_iters)
    if loaded_at is not None and loaded_at[1] == 0 and run.fine_tune is None:
        # trained weights loaded, and the iteration count starting from 0: the run trains a
        # pretrained model further, not a fresh one (a resume starts at the saved iteration)
        run.fine_tune, run.base_model = True, loaded_at[0]
        run.notes.append(
            f"the log loaded a checkpoint at iteration 0 ({loaded_at[0]}): trained weights, "
            "so the run is read as a fine-tune of them"
        )
    whole = _whole_model_params(args, rank_params)
    if whole is not None:
        run.reported.n_params, run.reported.n_params_is_total = whole, True
        run.reported.n_params_text = f"{whole:,}"  # the one model-parallel rank holds them all
    steps_seen = iteration.steps_seen
    interval = int(np.median(np.diff(steps_seen))) if len(steps_seen) > 1 else 1
    for name, data in rows.items():
        data = [d for d in data if to_count(d[0]) is not None]  # no step past int64
        steps = np.array([d[0] for d in data], dtype=np.int64)
        values = np.array([d[1] for d in data], dtype=np.float64)
        if name.startswith("loss:"):
            key = name[len("loss:") :]
            canon = "train_loss" if key == "lm loss" else key.replace(" ", "_")
            single = interval == 1
            run.series[canon] = Series(
                name=canon,
                steps=steps,
                values=values,
                mode="train-batch" if single else "train-smoothed",
                description=f"'{key}': mean over the {interval} iteration(s) since the "
                "previous log line, each the mean over the global batch",
            )
            continue
        if name == "val_loss" or name.startswith(("val ", "test_")):
            run.series[name] = Series(
                name=name,
                steps=steps,
                values=values,
                mode="eval",
                description="validation: mean over --eval-iters batches",
            )
            continue
        desc = next((d for k, (n, d) in _SERIES.items() if n == name), name)
        if name == "step_time_s":
            with np.errstate(over="ignore"):  # seconds near float max are inf ms
                name, values = "step_time_ms", values * 1000.0
        run.series[name] = Series(name=name, steps=steps, values=values, description=desc)
    consumed = run.metric("consumed_samples")
    seq = run.config.number("block_size")
    tokens = run.metric("consumed_tokens")  # Megatron-DeepSpeed states them
    if tokens is not None:
        run.reported.tokens_seen = to_count(tokens.values[-1])  # None: NaN or inf
    elif consumed is not None and seq:
        run.reported.tokens_seen = to_count(consumed.values[-1] * seq)
    return run


def model_config_args(values: Mapping[str, Any]) -> dict[str, Any] | None:
    """The arguments of a Megatron-LM functional test case's ``model_config.yaml``
    (``MODEL_ARGS: {--num-layers: 32, ...}``) under the names its argument dump prints;
    None for any other YAML."""
    nested = values.get("MODEL_ARGS")
    if isinstance(nested, Mapping):  # as the YAML nests it
        flat = {key: value for key, value in nested.items() if isinstance(key, str)}
    else:  # as a reader flattens it: "MODEL_ARGS.--num-layers"
        flat = {
            key.removeprefix("MODEL_ARGS."): value
            for key, value in values.items()
            if isinstance(key, str) and key.startswith("MODEL_ARGS.--")
        }
    args = {key[2:].replace("-", "_"): value for key, value in flat.items() if key.startswith("--")}
    return args or None


def _token_horizon(run: Run, args: dict[str, Any]) -> None:
    """Megatron-DeepSpeed's ``--train-tokens``: training stops at whichever of it and
    ``--train-iters`` comes first, so the planned tokens are the smaller of the two (its GPT
    examples set train-iters three times too high on purpose, for train-tokens to end the
    run)."""
    tokens, iters = args.get("train_tokens"), args.get("train_iters")
    batch, seq = args.get("global_batch_size"), args.get("seq_length")
    if not isinstance(tokens, int) or isinstance(tokens, bool) or tokens <= 0:
        return
    if isinstance(iters, int) and isinstance(batch, int) and isinstance(seq, int):
        by_iters = iters * batch * seq
        if by_iters > 0:
            tokens = min(tokens, by_iters)
    run.reported.tokens_planned = tokens


def apply_args(
    run: Run,
    args: dict[str, Any],
    padded_vocab: int | None,
    max_iters: int | None,
    origin: str = "log-args",
) -> None:
    """Megatron's arguments (the log's dump, or a test case's `origin` file) as the run's
    config, dims and starting point."""
    c = run.config
    for key, value in args.items():
        c.values[key], c.origins[key] = value, origin
        if origin != "log-args":
            c.native_keys[key] = "--" + key.replace("_", "-")  # as the file spells it
    for canon, native in _ARG_MAP.items():
        if args.get(native) is not None:
            c.values[canon] = args[native]
            c.origins[canon] = c.origins.get(native, origin)
            c.native_keys[canon] = c.native_keys.get(native, native)
    micro, global_batch = args.get("micro_batch_size"), args.get("global_batch_size")
    if isinstance(micro, int) and isinstance(global_batch, int) and micro:
        c.values["gradient_accumulation_steps"] = global_batch // micro
        c.origins["gradient_accumulation_steps"] = origin
        c.native_keys["gradient_accumulation_steps"] = "global_batch_size // micro_batch_size"
    if padded_vocab is not None:
        c.values["vocab_size"], c.origins["vocab_size"] = padded_vocab, "log"
        run.reported = Reported(vocab_size=padded_vocab, vocab_source="padded vocab line")
    if "max_iters" not in c.values and max_iters is not None:
        c.values["max_iters"], c.origins["max_iters"] = max_iters, "log"
        c.native_keys["max_iters"] = "train_iters"
    _token_horizon(run, args)
    if args.get("bf16") is True:
        c.values["dtype"], c.origins["dtype"] = "bfloat16", origin
    elif args.get("fp16") is True:
        c.values["dtype"], c.origins["dtype"] = "float16", origin
    elif args:
        c.values["dtype"], c.origins["dtype"] = "float32", origin
    if args.get("finetune") is True or args.get("pretrained_checkpoint"):
        run.fine_tune = True  # --finetune loads --load's weights and starts at iteration 0
        base = args.get("pretrained_checkpoint") or args.get("load")
        run.base_model = str(base) if base else None
    elif args and not args.get("load"):
        run.fine_tune = False  # no checkpoint to load: from scratch
    if args.get("hidden_dropout") is not None:
        c.values["dropout"], c.origins["dropout"] = args["hidden_dropout"], origin
    try:
        ffn = args.get("ffn_hidden_size")
        groups = args.get("num_query_groups") if args.get("group_query_attention") else None
        groups = groups or args.get("num_key_value_heads")  # Megatron-DeepSpeed's name
        run.dims = ModelDims(
            family="llama" if args.get("swiglu") else "gpt2",
            n_layer=int(c.values["n_layer"]),
            n_head=int(c.values["n_head"]),
            n_embd=int(c.values["n_embd"]),
            block_size=int(c.values["block_size"]),
            vocab_size=int(c.values["vocab_size"]),
            bias=bool(args.get("add_bias_linear", True)),
            tied_head=not bool(args.get("untie_embeddings_and_output_weights", False)),
            n_kv_head=int(groups) if groups else None,
            intermediate_size=int(ffn) if ffn else None,
            mlp="swiglu" if args.get("swiglu") else "gelu",
            norm="rmsnorm" if str(args.get("normalization")).lower() == "rmsnorm" else "layernorm",
            learned_pos=args.get("position_embedding_type", "learned_absolute")
            == "learned_absolute"
            and args.get("add_position_embedding", True) is not False  # Megatron-DeepSpeed
            and not args.get("use_rotary_position_embeddings"),
        )
        run.dims_source = "log" if origin == "log-args" else "config"
    except (KeyError, TypeError, ValueError, OverflowError):
        run.notes.append(
            "model shape not in the log (no Megatron arguments dump)"
            if origin == "log-args"
            else f"model shape incomplete in {origin} (the vocabulary is the tokenizer's)"
        )
