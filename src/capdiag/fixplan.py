"""One consolidated patch: every finding's fixes, applied consistently to the config file."""

from __future__ import annotations

import difflib
import math
from typing import Any

from capdiag.arithmetic.memory import TrainingSetup, estimate_training_memory
from capdiag.findings import Finding, Fix, Severity
from capdiag.report import FixPlan, MemorySummary, PlanTotals
from capdiag.run import Run


def _split_comment(line: str) -> tuple[str, str]:
    """Split a line into code and a trailing '# comment', ignoring '#' inside quotes."""
    quote: str | None = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#":
            return line[:i], line[i:]
    return line, ""


def _python_literal(value: Any) -> str:
    return repr(value)


def patch_config_text(text: str, lines: dict[str, int], fixes: list[Fix]) -> str:
    """Set each fixed key in a Python config, keeping comments; append missing keys."""
    out = text.splitlines()
    appended = []
    for fix in fixes:
        line_no = lines.get(fix.key)
        if line_no is None or line_no > len(out):
            appended.append(f"{fix.key} = {_python_literal(fix.value)}  # capdiag: {fix.reason}")
            continue
        code, comment = _split_comment(out[line_no - 1])
        name, _, old = code.partition("=")
        gap = (" " * (len(old) - len(old.rstrip())) or "  ") if comment else ""
        out[line_no - 1] = f"{name}= {_python_literal(fix.value)}{gap}{comment}".rstrip()
    if appended:
        out += ["", "# fixes from capdiag", *appended]
    return "\n".join(out) + "\n"


SHAPE_KEYS = ("n_layer", "n_head", "n_embd", "block_size", "vocab_size", "bias")


def build_fix_plan(run: Run, findings: list[Finding]) -> FixPlan:
    """One fixed config: the ranked findings' fixes, coupled keys moved with them, then
    checked by capdiag's own config rules.

    The first fix for a key wins (findings come ranked); later ones are noted as dropped.
    When the fixes make capdiag's config rules find something new (turning nanoGPT's decay
    on exposes its decay horizon), those rules' own fixes join the plan, a few rounds at
    most.
    Only warnings and errors change the config: an info finding explains, and its fixes stay
    suggestions in the finding itself.
    """
    plan = FixPlan(config_path=run.config.path)
    chosen: dict[str, Fix] = {}
    for finding in findings:
        if finding.severity == Severity.info:
            continue
        for fix in finding.fixes:
            if fix.key in chosen:
                if chosen[fix.key].value != fix.value:
                    plan.dropped.append(
                        f"{finding.rule}: {fix.key} = {fix.value!r} (kept "
                        f"{chosen[fix.key].value!r} from a higher-ranked finding)"
                    )
                continue
            chosen[fix.key] = fix
    if not chosen:
        return plan
    couple(run, chosen)
    settle(run, chosen)
    plan.fixes = list(chosen.values())
    plan.restart_reasons = restart_reasons(run, chosen)
    plan.restart_required = bool(plan.restart_reasons)
    if run.config.text is not None and run.config.path and run.config.path.endswith(".py"):
        patched = patch_config_text(run.config.text, run.config.lines, plan.fixes)
        plan.diff = "".join(
            difflib.unified_diff(
                run.config.text.splitlines(keepends=True),
                patched.splitlines(keepends=True),
                fromfile=f"a/{run.config.path}",
                tofile=f"b/{run.config.path}",
            )
        )
    planned = planned_run(run, chosen)
    plan.memory = _memory(planned)
    plan.totals = plan_totals(run, planned)
    before = {f.rule for f in check_planned(planned_run(run, {}))}
    defects = check_planned(planned)
    plan.defects = [f"{f.rule}: {f.title}" for f in defects]
    plan.new_defects = sum(1 for f in defects if f.rule not in before)
    return plan


SETTLE_ROUNDS = 3


