"""Run the rules over a run, rank what they find, and assemble the report."""

from __future__ import annotations

from collections.abc import Iterable

from capdiag.findings import Finding, Skipped, SkipRule
from capdiag.fixplan import build_fix_plan
from capdiag.report import Report, RunSummary
from capdiag.rules import RULES, find_rule
from capdiag.rules.base import Rule
from capdiag.run import Run

RANKING = (
    "Ranked by severity, then by estimated effect: a wrong model size outranks everything "
    "(every other figure is about the wrong model), then loss left on the table for the "
    "compute spent, then wasted time; explanations come last."
)


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[type[Rule]]:
    def resolve(names: Iterable[str]) -> set[str]:
        ids = set()
        for name in names:
            rule = find_rule(name)
            if rule is None:
                raise ValueError(f"unknown rule {name!r} (see `capdiag rules`)")
            ids.add(rule.id)
        return ids

    chosen, dropped = resolve(select), resolve(ignore)
    return [r for r in RULES if (not chosen or r.id in chosen) and r.id not in dropped]


def rank(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (-f.severity.rank, -f.impact))


def analyze(
    run: Run,
    rules: list[type[Rule]] | None = None,
    options: dict[str, dict[str, float]] | None = None,
) -> Report:
    findings: list[Finding] = []
    skipped: list[Skipped] = []
    for rule_class in rules if rules is not None else list(RULES):
        rule = rule_class(**(options or {}).get(rule_class.id, {}))
        try:
            findings.extend(rule.check(run))
        except SkipRule as skip:
            skipped.append(Skipped(rule=rule.id, reason=skip.reason))
    ranked = rank(findings)
    return Report(
        run=summarize(run),
        findings=ranked,
        skipped=skipped,
        fix_plan=build_fix_plan(run, ranked),
        ranking=RANKING,
    )


def summarize(run: Run) -> RunSummary:
    f = run.figures
    train, val = run.metric("eval_train_loss"), run.metric("val_loss")
    return RunSummary(
        source=run.source,
        format=run.format,
        framework=run.framework,
        gpu=run.gpu_name,
        gpu_source=run.gpu_source,
        vram_bytes=run.vram_bytes,
        num_gpus=run.num_gpus,
        dtype=f.dtype,
        n_params=f.n_params,
        n_params_non_embedding=f.n_params_non_embedding,
        n_params_reported=f.n_params_reported,
        tokens_per_iter=f.tokens_per_iter,
        tokens_per_iter_config=f.tokens_per_iter_config,
        iterations=f.iterations,
        tokens_seen=f.tokens_seen,
        tokens_per_param=f.tokens_per_param,
        flops_per_token=f.flops_per_token,
        step_time_s=f.step_time_s,
        mfu_reported=f.mfu_reported,
        mfu_a100=f.mfu_a100,
        mfu=f.mfu,
        hfu=f.hfu,
        segments=len(run.segments) or 1,
        last_train_loss=float(train.values[-1]) if train is not None else None,
        last_val_loss=float(val.values[-1]) if val is not None else None,
        notes=[*run.notes, *run.config.notes],
    )
