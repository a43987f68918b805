"""Training FLOPs and model-FLOPs utilisation (MFU).

FLOPs per token follow PaLM (Chowdhery et al. 2022, appendix B), as nanoGPT's
``estimate_mfu`` computes them: ``6 N + 12 L H Q T`` with N the non-embedding
parameters as nanoGPT counts them (all but ``wpe``), L layers, H heads, Q head size and
T the sequence length. The first term is the matmuls' forward+backward cost; the second,
attention's score and value products.

Frameworks agree on ``6 N`` and differ on what N holds and on the attention term;
:func:`flops_conventions` gives each one's figure for the same model.
"""

from __future__ import annotations

from pydantic import BaseModel

from capdiag.arithmetic.params import ModelDims, ParamCounts, count_params

# nanoGPT's estimate_mfu divides by this whatever GPU the run used (A100 bf16 dense peak).
NANOGPT_PROMISED_FLOPS = 312e12


def flops_per_token(dims: ModelDims, seq_len: int | None = None) -> float:
    """Model FLOPs per trained token (forward + backward), nanoGPT/PaLM convention.

    N is nanoGPT's non-embedding count (all but position embeddings; a tied ``lm_head``
    stays in) restricted to the active parameters, so a mixture of experts counts only
    the experts a token is routed to. H Q is the attention width (n_head * head_dim).
    """
    t = dims.block_size if seq_len is None else seq_len
    counts = count_params(dims)
    n = counts.active - (counts.total - counts.non_embedding)
    return 6.0 * n + 12.0 * dims.n_layer * dims.n_head * dims.head_dim * t


class FlopsConvention(BaseModel):
    """One framework's FLOPs-per-token figure: ``6 * n_params + attention``."""

    framework: str
    n_params: int  # the N in 6N
    attention: int  # the attention term per token (0 where the framework has none)
    flops_per_token: int
    n_includes: str  # what N holds, in words
    source: str  # the file the convention was read from


def _torchtitan_n(dims: ModelDims, counts: ParamCounts) -> int:
    if dims.tied_head:
        return counts.active
    return counts.active - (counts.total - counts.non_embedding_hf)


def flops_conventions(dims: ModelDims, seq_len: int | None = None) -> list[FlopsConvention]:
    """FLOPs per token as nanoGPT, llm.c, torchtitan and the Hugging Face Trainer count them.

    - nanoGPT (``model.py``, ``GPT.estimate_mfu``): ``6 N + 12 L H Q T``, N =
      ``get_num_params()`` = all parameters but ``wpe`` (the tied ``wte``/``lm_head`` is
      in), Q = ``n_embd // n_head``, T = ``block_size``. Dense GPT-2 only; for a mixture
      of experts we take the active parameters, as :func:`flops_per_token` does.
    - llm.c (``train_gpt2.cu``, ``gpt2_estimate_mfu``): ``6 N + 6 L C T``, N =
      ``model->num_parameters``, every parameter including ``wte`` (padded vocabulary),
      ``wpe``, LayerNorms and biases; C = channels. Its attention term is half of PaLM's
      ``12 L H Q T`` (H Q = C). Dense GPT-2 only; active parameters for MoE here too.
    - torchtitan (``torchtitan/models/utils.py``, ``get_dense_model_nparams_and_flops`` and
      ``get_moe_model_nparams_and_flops``): ``6 N + 6 L H (2 Q) T`` = ``6 N + 12 L H Q T``.
      N = all parameters minus the top-level ``nn.Embedding`` (token embedding) when the
      output head is untied; with weight tying nothing is subtracted. The untied output
      Linear stays in. For MoE, routed experts count ``top_k / num_experts`` of their
      parameters (router and shared experts in full): the active count.
    - Hugging Face Trainer (``trainer.py``, ``Trainer.floating_point_ops``, summed into
      ``state.total_flos``): ``6 * inputs["input_ids"].numel() *
      model.num_parameters(exclude_embeddings=True)``. No attention term; N leaves out
      every ``nn.Embedding`` weight (a tied head with it, an untied head stays in) and
      counts *all* experts of a mixture of experts, not the active ones. The token count
      is the padded batch, padding included.
    """
    t = dims.block_size if seq_len is None else seq_len
    counts = count_params(dims)
    wpe = counts.total - counts.non_embedding
    attn_width = dims.n_layer * dims.n_head * dims.head_dim
    rows = [
        (
            "nanoGPT",
            counts.active - wpe,
            12 * attn_width * t,
            "all parameters but the position embedding wpe (tied wte/lm_head in)",
            "karpathy/nanoGPT model.py: GPT.get_num_params, GPT.estimate_mfu",
        ),
        (
            "llm.c",
            counts.active,
            6 * dims.n_layer * dims.n_embd * t,
            "every parameter: wte (padded vocab), wpe, norms and biases",
            "karpathy/llm.c train_gpt2.cu: gpt2_estimate_mfu",
        ),
        (
            "torchtitan",
            _torchtitan_n(dims, counts),
            12 * attn_width * t,
            "all parameters minus nn.Embedding unless the head is tied; untied head in; "
            "MoE experts scaled by top_k / num_experts",
            "pytorch/torchtitan torchtitan/models/utils.py: get_dense_model_nparams_and_flops,"
            " get_moe_model_nparams_and_flops",
        ),
        (
            "hf_trainer",
            counts.non_embedding_hf,
            0,
            "num_parameters(exclude_embeddings=True): all but nn.Embedding weights, all experts",
            "huggingface/transformers trainer.py: Trainer.floating_point_ops (total_flos)",
        ),
    ]
    return [
        FlopsConvention(
            framework=name,
            n_params=n,
            attention=attention,
            flops_per_token=6 * n + attention,
            n_includes=includes,
            source=source,
        )
        for name, n, attention, includes, source in rows
    ]


def flops_per_iter(dims: ModelDims, sequences_per_iter: int, seq_len: int | None = None) -> float:
    """FLOPs of one optimizer step that processes `sequences_per_iter` sequences."""
    t = dims.block_size if seq_len is None else seq_len
    return flops_per_token(dims, t) * t * sequences_per_iter


def mfu(flops_per_step: float, seconds_per_step: float, peak_flops: float) -> float:
    """Achieved model FLOP/s over the peak, as a fraction (0.615 means 61.5%)."""
    return flops_per_step / seconds_per_step / peak_flops
