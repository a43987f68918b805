"""Peak training memory of a decoder-only LM, built from what the training code really stores.

Two layer formulas, chosen by :class:`~capdiag.arithmetic.params.ModelDims`: nanoGPT's GPT-2
(``family "gpt2"`` with GELU MLP and LayerNorm) and the Hugging Face Llama-style decoder layer
(every other family: RMSNorm, SwiGLU, GQA, RoPE, MoE), see :func:`layer_saved_bytes_per_token`.

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

from pydantic import BaseModel, field_validator

from capdiag.arithmetic.params import ModelDims, count_params

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
_DTYPE_ALIASES = {"bf16": "bfloat16", "fp16": "float16", "half": "float16", "fp32": "float32"}
# Optimizer state per parameter. AdamW (torch, fused or not): exp_avg + exp_avg_sq, fp32.
# adamw8bit (bitsandbytes ``AdamW8bit``, ``Optimizer2State.init_state``): state1 and state2 are
# uint8 (1 B each) plus one fp32 absmax per 256-element block for each state (2*4/256 B), and
# tensors with fewer than ``min_8bit_size`` = 4096 elements keep fp32 states (8 B). There is no
# separate fp32 master copy: the fp32 parameters are the master weights (counted as weights).
_OPTIMIZER_BYTES_PER_PARAM = {"adamw": 8.0, "adamw8bit": 2.0 + 8 / 256, "sgd": 4.0}
_BNB_MIN_8BIT_SIZE = 4096
_ATTENTIONS = ("sdpa", "eager")


class TrainingSetup(BaseModel):
    """How the model is trained: what changes memory but not the parameter count."""

    batch_size: int  # micro-batch (sequences)
    block_size: int  # sequence length
    dtype: str = "bfloat16"  # "bfloat16" | "float16" (autocast, fp32 weights) | "float32"
    compile: bool = False
    optimizer: str = "adamw"  # "adamw" | "adamw8bit" | "sgd"
    activation_checkpointing: bool = False  # per-block, as HF gradient_checkpointing_enable()
    gradient_accumulation_steps: int = 1  # > 1: fp32 grads stay alive across micro-steps
    logits_held: bool = False  # caller keeps `logits` referenced during backward (eager only)
    dropout: float = 0.0  # residual/MLP/embedding dropout probability (nanoGPT `dropout`)
    attention: str = "sdpa"  # "sdpa" (flash / memory-efficient) | "eager" (materialised T x T)

    @field_validator("dtype", mode="before")
    @classmethod
    def _dtype_name(cls, value: object) -> object:
        """The short names configs use (fp16, bf16, fp32) as torch spells them."""
        return _DTYPE_ALIASES.get(str(value).strip().lower(), value)


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
    if setup.attention not in _ATTENTIONS:
        raise ValueError(f"attention must be one of {_ATTENTIONS}, got {setup.attention!r}")
    if setup.batch_size < 0 or setup.block_size < 1 or setup.gradient_accumulation_steps < 1:
        raise ValueError("batch_size >= 0, block_size >= 1, gradient_accumulation_steps >= 1")
    if not 0.0 <= setup.dropout < 1.0:
        raise ValueError("dropout must be in [0, 1)")


def _half(setup: TrainingSetup) -> int:
    """Bytes of an element in the autocast compute dtype (4 without autocast)."""
    return _DTYPE_BYTES[setup.dtype]


def is_nanogpt(dims: ModelDims) -> bool:
    """nanoGPT's GPT-2 block (fused c_attn, GELU MLP, LayerNorm, learned positions)."""
    return dims.family == "gpt2" and dims.mlp == "gelu" and dims.norm == "layernorm"


def _attention_extra(dims: ModelDims, setup: TrainingSetup) -> int:
    """Eager (non-flash) attention: T x T probabilities instead of the logsumexp, per token.

    Softmax output in fp32 (4 B: HF's explicit ``softmax(dtype=float32)``, CUDA autocast's fp32
    policy for ``softmax``) plus its cast to the autocast dtype for ``probs @ v``.
    """
    if setup.attention != "eager":
        return 0
    h, t = dims.n_head, setup.block_size
    cast = _half(setup) * h * t if setup.dtype != "float32" else 0
    return 4 * h * t + cast - 4 * h


def _gpt2_layer(dims: ModelDims, setup: TrainingSetup) -> int:
    c = dims.n_embd
    stats = 4 * dims.n_head + (8 if setup.compile else 16)  # SDPA lse + LayerNorm stats
    masks = 2 * c if setup.dropout > 0 else 0  # bool keep-masks of resid and MLP dropout
    return (
        _LAYER_FP32_COEF * c
        + _LAYER_HALF_COEF * c * _half(setup) // 2
        + stats
        + masks
        + _attention_extra(dims, setup)
    )


