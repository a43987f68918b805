"""crash: the run ended in an error instead of finishing."""

from __future__ import annotations

import re
from typing import ClassVar

from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.messages import bar_position, find_message, without_lead
from capdiag.rules.base import Rule
from capdiag.run import CRASH_KINDS, Event, Run
from capdiag.units import human_bytes, parse_size

# "Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 23.65 GiB of which 11.06 MiB
# is free" (torch >= 2.1); older torch: "(GPU 0; 23.65 GiB total capacity; ...)"
_SIZE = r"(?<![\d.])([\d.]+) ?([KMGT]i?B)"  # starts where a number starts: linear scans
_TRIED = re.compile(rf"Tried to allocate {_SIZE}")
_TOTAL = re.compile(rf"total capacity of {_SIZE}|{_SIZE} total capacity")
_FREE = re.compile(rf"of which {_SIZE} (?:is )?free|{_SIZE} free")


def _bytes(match: re.Match[str] | None) -> int | None:
    if match is None:
        return None
    number, unit = (g for g in match.groups() if g is not None)
    try:
        return parse_size(number + unit)
    except ValueError:
        return None  # "1.2.3 GiB", or past any memory: not a size to report


_CAUSE_RANK = {
    "cuda-oom": 0,
    "cuda-error": 1,
    "nccl-error": 2,
    "child-failed": 4,
    "traceback": 5,
    "launcher-signal": 6,  # the launcher's word on a kill: the exception, if any, says more
}


# messages of another kind that end the process: a script's own stop on a NaN loss
EXITS = ("nonfinite-loss-exit",)
# the line Python's threading.excepthook prints above a background thread's traceback
_THREAD_HEADER = re.compile(r"^Exception in thread \S")


def thread_tracebacks(events: list[Event]) -> set[tuple[str | None, int]]:
    """(file, line) of the crash events inside tracebacks that background threads printed
    ("Exception in thread NetStatThr:", then the traceback, to its exception line): the
    thread died, the process went on. Two threads' tracebacks may interleave."""
    inside: set[tuple[str | None, int]] = set()
    open_blocks: dict[str | None, int] = {}
    for event in sorted(events, key=lambda e: (e.file or "", e.line)):
        if _THREAD_HEADER.match(event.text):
            open_blocks[event.file] = open_blocks.get(event.file, 0) + 1
        elif open_blocks.get(event.file) and event.kind in CRASH_KINDS:
            inside.add((event.file, event.line))
            if event.code == "python-exception":
                open_blocks[event.file] -= 1
    return inside


