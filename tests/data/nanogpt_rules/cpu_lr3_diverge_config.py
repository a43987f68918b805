# capdiag rules fixture: a run that diverges once warmup brings the learning rate too high
# (nanoGPT config file; Adam at a constant lr 3.0 after a 50-step warmup, no clipping)
out_dir = 'out-capdiag-rules-divergence2'
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
warmup_iters = 50
decay_lr = False
lr_decay_iters = 150
min_lr = 1e-1
grad_clip = 0.0
max_iters = 150
beta2 = 0.99

device = 'cpu'
compile = False
dtype = 'float32'
