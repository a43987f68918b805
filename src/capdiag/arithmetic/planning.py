"""Batch planning: micro-batch x accumulation pairs that keep tokens per step and fit memory.

:func:`batch_options` ranks the pairs (``analyze``'s fix plan uses it through
:func:`batch_fixes_for`); :func:`make_plan` adds step time at an assumed MFU, the token
budget against Chinchilla, and epochs over the dataset for ``capdiag plan``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from capdiag.arithmetic.flops import flops_per_token
from capdiag.arithmetic.gpus import GPUSpec
from capdiag.arithmetic.memory import MemoryEstimate, TrainingSetup, estimate_training_memory
from capdiag.arithmetic.params import GPT2_SHAPES, GPT2_VOCAB_PADDED, ModelDims, count_params
from capdiag.arithmetic.scaling import (
    CHINCHILLA_TOKENS_PER_PARAM,
    EPOCH_2024,
    HOFFMANN_2022,
    LOSS_CAVEAT,
    MUENNIGHOFF_SOURCE,
    effective_data,
)
from capdiag.config import NANOGPT_DEFAULTS, ConfigError, parse_override_value, read_config_file
from capdiag.findings import Fix
from capdiag.run import Run
from capdiag.units import human_bytes

# the estimate's device total already counts the CUDA context and allocator slack; keep a
# little more for other processes on the card (display, other jobs)
USABLE_FRACTION = 0.95
# `capdiag plan`'s models: validators built on first use, not by `analyze`'s import
_ONLY_WHEN_USED = ConfigDict(defer_build=True)


class BatchOption(BaseModel):
    batch_size: int
    gradient_accumulation_steps: int  # as nanoGPT's config states it: all GPUs together
    tokens_per_step: int
    memory: MemoryEstimate
    fits: bool | None  # None when the memory budget is unknown


def device_bytes(memory: MemoryEstimate) -> int:
    """What the card must hold: allocated peak plus allocator slack and CUDA context."""
    return memory.components.get("device_total", memory.total_bytes)


def batch_options(
    dims: ModelDims,
    tokens_per_step: int,
    *,
    vram_bytes: int | None,
    dtype: str = "bfloat16",
    compile: bool = False,
    num_gpus: int = 1,
    max_batch: int = 512,
    dropout: float = 0.0,
) -> list[BatchOption]:
    """Every micro-batch size that divides the step exactly, best first.

    Best is the largest micro-batch that fits: fewer accumulation steps keep the GPU busy.
    """
    sequences = max(1, round(tokens_per_step / dims.block_size / num_gpus))
    options = []
    for batch in range(1, min(sequences, max_batch) + 1):
        if sequences % batch:
            continue
        try:
            memory = estimate_training_memory(
                dims,
                TrainingSetup(
                    batch_size=batch,
                    block_size=dims.block_size,
                    dtype=dtype,
                    compile=compile,
                    gradient_accumulation_steps=sequences // batch,
                    dropout=dropout,
                ),
            )
        except ValueError:  # a dtype ('auto') or dropout the memory model cannot take
            return []
        fits = None if vram_bytes is None else device_bytes(memory) <= USABLE_FRACTION * vram_bytes
        options.append(
            BatchOption(
                batch_size=batch,
                gradient_accumulation_steps=sequences // batch * num_gpus,
                tokens_per_step=sequences * dims.block_size * num_gpus,
                memory=memory,
                fits=fits,
            )
        )
    return sorted(options, key=lambda o: (o.fits is False, -o.batch_size))


def batch_fixes_for(run: Run, new_dims: ModelDims) -> list[Fix]:
    """The batch_size / gradient_accumulation_steps change a resized model needs."""
    tokens = run.figures.tokens_per_iter
    if not tokens or run.vram_bytes is None:
        return []
    options = batch_options(
        new_dims,
        tokens,
        vram_bytes=run.vram_bytes,
        dtype=str(run.config.get("dtype", "bfloat16")),
        compile=bool(run.config.get("compile", False)),
        num_gpus=run.num_gpus,
        dropout=run.config.number("dropout") or 0.0,
    )
    best = next((o for o in options if o.fits), None)
    if best is None:
        return []
    current_batch = run.config.get("batch_size")
    current_accum = run.config.get("gradient_accumulation_steps")
    if best.batch_size == current_batch and best.gradient_accumulation_steps == current_accum:
        return []
    why = (
        f"keeps {best.tokens_per_step:,} tokens per step and fits the "
        f"{human_bytes(run.vram_bytes)} card (the fix plan gives the memory estimate)"
    )
    return [
        Fix(key="batch_size", value=best.batch_size, current=current_batch, reason=why),
        Fix(
            key="gradient_accumulation_steps",
            value=best.gradient_accumulation_steps,
            current=current_accum,
            reason=why,
        ),
    ]


# --- capdiag plan ------------------------------------------------------------------------------

PLAN_SCHEMA_VERSION = 1
DEFAULT_MFU = 0.4
DEFAULT_TOKENS_PER_STEP = 524_288  # 2**19, GPT-3 small's ~0.5M tokens per batch


class PlanInputError(ValueError):
    """Bad input to `capdiag plan`: one line for the user, exit code 2."""


class ResolvedModel(BaseModel):
    """The model to plan for, where it came from, and what the config says about training."""

    model_config = _ONLY_WHEN_USED

    dims: ModelDims
    source: str  # "config examples/x.py", "config.json (llama)", "preset gpt2", ...
    training: dict[str, Any] = Field(default_factory=dict)  # batch/accum/dtype/... if known
    explicit: set[str] = Field(default_factory=set)  # keys the file or --set gave (not defaults)
    tokens_per_step: int | None = None  # batch_size x accumulation x block_size of a nanoGPT config
    notes: list[str] = Field(default_factory=list)


def _parse_sets(sets: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for item in sets:
        key, sep, raw = item.partition("=")
        key = key.strip().lstrip("-")
        if not sep or not key or not raw.strip():
            raise PlanInputError(f"--set expects key=value, got {item!r}")
        values[key] = parse_override_value(raw.strip())
    return values


_DIM_KEYS = ("n_layer", "n_head", "n_embd", "block_size", "vocab_size", "bias")
_TRAINING_KEYS = ("batch_size", "gradient_accumulation_steps", "dtype", "compile", "max_iters")


def _positive_int(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise PlanInputError(f"{key} must be a whole number, got {value!r}")
    if value <= 0:
        raise PlanInputError(f"{key} must be positive, got {value!r}")
    return int(value)


def _nanogpt_dims(values: dict[str, Any]) -> ModelDims:
    n_head = _positive_int("n_head", values["n_head"])
    n_embd = _positive_int("n_embd", values["n_embd"])
    if n_embd % n_head:
        raise PlanInputError(f"n_embd ({n_embd}) must be a multiple of n_head ({n_head})")
    return ModelDims(
        n_layer=_positive_int("n_layer", values["n_layer"]),
        n_head=n_head,
        n_embd=n_embd,
        block_size=_positive_int("block_size", values["block_size"]),
        vocab_size=_positive_int("vocab_size", values.get("vocab_size", GPT2_VOCAB_PADDED)),
        bias=bool(values["bias"]),
    )


def _from_nanogpt_values(
    layers: list[dict[str, Any]], source: str, notes: list[str], *, from_file: bool = False
) -> ResolvedModel:
    values: dict[str, Any] = dict(NANOGPT_DEFAULTS)
    explicit: set[str] = set()
    for layer in layers:
        values.update(layer)
        explicit.update(layer)
    if "vocab_size" not in explicit:
        notes.append(f"vocab_size not given: nanoGPT's padded GPT-2 vocabulary {GPT2_VOCAB_PADDED}")
    dims = _nanogpt_dims(values)
    training = {k: values[k] for k in _TRAINING_KEYS if k in values}
    if "dataset" in explicit:
        training["dataset"] = values["dataset"]
    tokens_per_step = None
    if from_file:
        batch = _positive_int("batch_size", values["batch_size"])
        accum = _positive_int("gradient_accumulation_steps", values["gradient_accumulation_steps"])
        tokens_per_step = batch * accum * dims.block_size
    return ResolvedModel(
        dims=dims,
        source=source,
        training=training,
        explicit=explicit,
        tokens_per_step=tokens_per_step,
        notes=notes,
    )


def _from_hf_config(path: Path, data: dict[str, Any], sets: dict[str, Any]) -> ResolvedModel:
    from capdiag.hf_config import load_hf_config  # lazy: an optional, separately owned module

    seq_len = sets.pop("block_size", None)
    try:
        dims = load_hf_config(
            path, seq_len=None if seq_len is None else _positive_int("block_size", seq_len)
        )
    except (ValueError, OSError) as exc:
        raise PlanInputError(f"{path}: {exc}") from exc
    notes = []
    if seq_len is None:
        notes.append(
            f"sequence length not given: the config's {dims.block_size:,} positions are used; "
            "set the trained length with --set block_size=N"
        )
    fields = set(ModelDims.model_fields)
    unknown = sorted(set(sets) - fields)
    if unknown:
        raise PlanInputError(
            f"--set {unknown[0]}: not a model dimension of a config.json model "
            f"(known: {', '.join(sorted(fields))})"
        )
    if sets:
        try:
            dims = ModelDims.model_validate({**dims.model_dump(), **sets})
        except ValidationError as exc:
            raise PlanInputError(f"--set: {_first_error(exc)}") from exc
    return ResolvedModel(
        dims=dims,
        source=f"{path.name} ({data.get('model_type')})",
        explicit=set(sets) | ({"block_size"} if seq_len is not None else set()),
        notes=notes,
    )


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ()))
    return f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid"))


def _check_keys(overrides: dict[str, Any], known: set[str]) -> None:
    """nanoGPT's configurator rejects keys train.py does not have; so does capdiag."""
    for key in overrides:
        if key not in known:
            raise PlanInputError(
                f"--set {key}: unknown config key (nanoGPT's train.py has no {key})"
            )