def _norm_bytes(dims: ModelDims, setup: TrainingSetup) -> int:
    """One norm in the Llama-style path: what it saves, per token (its fp32 input included)."""
    c = dims.n_embd
    if dims.norm == "rmsnorm":
        # x (fp32 residual, saved by pow) 4C, x*rsqrt (saved by weight*h) 4C, rsqrt 4;
        # without autocast the Linear also saves weight*h (fp32) itself.
        return 8 * c + 4 + (4 * c if setup.dtype == "float32" else 0)
    # LayerNorm: input 4C + mean/rstd 8; without autocast the Linear saves its output
    return 4 * c + 8 + (4 * c if setup.dtype == "float32" else 0)


def _hf_layer(dims: ModelDims, setup: TrainingSetup) -> int:
    """Hugging Face decoder layer (Llama/Mistral/Qwen2/Mixtral as measured), per token."""
    c, h = dims.n_embd, _half(setup)
    autocast = setup.dtype != "float32"
    cast = h * c if autocast else 0  # every Linear casts its fp32 input itself under autocast
    q = dims.n_head * dims.head_dim
    kv = (dims.n_head if setup.attention == "eager" else dims.kv_heads) * dims.head_dim
    total = dims.norms_per_layer * _norm_bytes(dims, setup)
    total += 3 * cast  # q_proj, k_proj, v_proj each cast the norm output
    total += h * (2 * q + 2 * kv) + 4 * dims.n_head  # SDPA: q, k, v, out (= o_proj input), lse
    total += _attention_extra(dims, setup)
    i = dims.mlp_width
    n_mats = 4 if dims.mlp == "swiglu" else 2  # swiglu: gate+up (one storage or two), act, prod
    if dims.n_experts > 1:
        e, k = dims.n_experts, dims.experts_per_token
        # router: input cast, fp32 softmax, top-k values (clone) + their sum, int64 indices
        total += cast + 4 * e + 4 * k + 4 + 8 * k
        # per routed token: input cast, expert MLP, down output, routing weight, weighted fp32
        # output (saved by index_add_), two int64 index tensors
        total += k * (cast + n_mats * h * i + h * c + 4 + 4 * c + 16)
    else:
        total += (2 if dims.mlp == "swiglu" else 1) * cast + n_mats * h * i
    return total


def layer_saved_bytes_per_token(dims: ModelDims, setup: TrainingSetup) -> int:
    """Bytes one block saves for backward, per token (no checkpointing)."""
    if is_nanogpt(dims):
        return _gpt2_layer(dims, setup)
    return _hf_layer(dims, setup)


def top_saved_bytes_per_token(dims: ModelDims, setup: TrainingSetup) -> int:
    """Final norm input and output (+ its stats), per token; excludes the logits path."""
    c = dims.n_embd
    if is_nanogpt(dims):
        extra = 8 if setup.compile else 0  # compiled cross-entropy saves amax + logsumexp per row
        drop = c if setup.dropout > 0 else 0  # embedding dropout mask
        return 4 * c + c * _half(setup) + 8 + extra + drop
    cast = _half(setup) * c if setup.dtype != "float32" else 0
    return _norm_bytes(dims, setup) + cast


def logits_saved_bytes_per_token(dims: ModelDims, setup: TrainingSetup) -> int:
    """What the loss keeps for backward per token: fp32 log-probs (eager) or the logits."""
    if setup.compile and is_nanogpt(dims):
        return dims.vocab_size * _half(setup)
    return dims.vocab_size * 4


def logits_peak_bytes_per_token(dims: ModelDims, setup: TrainingSetup) -> int:
    """Logits-path bytes alive at the peak of cross_entropy's backward, per token."""
    v = dims.vocab_size
    if setup.compile and is_nanogpt(dims):
        return _COMPILE_LOGITS_BUFFERS * v * _half(setup)
    held = v * _half(setup) if setup.logits_held else 0
    return _EAGER_LOGITS_FP32_BUFFERS * v * 4 + held


def _layer_linear_params(dims: ModelDims) -> int:
    """Elements of the Linear weights of one block (all experts), i.e. what autocast casts."""
    c = dims.n_embd
    if is_nanogpt(dims):
        return 12 * c * c
    q = dims.n_head * dims.head_dim
    kv = dims.kv_heads * dims.head_dim
    attn = c * q + 2 * c * kv + q * c
    mats = 3 if dims.mlp == "swiglu" else 2
    mlp = mats * c * dims.mlp_width * dims.n_experts
    router = c * dims.n_experts if dims.n_experts > 1 else 0
    return attn + mlp + router


