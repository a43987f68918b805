"""Run the rules over a run, rank what they find, and assemble the report."""

from __future__ import annotations

from collections.abc import Iterable

from capdiag.findings import Finding, Severity, Skipped, SkipRule
from capdiag.fixplan import build_fix_plan
from capdiag.report import Coverage, Report, RunSummary
from capdiag.rules import RULES, find_rule
from capdiag.rules.base import Rule
from capdiag.run import CRASH_KINDS, GPU_UNUSED_CODES, LOSS_SERIES, Run
from capdiag.stats import quiet_floats

RANKING = (
    "Ranked by severity, then by what the finding costs: a crash or a broken model first, "
    "then the quality of training (a wrong model size, divergence, overfitting, loss left on "
    "the table), then wasted time and throughput; explanations come last. A finding that "
    "rests on an assumed figure is at most info."
)

# what a finding costs, above its own impact: training quality before throughput
_TIER = {"crash": 3, "divergence": 3, "param-count-mismatch": 3, "init-loss": 2}
_SPEED_RULES = {"mfu", "throughput", "benign-warning", "eval-noise"}
MAX_FINDINGS_PER_RULE = 10


# the base figures whose assumptions the summary lists (the rest derive from them)
SUMMARY_FIGURES = ("dims", "vocab_size", "tokens_per_iter", "num_gpus", "mfu")


class NothingRead(ValueError):
    """The input was opened but no training metric was read from it."""


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


def _tier(finding: Finding) -> int:
    if finding.rule in _SPEED_RULES:
        return 0
    return _TIER.get(finding.rule, 1)


def rank(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (-f.severity.rank, -_tier(f), -f.impact))


def locate(run: Run, finding: Finding) -> Finding:
    """Each fix knows the config line that sets its key (for annotations and SARIF)."""
    for fix in finding.fixes:
        if fix.line is None and run.config.path:
            fix.line = run.config.lines.get(fix.key)
    return finding


def gate(run: Run, finding: Finding) -> Finding:
    """A warning or an error that rests on an assumed figure becomes info, without fixes."""
    finding = locate(run, finding)
    assumed = run.assumed(finding.rests_on)
    if not assumed:
        return finding
    update: dict[str, object] = {"assumptions": assumed}
    if finding.severity is not Severity.info:
        update |= {
            "severity": Severity.info,
            "fixes": [],
            "restart_required": False,
            "title": f"{finding.title} (if the assumed figures hold)",
            "message": f"{finding.message} This rests on figures the run does not state, so "
            f"it is not a {finding.severity.value}: {'; '.join(assumed)}.",
        }
    return finding.model_copy(update=update)


def metrics_read(run: Run) -> dict[str, int]:
    return {name: len(s) for name, s in run.series.items() if len(s) and name != "segment"}


def _config_origin(run: Run) -> str:
    origins = {o for o in run.config.origins.values() if o not in ("default", "framework-default")}
    if run.config.path:
        return run.config.path
    if run.config.unread:
        return run.config.unread
    if not origins:
        return "none: the framework's defaults are assumed"
    return ", ".join(sorted(origins))


def analyze(
    run: Run,
    rules: list[type[Rule]] | None = None,
    options: dict[str, dict[str, float]] | None = None,
) -> Report:
    """The run's report: every rule (or `rules`), ranked, with coverage and the fix plan."""
    with quiet_floats():
        return _analyze(run, rules, options)