def load_model(model: str | None, sets: list[str]) -> ResolvedModel:
    """The model named by `model` (a nanoGPT config .py/.yaml/.json, a Hugging Face
    ``config.json``, or a GPT-2 preset name) with ``--set key=value`` overrides on top.

    Without `model`, nanoGPT's ``train.py`` defaults (GPT-2 124M) are the base. Config files are
    parsed, never executed (:mod:`capdiag.config`).
    """
    overrides = _parse_sets(sets)
    notes: list[str] = []
    known = set(NANOGPT_DEFAULTS) | {"vocab_size"}
    if model is None:
        _check_keys(overrides, known)
        notes.append(
            "no model given: nanoGPT train.py defaults (GPT-2 124M) under the --set values"
        )
        return _from_nanogpt_values([overrides], "nanoGPT defaults", notes)
    path = Path(model)
    if not path.exists():
        preset = GPT2_SHAPES.get(model.lower())
        if preset is None:
            names = ", ".join(GPT2_SHAPES)
            raise PlanInputError(f"{model}: no such file, and not a preset ({names})")
        n_layer, n_head, n_embd = preset
        base = {"n_layer": n_layer, "n_head": n_head, "n_embd": n_embd}
        _check_keys(overrides, known)
        return _from_nanogpt_values([base, overrides], f"preset {model.lower()}", notes)
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise PlanInputError(f"{path}: a directory without config.json")
        path = path / "config.json"
    if path.suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8", errors="replace"))
        except OSError as exc:
            raise PlanInputError(f"cannot read {path}: {exc.strerror}") from exc
        except json.JSONDecodeError as exc:
            raise PlanInputError(f"{path}: not valid JSON (line {exc.lineno})") from exc
        except RecursionError as exc:
            raise PlanInputError(f"{path}: nested too deeply to be a model config") from exc
        if isinstance(data, dict) and "model_type" in data:
            return _from_hf_config(path, data, overrides)
    try:
        parsed, _text = read_config_file(path)
    except ConfigError as exc:
        raise PlanInputError(str(exc)) from exc
    notes.extend(parsed.notes)
    _check_keys(overrides, known | set(parsed.values))
    return _from_nanogpt_values(
        [parsed.values, overrides], f"config {path.name}", notes, from_file=True
    )


