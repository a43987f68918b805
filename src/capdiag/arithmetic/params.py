"""Parameter counts: the one place that knows how many weights a model has.

GPT-2 as nanoGPT builds it (``model.py``): token embedding ``wte`` tied to ``lm_head``,
learned position embedding ``wpe``, ``bias`` on or off for every Linear and LayerNorm,
MLP of width ``4 * n_embd``. nanoGPT prints ``get_num_params()``, which is every
parameter minus ``wpe`` (``wte`` stays because ``lm_head`` shares it).

The other families, as their ``transformers`` modeling files build them
(:mod:`capdiag.hf_config` maps a ``config.json`` to :class:`ModelDims`):

- GPT-2 (``modeling_gpt2.py``): nanoGPT's layout with ``bias`` always on, ``wpe`` of
  ``n_positions`` rows, MLP width ``n_inner`` or ``4 * n_embd``.
- Llama, Mistral: no learned positions (RoPE), RMSNorm (weight only), gated MLP
  (gate, up, down of ``intermediate_size``), grouped-query attention (k and v have
  ``num_key_value_heads`` heads of ``head_dim``), untied head unless tied. Llama's
  ``attention_bias`` adds a bias to q, k, v and o; ``mlp_bias`` to the three MLP Linears.
- Qwen2: Llama's layout with a bias on q, k and v only.
- Gemma: Llama's layout, GeGLU MLP, ``head_dim`` 256 apart from ``hidden_size``,
  tied head. Gemma 2: four RMSNorms per layer.
- Phi (Phi-1/1.5/2): parallel attention and MLP after one LayerNorm per layer, a bias on
  every Linear and LayerNorm and on ``lm_head``, plain GELU MLP; partial rotary has no
  parameters. Phi-3: Llama's count (its fused ``qkv_proj``/``gate_up_proj`` hold the
  same weights).
- Mixtral: Mistral's attention; each layer's MLP is ``n_experts`` gated experts behind a
  bias-free router ``Linear(n_embd, n_experts)``, ``experts_per_token`` of them used.
"""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict, model_validator

MAX_DIM = 10**8  # past any layer count, width, context or vocabulary
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
    mlp: str = "gelu"  # "gelu": fc + proj (2 matrices); "swiglu"/"geglu": gate + up + down (3)
    # "layernorm" (weight, +bias if bias) | "rmsnorm" (weight only) | "none" (weightless norm,
    # e.g. modded-nanogpt's F.rms_norm)
    norm: str = "layernorm"
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

    @model_validator(mode="after")
    def _a_real_shape(self) -> ModelDims:
        """n_head = 0 or a 10**15-wide layer is no model: a ValueError for the builder."""
        for name in ("n_layer", "n_head", "n_embd", "block_size", "vocab_size"):
            if not 1 <= getattr(self, name) <= MAX_DIM:
                raise ValueError(f"{name} = {getattr(self, name)} is not a model dimension")
        return self

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
    """One model's parameters under each framework's convention.

    ``total`` counts every parameter once (a tied ``lm_head`` shares ``wte``), as
    ``sum(p.numel() for p in model.parameters())`` does in PyTorch. The "non-embedding"
    figures differ by what each framework leaves out:

    - ``non_embedding``: nanoGPT's ``get_num_params()`` (``model.py``), total minus the
      position embedding ``wpe``. ``wte`` stays because the tied ``lm_head`` uses it. With
      no learned positions (RoPE families) it equals ``total``.
    - ``non_embedding_hf``: Hugging Face ``PreTrainedModel.num_parameters(
      exclude_embeddings=True)`` (``modeling_utils.py``): every ``nn.Embedding`` weight is
      left out (GPT-2 ``wte`` and ``wpe``, Llama ``embed_tokens``, Gemma's scaled embedding
      subclass). A tied ``lm_head`` goes with ``wte``; an untied ``lm_head`` is a
      ``nn.Linear`` and stays in. torchtitan's ``nparams_embedding`` (``models/utils.py``)
      draws the same line for its untied models.
    - ``transformer_block``: the layers plus the final norm; token embedding, position
      embedding and output head (with its bias) all out. Kaplan et al. (2020)'s N, and the
      split Megatron-LM prints as "parameters in transformer block" against "embedding
      layers" (``megatron/training/theoretical_memory_usage.py``; Megatron's figure is an
      analytic estimate that also leaves out biases and the MoE router).
    - ``active``: parameters one token passes through. Equal to ``total`` for dense
      models; a mixture of experts counts ``experts_per_token`` of its ``n_experts``
      experts per layer (the router and everything outside the experts stay in).
    """

    total: int
    non_embedding: int  # nanoGPT get_num_params(): total minus position embeddings
    embedding: int  # wte + wpe + untied lm_head (with its bias)
    active: int  # parameters used per token (MoE: routed experts only)
    non_embedding_hf: int  # HF num_parameters(exclude_embeddings=True): minus nn.Embedding
    transformer_block: int  # layers + final norm (Megatron / Kaplan N)
    expert: int = 0  # parameters of one expert's MLP in one layer (0 for dense models)


