"""Peak training memory of a nanoGPT-style GPT, built from what the code really stores.

Every batch-dependent term is a count of the tensors nanoGPT's ``model.py`` keeps alive, checked
against ``scripts/oracles/saved_activations.py`` (saved-tensor hooks on the real model, CPU bf16
autocast, ``tests/data/oracle/saved_activations.json``). The one measured-only constant is the
~80 MB of cuBLAS workspaces; the compile logits term was derived from the inductor code and then
confirmed by the one compiled H200 measurement (see ``_COMPILE_LOGITS_BUFFERS``).

Where the peak happens (default: no gradient accumulation, steady state with AdamW state alive):

* **early backward**, inside ``cross_entropy``'s backward: every layer's saved activations are
  alive, the autocast bf16 weight copies are alive (they are saved for backward), and the logits
  path is at its widest. Parameter gradients do not exist yet (``zero_grad(set_to_none=True)``).
* or the **optimizer step** (weights + gradients + AdamW ``m``/``v``), which wins only for tiny
  batches.

The reported ``total_bytes`` is what ``torch.cuda.max_memory_allocated`` measures. What
``nvidia-smi`` shows is larger (allocator slack + CUDA context); it is in
``components["device_total"]`` and is what :func:`largest_batch_that_fits` checks.
"""

from __future__ import annotations

from pydantic import BaseModel

from capdiag.params import ModelDims, count_params

# --- per-token saved-activation counts (bytes = coefficient * n_embd) ------------------------
# One nanoGPT Block under bf16/fp16 autocast, eager, dropout 0 (oracle: 36 C + small):
#   ln_1 input (fp32 residual) 4C | ln_1 output cast to bf16, saved by c_attn 2C
#   c_attn output q,k,v saved by SDPA (one storage) 6C | SDPA output, saved by c_proj 2C
#   ln_2 input (fp32 residual) 4C | ln_2 output bf16, saved by c_fc 2C
#   c_fc output, saved by GELU 8C | GELU output, saved by mlp.c_proj 8C            = 36 C
# plus per token: SDPA logsumexp 4*n_head, LayerNorm mean+rstd 2*8.
# Without autocast (fp32) the 28 C of half-precision tensors double: 8 C + 56 C = 64 C.
_LAYER_FP32_COEF = 8  # the two fp32 LayerNorm inputs (residual stream)
_LAYER_HALF_COEF = 28  # matmul/SDPA/GELU tensors held in the autocast dtype
# Top of the model: ln_f input (fp32) 4C + ln_f output cast 2C (fp32: 8C), ln_f mean/rstd 8.

# --- logits path at the peak (bytes per token per vocab entry) --------------------------------
# Eager, inside LogSoftmaxBackward: fp32 log-probs saved by log_softmax (4) + fp32 grad from
# nll_loss backward (4) + fp32 grad being written by log_softmax backward (4) = 12. The
# bf16 lm_head output itself is not saved (the cast saves nothing) and is freed, unless the
# caller keeps ``logits`` referenced (+2: nanoGPT's train.py does; the H200 reference runs do
# not show it, their slope is 940,422 B/token vs 940,800 modelled).
# torch.compile: the backward graph gets the saved bf16 logits (2), a materialised zero tangent
# for the ``logits`` graph output (2), and writes one fused bf16 grad (2) = 6. Three buffers
# of the logits' own dtype, so 12 without autocast.
_EAGER_LOGITS_FP32_BUFFERS = 3
_COMPILE_LOGITS_BUFFERS = 3

# Batch-independent residual not explained by the terms above: both eager H200 model sizes
# leave 79 MB. Most likely cuBLAS workspaces (a handle for the forward thread and one for the
# autograd thread, 32 MiB each on Hopper) plus small buffers -- a hypothesis, not traced.
_WORKSPACE_BYTES = 80_000_000
# What nvidia-smi adds on top of max_memory_allocated.
_CUDA_CONTEXT_BYTES = 600_000_000
_ALLOCATOR_SLACK = 0.10  # reserved/allocated was 1.02-1.17 on the H200 runs

_DTYPE_BYTES = {"bfloat16": 2, "float16": 2, "float32": 4}
_OPTIMIZER_BYTES_PER_PARAM = {"adamw": 8.0, "adamw8bit": 2.0, "sgd": 4.0}


class TrainingSetup(BaseModel):
    """How the model is trained: what changes memory but not the parameter count."""

    batch_size: int  # micro-batch (sequences)
    block_size: int  # sequence length
    dtype: str = "bfloat16"  # "bfloat16" | "float16" (autocast) | "float32"
    compile: bool = False
    optimizer: str = "adamw"  # "adamw" | "adamw8bit" | "sgd"
    activation_checkpointing: bool = False
    gradient_accumulation_steps: int = 1  # > 1: fp32 grads stay alive across micro-steps
    logits_held: bool = False  # caller keeps `logits` referenced during backward (eager only)


