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