class PlanOption(BaseModel):
    """One micro-batch x accumulation pair, as `capdiag plan` reports it."""

    model_config = _ONLY_WHEN_USED

    rank: int  # 1 = best
    batch_size: int  # micro-batch per GPU (sequences)
    gradient_accumulation_steps: int  # as nanoGPT's config states it: all GPUs together
    tokens_per_step: int
    memory_bytes: int  # what the card must hold (nvidia-smi view), the figure checked for fit
    allocated_bytes: int  # torch.cuda.max_memory_allocated estimate
    peak_phase: str
    fits: bool | None  # None when the memory budget is unknown


class ScalingComparison(BaseModel):
    """Where a token budget sits against one Chinchilla fit."""

    model_config = _ONLY_WHEN_USED

    law: str
    source: str
    compute_flops: float  # 6 N D with N = all parameters (Hoffmann et al. count embeddings)
    optimal_params: float  # compute-optimal N for that compute
    optimal_tokens: float
    optimal_tokens_per_param: float
    model_optimal_tokens: float  # tokens that would make this model compute-optimal
    loss_gap: float  # predicted loss here minus at the optimum (nats), relative figure only


class DataPlan(BaseModel):
    """Epochs over the dataset and what repeated tokens are worth (Muennighoff et al.)."""

    model_config = _ONLY_WHEN_USED

    name: str
    source: str
    train_tokens: int
    val_tokens: int | None
    approximate: bool
    epochs: float | None  # None without a token budget
    effective_tokens: float | None  # D' (Muennighoff) in fresh-data tokens
    effective_fraction: float | None  # D' / D
    discount_source: str = MUENNIGHOFF_SOURCE


