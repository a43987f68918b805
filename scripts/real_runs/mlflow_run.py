#!/usr/bin/env python3
"""Produce real MLflow stores (a file store and a sqlite database) from the tiny GPT.

    python scripts/real_runs/mlflow_run.py --root /tmp/capgen/mlflow

Two runs, a healthy one and then a divergent one (learning rate 3.0, no warm-up, no
clipping), each logged through ``mlflow.tracking.MlflowClient`` to both backends at once:
``file:<root>/mlruns`` and ``sqlite:///<root>/mlflow.db`` (MLflow 3.x refuses new file
stores unless ``MLFLOW_ALLOW_FILE_STORE=true``, which the script sets). Params are the TrainConfig
fields; metrics, every iteration with ``step=iter``: ``train_loss``, ``lr``, ``grad_norm``,
``step_time_ms``, ``tokens_per_sec``; at evaluations ``val_loss`` and ``eval_train_loss``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# MLflow 3.x keeps the file store in maintenance mode and refuses it unless this is set
os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")

from mlflow.entities import Metric, Param
from mlflow.tracking import MlflowClient
from tiny_gpt import TrainConfig, train


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    args = parser.parse_args()
    root = os.path.abspath(args.root)
    os.makedirs(root, exist_ok=True)
    clients = [
        MlflowClient(tracking_uri=f"file:{root}/mlruns"),
        MlflowClient(tracking_uri=f"sqlite:///{root}/mlflow.db"),
    ]
    exp_ids = [c.create_experiment("tiny-gpt") for c in clients]
    runs = {
        "healthy": TrainConfig(max_iters=400),
        "divergent": TrainConfig(
            max_iters=300,
            learning_rate=3.0,
            min_lr=3.0,
            warmup_iters=0,
            grad_clip=0.0,
            eval_interval=50,
        ),
    }
    for name, cfg in runs.items():
        run_ids = [
            c.create_run(e, run_name=name).info.run_id
            for c, e in zip(clients, exp_ids, strict=True)
        ]
        params = [Param(k, str(v)) for k, v in cfg.as_dict().items()]
        for client, run_id in zip(clients, run_ids, strict=True):
            client.log_batch(run_id, params=params)
        for rec in train(cfg):
            ts = int(time.time() * 1000)
            it = rec["iter"]
            values = {
                "train_loss": rec["loss"],
                "lr": rec["lr"],
                "grad_norm": rec["grad_norm"],
                "step_time_ms": rec["time_ms"],
                "tokens_per_sec": rec["tokens_per_sec"],
            }
            if "val_loss" in rec:
                values.update(val_loss=rec["val_loss"], eval_train_loss=rec["eval_train_loss"])
            metrics = [Metric(k, float(v), ts, it) for k, v in values.items()]
            for client, run_id in zip(clients, run_ids, strict=True):
                client.log_batch(run_id, metrics=metrics)
        for client, run_id in zip(clients, run_ids, strict=True):
            client.set_terminated(run_id)
        print(name, run_ids)


if __name__ == "__main__":
    main()
