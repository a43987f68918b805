"""lr-schedule: warmup, decay horizon and floor of the learning-rate schedule."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import Rule
from capdiag.run import LM_TRAINERS, UNTRAINED_NATS, Run, Series

# Hugging Face schedules that end well below their peak
DECAYING_SCHEDULES = (
    "cosine",
    "linear",
    "cosine_with_restarts",
    "polynomial",
    "cosine_with_min_lr",
)


# a run's length in epochs, under the names configs give it
EPOCH_KEYS = ("num_train_epochs", "max_epochs", "epochs")


def _ramped(finite: Series, peak: int) -> bool:
    """The logged rate rose, never falling, to log `peak`, to 1.5 times its first value or
    more, logged without a gap: a trimmed log's gap is not a warmup (a gap of the logging
    interval is none, however short the run)."""
    warmup = finite.values[: peak + 1]
    rising = bool(np.all(np.diff(warmup) >= 0)) and warmup[-1] >= 1.5 * warmup[0]
    gaps = np.diff(finite.steps[: peak + 1])
    regular = gaps.size == 0 or gaps.max() <= max(
        0.1 * finite.steps[-1], 1.5 * float(np.median(gaps))
    )
    return rising and bool(regular)


def warmup_for(max_iters: float) -> int:
    """About 2% of the run and at least 100 steps, but within its first tenth."""
    return max(1, min(max(100, int(max_iters * 0.02)), int(max_iters // 10)))


def warmup_fix(run: Run, current: int, target: int, reason: str) -> Fix:
    return Fix(key=run.config.native("warmup_iters"), value=target, current=current, reason=reason)


class LrSchedule(Rule):
    """The learning-rate schedule's warmup, decay horizon or floor is off.

    nanoGPT's schedule is linear warmup for ``warmup_iters``, then cosine decay from
    ``learning_rate`` to ``min_lr`` at ``lr_decay_iters``, then flat. The checks:

    - **No warmup with a high peak.** Adam's early updates are badly scaled until its
      second-moment estimate settles; a peak of ``high_lr`` or more with no warmup is the
      classic cause of early divergence (GPT-2/3 and nanoGPT warm up; Liu et al. 2020,
      "On the Variance of the Adaptive Learning Rate and Beyond"). ``high_lr`` is GPT-2
      small's 6e-4, which every reference recipe warms up to (measured: a real build-nanogpt
      run with no warmup at 6e-4 ends 0.1 nats worse than its twin with one). In any format
      that logs its learning rate, a from-scratch run whose first logged rate is already
      its peak has no warmup.
    - **Decay horizon.** ``lr_decay_iters`` should be about ``max_iters`` (nanoGPT's comment:
      "should be ~= max_iters per Chinchilla"). Longer, and the run ends with the learning
      rate still high, before the annealing that gives much of the final loss; shorter, and
      it trains at the floor for the rest of the run. Any framework whose log or config
      states both gets the same check (Megatron's ``--lr-decay-iters`` and
      ``--train-iters`` with a cosine or linear decay, as its argument dump prints them).
    - **Floor.** ``min_lr`` about ``learning_rate / 10`` (nanoGPT, following Chinchilla,
      which decays the cosine by 10x). Much higher leaves the final anneal shallow (info);
      above ``learning_rate`` the "decay" rises (a warning).
    - **A restarted schedule.** In any format that logs its learning rate: a rate that was
      decaying and then jumps back up ``restart_ratio`` times or more, in one process, was
      built again mid-run (a Trainer resumed with a new number of epochs rebuilds its
      schedule for the new total; a scheduler created anew each epoch). Not for a schedule
      with restarts by design (``cosine_with_restarts``, cyclic). Measured: two runs of the
      corpus restart their schedule (a wav2vec2 fine-tune once, 1.64x; a ViT LoRA at each
      of 19 epochs; a T5 resumed with its total steps doubled, 1.4995x), and no other run's
      logged rate jumps even 1.25x while decaying (the threshold was 1.5 until the T5, a
      held-out run, fell just below it). A rate that decayed to a tenth of its peak and
      climbed back, over several logs, to half of it has a period shorter than the run (a
      cosine with ``T_max`` = 100 of 200 epochs; measured: 6 corpus runs, all labelled, and
      no other run's logged rate rises back from its floor).
    - **Warmup past the end.** In any format, a stated warmup at or past the stated length:
      ``warmup_iters`` and ``max_iters`` (OLMo's ``t_warmup`` and ``max_duration``), or
      ``warmup_epochs`` and the epochs (``max_epochs``, ``num_train_epochs``): the run never
      trains at its learning rate (a warning). A stated warmup over ``warmup_share`` of the
      stated steps leaves the run mostly warmup, once its log is past the warmup (a warning;
      measured: a LegalBERT with 500 of 600 steps, labelled; the longest stated warmup of a
      healthy run is half of a 100-step demo, silent; two Megatron smoke tests with 19 of 20
      and 49 of 50 that crashed in their first steps are left to crash). Only stated
      values: a default is not the run's.
      A finished run whose logged rate rose to its last step, from 3 logged rates on, logged
      at a regular interval (a gap of the logging interval is no trimmed gap), was all
      warmup too (measured: a 30-step Trainer run with 50 warmup steps, logged every 10).

    - **Logged learning rate.** Where the run logged its learning rate (nanoGPT logs ``lr``
      to W&B), it must follow ``get_lr()`` for the config, within ``lr_tolerance``; when it
      does not, the config capdiag was given is not the one that ran.

    - **A warmup the schedule ignores.** The Hugging Face Trainer's
      ``lr_scheduler_type = "constant"`` takes no warmup: transformers' ``get_scheduler``
      returns it before it reads ``warmup_ratio`` or ``warmup_steps``, so a stated warmup
      never happens (a warning; the fix is ``constant_with_warmup``). A logged rate that
      ramps says another schedule ran, and the check is silent (measured: a Qwen3 QLoRA
      whose config class asks for ``warmup_ratio = 0.03``, logged at its peak from the first
      log; no other corpus run states a constant schedule).
    - **A zero learning rate.** In any format that logs its learning rate: a quarter or
      more of the logs at exactly 0 (not counting the end of a schedule that decays to 0)
      are steps that do not train. A few at the start are an fp16 loss scaler skipping its
      first steps, which is normal; steps the log reports as skipped (Megatron's ``number
      of skipped iterations``) are not counted.
    - **A long floor.** In any format that logs its learning rate (not nanoGPT's, read from
      its config): a rate that decayed to half its peak or less and then sat at its final
      value for a quarter of the logged steps or more was decayed over a horizon far
      shorter than the run (a warning past half the run: a config with
      ``lr_decay_iters = 5`` and ``max_iters = 3000``).
    - **All warmup.** In any format that logs its learning rate: a finished run (its planned
      steps or epochs done) whose rate rose on every logged step up to its peak (logged
      without a gap of a tenth of the run: a trimmed log's gap is no warmup), first
      reached in the last tenth of the logs (a schedule may drop to its floor after it),
      never trained at its peak and never annealed. One whose rate rose, without a drop,
      over ``warmup_share`` of its logged steps or more spent most of the run ramping up
      (measured: a GPT-2 LoRA whose 500 warmup steps were kept when the run was cut to 872
      steps, a LLaMA-Factory SFT with 80 of 93; the longest warmup of a healthy run in
      the corpus is 38% of it). A run stopped before its end (a checkpoint) whose rate rose
      at every log from its first to its last, at ``warmup_share`` or more of its stated
      steps, warms up for at least that share of the plan (measured: a BERT checkpoint still
      ramping at step 160 of 210; a healthy DPO checkpoint ramping at step 202 of 5,100 is
      4% in, silent).

    - **A warmup the loss could not take.** A language model trained from scratch whose
      warmup (the steps until the logged rate reaches its peak, or the stated warmup) was
      over when its training loss rose ``blowup_nats`` or more above its value before any
      update, within twice the warmup plus ``blowup_steps`` steps: the warmup was too short
      (measured: a 52B Megatron run with 7 steps of warmup, 12.4 to 44; a 1.5B torchtitan run
      with 2, 10.9 to 15.2; a 7B Megatron run with none, 11.2 to 17.7). Not for a fine-tune,
      whose blow-up is a rate too high for the pretrained model; where the run does not say
      which it is, only when its loss before any update is 7 nats or more (an untrained
      model's: a pretrained one starts lower).

    Otherwise only checked where the config says how the schedule is built (nanoGPT keys).

    **Anti-pattern**

    .. code-block:: python

        learning_rate = 1e-2
        warmup_iters = 0
        max_iters = 5000
        lr_decay_iters = 600000

    **Best practice**

    .. code-block:: python

        learning_rate = 1e-3
        warmup_iters = 100
        max_iters = 5000
        lr_decay_iters = 5000
        min_lr = 1e-4

    Options: ``high_lr`` (peak that needs warmup, default 6e-4), ``horizon_tolerance``
    (relative gap between lr_decay_iters and max_iters, default 0.1), ``floor_ratio`` (largest
    accepted min_lr / learning_rate, default 0.2), ``lr_tolerance`` (relative difference
    between logged and scheduled learning rates, default 0.01), ``zero_logs`` and
    ``zero_share`` (logs at a learning rate of exactly 0 that make a finding, at least 3 and
    a quarter of the logs), ``blowup_nats`` (default 1.0, divergence's), ``blowup_steps``
    (default 5), ``floor_share`` (default 0.25: a logged rate at its floor for this share
    of the run is information, twice it a warning) and ``restart_ratio`` (default 1.25).
    """

    id = "lr-schedule"
    code = "CD014"
    severity = Severity.warning
    config_keywords: ClassVar[dict[str, float]] = {
        "high_lr": 6e-4,
        "horizon_tolerance": 0.1,
        "floor_ratio": 0.2,
        "lr_tolerance": 0.01,
        "zero_logs": 3,
        "zero_share": 0.25,
        "blowup_nats": 1.0,
        "blowup_steps": 5,
        "floor_share": 0.25,
        "restart_ratio": 1.25,
        "warmup_share": 0.5,
    }

    def check(self, run: Run) -> list[Finding]:
        c = run.config
        lr = c.number("learning_rate")
        if not run.framework.startswith("nanoGPT"):
            return self._logged_decay(run)
        if lr is None or not lr > 0:
            raise SkipRule("the learning rate is not known, or not above 0")
        findings = []
        logged = self._logged_vs_config(run)
        if logged is not None:
            return [logged]  # the config is not what ran: its other checks would mislead
        warmup = c.number("warmup_iters") or 0
        if warmup <= 0 and lr >= self.opt("high_lr"):
            target = warmup_for(c.number("max_iters") or 1000)
            findings.append(
                self.finding(
                    f"No warmup with a peak learning rate of {lr:g}",
                    f"learning_rate = {lr:g} starts at full size on the first step. Adam's "
                    "early steps are badly scaled until its moment estimates settle; warm up "
                    f"over a few hundred steps (about 2% of the run: {target}).",
                    evidence=[
                        Evidence(label="learning_rate", value=lr),
                        Evidence(label="warmup_iters", value=int(warmup)),
                    ],
                    fixes=[
                        warmup_fix(
                            run,
                            int(warmup),
                            target,
                            "ramps the learning rate up while Adam's statistics settle",
                        )
                    ],
                    impact=0.5,
                    impact_note="risk of early divergence or a bad basin",
                    rests_on=["config:learning_rate", "config:warmup_iters"],
                )
            )
        elif (blew_up := self._warmup_blew_up(run)) is not None:
            findings.append(blew_up)
        if c.get("decay_lr", True):
            findings.extend(self._decay(run, lr))
        return findings

    def _warmup_length(self, run: Run) -> tuple[int, str] | None:
        """Steps of warmup: from the logged rate (the first step at its peak, when the log
        starts at the first update), else as the log or config states it."""
        logged = run.metric("lr")
        if logged is not None and not run.steps_estimated:
            finite = logged.finite()
            if len(finite) >= 2 and int(finite.steps[0]) <= run.init_step + 1:
                peak = float(finite.values.max())
                at_peak = int(finite.steps[int(np.argmax(finite.values >= 0.99 * peak))])
                return max(0, at_peak - run.init_step), "the logged learning rate"
        warmup = run.config.number("warmup_iters")
        if warmup is not None and run.config.source("warmup_iters") != "assumed":
            return int(warmup), run.config.native("warmup_iters")
        return None

    def _warmup_blew_up(self, run: Run) -> Finding | None:
        """A warmup that ended within the first steps, and a training loss that rose a nat
        or more above its first value during it or just after: the warmup was too short."""
        if run.fine_tune is True or (run.fine_tune is None and run.format not in LM_TRAINERS):
            return None  # from a pretrained model a blow-up is a rate too high, not warmup
        found = self._warmup_length(run)
        loss = run.metric("train_loss")
        if found is None or loss is None:
            return None
        warmup, where = found
        loss = loss.finite()
        if len(loss) < 2 or int(loss.steps[0]) > run.init_step:
            return None  # the first loss is not the untrained model's
        first = float(loss.values[0])
        if run.fine_tune is None and first < UNTRAINED_NATS:
            return None  # the log does not say the model starts untrained (see UNTRAINED_NATS)
        early = loss.steps <= run.init_step + 2 * warmup + self.opt("blowup_steps")
        peak_i = int(np.argmax(np.where(early, loss.values, -np.inf)))
        peak = float(loss.values[peak_i])
        if peak - first < self.opt("blowup_nats"):
            return None
        step = int(loss.steps[peak_i])
        max_iters = run.config.number("max_iters")
        fixes = []
        if max_iters and run.config.source("max_iters") != "assumed":
            target = warmup_for(max_iters)
            if target > warmup:
                fixes.append(
                    warmup_fix(
                        run, warmup, target, "ramps the rate up while Adam's statistics settle"
                    )
                )
        return self.finding(
            f"Warmup of {warmup} step(s) is too short: the loss blew up to {peak:.2f} at step "
            f"{step}",
            f"The learning rate reaches its peak after {warmup} step(s) ({where}), and the "
            f"training loss went from {first:.4f} before any update to {peak:.4f} at step "
            f"{step}, {peak - first:.2f} nats worse than the untrained model. Adam's first "
            "updates are badly scaled until its moment estimates settle: warm up over a few "
            "hundred steps (about 2% of the run; GPT-2/3, nanoGPT and llm.c use 700 to 2,000).",
            evidence=[
                Evidence(label="warmup steps", value=warmup),
                Evidence(label="loss before any update", value=first, step=int(loss.steps[0])),
                Evidence(label="early peak of the loss", value=peak, step=step),
            ],
            fixes=fixes,
            impact=0.5,
            impact_note="early steps wasted undoing the blow-up, or a run that never recovers",
        )

    def _logged_decay(self, run: Run) -> list[Finding]:
        """Any framework: a schedule the config says decays, and a logged rate that did not."""
        blew_up = self._warmup_blew_up(run)
        if blew_up is not None:
            return [blew_up]
        kind = run.config.get("lr_scheduler_type")
        logged = run.metric("lr")
        zero = self._zero_rate(run, logged) if logged is not None else None
        if zero is not None:
            return [zero]
        cold = self._no_logged_warmup(run, logged) if logged is not None else None
        if cold is not None:
            return [cold]
        ignored = self._warmup_ignored(run, logged)
        if ignored is not None:
            return [ignored]
        floor = self._long_floor(run, logged) if logged is not None else None
        if floor is not None:
            return [floor]
        restart = self._restarted(run, logged) if logged is not None else None
        if restart is not None:
            return [restart]
        judged = logged is not None and self._finished_with_rates(run, logged)
        warming = self._ended_in_warmup(run, logged) if logged is not None and judged else None
        if warming is None and logged is not None and not judged:
            warming = self._warming_past_half(run, logged)
        horizon = self._stated_horizon(run)
        past = self._warmup_past_end(run) if warming is None else None
        if warming is not None or horizon is not None or past is not None:
            return [f for f in (warming, horizon, past) if f is not None]
        if not isinstance(kind, str) and judged:
            return []  # the logged rate was judged (not all warmup); no schedule stated
        if not isinstance(kind, str) or logged is None or len(logged) < 10:
            if self._states_warmup_and_length(run):
                return []  # the stated warmup was judged against the stated length
            raise SkipRule("no stated decaying schedule and logged learning rate to compare")
        if kind not in DECAYING_SCHEDULES:
            return []
        progress = self._progress(run, logged)
        if progress is None or progress < 0.5:
            return []
        values = logged.values[np.isfinite(logged.values)]
        if values.size == 0:
            return []  # no finite rate to judge
        peak, end = float(values.max()), float(values[-1])
        if end < 0.9 * peak:
            return []
        return [
            self.finding(
                f"lr_scheduler_type = {kind!r}, but the learning rate never decayed",
                f"The config asks for a {kind} schedule, yet {progress:.0%} into the run the "
                f"logged learning rate is still {end:g}, {end / peak:.0%} of its peak {peak:g}. "
                "The scheduler that ran is not the one configured (a custom optimizer or "
                "scheduler passed to the Trainer, a constant schedule, or a scheduler stepped "
                "once per epoch); the run never anneals, which costs final loss.",
                evidence=[
                    Evidence(label="lr_scheduler_type", value=kind),
                    Evidence(label="peak logged learning rate", value=peak),
                    Evidence(
                        label="last logged learning rate", value=end, step=int(logged.steps[-1])
                    ),
                    Evidence(label="share of the run done", value=round(progress, 3)),
                ],
                impact=0.35,
                impact_note="final loss: the run never anneals",
                rests_on=["config:lr_scheduler_type"],
            )
        ]

    def _no_logged_warmup(self, run: Run, logged: Series) -> Finding | None:
        """A from-scratch run whose logged rate is at its peak (`high_lr` or more) on the
        first update: no warmup."""
        finite = logged.finite()
        if run.fine_tune is not False or len(finite) < 10 or run.steps_estimated:
            return None
        if int(finite.steps[0]) > run.init_step + 1:
            return None  # the log starts after the first updates
        peak, first = float(finite.values.max()), float(finite.values[0])
        if peak < self.opt("high_lr") or first < 0.99 * peak:
            return None
        return self.finding(
            f"No warmup: the learning rate is at its peak {peak:g} from step "
            f"{int(finite.steps[0])}",
            f"The logged learning rate is {first:g} on the first step, its peak. Adam's early "
            "updates are badly scaled until its moment estimates settle; a model trained from "
            "scratch warms up over a few hundred steps (GPT-2/3, nanoGPT, llm.c).",
            evidence=[
                Evidence(
                    label="first logged learning rate", value=first, step=int(finite.steps[0])
                ),
                Evidence(label="peak logged learning rate", value=peak),
            ],
            impact=0.5,
            impact_note="risk of early divergence or a bad basin",
        )

    def _warmup_ignored(self, run: Run, logged: Series | None) -> Finding | None:
        """The Hugging Face Trainer's ``lr_scheduler_type = "constant"`` with a stated
        warmup: ``get_scheduler`` returns the constant schedule before it reads the warmup,
        so none happens. Where the rate is logged, its first value at the peak confirms it."""
        c = run.config
        if c.get("lr_scheduler_type") != "constant" or c.source("lr_scheduler_type") in (
            None,
            "assumed",
        ):
            return None
        stated = [
            (key, value)
            for key, value in (
                (c.native("warmup_iters"), c.number("warmup_iters")),
                ("warmup_ratio", c.number("warmup_ratio")),
            )
            if value is not None and value > 0 and c.source(key) not in (None, "assumed")
        ]
        if not stated:
            return None
        finite = logged.finite() if logged is not None else None
        if finite is not None and len(finite):
            peak, first = float(finite.values.max()), float(finite.values[0])
            if first < 0.99 * peak:
                return None  # the log ramps: the schedule that ran is not the one stated
        key, value = stated[0]
        return self.finding(
            f"lr_scheduler_type = 'constant' ignores {key} = {value:g}",
            f"The config asks for a warmup ({key} = {value:g}), but the Trainer's "
            "'constant' schedule takes no warmup: transformers' get_scheduler returns it "
            "before it reads the warmup, so every step from the first trains at the full "
            "learning rate"
            + (
                f" (the logged rate is {float(finite.values[0]):g} at step "
                f"{int(finite.steps[0])}, its peak)"
                if finite is not None and len(finite)
                else ""
            )
            + ". 'constant_with_warmup' is the schedule that warms up, then holds.",
            evidence=[
                Evidence(label="lr_scheduler_type", value="constant"),
                Evidence(label=key, value=value),
            ],
            fixes=[
                Fix(
                    key="lr_scheduler_type",
                    value="constant_with_warmup",
                    current="constant",
                    reason="the warmup the config asks for happens",
                )
            ],
            impact=0.3,
            impact_note="the first updates run at full size, without the warmup asked for",
            rests_on=["config:lr_scheduler_type", f"config:{key}"],
        )

    def _long_floor(self, run: Run, logged: Series) -> Finding | None:
        """A logged rate that decayed (to half its peak or less) and then sat at its final
        value for `floor_share` or more of the logged steps: the decay horizon was far
        shorter than the run (a warning past half the run, information from a quarter). Not
        a rate at its peak from the first log that drops once: a step schedule's milestone."""
        finite = logged.finite()
        if len(finite) < 10 or run.steps_estimated:
            return None
        values, steps = finite.values, finite.steps
        peak, end = float(values.max()), float(values[-1])
        if not peak > 0 or end > 0.5 * peak:
            return None
        moving = np.flatnonzero(np.abs(values - end) > 0.01 * peak)
        if moving.size == 0 or moving[-1] + 1 >= values.size:
            return None
        if bool(np.all(values[: moving[-1] + 1] >= 0.99 * peak)):
            # the peak from the first log, then one drop to the end: a step schedule's
            # milestone by design (DETR's lr_drop); after a warmup, a drop straight to the
            # floor is a decay horizon as short as the warmup (nanoGPT's lr_decay_iters)
            return None
        since = int(steps[moving[-1] + 1])
        span = float(steps[-1] - steps[0])
        share = (float(steps[-1]) - since) / span if span > 0 else 0.0
        if share < self.opt("floor_share"):
            return None
        severe = share >= 2 * self.opt("floor_share")
        return self.finding(
            f"The learning rate sat at its floor {end:g} for the last {share:.0%} of the run",
            f"The logged learning rate decayed from its peak {peak:g} to {end:g} by step "
            f"{since} and stayed there to step {int(steps[-1])}: {share:.0%} of the run "
            "trained at the floor. The decay horizon (lr_decay_iters, T_max, the scheduler's "
            "total steps) is far shorter than the run: set it to the run's length so the "
            "rate anneals over the whole run.",
            severity=Severity.warning if severe else Severity.info,
            evidence=[
                Evidence(label="peak logged learning rate", value=peak),
                Evidence(label="floor reached", value=end, step=since),
                Evidence(label="share of the run at the floor", value=round(share, 3)),
            ],
            impact=0.35 if severe else 0.1,
            impact_note="steps at the floor learn slowly",
        )

    def _restarted(self, run: Run, logged: Series) -> Finding | None:
        """A rate that was decaying and then jumped back up, `restart_ratio` times or more, in
        one process: the schedule was built again (a resume with a new number of epochs or
        steps, a scheduler re-created each epoch). Not a schedule with restarts by design."""
        kind = str(run.config.get("lr_scheduler_type", ""))
        if "restart" in kind or "cyclic" in kind.lower():
            return None
        finite = logged.finite()
        steps, values = finite.steps, finite.values
        if values.size < 4 or not values.max() > 0:
            return None
        peak = float(values.max())
        at_peak = int(np.argmax(values >= 0.99 * peak))
        ratio = self.opt("restart_ratio")
        jumps = [
            i
            for i in range(max(at_peak, 1) + 1, values.size)
            if values[i] > ratio * values[i - 1]
            and values[i - 1] < values[i - 2]  # it was decaying, not warming up over a gap
            and values[i] > 0.05 * peak
        ]
        if not jumps:
            return self._rewarmed(steps, values, peak, at_peak)
        first = jumps[0]
        at = int(steps[first])
        return self.finding(
            f"The learning rate restarted {len(jumps)} time(s), first at step {at}",
            f"The logged rate was decaying ({values[first - 2]:g} at step "
            f"{int(steps[first - 2])}, {values[first - 1]:g} at step {int(steps[first - 1])}) "
            f"and jumped back to {values[first]:g} at step {at}. The schedule was built again "
            "mid-run: a resume with a new number of epochs or steps (the Trainer rebuilds its "
            "schedule for the new total), or a scheduler created anew each epoch. Each "
            "restart undoes the anneal so far; one schedule over the whole run anneals once, "
            "at the end.",
            evidence=[
                Evidence(label="rate before the jump", value=float(values[first - 1])),
                Evidence(label="rate after the jump", value=float(values[first]), step=at),
                Evidence(label="restarts", value=len(jumps)),
            ],
            impact=0.3,
            impact_note="final loss: the run anneals in pieces, not once",
        )

    def _rewarmed(
        self, steps: np.ndarray, values: np.ndarray, peak: float, at_peak: int
    ) -> Finding | None:
        """A rate that decayed to a tenth of its peak or less and then climbed back, over
        several logs, to half its peak or more: the schedule's period is shorter than the
        run (a cosine whose ``T_max`` is part of the epochs), so it warms up again."""
        low = at_peak + int(np.argmin(values[at_peak:]))
        if not values[low] <= 0.1 * peak:
            return None
        back = low + int(np.argmax(values[low:] >= 0.5 * peak))
        if not values[back] >= 0.5 * peak or back - low < 3:
            return None  # no rebound, or a jump (a restart, judged above)
        at_low, at_back = int(steps[low]), int(steps[back])
        return self.finding(
            f"The learning rate decayed to {values[low]:.3g} by step {at_low}, then climbed "
            f"back to {values[back]:.3g} by step {at_back}",
            f"The logged rate fell from its peak {peak:g} to {values[low]:.3g} at step "
            f"{at_low} and then rose again, over {back - low} logs, to {values[back]:.3g}: "
            "the schedule's period is shorter than the run (a cosine whose T_max is a part of "
            "the epochs or steps, or a schedule built for a shorter run), so the run warms up "
            "again after it annealed. Set the period to the whole run (T_max = the epochs, or "
            "the total steps when the scheduler steps per batch).",
            evidence=[
                Evidence(label="peak learning rate", value=peak, step=int(steps[at_peak])),
                Evidence(label="lowest rate", value=float(values[low]), step=at_low),
                Evidence(label="rate after it", value=float(values[back]), step=at_back),
            ],
            impact=0.3,
            impact_note="final loss: the anneal is undone for the rest of the run",
        )

    def _zero_rate(self, run: Run, logged: Series) -> Finding | None:
        """A learning rate logged as exactly 0 on `zero_logs` or more logs and at least
        `zero_share` of them, besides those after its last non-zero rate (a schedule may end
        at 0): those steps do not change the weights."""
        finite = logged.finite()
        skipped = run.metric("skipped_iterations")
        if skipped is not None:
            # Megatron's loss scaler skips steps without an update, and says so
            was_skipped = np.isin(finite.steps, skipped.steps[skipped.values > 0])
            finite = finite.model_copy(
                update={"steps": finite.steps[~was_skipped], "values": finite.values[~was_skipped]}
            )
            if len(finite) == 0:
                return None
        values = finite.values
        nonzero = np.flatnonzero(values != 0)
        # a schedule that decays to 0 may end there for a while: by design, not counted
        counted = values[: nonzero[-1] + 1] if nonzero.size else values
        zero = np.flatnonzero(counted == 0)
        if zero.size < self.opt("zero_logs") or zero.size < self.opt("zero_share") * values.size:
            return None
        steps = finite.steps[zero]
        return self.finding(
            f"The learning rate is 0 on {zero.size} of {len(finite)} logged steps",
            f"The logged learning rate is exactly 0 from step {int(steps[0])} to "
            f"{int(steps[-1])} ({zero.size} logs): an update scaled by 0 changes nothing, so "
            "those steps only spend compute. Usual causes: the optimizer never stepped (every "
            "step skipped by an fp16 loss scaler, or DeepSpeed's scheduler queried before its "
            "first step), a warmup or decay horizon measured in the wrong unit, or a schedule "
            "that ended before the run did.",
            evidence=[
                Evidence(label="logs with learning rate 0", value=int(zero.size)),
                Evidence(label="first (step)", value=0.0, step=int(steps[0])),
                Evidence(label="logged learning rates", value=len(finite)),
            ],
            impact=0.6,
            impact_note="steps at a zero learning rate do not train",
        )

    def _ended_in_warmup(self, run: Run, logged: Series) -> Finding | None:
        """A finished run (the caller checks) whose logged learning rate rose to its last
        step: all warmup. A run stopped early may simply not have reached its peak yet."""
        finite = logged.finite()
        progress = self._progress(run, finite) or 1.0
        values = finite.values
        # the peak is first reached at the end (or in the last tenth, after which a schedule
        # may drop straight to its floor), not held flat after an early warmup
        first_peak = int(np.argmax(values >= values.max()))
        warmup = values[: first_peak + 1]
        rising = _ramped(finite, first_peak)
        peak_step = int(finite.steps[first_peak])
        share = peak_step / max(1, int(finite.steps[-1]))
        if rising and first_peak < 0.9 * (values.size - 1) and share >= self.opt("warmup_share"):
            return self._long_warmup(finite, first_peak, share, progress)
        if not rising or first_peak < 0.9 * (values.size - 1):
            return None
        return self.finding(
            "The whole run was warmup: the learning rate rose until the last step"
            if first_peak == values.size - 1
            else f"The whole run was warmup: the learning rate peaked at step {peak_step}, "
            "near the end",
            f"The logged learning rate climbs from {values[0]:g} to its peak {warmup[-1]:g} at "
            f"step {peak_step} of {int(finite.steps[-1])} ({progress:.0%} of the planned run): "
            "the warmup is about as long as the run, so it hardly trained at its peak rate "
            "and never annealed. Make the warmup a small share of the run (a few percent), or "
            "train for longer.",
            evidence=[
                Evidence(label="first logged learning rate", value=float(values[0])),
                Evidence(
                    label="peak logged learning rate", value=float(warmup[-1]), step=peak_step
                ),
                Evidence(
                    label="last logged learning rate",
                    value=float(values[-1]),
                    step=int(finite.steps[-1]),
                ),
                Evidence(label="share of the run done", value=round(progress, 3)),
            ],
            impact=0.35,
            impact_note="final loss: the run never reached its peak rate nor annealed",
        )

    def _long_warmup(
        self, finite: Series, first_peak: int, share: float, progress: float
    ) -> Finding:
        """A finished run whose logged rate rose for `warmup_share` of its steps or more."""
        values, steps = finite.values, finite.steps
        peak_step, last = int(steps[first_peak]), int(steps[-1])
        return self.finding(
            f"Warmup is {share:.0%} of the run: the learning rate peaked at step {peak_step} "
            f"of {last}",
            f"The logged learning rate climbs from {values[0]:g} to its peak "
            f"{values[first_peak]:g} at step {peak_step}, {share:.0%} of the {last} steps "
            f"logged ({progress:.0%} of the planned run): most of the run ramped up, and the "
            f"decay is squeezed into the last {last - peak_step} steps. Warmup is usually a "
            "few percent of a run (at most a tenth): a warmup set in steps was likely kept "
            "from a longer run. Shorten it, or set it as a ratio of the run.",
            evidence=[
                Evidence(label="first logged learning rate", value=float(values[0])),
                Evidence(
                    label="peak logged learning rate",
                    value=float(values[first_peak]),
                    step=peak_step,
                ),
                Evidence(label="share of the run in warmup", value=round(share, 3)),
                Evidence(label="share of the run done", value=round(progress, 3)),
            ],
            impact=0.3,
            impact_note="final loss: little of the run trains at its peak rate",
        )

    def _warming_past_half(self, run: Run, logged: Series) -> Finding | None:
        """A run stopped before its end (a checkpoint) whose logged rate rose at every log to
        the last, from its first update, at ``warmup_share`` or more of the stated steps:
        the warmup is at least that share of the planned run."""
        finite = logged.finite()
        max_iters = run.config.number("max_iters")
        if len(finite) < 3 or not max_iters or run.config.source("max_iters") == "assumed":
            return None
        interval = float(np.median(np.diff(finite.steps)))
        if int(finite.steps[0]) > run.init_step + max(1.0, interval):
            return None  # the log starts after its first interval: the ramp's start is unseen
        last = int(finite.steps[-1])
        share = last / max_iters
        if not (self.opt("warmup_share") <= share < 1.0) or not _ramped(finite, len(finite) - 1):
            return None
        if not np.all(np.diff(finite.values) > 0):
            return None  # a flat stretch: a peak held, not a ramp still under way
        return self.finding(
            f"Warmup is at least {share:.0%} of the run: the learning rate still rises at "
            f"step {last} of {max_iters:.0f}",
            f"The logged learning rate climbs at every log, from {finite.values[0]:g} to "
            f"{finite.values[-1]:g} at step {last}, {share:.0%} of the {max_iters:.0f} steps "
            f"planned ({run.config.native('max_iters')}): at least that much of the run ramps "
            "up, and the decay is squeezed into what is left. Warmup is usually a few percent "
            "of a run (at most a tenth): a warmup set in steps was likely kept from a longer "
            "run. Shorten it, or set it as a ratio of the run.",
            evidence=[
                Evidence(label="first logged learning rate", value=float(finite.values[0])),
                Evidence(
                    label="last logged learning rate", value=float(finite.values[-1]), step=last
                ),
                Evidence(label=run.config.native("max_iters"), value=int(max_iters)),
                Evidence(label="share of the run in warmup, at least", value=round(share, 3)),
            ],
            impact=0.3,
            impact_note="final loss: little of the run trains at its peak rate",
            rests_on=["config:max_iters"],
        )

    def _finished_with_rates(self, run: Run, logged: Series) -> bool:
        """The run got through its planned length and logged its rate at least 5 times."""
        finite = logged.finite()
        progress = self._progress(run, finite) if len(finite) >= 3 else None
        return progress is not None and progress >= 0.95

    @staticmethod
    def _progress(run: Run, logged: Series) -> float | None:
        """How far through its planned length the run got, in epochs or in steps: the
        further of the two (a Trainer's max_steps ends the run before its epochs do)."""
        done = []
        epochs, epoch = run.config.number("num_train_epochs"), run.metric("epoch")
        if epochs and epochs > 0 and epoch is not None:
            done.append(float(np.nanmax(epoch.values)) / epochs)
        max_iters = run.config.number("max_iters")
        if max_iters and max_iters > 0:
            done.append(float(logged.steps.max()) / max_iters)
        return max(done) if done else None

    def _stated_horizon(self, run: Run) -> Finding | None:
        """Any framework whose log or config states both its decay horizon and its length
        (Megatron's ``--lr-decay-iters`` and ``--train-iters``), with a schedule that decays
        to the horizon: the same check as nanoGPT's, the end rate as logged."""
        c = run.config
        keys = ("lr_decay_iters", "max_iters")
        if any(c.source(k) in (None, "assumed") for k in keys):
            return None
        style = c.get("lr_decay_style")
        if style is not None and style not in ("cosine", "linear"):
            return None  # constant, inverse-square-root, WSD: no horizon to end at
        if c.get("decay_lr") is False:
            return None
        trained = run.metric("train_loss") or run.metric("val_loss")
        if trained is None or len(trained.finite()) < 2:
            return None  # no training logged (a crash at start-up): the schedule never ran
        logged = run.metric("lr")
        finite = logged.values[np.isfinite(logged.values)] if logged is not None else None
        if finite is None or finite.size < 2 or not finite.max() > 0:
            return self._horizon(run, None)  # the rate is not logged: where it ends is unsaid
        stated = c.number("learning_rate") if c.source("learning_rate") != "assumed" else None
        peak = stated if stated and stated >= finite.max() else float(finite.max())
        return self._horizon(run, float(finite[-1]) / peak)

    def _horizon(self, run: Run, end_share: float | None) -> Finding | None:
        """``lr_decay_iters`` against ``max_iters``: a decay longer than the run ends it at
        ``end_share`` of the peak rate (a warning); a shorter one trains at the floor (info)."""
        c = run.config
        max_iters, decay = c.number("max_iters"), c.number("lr_decay_iters")
        if (
            not max_iters
            or not decay
            or abs(decay / max_iters - 1) <= self.opt("horizon_tolerance")
        ):
            return None
        longer = decay > max_iters
        return self.finding(
            f"{c.native('lr_decay_iters')} = {decay:.0f} but {c.native('max_iters')} = "
            f"{max_iters:.0f}",
            (
                f"The decay runs to step {decay:.0f}, but training stops at "
                f"{max_iters:.0f}: it ends "
                + (
                    f"at {end_share:.0%} of the peak learning rate, "
                    if end_share is not None
                    else ""
                )
                + "before the annealing that brings much of the final loss."
                if longer
                else f"The decay ends at step {decay:.0f} and the last "
                f"{max_iters - decay:.0f} steps train at min_lr."
            ),
            severity=Severity.warning if longer else Severity.info,
            evidence=[
                Evidence(label="lr_decay_iters", value=int(decay)),
                Evidence(label="max_iters", value=int(max_iters)),
            ],
            fixes=[
                Fix(
                    key=c.native("lr_decay_iters"),
                    value=int(max_iters),
                    current=int(decay),
                    reason="decay over the steps the run really takes",
                )
            ],
            impact=0.35 if longer else 0.1,
            impact_note="final loss: the run never anneals"
            if longer
            else "steps at the floor learn slowly",
            rests_on=["config:max_iters", "config:lr_decay_iters"],
        )

    def _decay(self, run: Run, lr: float) -> list[Finding]:
        c = run.config
        findings = []
        max_iters = c.number("max_iters")
        if max_iters and (horizon := self._horizon(run, self._lr_at(run, max_iters) / lr)):
            findings.append(horizon)
        if (past := self._warmup_past_end(run)) is not None:
            findings.append(past)
        min_lr = c.number("min_lr")
        if min_lr is not None and lr > 0 and min_lr / lr > self.opt("floor_ratio"):
            rises = min_lr > lr  # the "decay" goes up: a fault, not only a shallow anneal
            findings.append(
                self.finding(
                    f"min_lr = {min_lr:g} is above learning_rate = {lr:g}"
                    if rises
                    else f"min_lr = {min_lr:g} is {min_lr / lr:.0%} of the peak",
                    f"nanoGPT's cosine moves the rate from learning_rate to min_lr: with min_lr "
                    f"{min_lr / lr:.1f}x the peak the schedule rises instead of decaying."
                    if rises
                    else f"The schedule only decays from {lr:g} to {min_lr:g}; nanoGPT and "
                    f"Chinchilla decay by 10x, to {lr / 10:g}. A shallow anneal leaves loss on "
                    "the table.",
                    severity=Severity.warning if rises else Severity.info,
                    evidence=[
                        Evidence(label="learning_rate", value=lr),
                        Evidence(label="min_lr", value=min_lr),
                    ],
                    fixes=[
                        Fix(
                            key=c.native("min_lr"),
                            value=lr / 10,
                            current=min_lr,
                            reason="decay the learning rate by 10x",
                        )
                    ],
                    impact=0.35 if rises else 0.1,
                    impact_note="the rate grows where it should anneal" if rises else "",
                    rests_on=["config:learning_rate", "config:min_lr"] if rises else [],
                )
            )
        return findings

    @staticmethod
    def _states_warmup_and_length(run: Run) -> bool:
        c = run.config
        steps = all(c.source(k) != "assumed" for k in ("warmup_iters", "max_iters"))
        length = any(c.source(k) != "assumed" for k in EPOCH_KEYS) or (
            c.source("max_iters") != "assumed" and c.native("max_iters") in EPOCH_KEYS
        )
        epochs = c.source("warmup_epochs") != "assumed" and length
        return steps or epochs

    def _warmup_past_end(self, run: Run) -> Finding | None:
        """A stated warmup over ``warmup_share`` of the stated length of the run, in steps
        (``warmup_iters``, ``max_iters``) or in epochs (``warmup_epochs`` and
        ``num_train_epochs``, ``max_epochs`` or ``epochs``): the run is mostly, or all,
        warmup."""
        c = run.config
        stated = [
            k
            for k in ("max_iters", *EPOCH_KEYS)
            if c.source(k) != "assumed" and (c.number(k) or 0) > 0
        ]
        # a run that counts epochs (Ultralytics, Keras) states its length in max_iters
        epochs = [k for k in stated if k in EPOCH_KEYS or c.native(k) in EPOCH_KEYS]
        if "max_iters" in stated and c.source("warmup_iters") != "assumed":
            warmup_key, length_key, unit = "warmup_iters", "max_iters", "steps"
        elif epochs and c.source("warmup_epochs") != "assumed":
            warmup_key, length_key, unit = "warmup_epochs", epochs[-1], "epochs"
        else:
            return None
        length, warmup = c.number(length_key) or 0.0, c.number(warmup_key)
        if not warmup or warmup <= self.opt("warmup_share") * length:
            return None
        if warmup < length and (unit != "steps" or (run.last_step or 0) < warmup):
            return None  # mostly warmup, judged once the log is past it (a crash is not)
        lr = c.number("learning_rate") if c.source("learning_rate") != "assumed" else None
        peak = f"learning_rate = {lr:g}" if lr else "the peak learning rate"
        fixes = []
        if unit == "steps":
            target = warmup_for(length)
            fixes.append(
                warmup_fix(run, int(warmup), target, "a warmup that ends well inside the run")
            )
        if warmup < length:
            title = f"most of the run is warmup ({warmup / length:.0%})"
            what = (
                f"The learning rate ramps up over {warmup:g} of the run's {length:g} {unit}: "
                f"it trains at {peak} for only the last {1 - warmup / length:.0%} of the run, "
                "with little left to anneal."
            )
        else:
            title = "all warmup"
            what = (
                f"The learning rate ramps up over {warmup:g} {unit} and the run stops at "
                f"{length:g}: it reaches {min(1.0, length / warmup):.0%} of {peak} only at "
                "its end, so it never trains at its peak and never anneals."
            )
        return self.finding(
            f"{c.native(warmup_key)} = {warmup:g} but {c.native(length_key)} = {length:g}: "
            + title,
            what + " Make the warmup a small share of the run (a few percent).",
            severity=Severity.warning,
            evidence=[
                Evidence(label=c.native(warmup_key), value=warmup),
                Evidence(label=c.native(length_key), value=length),
            ],
            fixes=fixes,
            impact=0.35,
            impact_note="the run never trains at its learning rate",
            rests_on=[f"config:{length_key}", f"config:{warmup_key}"],
        )

    def _logged_vs_config(self, run: Run) -> Finding | None:
        """The learning rate the run logged against nanoGPT's get_lr for the config."""
        logged = run.metric("lr")
        keys = ("learning_rate", "warmup_iters", "lr_decay_iters", "min_lr")
        if logged is None or any(run.config.origins.get(k, "default") == "default" for k in keys):
            # only a config that states the whole schedule: a script that merely prints
            # nanoGPT-style lines may decay on its own terms
            return None
        logged = logged.finite()
        constant = run.config.get("decay_lr") is False
        lr = run.config.number("learning_rate") or 0.0
        # nanoGPT's warmup was lr * it / warmup_iters until 2024, lr * (it + 1) /
        # (warmup_iters + 1) since; forks keep either: the logged rate may follow either one
        differs = []
        for since_2024 in (True, False):
            expected = np.array(
                [lr if constant else self._lr_at(run, float(s), since_2024) for s in logged.steps],
                dtype=float,
            )
            gap = np.abs(logged.values - expected)
            scale = np.maximum(np.abs(expected), 1e-12)
            off = np.flatnonzero((gap / scale > self.opt("lr_tolerance")) & (gap > 1e-12))
            if off.size == 0:
                return None
            differs.append((expected, off))
        expected, off = differs[0]  # reported against train.py as it is now
        i = int(off[0])
        step = int(logged.steps[i])
        return self.finding(
            "The logged learning rate does not follow the config's schedule",
            f"At step {step} the run logged lr = {logged.values[i]:.4g}, but nanoGPT's "
            f"get_lr() with this config gives {expected[i]:.4g} ({off.size} of {len(logged)} "
            "logged values differ). The config capdiag read is not the one that ran: pass the "
            "run's own config (or none, to use the one echoed in the log), or check the "
            "command-line overrides.",
            evidence=[
                Evidence(label="logged lr", value=float(logged.values[i]), step=step),
                Evidence(label="config's schedule", value=float(expected[i]), step=step),
                Evidence(label="values that differ", value=int(off.size)),
            ],
            impact=0.6,
            impact_note="every other figure is computed from a config that did not run",
        )

    def _lr_at(self, run: Run, step: float, since_2024: bool = True) -> float:
        """nanoGPT's get_lr (train.py): linear warmup, cosine to min_lr, then flat; the
        warmup as train.py has it since 2024, or before (`since_2024` False)."""
        import math

        c = run.config
        lr = c.number("learning_rate") or 0.0
        min_lr = c.number("min_lr") or 0.0
        warmup = c.number("warmup_iters") or 0.0
        decay = c.number("lr_decay_iters") or 1.0
        if step < warmup:
            return lr * (step + 1) / (warmup + 1) if since_2024 else lr * step / warmup
        if step > decay:
            return min_lr
        ratio = (step - warmup) / max(decay - warmup, 1.0)
        return min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (lr - min_lr)