class Crash(Rule):
    """The run ended in an error: out of memory, a CUDA or NCCL error, an exception, a kill.

    A log that stops in a traceback, a ``CUDA out of memory`` message, an NCCL timeout,
    ``Killed`` (the kernel's out-of-memory killer), a scheduler's ``CANCELLED ... DUE TO
    TIME LIMIT``, argparse's ``error: unrecognized arguments``, a script's own exit on an
    exception (Tacotron's ``Exiting due to exception: Loss Exploded``), or its stop on a
    non-finite loss (torchvision's ``Loss is nan, stopping training``, detectron2's
    ``FloatingPointError``; divergence reports the loss) did not finish: the loss it
    shows is not the run's result. capdiag reports the step the run reached (or the
    iteration on the progress bar the error line interrupted, when no step was logged), the
    last checkpoint saved before it (where to resume from),
    and for an out-of-memory error the sizes in the message and a batch that keeps the
    tokens per step with half the activation memory. A traceback that Python printed under
    ``Exception in thread ...`` is a background thread's (a subprocess reader, a metrics
    uploader): it does not stop the training loop, and alone it is info. An error after
    which training went on
    (a restart in the same log) is reported as info; so is one before any logged step where
    training followed (earlier launches that died at start-up, appended to the same log:
    measured on a real log of six such launches before the one that trained), and one
    above the last metric line where the reader numbers those lines (a notebook cell that
    failed on an import, then the Trainer's dicts below it).

    The rule runs wherever the log's own lines were read (a stdout, a job's stderr), and
    finds nothing when none of them is an error; a table of metrics alone (a CSV, TensorBoard
    scalars, ``trainer_state.json``) holds no messages, and the rule says it could not run.

    **Anti-pattern**

    ``torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.50 GiB`` at step 0 with
    ``batch_size = 32``, then the job is resubmitted unchanged.

    **Best practice**

    ``batch_size = 16`` and ``gradient_accumulation_steps`` doubled: the same tokens per step,
    half the activations.
    """

    id = "crash"
    code = "CD018"
    aliases: ClassVar[tuple[str, ...]] = ("oom", "error-exit")
    severity = Severity.error

    def check(self, run: Run) -> list[Finding]:
        crashes = [e for e in run.events if e.kind in CRASH_KINDS or e.code in EXITS]
        if not run.events and not run.messages_read:
            raise SkipRule("the format records no log lines besides metrics")
        threads = thread_tracebacks(crashes + [e for e in run.events if e.kind == "error"])
        in_thread = [e for e in crashes if (e.file, e.line) in threads]
        crashes = [e for e in crashes if (e.file, e.line) not in threads]
        if not crashes and in_thread:
            return [self._thread_died(in_thread)]
        if not crashes:
            return []
        last = run.last_step
        # where the parser stamps its events with the last step seen, an error with no step
        # came before any metric: an earlier launch in the same file, followed by training
        stamped = any(e.step is not None for e in run.events if e.file is None)
        # where the reader knows its metrics' lines: an error above the last one came before it
        metrics_after = run.last_metric_line or 0
        fatal = [
            e
            for e in crashes
            if last is None
            or (e.step is None and (e.file is not None or not (stamped or e.line < metrics_after)))
            or (e.step is not None and e.step >= last)
        ]
        if not fatal:
            first = crashes[0]
            when = f"at step {first.step}" if first.step is not None else "before any logged step"
            return [
                self.finding(
                    f"An error {when} was followed by more training",
                    f"Line {first.line}: {first.text[:200].rstrip('.')}. Training went on after it "
                    f"(to step {last}), so the run was restarted or the error was caught.",
                    severity=Severity.info,
                    evidence=[Evidence(label="error", value=first.text[:200], line=first.line)],
                )
            ]
        # the most telling line: the root cause (an OOM, a CUDA error, which NCCL reports
        # as "unhandled cuda error", an NCCL failure), before the wrappers around it (a
        # launcher's "worker failed", a traceback's first line)
        event = min(
            fatal,
            key=lambda e: (0 if e.kind == "oom" else _CAUSE_RANK.get(e.code or "", 3), e.line),
        )
        return [self._report(run, event)]

    def _thread_died(self, events: list[Event]) -> Finding:
        last = events[-1]
        return self.finding(
            "An exception in a background thread, not in the training loop",
            f"Line {last.line}: {last.text[:200].rstrip('.')}. Python printed it under "
            "'Exception in thread ...': a thread of the script or of a library died, and "
            "the main thread, which trains, was not stopped by it. Check what the thread "
            "did (a log reader, a metrics uploader) if its work matters.",
            severity=Severity.info,
            evidence=[Evidence(label="error", value=last.text[:200], line=last.line)],
        )

    def _report(self, run: Run, event: Event) -> Finding:
        # a line of the job's stderr file is named with its file; evidence lines are the log's
        at = f"Line {event.line}" + (f" of {event.file}" if event.file else "")
        line = None if event.file else event.line
        known = find_message(event.code) if event.code else None
        what = known.explanation if known else "The run stopped with an error."
        step = event.step
        where = f"at step {step}" if step is not None else "before the first logged step"
        if step is None and (bar := bar_position(event.text)):
            # the error line still carries the progress bar it interrupted
            where = f"at iteration {bar[0]} of {bar[1]} (its progress bar)"
        evidence = [
            Evidence(label="error", value=event.text[:300], line=line, step=step, mark="crash")
        ]
        good = [s for s in run.checkpoint_steps if step is None or s <= step]
        if good:
            evidence.append(Evidence(label="last checkpoint", value=good[-1]))
            resume = f" The last checkpoint was saved at step {good[-1]}: resume from it."
        elif run.checkpoint_steps or (step and run.checkpoints_logged):
            resume = " No checkpoint was saved before it: the work up to it is lost."
        elif step:
            resume = (
                " The log does not record its checkpoints: resume from the newest one saved "
                "before this step, if there is one."
            )
        else:
            resume = ""
        fixes: list[Fix] = []
        detail = ""
        raised = _exception_after(run, event) if event.code == "traceback" else None
        if raised is None and event.code == "traceback" and _EXCEPTION.match(event.text.strip()):
            raised = event  # IPython's traceback names its exception on its first line
        if raised is not None:
            detail = f" It ends in line {raised.line}: {raised.text.strip()[:200].rstrip('.')}."
            evidence.append(Evidence(label="exception", value=raised.text.strip()[:300]))
        if event.kind == "oom":
            detail, fixes = self._oom(run, event, evidence)
        name = _exception_name(raised.text) if raised else self._name(event)
        # the training loop's own "Training completed", after its last step (a tokenizer's
        # "Finished training" before any step is not it)
        last = run.last_step
        finished = next(
            (
                e
                for e in run.events
                if e.kind == "finished"
                and e.line < event.line
                and e.step is not None
                and last is not None
                and e.step >= last
            ),
            None,
        )
        if finished is not None:
            # the loop said it was done: the process failed on its way out
            done = finished.text[:120].rstrip(".")
            evidence.append(
                Evidence(label="training reported done", value=done, line=finished.line)
            )
            return self.finding(
                f"The run crashed after training completed: {name}",
                f"Line {finished.line} says the training loop finished ({done}); then "
                f"{what[0].lower() + what[1:]} {at}: {event.text[:200].rstrip('.')}.{detail} "
                "The failure came at exit (teardown, a last save or upload, another rank): "
                "check that the final outputs were written.",
                severity=Severity.warning,
                evidence=evidence,
                impact=0.3,
                impact_note="the training finished; what came after it failed",
            )
        return self.finding(
            f"The run crashed {where}: {name}",
            f"{what} {at}: {event.text[:200].rstrip('.')}.{detail}{resume}",
            evidence=evidence,
            fixes=fixes,
            impact=1.0,
            impact_note="the run did not finish; its last loss is not its result",
        )

    @staticmethod
    def _name(event: Event) -> str:
        names = {
            "cuda-oom": "CUDA out of memory",
            "cuda-error": "CUDA error",
            "nccl-error": "NCCL error",
            "scheduler-kill": "stopped by the scheduler",
            "killed": "killed",
            "launcher-signal": "the launcher got a signal and stopped its workers",
            "child-failed": "a worker process failed",
            "interrupted": "stopped by hand",
            "traceback": "a Python exception (its last line is not in the log)",
            "argument-error": "the script rejected its command line",
            "python-exception": _exception_name(event.text),
            "uncaught-exception": _exception_name(event.text.split("ncaught ", 1)[-1]),
            "nonfinite-loss-exit": "the script stopped on a non-finite loss",
            "exit-on-exception": "the script exited on an exception, "
            + event.text.split("exception: ", 1)[-1].strip()[:60],
        }
        return names.get(event.code or "", event.kind)

    def _oom(self, run: Run, event: Event, evidence: list[Evidence]) -> tuple[str, list[Fix]]:
        tried, total = _bytes(_TRIED.search(event.text)), _bytes(_TOTAL.search(event.text))
        free = _bytes(_FREE.search(event.text))
        parts = []
        for label, value in (("tried to allocate", tried), ("GPU capacity", total)):
            if value is not None:
                evidence.append(Evidence(label=label, value=value))
                parts.append(f"{label} {human_bytes(value)}")
        if free is not None:
            parts.append(f"{human_bytes(free)} free")
        detail = f" ({', '.join(parts)})" if parts else ""
        c = run.config
        batch, accum = c.number("batch_size"), c.number("gradient_accumulation_steps")
        stated = c.source("batch_size") != "assumed"
        if not batch or batch % 2 or not accum or not stated:
            return detail + " Lower the micro-batch and raise the accumulation to match.", []
        why = "half the activation memory, the same tokens per step"
        return detail, [
            Fix(key=c.native("batch_size"), value=int(batch) // 2, current=int(batch), reason=why),
            Fix(
                key=c.native("gradient_accumulation_steps"),
                value=int(accum) * 2,
                current=int(accum),
                reason=why,
            ),
        ]


_EXCEPTION = re.compile(r"^([A-Za-z_]\w*\.)*[A-Z]\w*(Error|Exception|Interrupt)(:|$)")


def _exception_after(run: Run, traceback: Event) -> Event | None:
    """The exception a traceback ends in: the first line after it that names one, indented
    or not (a log pasted as a markdown list keeps its indentation)."""
    for event in run.events:
        if event.line > traceback.line and _EXCEPTION.match(without_lead(event.text).strip()):
            return event
    return None


def _exception_name(text: str) -> str:
    """The exception's class: `SignalException` for `torch.distributed....SignalException: ...`."""
    message = _RANK_PREFIX.sub("", without_lead(text).strip())
    return message.split(":", 1)[0].rsplit(".", 1)[-1][-60:]


_RANK_PREFIX = re.compile(r"^(\[[\w\s]+\]:\s*)+")  # "[rank0]: RuntimeError: ..."