def weight_copy_bytes(dims: ModelDims, setup: TrainingSetup) -> int:
    """Autocast casts every Linear weight (and the lm_head) once per forward and saves it."""
    if setup.dtype == "float32":
        return 0
    linear = dims.n_layer * _layer_linear_params(dims) + dims.vocab_size * dims.n_embd
    return linear * _half(setup)


def _small_param_count(dims: ModelDims) -> int:
    """Parameters in 1-D tensors (norm weights, biases) -- kept in fp32 state by bnb 8-bit."""
    c = dims.n_embd
    if c >= _BNB_MIN_8BIT_SIZE:
        return 0
    per_layer = dims.norms_per_layer * c * (2 if dims.norm == "layernorm" and dims.bias else 1)
    if dims.bias:
        per_layer += 3 * c + c + dims.mlp_width + c  # nanoGPT-style biases on every Linear
    elif dims.qkv_bias:
        per_layer += dims.n_head * dims.head_dim + 2 * dims.kv_heads * dims.head_dim
    return dims.n_layer * per_layer + c


def optimizer_state_bytes(dims: ModelDims, setup: TrainingSetup) -> int:
    p = count_params(dims).total
    if setup.optimizer == "adamw8bit":
        small = min(_small_param_count(dims), p)
        return int(_OPTIMIZER_BYTES_PER_PARAM["adamw8bit"] * (p - small)) + 8 * small
    return int(_OPTIMIZER_BYTES_PER_PARAM[setup.optimizer] * p)


def estimate_training_memory(dims: ModelDims, setup: TrainingSetup) -> MemoryEstimate:
    """Peak allocated bytes of one training step, with the components at that peak."""
    _check(setup)
    p = count_params(dims).total
    tokens = setup.batch_size * setup.block_size
    c, v, n_layer = dims.n_embd, dims.vocab_size, dims.n_layer
    nano = is_nanogpt(dims)
    autocast = setup.dtype != "float32"

    weights = 4 * p
    grads_full = 4 * p
    optimizer = optimizer_state_bytes(dims, setup)
    copies = weight_copy_bytes(dims, setup)
    head_copy = v * c * _half(setup) if autocast else 0
    layer_copy = _layer_linear_params(dims) * _half(setup) if autocast else 0

    layer = layer_saved_bytes_per_token(dims, setup)
    top = top_saved_bytes_per_token(dims, setup)
    grads_at_bwd = grads_full if setup.gradient_accumulation_steps > 1 else 0
    # lm_head grad right after the logits path: autocast-dtype temp + fp32 grad
    head_grad = v * c * (_half(setup) + 4) if autocast else 4 * v * c
    logits = tokens * logits_peak_bytes_per_token(dims, setup)
    pos = 4 * c * setup.block_size if (setup.compile and nano and dims.learned_pos) else 0

    ckpt_phase = 0
    if setup.activation_checkpointing:
        # HF gradient_checkpointing_enable(): each block keeps only its fp32 input; the blocks'
        # weight copies are not saved (only lm_head's, outside the checkpoints). Measured on
        # LlamaForCausalLM with MemTracker (saved_activations_hf.json, step_peak).
        activations = tokens * (n_layer * 4 * c + top) + pos
        copies = head_copy
        # backward of one recomputed block: its activations + its weight copies, with
        # (almost) every gradient already accumulated; fp32 activation grads in and out
        ckpt_phase = (
            weights
            + optimizer
            + grads_full
            + head_copy
            + layer_copy
            + tokens * (n_layer * 4 * c + layer + 8 * c)
        )
    else:
        activations = tokens * (n_layer * layer + top) + pos

    backward_peak = weights + optimizer + grads_at_bwd + copies + activations + logits
    after_head = weights + optimizer + grads_at_bwd + copies + activations + head_grad
    step_peak = weights + grads_full + optimizer

    phase = "backward (cross-entropy)"
    core = backward_peak
    if after_head > core:
        phase, core = "backward (lm_head grad)", after_head
    if ckpt_phase > core:
        phase, core = "backward (recomputed block)", ckpt_phase
    if step_peak > core:
        phase, core = "optimizer step", step_peak

    total = core + _WORKSPACE_BYTES
    device_total = int(total * (1 + _ALLOCATOR_SLACK)) + _CUDA_CONTEXT_BYTES

    if phase == "optimizer step":
        components = {"weights": weights, "gradients": grads_full, "optimizer": optimizer}
    elif phase == "backward (recomputed block)":
        components = {
            "weights": weights,
            "gradients": grads_full,
            "optimizer": optimizer,
            "weight_copies": head_copy + layer_copy,
            "activations": tokens * (n_layer * 4 * c + layer + 8 * c),
            "logits": 0,
        }
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

    assumptions = [
        f"peak phase: {phase}; total is torch.cuda.max_memory_allocated (allocated bytes)",
        f"{p:,} parameters: fp32 weights 4 B/param, {setup.optimizer} state "
        f"{optimizer / max(p, 1):.3g} B/param (AdamW: m and v fp32; adamw8bit: bitsandbytes "
        "uint8 m and v + fp32 absmax per 256-element block, fp32 states for tensors under 4096 "
        "elements, no extra master copy; sgd counted with a momentum buffer)",
        "gradients (fp32, 4 B/param) are set to None after each step, so they are absent at the "
        "backward peak unless gradient_accumulation_steps > 1",
        (
            f"autocast {setup.dtype} copies of every Linear weight and the lm_head stay alive "
            "until backward"
            + (" (with checkpointing only lm_head's and one recomputed block's)" if copies else "")
            if autocast
            else "float32 training: no autocast weight copies"
        ),
        _activation_note(dims, setup, layer, top),
        _logits_note(dims, setup),
        (
            "attention: eager, T x T probabilities saved (fp32 softmax + its cast)"
            if setup.attention == "eager"
            else "attention: flash / memory-efficient SDPA (memory linear in block_size; "
            "attention dropout inside the kernel saves only the RNG state)"
        ),
        f"overhead: {_WORKSPACE_BYTES / 1e6:.0f} MB constant (measured residual on H200, "
        "probably cuBLAS workspaces and small buffers)",
        f"device_total (what nvidia-smi shows) = allocated × {1 + _ALLOCATOR_SLACK:.2f} "
        f"allocator slack + {_CUDA_CONTEXT_BYTES / 1e9:.1f} GB CUDA context; VRAM fit uses it",
    ]
    return MemoryEstimate(total_bytes=total, components=components, assumptions=assumptions)