def _analyze(
    run: Run,
    rules: list[type[Rule]] | None,
    options: dict[str, dict[str, float]] | None,
) -> Report:
    read = metrics_read(run)
    # a log with no loss is still read when it shows a crash or a GPU left unused, or logs
    # the gradient norm (a Megatron line whose loss is missing but whose norm is NaN)
    crashed = any(e.kind in CRASH_KINDS or e.code in GPU_UNUSED_CODES for e in run.events)
    watched = any(name in read for name in (*LOSS_SERIES, "val_bpb", "grad_norm"))
    # or states where a resumed process started against the checkpoint it loaded
    resumed = any(s.resumes_from is not None and s.first_step is not None for s in run.segments)
    if not run.planned and not watched and not crashed and not resumed:
        found = ", ".join(f"{k} ({v})" for k, v in read.items()) or "nothing"
        if run.placeholder_losses:
            raise NothingRead(f"no loss to judge in {run.source}: {run.placeholder_losses}")
        if run.loss_parts:
            parts = run.loss_parts
            what = (
                f"it logs {len(parts)} losses ({', '.join(repr(k) for k in parts)}) and no total"
                if len(parts) > 1
                else f"it logs {parts[0]!r}, not named as the training loss"
            )
            raise NothingRead(
                f"no training loss found in {run.source} (read: {found}): {what}; "
                f"judge it with --map 'loss={parts[0]}'"
            )
        raise NothingRead(f"no training loss found in {run.source} (read: {found})")
    chosen = rules if rules is not None else list(RULES)
    findings, skipped, ran = run_rules(run, chosen, options)
    ranked = rank(findings)
    events: dict[str, int] = {}
    for e in run.events:
        if e.kind != "unknown":
            events[e.kind] = events.get(e.kind, 0) + 1
    coverage = Coverage(
        series=read,
        config=_config_origin(run),
        events=events,
        rules_run=ran,
        rules_selected=len(chosen),
        missing_extras=run.missing_extras,
    )
    return Report(
        run=summarize(run),
        findings=ranked,
        skipped=skipped,
        coverage=coverage,
        fix_plan=build_fix_plan(run, ranked),
        ranking=RANKING,
    )


def run_rules(
    run: Run,
    rules: Iterable[type[Rule]],
    options: dict[str, dict[str, float]] | None = None,
) -> tuple[list[Finding], list[Skipped], list[str]]:
    """Every rule on the run, gated: findings, the rules that skipped (and why), those that ran."""
    findings: list[Finding] = []
    skipped: list[Skipped] = []
    ran: list[str] = []
    for rule_class in rules:
        rule = rule_class(**(options or {}).get(rule_class.id, {}))
        try:
            with quiet_floats():
                found = rule.outcome(run)
            if len(found) > MAX_FINDINGS_PER_RULE:  # a log that restarts 2,000 times
                run.notes.append(
                    f"{rule.id}: {len(found) - MAX_FINDINGS_PER_RULE} more findings like these "
                    f"not shown (at most {MAX_FINDINGS_PER_RULE} per rule, the largest first)"
                )
                found = sorted(found, key=lambda f: -f.impact)[:MAX_FINDINGS_PER_RULE]
            findings.extend(gate(run, f) for f in found)
            ran.append(rule.id)
        except SkipRule as skip:
            skipped.append(Skipped(rule=rule.id, reason=skip.reason))
    return findings, skipped, ran


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
        vocab_size=run.vocab_size,
        tokens_per_iter=f.tokens_per_iter,
        tokens_per_iter_config=f.tokens_per_iter_config,
        iterations=f.iterations,
        tokens_seen=f.tokens_seen,
        tokens_per_param=f.tokens_per_param,
        flops_per_token=f.flops_per_token,
        step_time_s=f.step_time_s,
        mfu_reported=f.mfu_reported,
        mfu_printed_basis=f.mfu_printed_basis,
        mfu_a100=f.mfu_a100,
        mfu=f.mfu,
        hfu=f.hfu,
        segments=len(run.segments) or 1,
        runs_in_log=run.runs_in_log,
        last_train_loss=float(train.values[-1]) if train is not None else None,
        last_val_loss=float(val.values[-1]) if val is not None else None,
        notes=[*run.notes, *run.config.notes],
        sources=dict(f.sources),
        assumptions=run.assumed([n for n in SUMMARY_FIGURES if n in f.sources]),
        fine_tune=run.fine_tune,
        base_model=run.base_model,
        loss_unit=run.loss_unit,
    )
