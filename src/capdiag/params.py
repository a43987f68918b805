"""Parameter counts: the one place that knows how many weights a model has.

GPT-2 as nanoGPT builds it (``model.py``): token embedding ``wte`` tied to ``lm_head``,
learned position embedding ``wpe``, ``bias`` on or off for every Linear and LayerNorm,
MLP of width ``4 * n_embd``. nanoGPT prints ``get_num_params()``, which is every
parameter minus ``wpe`` (``wte`` stays because ``lm_head`` shares it).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

GPT2_VOCAB_PADDED = 50304  # nanoGPT pads GPT-2's 50257 up to a multiple of 64


class ModelDims(BaseModel):
    """The shape of a decoder-only transformer, as the training code builds it."""

    model_config = ConfigDict(frozen=True)

    family: str = "gpt2"
    n_layer: int
    n_head: int
    n_embd: int
    block_size: int
    vocab_size: int
    bias: bool = False
    tied_head: bool = True

    @property
    def head_dim(self) -> int:
        return self.n_embd // self.n_head


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
