"""training_args.bin: a pickled TrainingArguments, decoded and never unpickled."""

from __future__ import annotations

import io
import pickletools
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from capdiag.analysis import analyze
from capdiag.findings import Severity
from capdiag.load import load_run
from capdiag.parsers.pickled_args import read_training_args

CORPUS = ROOT / "bench" / "corpus"


def _run(run_id: str) -> Path:
    label = yaml.safe_load((CORPUS / run_id / "label.yaml").read_text())
    return CORPUS / run_id / label["log"]


def _args_file(run_id: str) -> Path:
    return next((CORPUS / run_id).rglob("training_args.bin"))


def _disassembled(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith("data.pkl"))
        out = io.StringIO()
        pickletools.dis(archive.read(name), out)
    return out.getvalue()


@pytest.mark.parametrize(
    "run_id",
    [
        "we-tinyllama-lora-3-sentences-33ep-gradnorm-40x-clip",
        "vx-trl-sft-gams1b-lora-periodic-loss-spikes",
        "uu-hf-roberta-indonesian-hate-tweets-2ep-healthy",
    ],
)
def test_the_values_are_those_the_pickle_holds(run_id: str) -> None:
    # the oracle: pickletools' own listing, each key's BINUNICODE followed by its value
    listing = _disassembled(_args_file(run_id))
    args = read_training_args(_args_file(run_id))
    assert args is not None
    for key in ("learning_rate", "max_grad_norm", "gradient_accumulation_steps", "max_steps"):
        m = re.search(rf"BINUNICODE '{key}'\n.*\n.*?(?:BINFLOAT|BININT1?|BININT2)\s+(\S+)", listing)
        assert m is not None, key
        assert args[key] == float(m.group(1)), key
    # an enum member reads as its value: SchedulerType('linear') is 'linear'
    scheduler = re.search(r"SchedulerType'\n.*\n.*BINUNICODE '(\w+)'", listing)
    assert scheduler is not None and args["lr_scheduler_type"] == scheduler.group(1)


def test_a_stated_clip_makes_grad_norm_a_finding_on_a_bad_run_and_not_a_healthy_one() -> None:
    # TinyLlama LoRA (labelled): grad norms 40x the clip the pickle states (1.0); before,
    # the clip was the Trainer's default, assumed, and the rule stayed at info
    bad = analyze(load_run(_run("we-tinyllama-lora-3-sentences-33ep-gradnorm-40x-clip")))
    severity = {f.rule: f.severity for f in bad.findings}
    assert severity["grad-norm"] == Severity.warning
    # a healthy RoBERTa fine-tune with its training_args.bin: no grad-norm warning
    ok = analyze(load_run(_run("uu-hf-roberta-indonesian-hate-tweets-2ep-healthy")))
    assert not [f for f in ok.findings if f.severity >= Severity.warning]


def _archive(tmp_path: Path, pickle_bytes: bytes) -> Path:
    path = tmp_path / "training_args.bin"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("training_args/data.pkl", pickle_bytes)
    return path


def test_a_pickle_that_calls_code_is_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    # protocol 0: os.system("touch <marker>"), then STOP; unpickling would run it
    hostile = f"cos\nsystem\n(S'touch {marker}'\ntR.".encode()
    assert read_training_args(_archive(tmp_path, hostile)) is None
    assert not marker.exists()
    # a TrainingArguments whose state holds a call: the call is an opaque mark, not run
    built = (
        b"\x80\x02ctransformers.training_args\nTrainingArguments\n)\x81}(X\r\x00\x00\x00"
        b"learning_rateG?\x1a6\xe2\xeb\x1cC-X\x03\x00\x00\x00cmdcos\nsystem\n"
        + f"X{len(str(marker)) + 6:c}\x00\x00\x00touch {marker}".encode()
        + b"\x85Rub."
    )
    args = read_training_args(_archive(tmp_path, built))
    assert args == {"learning_rate": 0.0001, "cmd": f"touch {marker}"}
    assert not marker.exists()


@pytest.mark.parametrize(
    "pickle_bytes",
    [
        b"\x80\x02" + b"]" * 1 + b"(" * 50_000 + b"l" * 50_000 + b".",  # deep lists
        b"\x80\x02}q\x00(X\x01\x00\x00\x00a" + b"h\x00" * 300_000 + b"u.",  # too many opcodes
        b"\x80\x02\x8c\x03abc\x8c\x03def\x93.",  # a class, no TrainingArguments
        b"not a pickle",
        b"",
    ],
)
def test_malformed_or_hostile_pickles_read_as_nothing(tmp_path: Path, pickle_bytes: bytes) -> None:
    assert read_training_args(_archive(tmp_path, pickle_bytes)) is None


def test_a_git_lfs_pointer_is_not_an_archive(tmp_path: Path) -> None:
    path = tmp_path / "training_args.bin"
    path.write_text("version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 4\n")
    assert read_training_args(path) is None
