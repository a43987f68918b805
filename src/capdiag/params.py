"""Parameter counts: the one place that knows how many weights a model has.

GPT-2 as nanoGPT builds it (``model.py``): token embedding ``wte`` tied to ``lm_head``,
learned position embedding ``wpe``, ``bias`` on or off for every Linear and LayerNorm,
MLP of width ``4 * n_embd``. nanoGPT prints ``get_num_params()``, which is every
parameter minus ``wpe`` (``wte`` stays because ``lm_head`` shares it).
"""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict

GPT2_VOCAB_PADDED = 50304  # nanoGPT pads GPT-2's 50257 up to a multiple of 64


class ModelDims(BaseModel):
    """The shape of a decoder-only transformer, as the training code builds it.

    Field names follow nanoGPT; the optional fields describe other families (Llama,
    Mistral, Qwen2, Gemma, Phi, Mixtral) and default to GPT-2's choices.
    """

    model_config = ConfigDict(frozen=True)

    family: str = "gpt2"  # gpt2 | llama | mistral | qwen2 | gemma | phi | mixtral | ...
    n_layer: int
    n_head: int
    n_embd: int
    block_size: int  # sequence length trained on (also the wpe size for learned positions)
    vocab_size: int
    bias: bool = False  # bias in every Linear and norm (GPT-2 style)
    tied_head: bool = True  # lm_head shares the token embedding
    n_kv_head: int | None = None  # grouped-query attention; None means n_head
    head_dim_override: int | None = None  # Gemma/Qwen3 set head_dim apart from n_embd/n_head
    intermediate_size: int | None = None  # MLP width; None means 4 * n_embd
    mlp: str = "gelu"  # "gelu": fc + proj (2 matrices); "swiglu": gate + up + down (3)
    norm: str = "layernorm"  # "layernorm" (weight, +bias if bias) | "rmsnorm" (weight only)
    learned_pos: bool = True  # a learned position embedding (GPT-2 wpe); RoPE has none
    max_position_embeddings: int | None = None  # wpe rows when it differs from block_size
    qkv_bias: bool = False  # bias on q, k, v only (Qwen2)
    n_experts: int = 1  # mixture of experts: experts per MoE layer
    experts_per_token: int = 1  # experts each token is routed to
    attn_out_bias: bool = False  # bias on the attention output projection (Llama attention_bias)
    mlp_bias: bool = False  # bias on every MLP Linear (Llama mlp_bias)
    head_bias: bool = False  # bias on lm_head (Phi-1/Phi-2)
    norms_per_layer: int = 2  # 1: parallel block (Phi-2); 4: sandwich norms (Gemma 2)
    qk_norm: bool = False  # a norm of size head_dim on queries and keys (Phi qk_layernorm)

    @property
    def head_dim(self) -> int:
        return self.head_dim_override or self.n_embd // self.n_head

    @property
    def kv_heads(self) -> int:
        return self.n_kv_head or self.n_head

    @property
    def mlp_width(self) -> int:
        return self.intermediate_size or 4 * self.n_embd


class ParamCounts(BaseModel):
    """Both conventions side by side."""

    total: int
    non_embedding: int  # as nanoGPT prints it: total minus position embeddings
    embedding: int  # wte (+ untied head) + wpe


def gpt2_block_params(n_embd: int, bias: bool) -> int:
    """One transformer block: attention (qkv + proj), MLP (fc + proj), two LayerNorms."""
    c = n_embd
    weights = 3 * c * c + c * c + 4 * c * c + 4 * c * c + 2 * c
    biases = (3 * c + c + 4 * c + c + 2 * c) if bias else 0
    return weights + biases


def count_params(dims: ModelDims) -> ParamCounts:
    c = dims.n_embd
    wte = dims.vocab_size * c
    wpe = dims.block_size * c
    head = 0 if dims.tied_head else dims.vocab_size * c
    ln_f = c + (c if dims.bias else 0)
    total = wte + wpe + head + dims.n_layer * gpt2_block_params(c, dims.bias) + ln_f
    return ParamCounts(total=total, non_embedding=total - wpe, embedding=wte + wpe + head)


# GPT-2 sizes (Radford et al. 2019, as nanoGPT's from_pretrained builds them)
GPT2_SHAPES: dict[str, tuple[int, int, int]] = {
    "gpt2": (12, 12, 768),
    "gpt2-medium": (24, 16, 1024),
    "gpt2-large": (36, 20, 1280),
    "gpt2-xl": (48, 25, 1600),
}


class DimChange(BaseModel):
    """Changing one dimension to reach a parameter target."""

    key: str
    old: int
    new: int
    counts: ParamCounts
    reference: str | None = None  # a known shape the new dims match, e.g. "gpt2"


def _closest(dims: ModelDims, key: str, values: range, target: float) -> tuple[int, ParamCounts]:
    best: tuple[float, int, ParamCounts] | None = None
    for value in values:
        counts = count_params(dims.model_copy(update={key: value}))
        err = abs(counts.total - target)
        if best is None or err < best[0]:
            best = (err, value, counts)
    assert best is not None
    return best[1], best[2]


def dims_for_target(dims: ModelDims, target: float) -> list[DimChange]:
    """Single-dimension changes that bring the model closest to `target` parameters.

    n_embd stays a multiple of n_head and of 64 (tensor-core friendly head sizes); n_layer
    any whole number. Ordered by how small the change is (ratio of new to old).
    """
    step = math.lcm(dims.n_head, 64)
    embd, embd_counts = _closest(dims, "n_embd", range(step, 32768 + 1, step), target)
    layer, layer_counts = _closest(dims, "n_layer", range(1, 513), target)
    changes = [
        DimChange(key="n_embd", old=dims.n_embd, new=embd, counts=embd_counts),
        DimChange(key="n_layer", old=dims.n_layer, new=layer, counts=layer_counts),
    ]
    for change in changes:
        new = dims.model_copy(update={change.key: change.new})
        for name, shape in GPT2_SHAPES.items():
            if (new.n_layer, new.n_head, new.n_embd) == shape:
                change.reference = name
    changes = [c for c in changes if c.new != c.old]
    return sorted(
        changes,
        key=lambda c: (c.reference is None, abs(math.log(c.new / c.old))),
    )
