"""DVCLive's metric histories: one ``[timestamp<TAB>]step<TAB>value`` TSV per metric."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT
from typer.testing import CliRunner

from capdiag.cli import app
from capdiag.load import detect_format, load_run

CORPUS = ROOT / "bench" / "corpus"
# a ProtT5 fine-tune logged by Hugging Face's DVCLiveCallback (held-out batch 167)
OVERFIT = CORPUS / "xu-nomelt-prott5-cluster-split-overfit"
IMPROVING = CORPUS / "xu-nomelt-prott5-50pid-earlystop-still-improving"


def _analyze(path: Path) -> dict[str, object]:
    result = CliRunner().invoke(app, ["analyze", str(path), "-f", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    report: dict[str, object] = json.loads(result.stdout)
    return report


def test_a_real_run_is_read_from_any_of_its_files_or_its_folder() -> None:
    for path in (OVERFIT / "loss.tsv", OVERFIT / "eval_loss.tsv", OVERFIT):
        run = load_run(path)
        assert run.framework == "DVCLive"
        loss, val, lr = run.metric("train_loss"), run.metric("val_loss"), run.metric("lr")
        assert loss is not None and val is not None and lr is not None
        assert (len(loss), len(val), len(lr)) == (1730, 10, 1730)
        assert loss.values[0] == 10.3326 and val.steps[:2].tolist() == [173, 347]


def test_overfitting_is_named_once_the_evaluations_are_read() -> None:
    # eval loss flat at 1.34-1.36 from step 695 (best 1.3364 at 1391) while training falls
    # to 0.5: read from loss.tsv alone, the evaluations were never seen
    report = _analyze(OVERFIT / "loss.tsv")
    over = [f for f in report["findings"] if f["rule"] == "overfitting"]  # type: ignore[index]
    assert [f["severity"] for f in over] == ["warning"]
    assert "1391" in over[0]["title"]
    # a sibling run whose evaluations fell at every one of 91: the rule ran, and is silent
    healthy = _analyze(IMPROVING)
    assert "overfitting" in healthy["coverage"]["rules_run"]  # type: ignore[index]
    assert not [f for f in healthy["findings"] if f["rule"] == "overfitting"]  # type: ignore[index]


def _live(tmp_path: Path) -> Path:
    live = tmp_path / "dvclive"
    (live / "plots" / "metrics" / "train").mkdir(parents=True)
    (live / "plots" / "metrics" / "eval").mkdir()
    (live / "plots" / "metrics" / "train" / "loss.tsv").write_text(
        "timestamp\tstep\tloss\n1700000000000\t0\t4.2\n1700000001000\t1\t3.9\n"
        "1700000002000\t2\t3.5\n1700000003000\t3\t3.3\n"
    )
    (live / "plots" / "metrics" / "eval" / "loss.tsv").write_text(
        "timestamp\tstep\tloss\n1700000001500\t1\t3.95\n1700000003500\t3\t3.4\n"
    )
    (live / "params.yaml").write_text("learning_rate: 0.0003\n")
    return live


def test_nested_names_timestamps_and_params(tmp_path: Path) -> None:
    live = _live(tmp_path)
    for path in (live, live / "plots", live / "plots" / "metrics" / "train" / "loss.tsv"):
        run = load_run(path)
        loss, val = run.metric("train_loss"), run.metric("val_loss")
        assert loss is not None and val is not None
        assert loss.steps.tolist() == [0, 1, 2, 3] and loss.values[-1] == 3.3
        assert val.steps.tolist() == [1, 3] and val.values.tolist() == [3.95, 3.4]
        assert run.config.get("learning_rate") == 0.0003  # Live.log_param's params.yaml


def test_other_tab_separated_files_are_not_dvclive(tmp_path: Path) -> None:
    table = tmp_path / "metrics.tsv"
    table.write_text("epoch\tloss\tval_loss\n0\t2.0\t2.1\n1\t1.5\t1.7\n2\t1.2\t1.5\n")
    assert detect_format(table).NAME != "dvclive"
    from capdiag.parsers import dvclive

    stray = tmp_path / "notes.tsv"
    stray.write_text("step\tloss\textra\n0\t1.0\t2\n")  # three columns: not one metric
    assert dvclive.sniff(stray, stray.read_bytes()) == 0
    assert dvclive.sniff(tmp_path, b"") == 0  # a folder of such files is none either