def settle(run: Run, fixes: dict[str, Fix]) -> None:
    """Add the fixes capdiag's config rules ask for on the fixed config, for keys the plan
    does not set yet, until they ask for nothing new."""
    for _ in range(SETTLE_ROUNDS):
        added = False
        for finding in check_planned(planned_run(run, fixes)):
            for fix in finding.fixes:
                if fix.key not in fixes:
                    fixes[fix.key] = fix.model_copy(
                        update={"reason": f"{fix.reason} (the plan's other changes expose it)"}
                    )
                    added = True
        if not added:
            return
        couple(run, fixes)


def couple(run: Run, fixes: dict[str, Fix]) -> None:
    """Keys that must move together: the decay horizon and the warmup follow max_iters
    (each by the name the run's config gives it: the Trainer's max_steps, warmup_steps)."""
    c = run.config
    length_key = c.native("max_iters")
    if length_key not in fixes:
        return
    new, old = fixes[length_key].value, c.number("max_iters")
    if not isinstance(new, int | float) or not old or new == old:
        return
    decay_key = c.native("lr_decay_iters")
    decay = c.number("lr_decay_iters")
    if decay is not None and decay_key not in fixes and c.get("decay_lr", True):
        fixes[decay_key] = Fix(
            key=decay_key,
            value=int(new),
            current=int(decay),
            reason="the cosine decay ends where the planned run does",
        )
    warmup_key = c.native("warmup_iters")
    planned = fixes.get(warmup_key)
    warmup = planned.value if planned is not None else c.number("warmup_iters")
    if isinstance(warmup, int | float) and warmup and new < old:
        # a shorter run keeps its warmup's share, the planned warmup's where one is planned
        share = warmup / old
        reason = planned.reason + ", " if planned is not None else ""
        fixes[warmup_key] = Fix(
            key=warmup_key,
            value=max(1, round(share * new)),
            current=planned.current if planned is not None else int(warmup),
            reason=f"{reason}keeps the warmup at {share:.1%} of the run",
        )


def _shape_fixes(run: Run, fixes: dict[str, Fix]) -> dict[str, Fix]:
    """The plan's fixes with llm.c's model descriptor (``-e dN``) as the shape it builds."""
    descriptor = fixes.get("-e") if run.format == "llmc" else None
    if descriptor is None:
        return fixes
    from capdiag.parsers.llmc_launch import descriptor_dims

    dims = descriptor_dims(str(descriptor.value))
    if dims is None:
        return fixes
    expanded = {k: v for k, v in fixes.items() if k != "-e"}
    for key in ("n_layer", "n_head", "n_embd", "block_size"):
        expanded[key] = descriptor.model_copy(update={"key": key, "value": getattr(dims, key)})
    return expanded


def restart_reasons(run: Run, fixes: dict[str, Fix]) -> list[str]:
    """Why the fixed config cannot continue from the run's checkpoint (none: it can)."""
    fixes = _shape_fixes(run, fixes)
    reasons = []
    shape = [k for k in SHAPE_KEYS if k in fixes]
    if shape:
        reasons.append(f"the model's shape changes ({', '.join(shape)}): checkpoints no longer fit")
    if "init_from" in fixes and fixes["init_from"].value == "scratch":
        reasons.append("the weights are initialised afresh (init_from = 'scratch')")
    length = fixes.get("max_iters") or fixes.get(run.config.native("max_iters"))
    length = length or fixes.get("epochs")
    if length is None:
        return reasons
    last, unit = run.last_step, "step"
    if length.key == "epochs":
        # the log counts epochs, or places its steps by estimate within them
        unit = "epoch"
        if last is not None and (epoch := run.whole_epoch_at(last)) is not None:
            last = epoch[1]  # the epochs trained
    value = length.value
    if isinstance(value, int | float) and last is not None and value <= last and not shape:
        reasons.append(
            f"{length.key} = {value} is at or before the {unit} the run reached ({last}): "
            f"keep the checkpoint saved nearest that {unit}"
        )
    return reasons


