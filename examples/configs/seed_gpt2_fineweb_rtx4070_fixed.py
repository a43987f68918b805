# train "GPT-2" on FineWeb on one RTX 4070 (12 GB)
# launch: python train.py config/train_gpt2_fineweb.py
out_dir = 'out-fineweb'
eval_interval = 500
eval_iters = 200
log_interval = 10

wandb_log = False

dataset = 'fineweb'
# ~0.5M tokens per step: 16 batch * 1024 block * 32 grad accum = 524,288
gradient_accumulation_steps = 64
batch_size = 8
block_size = 1024

# model (~125M parameters)
n_layer = 12
n_head = 12
n_embd = 768
dropout = 0.0
bias = False

learning_rate = 6e-4
max_iters = 4774
lr_decay_iters = 4774
min_lr = 6e-5
warmup_iters = 167
weight_decay = 1e-1

compile = True
