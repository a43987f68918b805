# capdiag rules fixture: a run that learns during warmup, then diverges for good as the
# learning rate climbs (nanoGPT config file; Adam, lr warmup to 3.0 over 200 iters,
# lr_decay_iters far beyond max_iters so the rate never decays, no clipping)
out_dir = 'out-capdiag-rules-divergence4'
eval_interval = 25
eval_iters = 10
log_interval = 1
always_save_checkpoint = True

wandb_log = False

dataset = 'stdlib_char'
gradient_accumulation_steps = 1
batch_size = 12
block_size = 64

n_layer = 2
n_head = 2
n_embd = 64
dropout = 0.0

learning_rate = 3.0
warmup_iters = 200
decay_lr = True
lr_decay_iters = 100000
min_lr = 3e-1
grad_clip = 0.0
max_iters = 250
beta2 = 0.99

device = 'cpu'
compile = False
dtype = 'float32'
