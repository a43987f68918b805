"""resume: what happened where a run was restarted from a checkpoint."""

from __future__ import annotations

import math
from typing import ClassVar

from capdiag.findings import Evidence, Finding, Severity, SkipRule
from capdiag.rules.base import Rule
from capdiag.run import Run
from capdiag.stats import batch_loss_sigma
from capdiag.units import human_count


class Resume(Rule):
    """A resumed run threw work away, or did not continue from where its checkpoint was.

    A log that holds several processes (a run stopped and resumed with
    ``init_from = 'resume'``) is split into segments where the iteration numbers go back.
    capdiag judges the curves across segments, keeping for each step what the later process
    did, and checks each restart:

    - **Discarded steps.** The earlier process ran past the checkpoint it is resumed from;
      those steps' compute is lost (nanoGPT with ``always_save_checkpoint = False`` only
      saves when validation improves, so a late crash can lose many steps).
    - **A different model.** nanoGPT evaluates again at the resumed step. The same weights
      give the same validation loss within evaluation noise; a larger jump means another
      checkpoint was loaded (overwritten ``out_dir``, a different run) or the config differs.

    **Anti-pattern**

    ``always_save_checkpoint = False`` on a long run that crashes: it resumes from the last
    improvement, hundreds of steps back.

    **Best practice**

    ``always_save_checkpoint = True`` (nanoGPT's default) for long runs, and resume with
    the same config.

    Options: ``sigmas`` (evaluation standard errors that make a jump real, default 4),
    ``min_discarded`` (fraction of the run's steps worth reporting, default 0.02).
    """

    id = "resume"
    code = "CD017"
    aliases: ClassVar[tuple[str, ...]] = ("resume-discontinuity",)
    severity = Severity.warning
    config_keywords: ClassVar[dict[str, float]] = {"sigmas": 4.0, "min_discarded": 0.02}

    def check(self, run: Run) -> list[Finding]:
        if len(run.segments) < 2:
            raise SkipRule("the log holds one process")
        findings = []
        last = run.last_step or 1
        for before, after in zip(run.segments, run.segments[1:], strict=False):
            if after.first_step is None or before.last_step is None:
                continue
            resumed_at = after.first_step
            discarded = before.last_step - resumed_at
            if discarded > self.opt("min_discarded") * last:
                tokens = (run.figures.tokens_per_iter or 0) * discarded
                lost = f" ({human_count(tokens)} tokens)" if tokens else ""
                findings.append(
                    self.finding(
                        f"Resuming at step {resumed_at} discarded {discarded} steps",
                        f"The process before the restart reached step {before.last_step}, but "
                        f"the run resumed from a checkpoint at step {resumed_at}: {discarded} "
                        f"steps{lost} were computed and thrown away"
                        + (
                            ". always_save_checkpoint = False saves only when validation "
                            "improves; True keeps the latest state."
                            if run.config.get("always_save_checkpoint") is False
                            else "."
                        ),
                        severity=Severity.info,
                        evidence=[
                            Evidence(label="earlier process reached", value=before.last_step),
                            Evidence(label="resumed from", value=resumed_at),
                        ],
                        impact=min(1.0, discarded / last),
                        impact_note="compute thrown away",
                    )
                )
            jump = self._jump(run, before.val_evals, after.val_evals, resumed_at)
            if jump is not None:
                findings.append(jump)
        return findings

    def _jump(
        self,
        run: Run,
        before: list[tuple[int, float]],
        after: list[tuple[int, float]],
        step: int,
    ) -> Finding | None:
        old = dict(before).get(step)
        new = dict(after).get(step)
        batch = run.metric("train_loss")
        eval_iters = run.config.number("eval_iters")
        if old is None or new is None or batch is None or not eval_iters:
            return None
        sigma = batch_loss_sigma(batch.values)
        if math.isnan(sigma):
            return None
        se = math.sqrt(2.0) * sigma / math.sqrt(eval_iters)
        if abs(new - old) <= self.opt("sigmas") * se:
            return None
        return self.finding(
            f"Validation loss jumped from {old:.4f} to {new:.4f} at the resume (step {step})",
            f"The same weights evaluate to the same loss within noise (standard error of the "
            f"difference {se:.4f}), but the loss at step {step} was {old:.4f} before the restart "
            f"and {new:.4f} after it. The resumed process did not load the state the earlier one "
            "saved at that step: check out_dir and that the config is unchanged.",
            evidence=[
                Evidence(label="val loss before restart", value=old, step=step),
                Evidence(label="val loss after restart", value=new, step=step),
                Evidence(label="standard error of the difference", value=round(se, 4)),
            ],
            impact=0.5,
            impact_note="the run continued from a different model than the curve suggests",
        )
