"""Detection never takes prose or configs for a training log."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, ROOT

from capdiag.load import InputError, detect_format

NOT_LOGS = [
    *sorted(DATA.glob("**/PROVENANCE.md")),
    ROOT / "README.md",
    ROOT / "CHANGELOG.md",
    ROOT / "examples" / "configs" / "seed_gpt2_fineweb_rtx4070.py",
    ROOT / "pyproject.toml",
]


@pytest.mark.parametrize("path", NOT_LOGS, ids=[str(p.relative_to(ROOT)) for p in NOT_LOGS])
def test_prose_and_configs_are_not_logs(path: Path) -> None:
    with pytest.raises(InputError, match="not a recognised training log"):
        detect_format(path)


def test_every_shape_shown_is_read_by_its_own_format(tmp_path: Path) -> None:
    # the line the error shows as a format's shape must be one that format reads
    from capdiag.load import FORMAT_SHAPES

    for name, line in FORMAT_SHAPES.items():
        log = tmp_path / f"{name}.log"
        log.write_text("\n".join([line] * 3) + "\n")
        assert name == detect_format(log).NAME


@pytest.mark.parametrize(
    ("line", "closest", "mapping"),
    [
        ("iter 10 | loss 2.3", "closest is nanogpt", "--map step=iter,loss=loss"),
        (
            "iteration 5 | lm loss 3.2 | learning rate 1e-4",
            "closest is megatron",
            "--map 'step=iteration,loss=lm loss'",
        ),
        ("hello world", None, "--map step=KEY,loss=KEY"),
    ],
)
def test_an_unread_log_names_the_closest_format_and_a_map(
    tmp_path: Path, line: str, closest: str | None, mapping: str
) -> None:
    log = tmp_path / "train.log"
    log.write_text(f"{line}\n{line}\n")
    with pytest.raises(InputError) as error:
        detect_format(log)
    message = str(error.value)
    assert mapping in message
    assert (closest in message) if closest else ("closest" not in message)


def test_no_format_sniffs_above_its_stated_maximum() -> None:
    # detection skips a format whose SNIFF_MAX cannot beat the best score so far, or whose
    # marks a file lacks: every sample and corpus file and folder holds each sniff to both
    from capdiag.load import _head
    from capdiag.parsers import SNIFF_MAX, format_modules, may_sniff

    modules = format_modules()
    assert {m.__name__.rsplit(".", 1)[1] for m in modules} == set(SNIFF_MAX)
    paths = [p for top in (DATA, ROOT / "bench" / "corpus") for p in sorted(top.rglob("*"))]
    assert len(paths) > 1000
    reached = dict.fromkeys(SNIFF_MAX, 0)
    for path in paths:
        head = _head(path)
        for module in modules:
            name = module.__name__.rsplit(".", 1)[1]
            score = module.sniff(path, head)
            assert score <= SNIFF_MAX[name], (path, name, score)
            assert score == 0 or may_sniff(name, head), (path, name, score)
            reached[name] = max(reached[name], score)
    assert reached["nanogpt"] == 90 and reached["text"] == 10 and reached["jsonl"] == 97
