"""token-budget: tokens seen per parameter against Chinchilla's ~20."""

from __future__ import annotations

from typing import ClassVar

from capdiag.arithmetic.params import dims_for_target
from capdiag.arithmetic.scaling import CHINCHILLA_TOKENS_PER_PARAM, EPOCH_2024, HOFFMANN_2022
from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import Rule
from capdiag.run import Run
from capdiag.units import human_count


def budget_params(run: Run) -> int:
    """The parameters a token budget is judged on: the framework's own scaling count when it
    prints one (nanochat), else the total."""
    return run.reported.n_params_scaling or run.figures.n_params or 0


def params_label(run: Run) -> str:
    if run.reported.n_params_scaling:
        return "parameters (the run's scaling count: no embedding tables)"
    return "parameters (total)"


class TokenBudget(Rule):
    """The run trains far past the compute-optimal number of tokens for its model size.

    Hoffmann et al. (2022, "Chinchilla") found that for a fixed compute budget C = 6 N D
    the lowest loss comes from about 20 training tokens per parameter. Far past that the
    loss curve flattens because the model's capacity, not the data, limits it: more steps
    buy little, while a bigger model trained on fewer tokens would reach a lower loss for
    the same compute. capdiag reports the ratio and the compute-optimal parameters and
    tokens for the compute already spent, from Epoch AI's 2024 refit of the Chinchilla law
    (Besiroglu et al., arXiv:2404.10102), with the published Hoffmann constants beside it.
    Training past the optimum on purpose (a small model that is cheap to serve) is a valid
    choice; the finding says what it costs. Predicted losses come from MassiveText with
    another tokenizer, so only differences are meaningful, never absolute values.

    **Anti-pattern**

    A 41M-parameter model trained on 7.6B tokens: 187 tokens per parameter, 9x the optimum.

    **Best practice**

    For the same compute, about 111M parameters on 2.8B tokens (Epoch 2024 fit), e.g. GPT-2
    small's 124M.

    The other side: a run whose log states its planned total of training tokens (nanochat
    prints it) and plans fewer than 20 / ``max_ratio`` tokens per parameter spends its
    compute on a model too big for it: a smaller model trained longer reaches a lower loss
    for the same compute. Only a stated plan counts, never a run that stopped early or a
    ``max_iters`` (measured on the real-run corpus: short ``max_iters`` are mostly smoke
    tests and experiments, and flagging them cost five false alarms for one fault). A plan
    of fewer than ``min_planned_steps`` optimizer steps is a probe (a real nanochat speed
    probe plans 40 steps), not a plan to train a model.

    Options: ``max_ratio`` (multiple of 20 tokens/param that fires, either way, default 5:
    measured, GPT-2 124M on 10B tokens, 80 per parameter, the llm.c and build-nanogpt
    recipe, is labelled healthy on four public runs by two labellers; the over-trained runs
    labelled faults are at 9x and above),
    ``min_planned_steps`` (default 100).
    """

    id = "token-budget"
    code = "CD004"
    aliases: ClassVar[tuple[str, ...]] = ("chinchilla",)
    severity = Severity.warning
    config_keywords: ClassVar[dict[str, float]] = {"max_ratio": 5.0, "min_planned_steps": 100}

    def _undertrained(self, run: Run) -> Finding | None:
        f = run.figures
        planned, source = run.reported.tokens_planned, "the total the log prints"
        rests_on = ["n_params"]
        n_params = budget_params(run)
        if not planned or not n_params:
            return None
        per_param = planned / n_params
        if per_param * self.opt("max_ratio") >= CHINCHILLA_TOKENS_PER_PARAM:
            return None
        steps = planned / f.tokens_per_iter if f.tokens_per_iter else run.config.number("max_iters")
        if steps is not None and steps < self.opt("min_planned_steps"):
            return None  # a smoke test or a speed probe, not a plan to train a model
        compute = 6.0 * n_params * planned
        n_opt, d_opt = EPOCH_2024.optimum(compute)
        gain = EPOCH_2024.loss(n_params, planned) - EPOCH_2024.loss(n_opt, d_opt)
        message = (
            f"The run plans {human_count(planned)} tokens ({source}) for "
            f"{human_count(n_params)} parameters: {per_param:.2f} tokens per parameter, "
            f"{CHINCHILLA_TOKENS_PER_PARAM / per_param:.0f}x short of the compute-optimal ~20 "
            f"(Hoffmann et al. 2022). For the same compute ({compute:.2e} FLOPs) the "
            f"{EPOCH_2024.name} puts the optimum at {human_count(n_opt)} parameters on "
            f"{human_count(d_opt)} tokens, about {gain:.2f} nats lower (a relative figure). "
            "Train a smaller model, or plan more tokens for this one."
        )
        return self.finding(
            f"{CHINCHILLA_TOKENS_PER_PARAM / per_param:.0f}x short of compute-optimal: "
            f"{per_param:.2f} tokens per parameter planned",
            message,
            evidence=[
                Evidence(label="planned tokens", value=planned),
                Evidence(label=params_label(run), value=n_params),
                Evidence(label="tokens per parameter (planned)", value=round(per_param, 3)),
                Evidence(label="compute-optimal parameters (Epoch 2024)", value=round(n_opt)),
            ],
            impact=min(1.0, gain * 5),
            impact_note=f"about {gain:.2f} nats of loss left on the table for this compute",
            rests_on=rests_on,
        )

    def check(self, run: Run) -> list[Finding]:
        f = run.figures
        if run.fine_tune:
            raise SkipRule(
                f"a fine-tune of {run.base_model or 'a pretrained model'}: compute-optimal "
                "budgets are for training from scratch"
            )
        short = self._undertrained(run)
        if short is not None:
            return [short]
        if not f.tokens_per_param or not f.n_params or not f.compute_flops or not f.tokens_seen:
            raise SkipRule("parameters or tokens seen unknown")
        ratio = f.tokens_per_param / CHINCHILLA_TOKENS_PER_PARAM
        if ratio < self.opt("max_ratio"):
            return []
        n_opt, d_opt = EPOCH_2024.optimum(f.compute_flops)
        n_h, d_h = HOFFMANN_2022.optimum(f.compute_flops)
        n_params = budget_params(run)
        gain = EPOCH_2024.loss(n_params, f.tokens_seen) - EPOCH_2024.loss(n_opt, d_opt)
        fixes: list[Fix] = []
        shape_known = run.source_of("dims") != "assumed"
        if run.dims is not None and shape_known and n_opt > 1.2 * f.n_params:
            changes = dims_for_target(run.dims, n_opt)
            if changes:
                c = changes[0]
                fixes.append(
                    Fix(
                        key=c.key,
                        value=c.new,
                        current=c.old,
                        reason=f"about {human_count(c.counts.total)} parameters, near the "
                        f"compute-optimal {human_count(n_opt)} for the compute spent",
                    )
                )
                # the same compute on the bigger model: its compute-optimal token count
                tokens = 6.0 * f.n_params * f.tokens_seen / (6.0 * c.counts.total)
                if f.tokens_per_iter and run.config.source("max_iters") != "assumed":
                    steps = max(1, round(tokens / f.tokens_per_iter))
                    fixes.append(
                        Fix(
                            key=run.config.native("max_iters"),
                            value=steps,
                            current=run.config.get("max_iters"),
                            reason=f"{human_count(steps * f.tokens_per_iter)} tokens, "
                            f"{steps * f.tokens_per_iter / c.counts.total:.0f} per parameter: "
                            "the same compute on the bigger model",
                        )
                    )
        message = (
            f"The run has seen {human_count(f.tokens_seen)} tokens for "
            f"{human_count(n_params)} parameters: {f.tokens_per_param:.0f} tokens per "
            f"parameter, {ratio:.1f}x the compute-optimal ~20 (Hoffmann et al. 2022). This far "
            "past the optimum the model's capacity, not the data, limits the loss, so further "
            f"steps buy little. For the compute already spent ({f.compute_flops:.2e} FLOPs = 6ND) "
            f"the {EPOCH_2024.name} ({EPOCH_2024.source}) puts the optimum at "
            f"{human_count(n_opt)} parameters on {human_count(d_opt)} tokens, and predicts about "
            f"{gain:.2f} nats lower loss there (a relative figure: its data and tokenizer differ); "
            f"Hoffmann's published constants give {human_count(n_h)} on {human_count(d_h)}."
        )
        return [
            self.finding(
                f"{ratio:.1f}x past compute-optimal: {f.tokens_per_param:.0f} tokens per parameter",
                message,
                evidence=[
                    Evidence(label="tokens seen", value=f.tokens_seen),
                    Evidence(label=params_label(run), value=n_params),
                    Evidence(label="tokens per parameter", value=round(f.tokens_per_param, 1)),
                    Evidence(label="compute (6ND FLOPs)", value=f.compute_flops),
                    Evidence(label="compute-optimal parameters (Epoch 2024)", value=round(n_opt)),
                    Evidence(label="compute-optimal tokens (Epoch 2024)", value=round(d_opt)),
                ],
                fixes=fixes,
                impact=min(1.0, gain * 5),
                impact_note=f"about {gain:.2f} nats of loss left on the table for this compute",
                rests_on=["tokens_per_param"],
            )
        ]
