"""Real PyTorch Lightning runs on CPU: a tiny GPT-2 (random init) on char data made here.

Usage: python scripts/real_runs/lightning_runs.py OUT_DIR {healthy,overfit}

- healthy: 400k characters, 400 steps (about one epoch), lr 1e-3, val every 25 steps.
- overfit: the same model on 4,000 characters for 100 epochs (400 steps), val every 5 epochs:
  the training loss keeps falling while the validation loss turns up.

Logs through CSVLogger (OUT_DIR/csv/version_0/metrics.csv + hparams.yaml) and TensorBoardLogger
(OUT_DIR/tb/version_0/events.out.tfevents.*) at once, with a LearningRateMonitor.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import lightning as L
import torch
from lightning.pytorch.callbacks import LearningRateMonitor
from lightning.pytorch.loggers import CSVLogger, TensorBoardLogger
from torch.utils.data import DataLoader, TensorDataset
from transformers import GPT2Config, GPT2LMHeadModel

sys.path.insert(0, str(Path(__file__).parent))
from chardata import blocks, encode, make_text, vocab


class TinyGPT(L.LightningModule):
    def __init__(
        self,
        n_layer: int,
        n_head: int,
        n_embd: int,
        block_size: int,
        vocab_size: int,
        dropout: float,
        lr: float,
        weight_decay: float,
        batch_size: int,
        max_steps: int,
    ) -> None:
        super().__init__()
        self.save_hyperparameters()
        config = GPT2Config(
            n_layer=n_layer,
            n_head=n_head,
            n_embd=n_embd,
            n_positions=block_size,
            vocab_size=vocab_size,
            resid_pdrop=dropout,
            embd_pdrop=dropout,
            attn_pdrop=dropout,
            bos_token_id=0,
            eos_token_id=0,
        )
        self.model = GPT2LMHeadModel(config)

    def training_step(self, batch: list[torch.Tensor], batch_idx: int) -> torch.Tensor:
        (ids,) = batch
        loss: torch.Tensor = self.model(input_ids=ids, labels=ids).loss
        self.log("train_loss", loss, on_step=True, on_epoch=True, prog_bar=True)
        return loss

    def validation_step(self, batch: list[torch.Tensor], batch_idx: int) -> None:
        (ids,) = batch
        loss = self.model(input_ids=ids, labels=ids).loss
        self.log("val_loss", loss, prog_bar=True)

    def configure_optimizers(self) -> Any:
        return torch.optim.AdamW(
            self.parameters(), lr=self.hparams["lr"], weight_decay=self.hparams["weight_decay"]
        )


def main() -> None:
    out, kind = Path(sys.argv[1]), sys.argv[2]
    L.seed_everything(0)
    torch.set_num_threads(1)
    block, batch = 64, 16
    healthy = kind == "healthy"
    text = make_text(400_000 if healthy else 4_000, seed=1)
    val_text = make_text(20_000, seed=2)
    chars = vocab(make_text(400_000, seed=1) + val_text)
    train_ids = torch.tensor(blocks(encode(text, chars), block, block))
    val_ids = torch.tensor(blocks(encode(val_text, chars), block, block)[:64])
    train = DataLoader(TensorDataset(train_ids), batch_size=batch, shuffle=True)
    val = DataLoader(TensorDataset(val_ids), batch_size=32)
    model = TinyGPT(
        n_layer=2,
        n_head=2,
        n_embd=64,
        block_size=block,
        vocab_size=96,
        dropout=0.0,
        lr=1e-3,
        weight_decay=0.01,
        batch_size=batch,
        max_steps=400,
    )
    trainer = L.Trainer(
        accelerator="cpu",
        devices=1,
        max_steps=400,
        max_epochs=-1,
        log_every_n_steps=10,
        val_check_interval=25 if healthy else None,
        check_val_every_n_epoch=1 if healthy else 5,
        logger=[CSVLogger(out, name="csv"), TensorBoardLogger(out, name="tb")],
        callbacks=[LearningRateMonitor(logging_interval="step")],
        enable_checkpointing=False,
        num_sanity_val_steps=0,
    )
    trainer.fit(model, train, val)


if __name__ == "__main__":
    main()
