"""resume: what happened where a run was restarted from a checkpoint."""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from capdiag.findings import Evidence, Finding, Severity, SkipRule
from capdiag.rules.base import Rule
from capdiag.run import Run, Segment
from capdiag.stats import batch_loss_sigma, detrended_correlation
from capdiag.units import human_count

# launches in one log past which the rule does not compare them (the most in the corpus:
# 54 epochs' relaunches of a Mamba filter; a hostile test relaunches 2,000 times and is
# still judged); each comparison costs a pass over the losses
MAX_LAUNCHES = 5000


class Resume(Rule):
    """A resumed run threw work away, or did not continue from where its checkpoint was.

    A log that holds several processes (a run stopped and resumed with
    ``init_from = 'resume'``) is split into segments where the iteration numbers go back.
    capdiag judges the curves across segments, keeping for each step what the later process
    did, and checks each restart:

    - **Discarded steps.** The earlier process ran past the checkpoint it is resumed from;
      those steps' compute is lost (nanoGPT with ``always_save_checkpoint = False`` only
      saves when validation improves, so a late crash can lose many steps). Information,
      and a warning when all the resumes together throw away ``wasted_share`` of the run.
      A process that starts again where the log starts (for a text, CSV or JSONL log,
      within one logging interval of it) is a relaunch from scratch, not a resume: its
      recomputed steps are information. Where the log's first process itself resumed from
      a checkpoint (a fine-tuning stage), shares are of the steps the log covers, and a
      process that starts from that checkpoint again is a resume that threw work away.
    - **A different model.** nanoGPT evaluates again at the resumed step. The same weights
      give the same validation loss within evaluation noise; a larger jump means another
      checkpoint was loaded (overwritten ``out_dir``, a different run) or the config differs.
    - **Replayed data.** Each launch's single-batch losses, keyed by steps since it began,
      are compared with the first launch's once each one's trend is removed. Independent
      batches leave uncorrelated ups and downs; a correlation of ``replay_r`` or more (and
      ``sigmas`` standard errors) means the launch drew the same batches in the same order:
      its data stream restarted instead of resuming. nanoGPT does this by design (it seeds
      its sampler the same way at every start). Information only when the first launch had
      already seen its dataset once or more.

    - **A start that is not the checkpoint's next step.** A process that says which
      checkpoint step it loaded (torchtitan's "Loading the checkpoint at step N") and where
      training starts ("Training starts at step M") must start right after it; another
      step means the weights and the training state (step counter, schedule, data
      position) come from different saves.

    - **A jump on the first updates.** A resumed process whose first logged single-batch
      loss (the loaded weights on their first batch) is followed, within the next three logged
      points, by a loss ``jump_sigmas`` batch-noise sigmas and 0.2 nats above it: the
      optimizer did not continue where it stopped (Adam's moments not restored, so its
      first steps are far too large, or a learning rate well above the one saved). The
      healthy resumes of the corpus stay within 4.1 sigmas; a build-nanogpt run resumed
      with a fresh AdamW jumps 27.

    TensorBoard folders that are one run's launches (one starts at the beginning, each
    other one after the one before it ends) are read as segments of one run.

    **Anti-pattern**

    ``always_save_checkpoint = False`` on a long run that crashes: it resumes from the last
    improvement, hundreds of steps back.

    **Best practice**

    ``always_save_checkpoint = True`` (nanoGPT's default) for long runs, and resume with
    the same config.

    Options: ``sigmas`` (standard errors that make a jump or a correlation real, default 4),
    ``min_discarded`` (fraction of the run's steps worth reporting, default 0.02),
    ``wasted_share`` (all resumes together discard this fraction of the run's steps or more:
    a warning, default 0.1; measured, a Kaggle run resumed six times from checkpoints
    hundreds of steps back threw away 10.4% of its 15,072 steps),
    ``replay_r`` (default 0.6: measured, the 7 resumes of a real torchtitan run that
    restarted its data stream correlate 0.90-0.98 with its first launch),
    ``replay_points`` (points two launches must share, default 8), ``jump_sigmas``
    (default 10).

    A log of more than 5,000 launches (its steps keep going back: interleaved or damaged
    lines, not relaunches; the most in the corpus is 54) is not compared launch by launch:
    the rule skips and says so.
    """

    id = "resume"
    code = "CD017"
    aliases: ClassVar[tuple[str, ...]] = ("resume-discontinuity",)
    severity = Severity.warning
    config_keywords: ClassVar[dict[str, float]] = {
        "sigmas": 4.0,
        "min_discarded": 0.02,
        "wasted_share": 0.1,
        "replay_r": 0.6,
        "replay_points": 8,
        "jump_sigmas": 10.0,
    }

    def check(self, run: Run) -> list[Finding]:
        if len(run.segments) > MAX_LAUNCHES:
            raise SkipRule(
                f"{len(run.segments)} launches in one log: its steps keep going back, more "
                f"than {MAX_LAUNCHES} launches to compare"
            )
        findings = [f for s in run.segments if (f := self._start_vs_checkpoint(run, s))]
        loss = run.metric("train_loss")
        sigma = batch_loss_sigma(loss.values) if loss is not None else math.nan
        findings += [f for s in run.segments if (f := self._first_updates(run, s, sigma))]
        stated = any(s.resumes_from is not None and s.first_step is not None for s in run.segments)
        if len(run.segments) < 2:
            if stated or findings:
                return findings  # the one resume the log states was checked
            raise SkipRule("the log holds one process")
        start = run.segments[0].first_step
        # the steps the log covers: a log that starts from a checkpoint (a fine-tuning stage
        # at step 38,501) is judged on its own length, not on the step count it started at
        last = max(1, (run.last_step or 1) - (start if run.segments[0].resumed and start else 0))
        # the step the process before reached, the step the next one started at, both segments
        restarts = [
            (before.last_step, after.first_step, before, after)
            for before, after in zip(run.segments, run.segments[1:], strict=False)
            if after.first_step is not None and before.last_step is not None
        ]

        def relaunched(resumed_at: int, after: Segment) -> bool:
            """A process that starts where a from-scratch log does, or that its log calls a
            fresh start: not a resume. (Where the first process itself resumed, starting
            where it did is resuming the same checkpoint again.)"""
            fresh_start = start is not None and resumed_at <= start and not run.segments[0].resumed
            return fresh_start or not after.resumed

        wasted = sum(
            max(0, reached - resumed_at)
            for reached, resumed_at, _, after in restarts
            if not relaunched(resumed_at, after)
        )
        severity = Severity.warning if wasted >= self.opt("wasted_share") * last else Severity.info
        for reached, resumed_at, before, after in restarts:
            discarded = reached - resumed_at
            relaunch = relaunched(resumed_at, after)
            if discarded > self.opt("min_discarded") * last:
                stated = run.figures.sources.get("tokens_per_iter", "assumed") != "assumed"
                tokens = (run.figures.tokens_per_iter or 0) * discarded if stated else 0
                lost = f" ({human_count(tokens)} tokens)" if tokens else ""
                findings.append(
                    self.finding(
                        f"A relaunch from step {resumed_at} recomputed {discarded} steps"
                        if relaunch
                        else f"Resuming at step {resumed_at} discarded {discarded} steps",
                        (
                            f"The process before reached step {reached}; the next "
                            f"started over from step {resumed_at}, as a new run (no checkpoint "
                            f"was resumed), so its first {discarded} steps{lost} recompute what "
                            "was done."
                        )
                        if relaunch
                        else f"The process before the restart reached step {reached}, "
                        f"but the run resumed from a checkpoint at step {resumed_at}: "
                        f"{discarded} steps{lost} were computed and thrown away"
                        + (
                            ". always_save_checkpoint = False saves only when validation "
                            "improves; True keeps the latest state."
                            if run.config.get("always_save_checkpoint") is False
                            else "; save checkpoints more often."
                            if severity is Severity.warning
                            else "."
                        ),
                        severity=Severity.info if relaunch else severity,
                        evidence=[
                            Evidence(label="earlier process reached", value=reached),
                            Evidence(
                                label="resumed from",
                                value=resumed_at,
                                step=resumed_at,
                                mark="resume",
                            ),
                        ],
                        impact=min(1.0, discarded / last),
                        impact_note="compute thrown away",
                    )
                )
            jump = self._jump(run, before.val_evals, after.val_evals, resumed_at)
            if jump is not None:
                findings.append(jump)
        replay = self._replay(run)
        if replay is not None:
            findings.append(replay)
        return findings

    def _first_updates(self, run: Run, segment: Segment, sigma: float) -> Finding | None:
        """A resumed process whose loss jumps far above its first value on the first
        updates: the optimizer state or the learning rate did not resume. `sigma`: the
        spread of one batch's loss over the whole run."""
        resumed = segment.resumed or segment.resumes_from is not None or segment.index > 0
        loss = run.metric("train_loss")
        if not resumed or segment.first_step is None or loss is None:
            return None
        if loss.mode != "train-batch":
            return None  # a smoothed loss restarts its average at a resume (nanochat's EMA)
        end = segment.last_step if segment.last_step is not None else segment.first_step
        keep = (loss.steps >= segment.first_step) & (loss.steps <= end)
        values, steps = loss.values[keep], loss.steps[keep]
        if values.size < 8 or not np.isfinite(values[:4]).all():
            return None
        if not sigma > 0:
            return None
        peak = int(np.argmax(values[1:4])) + 1
        jump = float(values[peak] - values[0])
        if jump < 0.2 or jump < self.opt("jump_sigmas") * sigma:
            return None
        first, at = float(values[0]), int(steps[peak])
        return self.finding(
            f"Loss jumped from {first:.3f} to {values[peak]:.3f} on the first updates after "
            f"the resume (step {at})",
            f"The resumed process's first logged loss is {first:.4f} (step {int(steps[0])}), "
            f"and {peak} logged point(s) later it is "
            f"{values[peak]:.4f}: {jump:.2f} nats, {jump / sigma:.0f} times the run's "
            "batch-to-batch noise. The run came back at its level; its first updates damaged "
            "it. The optimizer did not continue where it stopped: its state (Adam's moment "
            "estimates) was not restored, so its first steps are far too large, or the "
            "learning rate came back well above the one saved. Save and load the optimizer's "
            "state_dict and the schedule's step with the model.",
            evidence=[
                Evidence(label="first loss after the resume", value=first, step=int(steps[0])),
                Evidence(label="loss after the first updates", value=float(values[peak]), step=at),
                Evidence(label="batch noise (sigma)", value=round(sigma, 4)),
            ],
            impact=0.4,
            impact_note="steps spent recovering what the checkpoint already had",
        )

    def _start_vs_checkpoint(self, run: Run, segment: Segment) -> Finding | None:
        """A process that states the checkpoint step it loaded and the step it starts at:
        the next step after the checkpoint's (the same step where steps count from 0)."""
        loaded, start = segment.resumes_from, segment.first_step
        if loaded is None or start is None:
            return None
        expected = loaded + (0 if run.steps_start_at_zero else 1)
        if start == expected:
            return None
        redone = start < expected
        gap = abs(expected - start)
        return self.finding(
            f"Resumed from the checkpoint at step {loaded}, but training starts at step {start}",
            f"The process loaded the checkpoint saved at step {loaded}, so its next step is "
            f"{expected}; it starts at step {start} instead. "
            + (
                f"{gap} step(s) already in the weights are trained again, and the step "
                "counter, the learning-rate schedule and the data position are behind the "
                "weights: the training state saved with the checkpoint was not the one loaded."
                if redone
                else f"{gap} step(s) of the schedule and data are skipped: the step counter "
                "is ahead of the weights that were loaded."
            )
            + " Resume from one checkpoint folder that holds the weights, optimizer and "
            "training state together.",
            evidence=[
                Evidence(label="checkpoint loaded (step)", value=loaded),
                Evidence(label="training starts at", value=start, step=start, mark="resume"),
                Evidence(label="steps redone" if redone else "steps skipped", value=gap),
            ],
            impact=0.5,
            impact_note="the schedule and data position disagree with the weights",
        )

    @staticmethod
    def _epochs_before_resume(run: Run) -> float | None:
        """Passes over the training data the first launch made, when the dataset is known."""
        data, tpi, first = run.dataset, run.figures.tokens_per_iter, run.segments[0]
        if data is None or not data.train_tokens or not tpi or first.last_step is None:
            return None
        return first.last_step * tpi / data.train_tokens

    def _pieces(self, run: Run) -> list[tuple[np.ndarray, np.ndarray]] | None:
        """Each launch's own training losses, keyed by steps since the launch began: 0 for
        the first, the checkpoint it resumed from for the others."""
        loss = run.metric("train_loss")
        if loss is None:
            return None
        loss = loss.finite()
        pieces = []
        segments = run.segments
        # the points of each step range by binary search over the sorted steps, in file
        # order within it (a mask per launch is quadratic: 20,000 launches of a log whose
        # steps keep going back took minutes)
        order = np.argsort(loss.steps, kind="stable")
        ordered = loss.steps[order]
        for i, seg in enumerate(segments):
            first = seg.first_step if seg.first_step is not None else 0
            end = segments[i + 1].first_step if i + 1 < len(segments) else None
            lo = int(np.searchsorted(ordered, first, side="left"))
            hi = ordered.size if end is None else int(np.searchsorted(ordered, end, side="left"))
            keep = np.sort(order[lo : max(lo, hi)])
            before = segments[i - 1].last_step if i > 0 else None
            base = 0 if i == 0 else min(first, before if before is not None else first)
            pieces.append((loss.steps[keep] - base, loss.values[keep]))
        return pieces

    def _replay(self, run: Run) -> Finding | None:
        pieces = self._pieces(run)
        if not pieces or len(pieces) < 2:
            return None
        first_offsets, first_values = pieces[0]
        matches = []
        for k, (offsets, values) in enumerate(pieces[1:], start=2):
            if offsets.size < self.opt("replay_points"):
                continue  # too few points to share that many with the first launch
            common, a, b = np.intersect1d(first_offsets, offsets, return_indices=True)
            if common.size < self.opt("replay_points"):
                continue
            r = detrended_correlation(common, first_values[a], values[b])
            z = math.atanh(min(max(r, -0.999999), 0.999999)) * math.sqrt(max(common.size - 3, 1))
            if r >= self.opt("replay_r") and z >= self.opt("sigmas"):
                matches.append((k, r, int(common.size)))
        if not matches:
            return None
        launches = ", ".join(str(k) for k, _, _ in matches)
        low, high = min(r for _, r, _ in matches), max(r for _, r, _ in matches)
        if run.framework.startswith("nanoGPT"):
            fix = (
                " nanoGPT seeds its sampler with torch.manual_seed(1337 + seed_offset) at every "
                "start, so a resumed process draws the same batches as the first one did: add "
                "iter_num to the seed when resuming."
            )
        else:
            fix = (
                " Save and restore the data loader's state (or its sample offset and seed) "
                "with the checkpoint."
            )
        # a run that already repeats its data loses little by seeing it once more
        repeats = self._epochs_before_resume(run)
        return self.finding(
            f"Resumed launches replay the first launch's data (launch {launches})",
            f"After each resume the batch-to-batch ups and downs of the training loss repeat "
            f"those of the first launch at the same number of steps after its start "
            f"(correlation {low:.2f} to {high:.2f} once each launch's trend is removed; "
            "independent batches give about 0). The data stream started again from its "
            "beginning instead of where the checkpoint left it, so each "
            "launch re-trained on the batches of the first, and part of the loss it gained "
            "is memorisation."
            + fix
            + (
                f" The first launch already saw its data {repeats:.1f} times, so the cost "
                "here is small."
                if repeats is not None and repeats >= 1
                else ""
            ),
            severity=Severity.info if repeats is not None and repeats >= 1 else Severity.warning,
            evidence=[
                Evidence(label=f"launch {k}: correlation with launch 1", value=round(r, 3))
                for k, r, _ in matches[:6]
            ]
            + [Evidence(label="points compared (fewest)", value=min(n for *_, n in matches))],
            impact=0.5,
            impact_note="steps spent re-training on data already seen",
        )

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
        eval_iters = run.config.positive("eval_iters")
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
