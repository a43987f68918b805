"""The `[fast]` extra (polars) gives the run the base path gives, figure for figure: on every
sample of the formats it reads, on every corpus run of them, and on logs of the lines that
make it hand over to Python (cut, prefixed, BPC, restarts, bad bytes, long lines; for JSONL
NaN, escapes, lists, nesting, steps past range, configs, text between records)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from conftest import DATA, ROOT
from pydantic import BaseModel

from capdiag.load import InputError, detect_format, load_run
from capdiag.parsers import fast, jsonl_fast, nanogpt

FAST_FORMATS = {"nanogpt", "llmc", "jsonl"}
CORPUS = ROOT / "bench" / "corpus"


def _inputs() -> list[tuple[Path, Path | None, str | None]]:
    """(log, config, the label's format when it names a fast one) of every sample and
    corpus run a fast path reads."""
    found: list[tuple[Path, Path | None, str | None]] = [
        (path, None, None) for path in sorted(DATA.rglob("*")) if path.is_file()
    ]
    for label_path in sorted(CORPUS.glob("*/label.yaml")):
        label = yaml.safe_load(label_path.read_text())
        config = label_path.parent / label["config"] if label.get("config") else None
        log = label_path.parent / label["log"]
        # the label's format, for a log detection does not place
        named = label.get("format") if log.is_file() and _format(log) is None else None
        found.append((log, config, named if named in FAST_FORMATS else None))
    return [
        (path, config, named)
        for path, config, named in found
        if (named or _format(path)) in FAST_FORMATS
        and path.stat().st_size > 0
        and not _one_json_document(path)
    ]


def _one_json_document(path: Path) -> bool:
    """A log that is one JSON document is parsed whole (at most 32 MiB), never line by line:
    no fast path reads it."""
    from capdiag.parsers import jsonl

    return jsonl.document_records(path) is not None


def _format(path: Path) -> str | None:
    try:
        return str(detect_format(path).NAME)
    except Exception:
        return None


def same(a: Any, b: Any, where: str = "run") -> None:
    """Assert two runs (or any part of them) are equal; NaN equals NaN, dtypes must match."""
    if isinstance(a, BaseModel):
        assert type(a) is type(b), where
        for name in type(a).model_fields:
            same(getattr(a, name), getattr(b, name), f"{where}.{name}")
    elif isinstance(a, np.ndarray):
        assert isinstance(b, np.ndarray) and a.dtype == b.dtype, where
        assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f"), where
        if a.dtype.kind == "f":  # -0.0 is not 0.0
            assert np.array_equal(np.signbit(a), np.signbit(b)), where
    elif isinstance(a, dict):
        assert isinstance(b, dict) and list(a) == list(b), where
        for key in a:
            same(a[key], b[key], f"{where}[{key!r}]")
    elif isinstance(a, list | tuple):
        assert type(a) is type(b) and len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, float) and math.isnan(a):
        assert isinstance(b, float) and math.isnan(b), where
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


def both_paths(
    path: Path,
    config: Path | None,
    monkeypatch: pytest.MonkeyPatch,
    log_format: str | None = None,
    metric_map: dict[str, str] | None = None,
) -> int:
    """Assert both paths give the same run; returns the JSONL records polars read."""
    pytest.importorskip("polars")
    monkeypatch.setattr(fast, "FAST_MIN_BYTES", 1 << 62)
    try:
        base = load_run(path, config, log_format=log_format, metric_map=metric_map)
    except InputError as error:  # a config neither path reads: the same error, then the log
        monkeypatch.setattr(fast, "FAST_MIN_BYTES", 0)
        with pytest.raises(InputError) as again:
            load_run(path, config, log_format=log_format, metric_map=metric_map)
        assert str(again.value) == str(error)
        config = None
        monkeypatch.setattr(fast, "FAST_MIN_BYTES", 1 << 62)
        base = load_run(path, config, log_format=log_format, metric_map=metric_map)
    monkeypatch.setattr(fast, "FAST_MIN_BYTES", 0)
    calls: list[Path] = []
    lines = fast._lines
    monkeypatch.setattr(fast, "_lines", lambda p, *a, **k: calls.append(p) or lines(p, *a, **k))
    records: list[int] = []
    add = jsonl_fast._add
    monkeypatch.setattr(
        jsonl_fast,
        "_add",
        lambda r, parts: records.extend(hi - lo for _, lo, hi in parts) or add(r, parts),
    )
    quick = load_run(path, config, log_format=log_format, metric_map=metric_map)
    same(base, quick)
    # the cases the fast path leaves to the base path: a nanoGPT log whose lines carry a
    # tool's prefix or terminal colours (stripped line by line), and a UTF-16 file
    # (PowerShell's `>`)
    utf16 = path.is_file() and path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    declined = utf16 or (
        _format(path) == "nanogpt" and (nanogpt._prefixed(path) or nanogpt._coloured(path))
    )
    assert bool(calls) != declined, "the fast path did not run"
    return sum(records)


INPUTS = _inputs()


def test_there_are_samples_of_each_format() -> None:
    assert {named or _format(path) for path, _, named in INPUTS} == FAST_FORMATS


@pytest.mark.parametrize(
    ("path", "config", "named"), INPUTS, ids=[str(p.relative_to(ROOT)) for p, _, _ in INPUTS]
)
def test_fast_path_gives_the_same_run(
    path: Path, config: Path | None, named: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = both_paths(path, config, monkeypatch, named)
    if (named or _format(path)) == "jsonl":
        # a record that holds a list (per-group rates, a top-k table) is left to Python: a
        # log whose every record holds one gives polars nothing (the runs are still equal)
        assert records or _every_record_holds_a_list(path), "polars read no record"


def _every_record_holds_a_list(path: Path) -> bool:
    lines = [ln for ln in path.read_text().splitlines() if ln.startswith("{")]
    return bool(lines) and all(
        any(isinstance(v, list) for v in json.loads(ln).values()) for ln in lines
    )


NANOGPT_LINES = [
    b"Overriding config with config/train_gpt2.py:\n",
    b"n_layer = 12\n",
    b"tokens per iteration will be: 491,520\n",
    b"number of parameters: 123.65M\n",
    b"step 0: train loss 10.9, val loss 10.9\n",
    b"iter 0: loss 10.9, time 5000.00ms, mfu -100.00%\n",
    b"iter 1: loss 1_0.5, time 400.5ms, mfu -100.00%\r\n",
    b"iter 2: loss nan, time 400.5ms, mfu 12.5%\n",
    b"iter 3: loss inf, time 1.2.3ms, mfu 12.5%\n",
    b"iter 4: loss 2.5 BPC, time 400.5ms\n",
    b"iter 5: loss 2.\xff5, time 400.5ms, mfu 12.5%\n",
    b"iter 6: loss 2.4, time\n",
    b"[rank0]: iter 7: loss 2.3, time 400.5ms, mfu 12.5%\n",
    b"saving checkpoint to out\n",
    b"iter 8: loss 2.2, time 400.5ms, mfu 12.5%" + b" " * 9000 + b"\n",
    b"\n",
    b"iter 3: loss 2.6, time 400.5ms, mfu 12.5%\n",
    b"step 4: train loss 2.5, val loss 2.6\n",
    b"Resuming training from out\n",
    b"iter 4: loss 2.6, time 400.5ms, mfu 12.5%\n",
    b"UserWarning: something\n",
    b"  warnings.warn(\n",
    b"iter 2: loss 2.7, time 400.5ms, mfu 12.5%\n",
    b"Traceback (most recent call last):\n",
    b'  File "train.py", line 1\n',
    b"RuntimeError: CUDA out of memory\n",
]
LLMC_LINES = [
    b"s:0 tel:11.0\n",
    b"s:0 trl:11.0 lr:0.000001 norm:14.96\n",
    b"s:1 trl:1,0.5 lr:0.000002 norm:nan\r\n",
    b"s:1 trl:10.5 lr:0.000002\n",
    b"s:2 eval:0.25\n",
    b"s:2 trl:9.\xff5\n",
    b"warning: something\n",
    b"s:3 trl:9.0 lr:0.000003 norm:1.0   \n",
    b"s:4 hellaswag:0.3\n",
    b"s:4 trl:8.0 lr:0.000003 norm:1.0" + b" " * 9000 + b"\n",
    b"s:5 trl:7.0\t \n",
    b"s:6 trl:7.0 lr:1 norm:2 x\n",
    b"s:7 trl:7.0 lr:1 norm:2\x0b\n",
    b"s:8 tel:8.5",
]


@pytest.mark.parametrize(("name", "lines"), [("nanogpt", NANOGPT_LINES), ("llmc", LLMC_LINES)])
@pytest.mark.parametrize("block", [64, 1 << 20])
def test_lines_the_fast_path_hands_over(
    name: str, lines: list[bytes], block: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every edge case, in blocks small enough to cut the log anywhere."""
    path = tmp_path / f"{name}.log"
    path.write_bytes(b"".join(lines * 3))
    assert _format(path) == name
    monkeypatch.setattr(fast, "BLOCK_BYTES", block)
    both_paths(path, None, monkeypatch)


JSONL_LINES = [
    b"training a tiny GPT: starting\n",
    b'{"config": {"n_layer": 2, "n_head": 2, "lr": 0.001}}\n',
    b'{"iter": 0, "loss": 10.9, "lr": 6e-4, "tokens": 1024}\n',
    b'{"iter": 1, "loss": NaN, "lr": 6e-4, "tokens": 2048}\n',
    b'{"iter": 2, "loss": Infinity, "lr": -Infinity, "tokens": 3072}\n',
    b'{"iter": 3, "loss": "NaN", "lr": "6e-4", "tokens": " 1_024 "}\n',
    b'{"iter": 4, "loss": "inf", "lr": "+.5", "tokens": "1."}\n',
    b'{"iter": 5, "loss": "-Infinity", "lr": "1,5", "tokens": "12 ms"}\n',
    b'{"iter": 6, "loss": 1e999, "lr": -0, "tokens": -0.0}\n',
    b'{"iter": 7, "loss": 2.30000000000000004441, "lr": 9007199254740993, "tokens": 1'
    + b"0" * 400
    + b"}\n",
    b'{"iter": 8.7, "loss": 2.2, "lr": 1e-4, "tokens": 1e-400}\n',
    b'{"iter": "9", "loss": 2.1, "lr": 1e-4, "tokens": 4096}\n',
    b'{"iter": null, "loss": 2.1, "lr": 1e-4, "tokens": 4096}\n',
    b'{"iter": 1e20, "loss": 2.1, "lr": 1e-4, "tokens": 4096}\n',
    b'{"iter": -3, "loss": 2.1, "lr": 1e-4, "tokens": 4096}\n',
    b'{"iter": 10, "train": {"loss": 2.0, "lr": 1, "x": {}}, "ok": true, "n": null}\n',
    b'{"iter": 11, "loss": 2.0, "loss": 3.0}\n',
    b'{"iter":12,"loss":2.0,"lr":1e-4,"tokens":5}\n',
    b'  {"iter" : 13 ,"loss": 2.0 ,\t"lr": 1e-4, "tokens": 6 }\r\n',
    b'\x0b{"iter": 14, "loss": 2.0, "lr": 1e-4, "tokens": 7}\x0c\n',
    b'{"iter": 15, "loss": 2.0, "tags": [1, 2]}\n',
    b'{"iter": 16, "loss": "2\\u002e5", "note": "caf\\u00e9"}\n',
    b'{"iter": 17, "loss": 2.0, "note": "caf\xc3\xa9"}\n',
    b'{"iter": 18, "loss": 2.0, "note": "\xff"}\n',
    b'{"iter": 19, "loss": 2.0, "note": "a\tb"}\n',
    b'{"iter": 20, "loss": 2.0, "lr": 1e-4, "tokens": 8}' + b" " * 9000 + b"\n",
    b'{"iter": 21, "loss": 2.0\n',
    b'{"iter": 22, "loss": 01}\n',
    b'{"iter": 23, "loss": 1.}\n',
    b'{"iter": 24, "loss": .5}\n',
    b'{"iter": 25, "loss": +1}\n',
    b'{"iter": 26, "loss": 2.0}{"x": 1}\n',
    b'{"iter": 27, "loss": 2.0}\x0b\n',
    b'{"iter": 28, "loss": 2.0, "a/b": 1, "a": {"b": 2}}\n',
    b'{"Step": 29, "loss": 1.5}\n',
    b'{"iter": 30, "eval_loss": 2.5, "val/loss": 2.4}\n',
    b'{"iter": 30, "a": ' + b'{"b": ' * 40 + b"1" + b"}" * 40 + b"}\n",
    b'{"iter": 30, "' + b"k" * 30000 + b'": 1.5}\n',
    b"{}\n",
    b"[1, 2]\n",
    b"\n",
    b'{"log_history": [{"loss": 1}]}\n',
    b"UserWarning: something\n",
    b'{"iter": 31, "loss": 1.9, "lr": 1e-4, "tokens": 9}\n',
    b"Traceback (most recent call last):\n",
    b"RuntimeError: CUDA out of memory\n",
    b'{"iter": 32, "loss": 1.8, "lr": 1e-4, "tokens": 10}',
]
# the step key is known only from the third record; "12/438" steps; a LLaMA-Factory log
NO_STEP_LINES = [
    b'{"loss": 3.0, "lr": 1e-4}\n',
    b'{"loss": 2.9, "lr": 1e-4, "tokens": 5}\n',
    b'{"loss": 2.8}\n',
    b'{"step": 3, "loss": 2.7, "lr": 1e-4}\n',
    b'{"loss": 2.6, "lr": 1e-4}\n',
    b'{"step": 5, "loss": 2.5, "lr": 1e-4}\n',
]
SWIFT_LINES = [
    b'{"loss": 2.05, "grad_norm": 5.2, "learning_rate": 0.0001, "epoch": 0.002, '
    b'"global_step/max_steps": "1/438", "percentage": "0.23%", "elapsed_time": "6s", '
    b'"remaining_time": "46m 13s", "memory(GiB)": 15.97}\n',
    b'{"loss": 2.05, "grad_norm": 5.2, "learning_rate": 0.0001, "epoch": 0.002, '
    b'"global_step/max_steps": "1/438", "percentage": "0.23%", "elapsed_time": "6s", '
    b'"remaining_time": "46m 13s", "memory(GiB)": 15.97}\n',
    b'{"loss": 1.95, "grad_norm": 4.2, "learning_rate": 0.0001, "epoch": 0.004, '
    b'"global_step/max_steps": "2/438", "percentage": "0.46%", "elapsed_time": "9s", '
    b'"remaining_time": "46m 10s", "memory(GiB)": 15.97}\n',
    b'{"loss": 1.90, "grad_norm": 4.1, "learning_rate": 0.0001, "epoch": 0.006, '
    b'"global_step/max_steps": "x/438", "percentage": "0.69%", "elapsed_time": "12s", '
    b'"remaining_time": "46m 7s", "memory(GiB)": 15.97}\n',
    b'{"eval_loss": 1.99, "epoch": 0.006, "global_step/max_steps": " 3 /438"}\n',
]
# records that hold lists: flat ones are matched whole (they hold no number of the record),
# nested ones, escapes and what json.loads refuses are Python's
LIST_LINES = [
    b'{"iter": 1, "loss": 2.5, "alpha": [0.25, 0.24, 0.26], "n": 3}\n',
    b'{"iter": 2, "loss": 2.4, "alpha": [ -1.5e3 ,NaN, "a b", null, true,false ], "n": 3}\n',
    b'{"iter": 3, "loss": 2.3, "alpha": [], "n": 3}\n',
    b'{"iter": 4, "loss": 2.2, "alpha": [[7, 0.01], [8, 0.02]], "n": 3}\n',  # nested
    b'{"iter": 5, "loss": 2.1, "alpha": ["caf\\u00e9"], "n": 3}\n',  # an escape
    b'{"iter": 6, "loss": 2.0, "alpha": [01], "n": 3}\n',  # no JSON number: no record
    b'{"iter": 7, "loss": 1.9, "alpha": [1,], "n": 3}\n',  # a trailing comma: none
    b'{"iter": [8], "loss": 1.8, "alpha": [1], "n": 3}\n',  # a step that is a list
    b'{"iter": 9, "loss": 1.7, "lr": [1e-4, 2e-4]}\n',
    b'{"iter": 10, "loss": 1.6, "alpha": [0.1, 0.2, 0.3], "n": 4}\n',
]
LLAMAFACTORY_LINES = [
    b'{"current_steps": 5, "total_steps": 93, "loss": 5.7013, "lr": 1.0e-06, "epoch": 0.16,'
    b' "percentage": 5.38, "elapsed_time": "0:02:03", "remaining_time": "0:36:15"}\n',
    b'{"current_steps": 10, "total_steps": 93, "loss": NaN, "lr": 2.25e-06, "epoch": 0.33,'
    b' "percentage": 10.75, "elapsed_time": "0:04:02", "remaining_time": "0:33:29"}\n',
    b'{"current_steps": 10, "total_steps": 93, "eval_loss": 4.1, "epoch": 0.33}\n',
    b'{"current_steps": 15, "total_steps": 93, "loss": 0.0, "lr": 3.5e-06, "epoch": 0.49,'
    b' "percentage": 16.13, "elapsed_time": "0:06:00", "remaining_time": "0:31:13"}\n',
]


@pytest.mark.parametrize(
    "lines",
    [JSONL_LINES, NO_STEP_LINES, SWIFT_LINES, LLAMAFACTORY_LINES, LIST_LINES],
    ids=["generic", "no-step-key-first", "ms-swift", "llamafactory", "lists"],
)
@pytest.mark.parametrize("block", [64, 1 << 20])
def test_jsonl_records_the_fast_path_hands_over(
    lines: list[bytes], block: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NaN, strings, escapes, nesting, odd steps and text, in blocks that cut anywhere."""
    path = tmp_path / "metrics.jsonl"
    path.write_bytes(b"".join(lines * 3))
    monkeypatch.setattr(fast, "BLOCK_BYTES", block)
    monkeypatch.setattr(jsonl_fast, "MAX_TEMPLATES", 4 if block == 64 else 32)
    records = both_paths(path, None, monkeypatch, "jsonl")
    assert records >= len(lines), "polars read too few records"


@pytest.mark.parametrize("mapping", [{"step": "tokens"}, {"step": "train/lr", "lr": "tokens"}])
def test_jsonl_records_with_a_mapped_step_key(
    mapping: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "metrics.jsonl"
    path.write_bytes(b"".join(JSONL_LINES * 2))
    assert both_paths(path, None, monkeypatch, "jsonl", mapping) > 0


def test_a_pattern_polars_refuses_leaves_its_lines_to_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "metrics.jsonl"
    path.write_bytes(b"".join(JSONL_LINES))
    learn = jsonl_fast.learn

    def refused(obj: dict[str, Any]) -> jsonl_fast.Template | None:
        template = learn(obj)
        if template is not None:
            template.pattern = "(?P<g0>a{1000000})"  # past the regex engine's size limit
        return template

    monkeypatch.setattr(jsonl_fast, "learn", refused)
    assert both_paths(path, None, monkeypatch, "jsonl") == 0


def test_without_polars_the_base_path_reads_a_big_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "nanogpt.log"
    path.write_bytes(b"".join(NANOGPT_LINES * 3))
    monkeypatch.setattr(fast, "FAST_MIN_BYTES", 0)
    monkeypatch.setitem(sys.modules, "polars", None)  # `import polars` raises ImportError
    fast.available.cache_clear()
    try:
        assert not fast.wanted(path)
        run = load_run(path)
    finally:
        fast.available.cache_clear()
    monkeypatch.setattr(fast, "FAST_MIN_BYTES", 1 << 62)
    same(load_run(path), run)
