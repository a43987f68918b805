# capdiag test fixture: overfitting char-level run on CPU (nanoGPT config file)
# dataset: gpl3_char, first 20,000 chars of GPL-3 (18,000 train / 2,000 val tokens)
out_dir = 'out-capdiag-overfit'
eval_interval = 100
eval_iters = 20
log_interval = 10
always_save_checkpoint = False

wandb_log = False

dataset = 'gpl3_char'
gradient_accumulation_steps = 1
batch_size = 12
block_size = 64

n_layer = 6
n_head = 6
n_embd = 192
dropout = 0.0

learning_rate = 1e-3
max_iters = 2000
lr_decay_iters = 2000
min_lr = 1e-4
beta2 = 0.99
warmup_iters = 100

device = 'cpu'
compile = False
dtype = 'float32'