def _activation_note(dims: ModelDims, setup: TrainingSetup, layer: int, top: int) -> str:
    half = _half(setup)
    if is_nanogpt(dims):
        note = (
            f"activations: {layer} B/token/layer saved for backward "
            f"(36·n_embd in {setup.dtype}: two fp32 LayerNorm inputs 8C, qkv 6C, attention out "
            f"2C, LayerNorm casts 2C+2C, MLP fc and GELU outputs 8C+8C; "
            f"{_LAYER_HALF_COEF}C of it in {half}-byte elements) + {top} B/token for ln_f"
        )
        if setup.dropout > 0:
            note += "; dropout > 0 adds bool keep-masks: 2·n_embd B/token/layer + n_embd at the top"
    else:
        note = (
            f"activations ({dims.family}, Hugging Face layer): {layer} B/token/layer saved for "
            f"backward (fp32 {dims.norm} input and normalised output, a {half}-byte cast of the "
            "norm output per Linear, q/k/v/out + logsumexp of SDPA, "
            + (
                f"router + {dims.experts_per_token} of {dims.n_experts} experts per token"
                if dims.n_experts > 1
                else f"{dims.mlp} MLP 4·intermediate"
                if dims.mlp == "swiglu"
                else f"{dims.mlp} MLP 2·intermediate"
            )
            + f") + {top} B/token for the final norm"
        )
    if setup.activation_checkpointing:
        note += (
            "; checkpointing keeps 4·n_embd B/token per block (fp32 block input); one block is "
            "recomputed at a time in backward"
        )
    return note


def _logits_note(dims: ModelDims, setup: TrainingSetup) -> str:
    if setup.compile and is_nanogpt(dims):
        half = _half(setup)
        return (
            f"logits (torch.compile): {_COMPILE_LOGITS_BUFFERS} × vocab × {half} B per token: "
            "saved logits, the materialised zero tangent of the logits output, and the fused "
            "logits gradient (inductor never builds the fp32 log-probs); the compiled H200 run "
            "confirms it within 1%. Per-layer saved activations are NOT reduced by compile "
            "(the oracle shows inductor saves the same 36·n_embd B/token/layer)"
        )
    note = (
        "logits (eager): 12 × vocab B per token at the peak inside cross_entropy's backward "
        "(fp32 log-probs saved + fp32 grad from nll_loss + fp32 grad of log_softmax)"
    )
    if setup.logits_held:
        note += f", + {_half(setup)} × vocab because `logits` is still referenced"
    if setup.compile:
        note += "; compile for this family is not measured, the eager values are used"
    return note


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
