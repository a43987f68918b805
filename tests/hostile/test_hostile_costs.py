"""Costs with a bound: a million unknown lines, ten million lines with no metric, long lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import ROOT
from limits import assert_clean, nanogpt_log, run_capdiag


def _write_lines(path: Path, head: str, line: bytes, count: int) -> None:
    with path.open("wb") as out:
        out.write(head.encode())
        block = line * 100_000
        for _ in range(count // 100_000):
            out.write(block)


def test_unknown_lines_cost_little_each(tmp_path: Path) -> None:
    """GPU names were matched at 0.3 ms a line (300,000 lines: 90 s); now one set lookup."""
    log = tmp_path / "train.log"
    _write_lines(
        log,
        nanogpt_log("n_layer = 2\n"),
        b"UserWarning: rtx tesla a100x on card 4070 not found\n",
        300_000,
    )
    result = run_capdiag("analyze", log, "--fail-on", "never", wall=120)
    assert_clean(result, 0)
    assert result.seconds < 40


def test_two_million_messages_stay_in_memory_bounds(tmp_path: Path) -> None:
    """Messages are kept up to a cap (first and latest): a million warnings took 1.2 GB
    before it, so two million fail under the 2 GB limit without it (10M took 12 GB)."""
    log = tmp_path / "train.log"
    _write_lines(log, nanogpt_log("n_layer = 2\n"), b"warning: something\n", 2_000_000)
    result = run_capdiag("analyze", log, "--fail-on", "never", "-v", wall=240, cpu=200)
    assert_clean(result, 0)
    assert "messages from the middle of the log not kept" in result.stdout


def test_a_line_of_twenty_megabytes(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    with log.open("wb") as out:
        out.write(nanogpt_log("n_layer = 2\n").encode())
        for _ in range(20):
            out.write(b"x" * 1_000_000)
        out.write(b"\n")
    result = run_capdiag("analyze", log, "--fail-on", "never", wall=120)
    assert_clean(result, 0)


def test_long_unknown_lines_are_classified_within_the_line_bound(tmp_path: Path) -> None:
    """The 30-minute fuzz run's hang: 2,001 lines of 100 KB read as modded-nanogpt took 34 s
    of CPU, every message pattern searching each whole line; a message is now recognised in
    its first 8 KiB. 400 lines of 100 KB took 7 s before."""
    log = tmp_path / "wandb-summary.json"
    log.write_bytes((b"9" * 100_000 + b"\n") * 400)
    result = run_capdiag(
        "analyze", log, "--log-format", "modded_nanogpt", "--gpu", "T4", wall=60, cpu=20
    )
    assert_clean(result, 2)
    assert result.seconds < 10


def test_a_long_run_of_digits_in_a_batch_comment(tmp_path: Path) -> None:
    """The second 30-minute fuzz run's hang: a 5,000-digit run in a '# ~0.5M tokens per
    step' comment; each start inside the run backtracked over the rest (5 s a comment, 20 s
    for these four)."""
    config = tmp_path / "config.py"
    comment = "# ~0.5M tokens per ste" + "9" * 5_000 + "p: 16 batch * 1024 block = 16,384\n"
    config.write_text(comment * 4 + "batch_size = 8\n")
    log = tmp_path / "train.log"
    log.write_text(nanogpt_log("n_layer = 2\n"))
    result = run_capdiag("analyze", log, "--config", config, "--fail-on", "never", wall=60, cpu=20)
    assert_clean(result, 0)
    assert result.seconds < 20  # a minute and more before


def test_a_known_messages_needles_are_in_every_line_it_matches() -> None:
    """classify() runs a message's pattern only on lines holding one of its needles (so a
    long line of digits costs a few substring tests, not 19 regex scans): a needle that a
    real line matched by the pattern lacks would hide that message. Every log line of the
    corpus, the tests' data and the examples is checked."""
    import re

    from capdiag.messages import KNOWN_MESSAGES, message_text

    guarded = list(KNOWN_MESSAGES)
    assert all(m.needles for m in guarded)  # a new message brings its needles
    matched = 0
    for root in (ROOT / "bench" / "corpus", ROOT / "tests" / "data", ROOT / "examples"):
        for path in root.rglob("*"):
            if path.suffix not in {".log", ".txt", ".out", ".err"} or path.stat().st_size > 5e6:
                continue
            for line in path.read_text(errors="replace").splitlines():
                text = message_text(line)
                for m in guarded:
                    if m.pattern.search(text):
                        matched += 1
                        haystack = text.lower() if m.pattern.flags & re.IGNORECASE else text
                        assert any(n in haystack for n in m.needles), (m.code, line[:200])
    assert matched >= 300  # the corpus holds real lines of these messages (400 when written)


def test_progress_bars_followed_by_long_digit_runs_are_linear(tmp_path: Path) -> None:
    """Trainer stdout lines of a bar and 8,000 digits: splitting a message from the bar
    started a match at every digit (quadratic: 0.1 s a line, so 2,000 lines passed the CPU
    limit; found by the final 30-minute fuzz run); a match now starts only where a number
    starts."""
    log = tmp_path / "stdout.log"
    dicts = "".join(
        f"{{'loss': {2.0 - i / 100}, 'learning_rate': 1e-05, 'epoch': {i / 10}}}\n"
        for i in range(20)
    )
    log.write_text(dicts + (" 10%|" + "9" * 8000 + "\n") * 2000)
    result = run_capdiag("analyze", log, "--fail-on", "never", wall=120)
    assert_clean(result, 0)
    assert result.seconds < 40


def test_one_long_build_nanogpt_field(tmp_path: Path) -> None:
    """The table of log.txt fields took its widest cell's width (a line's 8 KiB) for every
    cell: one such value made 13,000 rows 523 MiB (found by a fuzz run); under 1 GiB of
    address space that failed."""
    src = ROOT / "bench/corpus/rs-buildnanogpt-39m-rope-swiglu-10b-tokens/log_rope_swiglu.txt"
    log = tmp_path / src.name
    text = src.read_text(encoding="utf-8")
    log.write_text(text.replace("3 train 10.879971", "3 train " + "x" * 300_000, 1))
    result = run_capdiag("analyze", log, "--fail-on", "never", wall=120, memory=1 << 30)
    assert_clean(result, 0)


def test_a_printed_config_search_parses_few_objects(tmp_path: Path, monkeypatch: Any) -> None:
    """The search for a config printed as an indented JSON object opened a body at every
    line ending in "{", each up to 2,000 lines: 120,000 such lines took 10 s and 2,000
    parses. Now each opening finds its closing line at once, and few objects are parsed."""
    from capdiag.parsers import text

    log = tmp_path / "train.log"
    log.write_text("step=1 loss=2.0\n" * 3 + "{\n" * 120_000 + "}\n")
    parsed: list[str] = []
    real = json.loads

    def counting(doc: str) -> Any:
        parsed.append(doc)
        return real(doc)

    monkeypatch.setattr(text.json, "loads", counting)
    assert text._printed_config(log) is None
    assert len(parsed) <= text.PRINTED_CONFIG_TRIES
