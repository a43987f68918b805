"""Real Hugging Face Trainer runs on CPU: a tiny GPT-2 (random init) on char data made here.

Usage: python scripts/real_runs/hf_trainer_runs.py OUT_DIR {healthy,diverge,badinit}

- healthy: lr 1e-3, 20 warm-up steps then constant, grad clipping 1.0, 16 evals.
- diverge: lr 1.0 (Adam) with clipping off: the loss blows up and never recovers.
- badinit: the healthy settings but initializer_range=2.0 (GPT-2 uses 0.02), 40 steps logged
  every step, so the first logged loss is the loss of the untrained model.

Writes OUT_DIR/<name>/ with trainer_state.json, config.json, training_args.json (TrainingArguments'
own to_json_string), checkpoint-*/ (weights removed afterwards by the caller), runs/ (TensorBoard
events from report_to=["tensorboard"]). Run it with stdout+stderr redirected to stdout.log.
"""

from __future__ import annotations

import sys
from pathlib import Path

import torch
from transformers import GPT2Config, GPT2LMHeadModel, Trainer, TrainingArguments

sys.path.insert(0, str(Path(__file__).parent))
from chardata import blocks, encode, make_text, vocab

BLOCK = 64


class Blocks(torch.utils.data.Dataset[dict[str, torch.Tensor]]):
    def __init__(self, rows: list[list[int]]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i: int) -> dict[str, torch.Tensor]:
        ids = torch.tensor(self.rows[i], dtype=torch.long)
        return {"input_ids": ids, "labels": ids.clone()}


def main() -> None:
    out, kind = Path(sys.argv[1]), sys.argv[2]
    torch.manual_seed(0)
    torch.set_num_threads(1)
    text = make_text(400_000, seed=1)
    val_text = make_text(20_000, seed=2)
    chars = vocab(text + val_text)
    train = Blocks(blocks(encode(text, chars), BLOCK, BLOCK))
    val = Blocks(blocks(encode(val_text, chars), BLOCK, BLOCK)[:64])
    config = GPT2Config(
        n_layer=2,
        n_head=2,
        n_embd=64,
        n_positions=BLOCK,
        vocab_size=96,
        bos_token_id=0,
        eos_token_id=0,
        initializer_range=2.0 if kind == "badinit" else 0.02,
    )
    model = GPT2LMHeadModel(config)
    healthy = kind in ("healthy", "badinit")
    short = kind == "badinit"
    args = TrainingArguments(
        output_dir=str(out),
        max_steps=40 if short else 400,
        per_device_train_batch_size=16,
        per_device_eval_batch_size=32,
        gradient_accumulation_steps=1,
        learning_rate=1e-3 if healthy else 1.0,
        lr_scheduler_type="constant_with_warmup" if healthy else "constant",
        warmup_steps=20 if healthy else 0,
        max_grad_norm=1.0 if healthy else 0.0,
        weight_decay=0.01,
        logging_steps=1 if short else 10,
        eval_strategy="steps",
        eval_steps=20 if short else 25,
        save_strategy="steps",
        save_steps=40 if short else 200,
        report_to=["tensorboard"],
        include_num_input_tokens_seen=True,
        use_cpu=True,
        seed=0,
        dataloader_num_workers=0,
    )
    trainer = Trainer(model=model, args=args, train_dataset=train, eval_dataset=val)
    trainer.train()
    trainer.save_state()
    trainer.save_model()
    (out / "training_args.json").write_text(args.to_json_string())


if __name__ == "__main__":
    main()