def planned_run(run: Run, fixes: dict[str, Fix]) -> Run:
    """The run the fixed config describes, before it runs: no metrics, figures from the config."""
    from capdiag.load import compute_figures

    fixes = _shape_fixes(run, fixes)
    config = run.config.model_copy(deep=True)
    canonical = {own: key for key, own in config.native_keys.items()}
    changed = set()
    for key, fix in fixes.items():
        key = canonical.get(key, key)  # a fix names the framework's key (max_duration)
        config.values[key], config.origins[key] = fix.value, "plan"
        changed.add(key)
    dims = None
    if run.dims is not None:
        update = {k: fixes[k].value for k in SHAPE_KEYS if k in fixes}
        dims = run.dims.model_copy(update=update)
    reported = run.reported.model_copy()
    per_step = {"batch_size", "gradient_accumulation_steps", "block_size"}
    if changed & per_step:
        reported.tokens_per_iter = None  # the config's product is the new one
    if changed & set(SHAPE_KEYS):
        reported.n_params = reported.n_params_text = reported.flops_per_token = None
    if changed & (per_step | {"max_iters"}):
        reported.tokens_planned = None  # the config's horizon is the new one
    planned = run.model_copy(
        update={
            "config": config,
            "dims": dims,
            "reported": reported,
            "series": {},
            "events": [],
            "segments": [],
            "planned": True,
            "notes": [],
        }
    )
    planned.figures = compute_figures(planned)
    return planned


def check_planned(planned: Run) -> list[Finding]:
    """The warnings and errors capdiag's config rules raise on a planned run."""
    from capdiag.analysis import run_rules
    from capdiag.rules import CONFIG_RULES

    findings, _, _ = run_rules(planned, CONFIG_RULES)
    return [f for f in findings if f.severity is not Severity.info]


def plan_totals(run: Run, planned: Run) -> PlanTotals:
    """What the planned run comes to: steps, tokens, tokens per parameter, epochs, time."""
    f, p = run.figures, planned.figures
    steps = int(m) if (m := planned.config.number("max_iters")) else None
    if steps and p.tokens_planned and p.tokens_per_iter:
        # a token horizon that ends the run first (Megatron-DeepSpeed's --train-tokens)
        steps = min(steps, math.ceil(p.tokens_planned / p.tokens_per_iter))
    totals = PlanTotals(
        n_params=p.n_params,
        max_iters=steps,
        tokens_per_iter=p.tokens_per_iter,
        tokens=p.tokens_planned,
        tokens_per_param=p.tokens_planned / p.n_params if p.tokens_planned and p.n_params else None,
    )
    if planned.dataset is not None and p.tokens_planned:
        totals.epochs = p.tokens_planned / planned.dataset.train_tokens
    if f.step_time_s and f.flops_per_iter and p.flops_per_iter:
        totals.step_time_s = f.step_time_s * p.flops_per_iter / f.flops_per_iter
        if totals.max_iters:
            totals.hours = totals.step_time_s * totals.max_iters / 3600
    return totals


def _memory(planned: Run) -> MemorySummary | None:
    """The fixed config's memory: the one figure the plan and its findings quote."""
    c, dims = planned.config, planned.dims
    batch = c.number("batch_size")
    if dims is None or not batch:
        return None
    if c.shards_weights():
        return None  # weights split across GPUs: a one-GPU estimate would be wrong
    try:
        estimate = estimate_training_memory(
            dims,
            TrainingSetup(
                batch_size=int(batch),
                block_size=dims.block_size,
                dtype=str(c.get("dtype", "bfloat16")),
                compile=bool(c.get("compile", False)),
                gradient_accumulation_steps=max(
                    1, int(c.number("gradient_accumulation_steps") or 1) // max(planned.num_gpus, 1)
                ),
                dropout=c.number("dropout") or 0.0,
            ),
        )
    except ValueError:  # a dtype ('auto'), batch or dropout the memory model cannot take
        return None
    return MemorySummary(
        total_bytes=estimate.total_bytes,
        vram_bytes=planned.vram_bytes,
        components=estimate.components,
        assumptions=estimate.assumptions,
    )
