"""Follow a training log as it is written (`capdiag watch`): the run model is updated from
new lines only, the rules re-run on it (throttled), and each finding is reported once.

Two ways to follow, chosen by the format:

- **lines** (nanoGPT, llm.c, Hugging Face Trainer stdout, JSONL): the parser's
  ``Incremental`` reads each new line once; a rotated (new inode) or truncated file is read
  from its start into the same model, whose parser starts a new segment where the steps go
  back, as for any restarted run.
- **re-read** (every other format, TensorBoard and W&B folders, trainer_state.json): the run
  is loaded again whenever a file under it changes size or time, at most every
  ``interval`` and never more often than twice the last load took.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from capdiag.config import ConfigError
from capdiag.findings import Finding
from capdiag.load import InputError, complete_run, detect_format
from capdiag.parsers import LoadContext
from capdiag.rules.base import Rule
from capdiag.run import Run
from capdiag.stats import quiet_floats

READ_CHUNK = 8 << 20  # bytes read per poll: a large existing log is read in steps
START_BYTES = 256  # a file whose first bytes changed was rewritten
MAX_LINE = 1 << 20  # a "line" longer than this without a newline is taken as it is
SETTLE_SCORE = 50  # a sniff this sure settles the format; else wait for more of the log
SETTLE_BYTES = 256 << 10  # ... or for this much of it
MAX_FILES = 5000  # files looked at for a change under a run folder

# rules a supervisor stops a run for: re-run on their own throttle, never held up by slow ones
URGENT_RULES = {"crash", "divergence", "grad-norm"}

# rules whose findings are events at a place: a new place is a new finding
EVENT_RULES = {"crash", "divergence", "loss-spike", "grad-norm", "throughput", "resume"}


def finding_key(finding: Finding) -> tuple[Any, ...]:
    """What makes a finding new: its rule and severity, and for an event (a crash, a
    divergence, a spike) where it starts: its first evidence's step or line."""
    key: tuple[Any, ...] = (finding.rule, finding.severity.value)
    if finding.rule in EVENT_RULES and finding.evidence:
        first = finding.evidence[0]
        key += (first.step, first.line)
    return key


class _Tier:
    """Rules re-run together: when they last ran, on which version of the run, and what a
    pass cost (the next waits at least twice that)."""

    def __init__(self, rules: list[type[Rule]]) -> None:
        self.rules = rules
        self.version = 0
        self.last = float("-inf")
        self.cost = 0.0

    def next_time(self, min_gap: float) -> float:
        return self.last + max(min_gap, 2 * self.cost)