class MemoryEstimate(BaseModel):
    total_bytes: int  # peak torch.cuda.max_memory_allocated
    components: dict[str, int]
    assumptions: list[str]


def _check(setup: TrainingSetup) -> None:
    if setup.dtype not in _DTYPE_BYTES:
        raise ValueError(f"dtype must be one of {sorted(_DTYPE_BYTES)}, got {setup.dtype!r}")
    if setup.optimizer not in _OPTIMIZER_BYTES_PER_PARAM:
        raise ValueError(
            f"optimizer must be one of {sorted(_OPTIMIZER_BYTES_PER_PARAM)}, "
            f"got {setup.optimizer!r}"
        )
    if setup.batch_size < 0 or setup.block_size < 1 or setup.gradient_accumulation_steps < 1:
        raise ValueError("batch_size >= 0, block_size >= 1, gradient_accumulation_steps >= 1")


def _half(setup: TrainingSetup) -> int:
    """Bytes of an element in the autocast compute dtype."""
    return _DTYPE_BYTES[setup.dtype]


def layer_saved_bytes_per_token(dims: ModelDims, setup: TrainingSetup) -> int:
    """Bytes one Block saves for backward, per token (no checkpointing)."""
    c = dims.n_embd
    stats = 4 * dims.n_head + (8 if setup.compile else 16)  # SDPA lse + LayerNorm stats
    return _LAYER_FP32_COEF * c + _LAYER_HALF_COEF * c * _half(setup) // 2 + stats


def top_saved_bytes_per_token(dims: ModelDims, setup: TrainingSetup) -> int:
    """ln_f input and output (+ its stats), per token; excludes the logits path."""
    c = dims.n_embd
    extra = 8 if setup.compile else 0  # compiled cross-entropy saves amax + logsumexp per row
    return 4 * c + c * _half(setup) + 8 + extra


def logits_saved_bytes_per_token(dims: ModelDims, setup: TrainingSetup) -> int:
    """What the loss keeps for backward per token: fp32 log-probs (eager) or the logits."""
    if setup.compile:
        return dims.vocab_size * _half(setup)
    return dims.vocab_size * 4


def logits_peak_bytes_per_token(dims: ModelDims, setup: TrainingSetup) -> int:
    """Logits-path bytes alive at the peak of cross_entropy's backward, per token."""
    v = dims.vocab_size
    if setup.compile:
        return _COMPILE_LOGITS_BUFFERS * v * _half(setup)
    held = v * _half(setup) if setup.logits_held else 0
    return _EAGER_LOGITS_FP32_BUFFERS * v * 4 + held


def weight_copy_bytes(dims: ModelDims, setup: TrainingSetup) -> int:
    """Autocast casts every Linear weight (and the tied lm_head) once per forward and saves it."""
    if setup.dtype == "float32":
        return 0
    c = dims.n_embd
    linear = dims.n_layer * 12 * c * c + dims.vocab_size * c
    return linear * _half(setup)


