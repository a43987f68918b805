"""Compute-optimal scaling (Chinchilla).

Loss model L(N, D) = E + A / N^alpha + B / D^beta, N parameters (all of them, embeddings
included, as Hoffmann et al. count them) and D training tokens. Under C = 6 N D the
optimum is N* = G (C/6)^(beta/(alpha+beta)) and D* = (C/6) / N*, with
G = (alpha A / (beta B))^(1/(alpha+beta)).

Two fits are provided:
- ``EPOCH_2024``: Besiroglu, Erdil, Barnett, You (2024), "Chinchilla Scaling: A replication
  attempt", arXiv:2404.10102. The default: its optimum stays near 20 tokens per parameter.
- ``HOFFMANN_2022``: Hoffmann et al. (2022), arXiv:2203.15556, approach 3, as published
  (rounded constants; their optimum drifts far from 20 tokens per parameter).

Predicted absolute losses only hold for the data and tokenizer the fit was made on
(MassiveText, SentencePiece); compare trends, never a nanoGPT loss to them.

Repeated data (several epochs over one dataset) is discounted with :func:`effective_data`,
Muennighoff et al. (2023), "Scaling Data-Constrained Language Models", arXiv:2305.16264.
"""

from __future__ import annotations

import math

from pydantic import BaseModel

CHINCHILLA_TOKENS_PER_PARAM = 20.0  # Hoffmann et al. 2022: 70B params on 1.4T tokens


class ScalingLaw(BaseModel):
    name: str
    source: str
    E: float
    A: float
    B: float
    alpha: float
    beta: float

    def loss(self, n_params: float, tokens: float) -> float:
        return float(self.E + self.A / n_params**self.alpha + self.B / tokens**self.beta)

    def optimum(self, compute_flops: float) -> tuple[float, float]:
        """Compute-optimal (parameters, tokens) for a budget of `compute_flops` = 6 N D."""
        g = (self.alpha * self.A / (self.beta * self.B)) ** (1.0 / (self.alpha + self.beta))
        n_opt = g * (compute_flops / 6.0) ** (self.beta / (self.alpha + self.beta))
        return n_opt, compute_flops / 6.0 / n_opt

    def optimal_tokens(self, n_params: float) -> float:
        """Tokens that make `n_params` the compute-optimal size (inverse of :meth:`optimum`)."""
        g = (self.alpha * self.A / (self.beta * self.B)) ** (1.0 / (self.alpha + self.beta))
        c_over_6 = (n_params / g) ** ((self.alpha + self.beta) / self.beta)
        return float(c_over_6 / n_params)


EPOCH_2024 = ScalingLaw(
    name="Epoch AI 2024 refit",
    source="Besiroglu et al. 2024, arXiv:2404.10102",
    E=1.8172,
    A=482.01,
    B=2085.43,
    alpha=0.3478,
    beta=0.3658,
)
HOFFMANN_2022 = ScalingLaw(
    name="Chinchilla (Hoffmann et al. 2022)",
    source="Hoffmann et al. 2022, arXiv:2203.15556, approach 3",
    E=1.69,
    A=406.4,
    B=410.7,
    alpha=0.34,
    beta=0.28,
)
LAWS = {"epoch2024": EPOCH_2024, "hoffmann2022": HOFFMANN_2022}

LOSS_CAVEAT = (
    "predicted losses come from fits on other data with another tokenizer (MassiveText, "
    "SentencePiece); only differences between two predictions mean anything"
)

# Muennighoff et al. 2023 (arXiv:2305.16264), fitted decay constants of the data-constrained
# law. The paper rounds them to R*_D = 15.4 and R*_N = 5.3; these are the unrounded values the
# authors publish with their code (github.com/huggingface/datablations, README "Parametric Fit":
# rd_star = 15.387756, rn_star = 5.309743).
MUENNIGHOFF_R_D_STAR = 15.387756
MUENNIGHOFF_R_N_STAR = 5.309743
MUENNIGHOFF_SOURCE = "Muennighoff et al. 2023, arXiv:2305.16264, R*_D = 15.4"


def effective_data(unique_tokens: float, epochs: float) -> float:
    """Tokens of fresh data that training `epochs` passes over `unique_tokens` is worth.

    Muennighoff et al. (2023) replace D in the Chinchilla law by

        D' = U + U * R* * (1 - exp(-R / R*)),   R = epochs - 1 (repetitions), R* = 15.4

    so the first pass counts in full and each repetition is worth less, exponentially: the
    R-th repetition adds about exp(-R / R*) of a fresh pass (1/e at R = R*); repeated data can
    never be worth more than U * (1 + R*), about 16 passes of fresh data. Their abstract: up
    to 4 epochs of repeated data give negligible changes to loss compared with unique data
    (here D' = 0.93 D at 4 epochs); with more repetition the value of more compute decays to
    zero. With `epochs` <= 1 nothing repeats and D' = D.
    """
    if unique_tokens < 0 or epochs < 0:
        raise ValueError("unique_tokens and epochs must be >= 0")
    if epochs <= 1.0:
        return float(unique_tokens * epochs)
    repetitions = epochs - 1.0
    star = MUENNIGHOFF_R_D_STAR
    return float(unique_tokens + unique_tokens * star * (1.0 - math.exp(-repetitions / star)))