class Tail:
    """New complete lines of a file, like ``tail -f``: survives rotation (the path now names
    a new file) and truncation (the file shrank), which `poll` reports as a restart."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: Any = None
        self.identity: tuple[int, int] | None = None
        self.partial = b""
        self.start = b""  # the file's first bytes, to see it rewritten

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None

    def _open(self) -> bool:
        try:
            self.handle = self.path.open("rb")
        except OSError:
            return False
        stat = os.fstat(self.handle.fileno())
        self.identity = (stat.st_dev, stat.st_ino)
        self.partial = b""
        self.start = b""
        return True

    def poll(self) -> tuple[list[bytes], str | None]:
        """(new lines, what happened: None, "opened", "rotated" or "truncated")."""
        event = None
        lines: list[bytes] = []
        if self.handle is None:
            if not self._open():
                return [], None
            event = "opened"
        try:
            stat = self.path.stat()
        except OSError:
            stat = None  # moved away and not yet re-created: finish the old file
        if stat is not None and (stat.st_dev, stat.st_ino) != self.identity:
            lines = self._read_all()  # what was written before the rotation
            lines += self._flush()
            self.close()
            if not self._open():
                return lines, None
            event = "rotated"
        elif stat is not None and self._rewritten(stat.st_size):
            self.handle.seek(0)
            self.partial = b""
            self.start = b""
            event = "truncated"
        return lines + self._read(), event

    def _rewritten(self, size: int) -> bool:
        """The file shrank, or its first bytes changed (truncated, then rewritten past the
        point we had read before we looked)."""
        at = self.handle.tell()
        if size < at:
            return True
        if not self.start:
            return False
        self.handle.seek(0)
        start: bytes = self.handle.read(len(self.start))
        self.handle.seek(at)
        return start != self.start

    def _read_all(self) -> list[bytes]:
        out: list[bytes] = []
        while chunk := self._read():
            out += chunk
        return out

    def _read(self) -> list[bytes]:
        data = self.handle.read(READ_CHUNK)
        if not data:
            return []
        if len(self.start) < START_BYTES:
            self.start = (self.start + data)[:START_BYTES]
        data = self.partial + data
        lines = data.split(b"\n")
        self.partial = lines.pop()
        if len(self.partial) > MAX_LINE:
            lines.append(self.partial)
            self.partial = b""
        return [line + b"\n" for line in lines]

    def _flush(self) -> list[bytes]:
        """The last line when it has no newline (a writer that stopped mid-line)."""
        line, self.partial = self.partial, b""
        return [line] if line else []

    def flush(self) -> list[bytes]:
        return self._flush()


def _signature(path: Path) -> tuple[Any, ...]:
    """Sizes and times of the files that make the run: a change means new data."""
    try:
        if path.is_file():
            stat = path.stat()
            return ((stat.st_ino, stat.st_size, stat.st_mtime_ns),)
        found = []
        for folder, _, files in os.walk(path):
            for name in files:
                try:
                    stat = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                found.append((folder, name, stat.st_size, stat.st_mtime_ns))
                if len(found) >= MAX_FILES:
                    return tuple(sorted(found))
        return tuple(sorted(found))
    except OSError:
        return ()


class Watcher:
    """The run as its log grows, and the findings seen so far."""

    def __init__(
        self,
        path: Path,
        ctx: LoadContext,
        rules: list[type[Rule]],
        rule_options: dict[str, dict[str, float]],
        log_format: str | None = None,
        finish: dict[str, Any] | None = None,
        min_gap: float = 0.25,
    ) -> None:
        self.path, self.ctx, self.log_format = path, ctx, log_format
        self.rules, self.rule_options = rules, rule_options
        self.finish = finish or {}  # complete_run's flags: gpu, vram, num_gpus, ...
        self.min_gap = min_gap
        self.module: Any = None
        self.incremental: Any = None
        self.tail: Tail | None = None if path.is_dir() else Tail(path)
        self.pending: list[bytes] = []  # lines read before the format was known
        self.head = b""
        self.signature: tuple[Any, ...] | None = None
        self.version = 0  # bumped whenever the run may have changed
        urgent = [r for r in rules if r.id in URGENT_RULES]
        rest = [r for r in rules if r.id not in URGENT_RULES]
        self.tiers = [_Tier(group) for group in (urgent, rest) if group]
        self.last_growth = time.monotonic()
        self.seen: set[tuple[Any, ...]] = set()
        self.findings: list[Finding] = []
        self.notices: list[str] = []
        self.said: set[str] = set()  # notices already given

    @property
    def mode(self) -> str:
        if self.module is None:
            return "waiting"
        return "lines" if self.incremental is not None else "re-read"

    def _settle(self) -> None:
        """Pick the format once enough of the log is there (or `--log-format` says it)."""
        if self.module is not None:
            return
        if self.tail is not None and not self.head and self.log_format is None:
            return
        try:
            head = self.head if self.tail is not None else b""
            module = detect_format(self.path, self.log_format, head)
        except InputError:
            if self.log_format is not None:
                raise
            return
        if self.log_format is None and self.tail is not None:
            score = module.sniff(self.path, head)
            if score < SETTLE_SCORE and len(self.head) < SETTLE_BYTES:
                return  # too little to be sure yet
        self.module = module
        incremental = getattr(module, "Incremental", None)
        if incremental is not None and self.tail is not None:
            try:
                self.incremental = incremental(self.path, self.ctx)
            except ValueError:
                self.incremental = None
        if self.incremental is not None:
            self.incremental.feed(self.pending)
            how = "following new lines"
        else:
            how = "re-reading it when it changes"
        self.notices.append(f"reading {self.path} as {module.NAME}, {how}")
        self.pending = []
        self.version += 1

    def poll(self) -> None:
        """Read what is new (lines, or a changed folder)."""
        if self.tail is not None:
            budget = 8 * READ_CHUNK  # per poll: a writer faster than us still lets rules run
            while budget > 0:
                lines, event = self.tail.poll()
                if event in ("rotated", "truncated"):
                    self.notices.append(
                        f"{self.path} was {event}: reading it from its start (a restart "
                        "starts a new segment)"
                    )
                    self.version += 1
                if not lines:
                    break
                self.last_growth = time.monotonic()
                if len(self.head) < SETTLE_BYTES:
                    self.head += b"".join(lines)[: SETTLE_BYTES - len(self.head)]
                if self.module is None:
                    self.pending += lines
                    self._settle()
                elif self.incremental is not None:
                    self.incremental.feed(lines)
                    self.version += 1
                else:
                    self.version += 1
                budget -= sum(map(len, lines))
        self._settle()
        if self.module is not None and self.incremental is None:
            signature = _signature(self.path)
            if signature != self.signature:
                self.signature = signature
                self.version += 1
                self.last_growth = time.monotonic()

    def run(self) -> Run | None:
        """The run so far (None while the log holds nothing a parser reads)."""
        if self.module is None:
            return None
        try:
            with quiet_floats():
                if self.incremental is not None:
                    run = self.incremental.run()
                else:
                    run = self.module.load(self.path, self.ctx)
                return complete_run(run, self.path, self.head, **self.finish)
        except InputError:
            raise
        except ConfigError as exc:
            raise InputError(str(exc)) from exc
        except Exception as exc:  # files caught mid-write (a cut record): try again later
            note = f"could not read {self.path} yet ({type(exc).__name__}: {exc}); trying again"
            if note not in self.said:
                self.said.add(note)
                self.notices.append(note[:300])
            return None

    @property
    def changed(self) -> bool:
        """Some rules have not seen the run's latest state."""
        return any(tier.version != self.version for tier in self.tiers)

    def next_due(self) -> float | None:
        """When the next rules are due (monotonic time), or None when none wait."""
        waiting = [t.next_time(self.min_gap) for t in self.tiers if t.version != self.version]
        return min(waiting) if waiting else None

    def check(self, now: float, force: bool = False) -> list[Finding]:
        """Re-run the rules whose throttle allows it on the run as it is now; the findings
        not seen before. The urgent rules (crash, divergence, grad norm) have their own
        throttle, so slow rules on a long run do not delay them."""
        due = [
            t
            for t in self.tiers
            if t.version != self.version and (force or now >= t.next_time(self.min_gap))
        ]
        if not due:
            return []
        from capdiag.analysis import rank, run_rules

        start = time.monotonic()
        run = self.run()
        snapshot = time.monotonic() - start
        found: list[Finding] = []
        for tier in due:
            tier.version, tier.last = self.version, now
            if run is None:
                continue
            begin = time.monotonic()
            found += run_rules(run, tier.rules, self.rule_options)[0]
            tier.cost = snapshot + time.monotonic() - begin
        new = []
        for finding in rank(found):
            key = finding_key(finding)
            if key not in self.seen:
                self.seen.add(key)
                new.append(finding)
        self.findings += new
        return new

    def close(self) -> list[Finding]:
        """The last line, if the writer left it without a newline, and a final check."""
        if self.tail is not None:
            rest = self.tail.flush()
            if rest and self.incremental is not None:
                self.incremental.feed(rest)
                self.version += 1
            self.tail.close()
        return self.check(time.monotonic(), force=True)


def follow(
    watcher: Watcher,
    on_finding: Callable[[Finding], bool],
    on_notice: Callable[[str], None],
    interval: float,
    timeout: float | None = None,
    idle: float | None = None,
) -> str:
    """Poll until `on_finding` returns True (stop), the timeout or the idle limit passes.
    Returns why it stopped: "finding", "timeout" or "idle". Ctrl-C propagates."""
    start = time.monotonic()
    while True:
        watcher.poll()
        for notice in watcher.notices:
            on_notice(notice)
        watcher.notices.clear()
        now = time.monotonic()
        for finding in watcher.check(now):
            if on_finding(finding):
                return "finding"
        now = time.monotonic()
        if timeout is not None and now - start >= timeout:
            return "timeout"
        if idle is not None and now - watcher.last_growth >= idle:
            return "idle"
        wait = interval
        due = watcher.next_due()
        if due is not None:  # rules are due when their throttle opens
            wait = min(wait, max(0.0, due - now))
        time.sleep(wait)