def estimate_training_memory(dims: ModelDims, setup: TrainingSetup) -> MemoryEstimate:
    """Peak allocated bytes of one nanoGPT training step, with the components at that peak."""
    _check(setup)
    p = count_params(dims).total
    tokens = setup.batch_size * setup.block_size
    c, v, n_layer = dims.n_embd, dims.vocab_size, dims.n_layer

    weights = 4 * p
    grads_full = 4 * p
    optimizer = int(_OPTIMIZER_BYTES_PER_PARAM[setup.optimizer] * p)
    copies = weight_copy_bytes(dims, setup)

    layer = layer_saved_bytes_per_token(dims, setup)
    top = top_saved_bytes_per_token(dims, setup)
    if setup.activation_checkpointing:
        # keep each Block's input (fp32 residual); recompute one Block at a time in backward
        per_token_acts = n_layer * 4 * c + layer + top
    else:
        per_token_acts = n_layer * layer + top
    activations = tokens * per_token_acts
    if setup.compile:
        activations += 4 * c * setup.block_size  # compiled graph saves pos_emb (T, C) fp32
    logits = tokens * logits_peak_bytes_per_token(dims, setup)

    # grads alive at the backward peak only when accumulating over micro-steps
    grads_at_bwd = grads_full if setup.gradient_accumulation_steps > 1 else 0
    backward_peak = weights + optimizer + grads_at_bwd + copies + activations + logits
    # right after the logits path: lm_head grad (bf16 temp + fp32) with all activations alive
    head_grad = (v * c * (_half(setup) + 4)) if setup.dtype != "float32" else 4 * v * c
    after_head = weights + optimizer + grads_at_bwd + copies + activations + head_grad
    step_peak = weights + grads_full + optimizer

    phase = "backward (cross-entropy)"
    core = backward_peak
    if after_head > core:
        phase, core = "backward (lm_head grad)", after_head
    if step_peak > core:
        phase, core = "optimizer step", step_peak

    total = core + _WORKSPACE_BYTES
    device_total = int(total * (1 + _ALLOCATOR_SLACK)) + _CUDA_CONTEXT_BYTES

    if phase == "optimizer step":
        components = {"weights": weights, "gradients": grads_full, "optimizer": optimizer}
    else:
        components = {
            "weights": weights,
            "gradients": grads_at_bwd,
            "optimizer": optimizer,
            "weight_copies": copies,
            "activations": activations,
            "logits": logits if phase == "backward (cross-entropy)" else head_grad,
        }
    components["overhead"] = _WORKSPACE_BYTES
    components["allocated_total"] = total
    components["allocator_slack"] = int(total * _ALLOCATOR_SLACK)
    components["cuda_context"] = _CUDA_CONTEXT_BYTES
    components["device_total"] = device_total

    half = _half(setup)
    act_note = (
        f"activations: {layer} B/token/layer saved for backward "
        f"(36·n_embd in {setup.dtype}: two fp32 LayerNorm inputs 8C, qkv 6C, attention out "
        f"2C, LayerNorm casts 2C+2C, MLP fc and GELU outputs 8C+8C; "
        f"{_LAYER_HALF_COEF}C of it in {half}-byte elements) + {top} B/token for ln_f"
    )
    if setup.activation_checkpointing:
        act_note += "; checkpointing keeps 4·n_embd B/token per block plus one block recomputed"
    if setup.compile:
        logit_note = (
            f"logits (torch.compile): {_COMPILE_LOGITS_BUFFERS} × vocab × {half} B per token: "
            "saved logits, the materialised zero tangent of the logits output, and the fused "
            "logits gradient (inductor never builds the fp32 log-probs); the compiled H200 run "
            "confirms it within 1%. Per-layer saved activations are NOT reduced by compile "
            "(the oracle shows inductor saves the same 36·n_embd B/token/layer)"
        )
    else:
        logit_note = (
            "logits (eager): 12 × vocab B per token at the peak inside cross_entropy's backward "
            "(fp32 log-probs saved + fp32 grad from nll_loss + fp32 grad of log_softmax)"
        )
        if setup.logits_held:
            logit_note += f", + {half} × vocab because `logits` is still referenced"
    assumptions = [
        f"peak phase: {phase}; total is torch.cuda.max_memory_allocated (allocated bytes)",
        f"{p:,} parameters: fp32 weights 4 B/param, "
        f"{setup.optimizer} state {_OPTIMIZER_BYTES_PER_PARAM[setup.optimizer]:g} B/param "
        "(AdamW fused, m and v fp32; sgd counted with a momentum buffer)",
        "gradients (fp32, 4 B/param) are set to None after each step, so they are absent at the "
        "backward peak unless gradient_accumulation_steps > 1",
        (
            f"autocast {setup.dtype} copies of every Linear weight and the tied lm_head "
            "(n_layer·12·n_embd² + vocab·n_embd elements) stay alive until backward"
            if copies
            else "float32 training: no autocast weight copies"
        ),
        act_note,
        logit_note,
        "flash/memory-efficient SDPA (attention memory linear in block_size); dropout = 0 "
        "(dropout masks are not counted)",
        f"overhead: {_WORKSPACE_BYTES / 1e6:.0f} MB constant (measured residual on H200, "
        "probably cuBLAS workspaces and small buffers)",
        f"device_total (what nvidia-smi shows) = allocated × {1 + _ALLOCATOR_SLACK:.2f} "
        f"allocator slack + {_CUDA_CONTEXT_BYTES / 1e9:.1f} GB CUDA context; VRAM fit uses it",
    ]
    return MemoryEstimate(total_bytes=total, components=components, assumptions=assumptions)


def largest_batch_that_fits(
    dims: ModelDims, setup: TrainingSetup, vram_bytes: int, usable_fraction: float = 0.9
) -> int:
    """Largest micro-batch whose device_total fits in ``usable_fraction * vram_bytes``; 0 if
    not even batch 1 fits."""
    budget = usable_fraction * vram_bytes

    def fits(b: int) -> bool:
        est = estimate_training_memory(dims, setup.model_copy(update={"batch_size": b}))
        return est.components["device_total"] <= budget

    if not fits(1):
        return 0
    lo, hi = 1, 2
    while fits(hi):
        lo, hi = hi, hi * 2
        if hi > 1 << 24:
            return lo
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid
    return lo