class Plan(BaseModel):
    model_config = _ONLY_WHEN_USED

    schema_version: int = PLAN_SCHEMA_VERSION
    model: str
    dims: ModelDims
    n_params: int  # every parameter (tied embedding counted once)
    n_params_non_embedding: int  # as nanoGPT prints it: minus position embeddings
    flops_per_token: float  # 6 N + 12 L H Q T (PaLM / nanoGPT estimate_mfu)
    gpu: str | None
    vram_bytes: int | None
    usable_fraction: float
    dtype: str
    compile: bool
    num_gpus: int
    tokens_per_step_target: int
    tokens_per_step: int  # whole sequences: may differ from the target
    options: list[PlanOption]
    best: PlanOption | None  # the top-ranked option that fits; None if none or unknown
    mfu: float  # assumed model-FLOPs utilisation, a fraction
    peak_flops: float | None  # per GPU, dense, for the dtype
    peak_flops_dtype: str | None
    step_time_s: float | None
    tokens_per_second: float | None
    tokens: int | None  # token budget
    tokens_source: str | None
    steps: int | None
    train_time_s: float | None
    tokens_per_param: float | None
    chinchilla_tokens_per_param: float = CHINCHILLA_TOKENS_PER_PARAM
    scaling: list[ScalingComparison]
    loss_caveat: str = LOSS_CAVEAT
    data: DataPlan | None
    notes: list[str]


def _peak_phase(memory: MemoryEstimate) -> str:
    """The estimator names the phase in its first assumption ("peak phase: X; ...")."""
    first = memory.assumptions[0] if memory.assumptions else ""
    prefix = "peak phase: "
    return first.split(";")[0][len(prefix) :] if first.startswith(prefix) else ""


def _peak(gpu: GPUSpec, dtype: str) -> tuple[float | None, str | None]:
    # nanoGPT's train.py sets allow_tf32, so float32 matmuls run at the TF32 rate
    for key in ("tf32", "float32") if dtype == "float32" else (dtype,):
        peak = gpu.peak_flops(key)
        if peak:
            return peak, key
    return None, None


def _scaling(n_params: int, tokens: int) -> list[ScalingComparison]:
    compute = 6.0 * n_params * tokens
    out = []
    for law in (EPOCH_2024, HOFFMANN_2022):
        n_opt, d_opt = law.optimum(compute)
        out.append(
            ScalingComparison(
                law=law.name,
                source=law.source,
                compute_flops=compute,
                optimal_params=n_opt,
                optimal_tokens=d_opt,
                optimal_tokens_per_param=d_opt / n_opt,
                model_optimal_tokens=law.optimal_tokens(n_params),
                loss_gap=law.loss(n_params, tokens) - law.loss(n_opt, d_opt),
            )
        )
    return out


class DataSize(BaseModel):
    """The training set's size, from the catalog or from a data directory."""

    model_config = _ONLY_WHEN_USED

    name: str
    source: str
    train_tokens: int
    val_tokens: int | None = None
    approximate: bool = False