def gpt2_block_params(n_embd: int, bias: bool) -> int:
    """One transformer block: attention (qkv + proj), MLP (fc + proj), two LayerNorms."""
    c = n_embd
    weights = 3 * c * c + c * c + 4 * c * c + 4 * c * c + 2 * c
    biases = (3 * c + c + 4 * c + c + 2 * c) if bias else 0
    return weights + biases


def norm_params(dims: ModelDims, size: int) -> int:
    """One norm over `size` features: RMSNorm has a weight; LayerNorm adds a bias if `bias`."""
    if dims.norm == "rmsnorm":
        return size
    if dims.norm == "none":
        return 0
    if dims.norm == "layernorm":
        return size * (2 if dims.bias else 1)
    raise ValueError(f"unknown norm {dims.norm!r}")


def attention_params(dims: ModelDims) -> int:
    """q, k, v, o projections (grouped-query: k and v have kv_heads heads), their biases,
    and the optional q/k norms."""
    c, q, kv = dims.n_embd, dims.n_head * dims.head_dim, dims.kv_heads * dims.head_dim
    weights = c * q + 2 * c * kv + q * c
    biases = (q + 2 * kv if dims.bias or dims.qkv_bias else 0) + (
        c if dims.bias or dims.attn_out_bias else 0
    )
    qk_norm = 2 * norm_params(dims, dims.head_dim) if dims.qk_norm else 0
    return weights + biases + qk_norm


def mlp_params(dims: ModelDims) -> int:
    """One MLP (one expert, for a mixture of experts).

    "gelu": up (fc) and down (proj), 2 matrices; "swiglu"/"geglu": gate, up and down, 3.
    """
    c, f = dims.n_embd, dims.mlp_width
    has_bias = dims.bias or dims.mlp_bias
    if dims.mlp == "gelu":
        return 2 * c * f + ((f + c) if has_bias else 0)
    if dims.mlp in ("swiglu", "geglu"):
        return 3 * c * f + ((2 * f + c) if has_bias else 0)
    raise ValueError(f"unknown mlp {dims.mlp!r}")


def block_params(dims: ModelDims) -> int:
    """One transformer layer: attention, MLP or experts plus router, and its norms."""
    router = dims.n_embd * dims.n_experts if dims.n_experts > 1 else 0  # Linear, no bias
    return (
        attention_params(dims)
        + dims.n_experts * mlp_params(dims)
        + router
        + dims.norms_per_layer * norm_params(dims, dims.n_embd)
    )


def count_params(dims: ModelDims) -> ParamCounts:
    """Exact parameter counts of the model `dims` describes, in every convention."""
    c = dims.n_embd
    wte = dims.vocab_size * c
    wpe = (dims.max_position_embeddings or dims.block_size) * c if dims.learned_pos else 0
    head = 0 if dims.tied_head else dims.vocab_size * c
    head += dims.vocab_size if dims.head_bias else 0
    blocks = dims.n_layer * block_params(dims) + norm_params(dims, c)  # + final norm
    total = wte + wpe + head + blocks
    expert = mlp_params(dims) if dims.n_experts > 1 else 0
    idle = dims.n_layer * (dims.n_experts - dims.experts_per_token) * expert
    return ParamCounts(
        total=total,
        non_embedding=total - wpe,
        embedding=wte + wpe + head,
        active=total - idle,
        non_embedding_hf=total - wte - wpe,
        transformer_block=blocks,
        expert=expert,
    )


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
    """The value whose count is nearest `target`: the count grows with n_embd and n_layer,
    so a bisection finds the first value at or past it, and the one before is the other
    candidate (a few dozen counts, not one per value)."""

    def counts(i: int) -> ParamCounts:
        return count_params(dims.model_copy(update={key: values[i]}))

    low, high = 0, len(values) - 1
    while low < high:
        middle = (low + high) // 2
        if counts(middle).total < target:
            low = middle + 1
        else:
            high = middle
    candidates = [(i, counts(i)) for i in (low - 1, low) if 0 <= i < len(values)]
    i, best = min(candidates, key=lambda c: abs(c[1].total - target))
    return values[i], best


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
