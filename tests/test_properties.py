"""Property tests (hypothesis): the config evaluator and every text parser, on generated input.

- nothing but capdiag's input error ever escapes;
- every report's JSON is valid against docs/report.schema.json;
- the same input gives the same report, byte for byte;
- two nanoGPT runs concatenated into one log read as two segments (the only format whose
  single file can hold several processes; the others write one process per file or folder).
"""

from __future__ import annotations

import io
import json
import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capdiag.config import ConfigError, parse_mapping_config, parse_python_config

SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

# ---- the config evaluator ----------------------------------------------------------------

NAMES = st.sampled_from(["a", "b", "n_layer", "n_head", "dtype", "x"])
LEAVES = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["'bfloat16'", "'%s'", "'x' * 3", "True", "None", "[]", "1e308"]),
    NAMES,
)
EXPRESSIONS = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "//", "%", "**"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        inner.map(lambda e: f"-{e}"),
    ),
    max_leaves=12,
)
ASSIGNMENTS = st.lists(st.tuples(NAMES, EXPRESSIONS), min_size=1, max_size=12).map(
    lambda pairs: "".join(f"{name} = {expr}\n" for name, expr in pairs)
)


def _logical_size(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list):
        return len(value) + sum(_logical_size(v) for v in value)
    return 1


@SETTINGS
@given(text=st.one_of(ASSIGNMENTS, st.text(max_size=300)))
def test_the_evaluator_raises_only_config_errors_and_stays_in_budget(text: str) -> None:
    try:
        first = parse_python_config(text, "generated.py")
    except ConfigError:
        return
    second = parse_python_config(text, "generated.py")
    assert first.model_dump() == second.model_dump()  # deterministic
    for value in first.values.values():
        assert _logical_size(value) <= 200_000
        assert len(str(value)) <= 200_000  # str() of a 4,300-digit int would raise


@SETTINGS
@given(
    text=st.one_of(
        st.text(max_size=300),
        st.recursive(
            st.one_of(st.integers(), st.floats(), st.text(max_size=10), st.none()),
            lambda inner: st.one_of(
                st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)
            ),
            max_leaves=20,
        ).map(json.dumps),
    ),
    suffix=st.sampled_from([".yaml", ".json"]),
)
def test_yaml_and_json_configs_raise_only_config_errors(text: str, suffix: str) -> None:
    try:
        parsed = parse_mapping_config(text, "generated" + suffix)
    except ConfigError:
        return
    assert parsed.model_dump() == parse_mapping_config(text, "generated" + suffix).model_dump()


# ---- every text parser ---------------------------------------------------------------------

CORPUS = ROOT / "bench" / "corpus"
SEEDS = {
    "nanogpt": DATA / "nanogpt" / "cpu_healthy.log",
    "llmc": DATA / "llmc" / "cpu_train_gpt2_py_stdout.log",
    "modded_nanogpt": DATA / "modded_nanogpt" / "2024-10-10_Muon_eb5659d0_cut.txt",
    "hf_trainer": DATA / "hf_trainer" / "healthy" / "trainer_state.json",
    "lightning": DATA / "lightning" / "healthy" / "version_0" / "metrics.csv",
    "torchtitan": DATA / "torchtitan" / "pr1287_llama3_8b.log",
    "megatron": DATA / "megatron" / "epfllm_issue11_a.log",
    "nanochat": CORPUS
    / "lc-nanochat-rtx4070-d18-resume-20k"
    / "base-d18-resume_20k_2026-02-10_2126.txt",
    "jsonl": DATA / "jsonl" / "healthy" / "metrics.jsonl",
    "build_nanogpt": CORPUS
    / "rc-agndm-buildnanogpt-124m-1epoch"
    / "log_1_epoch"
    / "nanogpt-train-1806877.out",
    "text": DATA / "llmc" / "cpu_train_gpt2_py_stdout.log",
}
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
AWKWARD = st.one_of(
    st.floats().map(repr),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.sampled_from(["nan", "inf", "-inf", "NaN", "1e400", "9" * 5000, "0", "-0", ".", "1,0"]),
)


@cache
def _validator() -> Any:
    import jsonschema

    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def _report_json(path: Path, log_format: str | None) -> str | None:
    """The report as JSON, or None when capdiag refused the input with its input error."""
    from rich.console import Console

    from capdiag.analysis import NothingRead
    from capdiag.load import InputError
    from capdiag.many import analyze_path
    from capdiag.render.output import render_one

    try:
        report = analyze_path(path, log_format=log_format)
    except (InputError, NothingRead):
        return None
    buffer = io.StringIO()
    render_one(report, "json", False, Console(file=buffer, width=100))
    return buffer.getvalue()


def _mutate(text: str, data: st.DataObject) -> str:
    lines = text.splitlines(keepends=True)
    for op, where in data.draw(
        st.lists(
            st.tuples(st.sampled_from(["drop", "dup", "cut"]), st.integers(0, 10**6)), max_size=3
        )
    ):
        i = where % max(len(lines), 1)
        if op == "drop" and lines:
            del lines[i]
        elif op == "dup" and lines:
            lines.insert(i, lines[i])
        elif op == "cut":
            lines = lines[:i]
    text = "".join(lines)
    found = list(NUMBER.finditer(text))
    if not found:
        return text
    swaps = data.draw(st.lists(st.tuples(st.integers(0, 10**6), AWKWARD), max_size=6))
    for index, value in sorted(swaps, key=lambda s: -(s[0] % len(found))):
        m = found[index % len(found)]
        text = text[: m.start()] + value + text[m.end() :]
        found = list(NUMBER.finditer(text))
        if not found:
            break
    return text


@pytest.mark.parametrize("fmt", list(SEEDS))
@SETTINGS
@given(data=st.data())
def test_every_parser_on_generated_logs(fmt: str, data: st.DataObject) -> None:
    seed = SEEDS[fmt]
    head = "".join(seed.read_text(encoding="utf-8", errors="replace").splitlines(True)[:3000])
    text = _mutate(head, data)
    forced = data.draw(st.sampled_from([fmt, None]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / seed.name
        path.write_text(text, encoding="utf-8")
        first = _report_json(path, forced)
        second = _report_json(path, forced)
    assert first == second  # deterministic, refusals included
    if first is not None:
        errors = list(_validator().iter_errors(json.loads(first)))
        assert not errors, errors[0].message


@SETTINGS
@given(data=st.data())
def test_two_nanogpt_runs_in_one_log_are_two_segments(data: st.DataObject) -> None:
    from capdiag.load import load_run

    runs = [
        DATA / "nanogpt" / "cpu_healthy.log",
        DATA / "nanogpt" / "cpu_overfit.log",
        DATA / "nanogpt" / "cpu_divergent.log",
    ]
    first, second = data.draw(st.lists(st.sampled_from(runs), min_size=2, max_size=2))
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "train.log"
        log.write_bytes(first.read_bytes() + second.read_bytes())
        one, two = load_run(first), load_run(second)
        both = load_run(log)
    assert len(one.segments) == len(two.segments) == 1
    assert len(both.segments) == 2
    first_half, second_half = both.segments
    assert (first_half.first_step, first_half.last_step) == (
        one.segments[0].first_step,
        one.segments[0].last_step,
    )
    assert (second_half.first_step, second_half.last_step) == (
        two.segments[0].first_step,
        two.segments[0].last_step,
    )