def make_plan(
    dims: ModelDims,
    *,
    tokens_per_step: int,
    model: str = "model",
    gpu: GPUSpec | None = None,
    vram_bytes: int | None = None,
    dtype: str = "bfloat16",
    compile: bool = False,
    num_gpus: int = 1,
    mfu: float = DEFAULT_MFU,
    tokens: int | None = None,
    tokens_source: str | None = None,
    data: DataSize | None = None,
    notes: list[str] | None = None,
) -> Plan:
    """Batch options that keep `tokens_per_step` and fit, ranked, with step time and budget.

    Step time = FLOPs per token x tokens per step / (GPUs x MFU x dense peak for the dtype).
    The same :func:`batch_options` ranks the pairs `analyze`'s fix plan proposes.
    """
    if not 0.0 < mfu <= 1.0:
        raise PlanInputError(f"--mfu is a fraction in (0, 1], got {mfu}")
    if tokens_per_step <= 0 or num_gpus <= 0:
        raise PlanInputError("tokens per step and number of GPUs must be positive")
    if tokens is not None and tokens <= 0:
        raise PlanInputError(f"--tokens must be positive, got {tokens}")
    notes = list(notes or [])
    if vram_bytes is None and gpu is not None and gpu.mem_gb:
        vram_bytes = int(gpu.mem_gb * 1024**3)
    try:
        raw = batch_options(
            dims,
            tokens_per_step,
            vram_bytes=vram_bytes,
            dtype=dtype,
            compile=compile,
            num_gpus=num_gpus,
        )
    except ValueError as exc:
        raise PlanInputError(str(exc)) from exc
    # fitting pairs: largest micro-batch first; the rest: nearest to fitting first
    raw.sort(key=lambda o: (o.fits is False, o.batch_size if o.fits is False else -o.batch_size))
    options = [
        PlanOption(
            rank=i + 1,
            batch_size=o.batch_size,
            gradient_accumulation_steps=o.gradient_accumulation_steps,
            tokens_per_step=o.tokens_per_step,
            memory_bytes=device_bytes(o.memory),
            allocated_bytes=o.memory.total_bytes,
            peak_phase=_peak_phase(o.memory),
            fits=o.fits,
        )
        for i, o in enumerate(raw)
    ]
    achieved = options[0].tokens_per_step if options else tokens_per_step
    if achieved != tokens_per_step:
        notes.append(
            f"{tokens_per_step:,} tokens per step is not a whole number of "
            f"{dims.block_size}-token sequences per GPU; planned for {achieved:,}"
        )
    best = next((o for o in options if o.fits), None)
    if vram_bytes is not None and best is None:
        notes.append(
            "no micro-batch fits: even batch_size 1 exceeds the card; try a smaller model or "
            "block_size, activation checkpointing, or more memory"
        )
    elif vram_bytes is None:
        notes.append("no GPU or --vram given: memory is estimated but fit is not checked")

    counts = count_params(dims)
    per_token = flops_per_token(dims)
    peak, peak_key = _peak(gpu, dtype) if gpu is not None else (None, None)
    step_time = tps = None
    if peak:
        step_time = per_token * achieved / (num_gpus * mfu * peak)
        tps = achieved / step_time
    elif gpu is not None:
        notes.append(f"{gpu.name} has no {dtype} peak in capdiag's table: no step time")

    steps = train_time = per_param = None
    scaling: list[ScalingComparison] = []
    if tokens is not None:
        steps = math.ceil(tokens / achieved)
        train_time = steps * step_time if step_time is not None else None
        per_param = tokens / counts.total
        scaling = _scaling(counts.total, tokens)

    data_plan = None
    if data is not None:
        epochs = effective = fraction = None
        if tokens is not None and data.train_tokens > 0:
            epochs = tokens / data.train_tokens
            effective = effective_data(data.train_tokens, epochs)
            fraction = effective / tokens
        data_plan = DataPlan(
            name=data.name,
            source=data.source,
            train_tokens=data.train_tokens,
            val_tokens=data.val_tokens,
            approximate=data.approximate,
            epochs=epochs,
            effective_tokens=effective,
            effective_fraction=fraction,
        )
        if epochs is not None and epochs > 4:
            notes.append(
                f"{epochs:.1f} epochs over {data.name}: past ~4 epochs repeated tokens are worth "
                f"less than fresh ones (Muennighoff et al.); the budget is worth "
                f"{fraction or 0:.0%} of as many fresh tokens"
            )

    return Plan(
        model=model,
        dims=dims,
        n_params=counts.total,
        n_params_non_embedding=counts.non_embedding,
        flops_per_token=per_token,
        gpu=gpu.name if gpu is not None else None,
        vram_bytes=vram_bytes,
        usable_fraction=USABLE_FRACTION,
        dtype=dtype,
        compile=compile,
        num_gpus=num_gpus,
        tokens_per_step_target=tokens_per_step,
        tokens_per_step=achieved,
        options=options,
        best=best,
        mfu=mfu,
        peak_flops=peak,
        peak_flops_dtype=peak_key,
        step_time_s=step_time,
        tokens_per_second=tps,
        tokens=tokens,
        tokens_source=tokens_source if tokens is not None else None,
        steps=steps,
        train_time_s=train_time,
        tokens_per_param=per_param,
        scaling=scaling,
        data=data_plan,
        notes=notes,
    )
