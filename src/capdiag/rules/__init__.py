"""The rule registry: every rule, by id, code or alias."""

from __future__ import annotations

from capdiag.rules.base import Rule
from capdiag.rules.benign_warning import BenignWarning
from capdiag.rules.config_coherence import ConfigCoherence
from capdiag.rules.crash import Crash
from capdiag.rules.divergence import Divergence
from capdiag.rules.dropout_in_pretraining import DropoutInPretraining
from capdiag.rules.eval_noise import EvalNoise
from capdiag.rules.grad_norm import GradNorm
from capdiag.rules.init_loss import InitLoss
from capdiag.rules.loss_plateau import LossPlateau
from capdiag.rules.loss_rising import LossRising
from capdiag.rules.loss_spike import LossSpike
from capdiag.rules.lr_schedule import LrSchedule
from capdiag.rules.mfu import Mfu
from capdiag.rules.overfitting import Overfitting
from capdiag.rules.param_count_mismatch import ParamCountMismatch
from capdiag.rules.resume import Resume
from capdiag.rules.throughput import Throughput
from capdiag.rules.token_budget import TokenBudget
from capdiag.rules.tokens_per_step import TokensPerStep
from capdiag.rules.val_below_train import ValBelowTrain

RULES: tuple[type[Rule], ...] = (
    ParamCountMismatch,
    ValBelowTrain,
    DropoutInPretraining,
    TokenBudget,
    Mfu,
    LossPlateau,
    BenignWarning,
    Overfitting,
    Divergence,
    LossSpike,
    GradNorm,
    Throughput,
    InitLoss,
    LrSchedule,
    EvalNoise,
    TokensPerStep,
    Resume,
    Crash,
    LossRising,
    ConfigCoherence,
)


# the rules that need only a config: `capdiag check` and the fix plan's own check
CONFIG_RULES: tuple[type[Rule], ...] = (
    ParamCountMismatch,
    DropoutInPretraining,
    TokenBudget,
    LrSchedule,
    TokensPerStep,
    ConfigCoherence,
)


def find_rule(name: str) -> type[Rule] | None:
    key = name.strip().lower()
    for rule in RULES:
        if key in (rule.id, rule.code.lower(), *rule.aliases):
            return rule
    return None
