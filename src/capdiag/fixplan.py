"""One consolidated patch: every finding's fixes, applied consistently to the config file."""

from __future__ import annotations

import difflib
from typing import Any

from capdiag.findings import Finding, Fix, Severity
from capdiag.memory import TrainingSetup, estimate_training_memory
from capdiag.report import FixPlan, MemorySummary
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


def build_fix_plan(run: Run, findings: list[Finding]) -> FixPlan:
    """Take fixes in ranked order; the first fix for a key wins, later ones are noted.

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
        plan.restart_required |= finding.restart_required and bool(finding.fixes)
    plan.fixes = list(chosen.values())
    if not plan.fixes:
        return plan
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
    plan.memory = _memory_after(run, chosen)
    return plan


def _memory_after(run: Run, fixes: dict[str, Fix]) -> MemorySummary | None:
    """The memory estimate of the fixed config, when the fixes touch model or batch size."""
    touched = {"n_layer", "n_head", "n_embd", "batch_size", "block_size", "dtype", "compile"}
    if run.dims is None or not touched & set(fixes):
        return None
    values = {**run.config.values, **{k: f.value for k, f in fixes.items()}}
    dims = run.dims.model_copy(
        update={k: int(values[k]) for k in ("n_layer", "n_head", "n_embd", "block_size")}
    )
    estimate = estimate_training_memory(
        dims,
        TrainingSetup(
            batch_size=int(values["batch_size"]),
            block_size=dims.block_size,
            dtype=str(values.get("dtype", "bfloat16")),
            compile=bool(values.get("compile", False)),
            gradient_accumulation_steps=max(
                1, int(values.get("gradient_accumulation_steps", 1)) // max(run.num_gpus, 1)
            ),
            dropout=float(values.get("dropout") or 0.0),
        ),
    )
    return MemorySummary(
        total_bytes=estimate.total_bytes,
        vram_bytes=run.vram_bytes,
        components=estimate.components,
        assumptions=estimate.assumptions,
    )
