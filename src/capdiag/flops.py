"""Training FLOPs and model-FLOPs utilisation (MFU).

FLOPs per token follow PaLM (Chowdhery et al. 2022, appendix B), as nanoGPT's
``estimate_mfu`` computes them: ``6 N + 12 L H Q T`` with N the non-embedding
parameters as nanoGPT counts them (all but ``wpe``), L layers, H heads, Q head size and
T the sequence length. The first term is the matmuls' forward+backward cost; the second,
attention's score and value products.
"""

from __future__ import annotations

from capdiag.params import ModelDims, count_params

# nanoGPT's estimate_mfu divides by this whatever GPU the run used (A100 bf16 dense peak).
NANOGPT_PROMISED_FLOPS = 312e12


def flops_per_token(dims: ModelDims, seq_len: int | None = None) -> float:
    """Model FLOPs per trained token (forward + backward), nanoGPT/PaLM convention."""
    t = dims.block_size if seq_len is None else seq_len
    n = count_params(dims).non_embedding
    return 6.0 * n + 12.0 * dims.n_layer * dims.n_head * dims.head_dim * t


def flops_per_iter(dims: ModelDims, sequences_per_iter: int, seq_len: int | None = None) -> float:
    """FLOPs of one optimizer step that processes `sequences_per_iter` sequences."""
    t = dims.block_size if seq_len is None else seq_len
    return flops_per_token(dims, t) * t * sequences_per_iter


def mfu(flops_per_step: float, seconds_per_step: float, peak_flops: float) -> float:
    """Achieved model FLOP/s over the peak, as a fraction (0.615 means 61.5%)."""
    return flops_per_step / seconds_per_step / peak_flops
