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
"""

from __future__ import annotations

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
