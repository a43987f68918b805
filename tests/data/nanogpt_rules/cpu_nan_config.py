# capdiag rules fixture: a learning rate of 1e6 overflows float32: the loss becomes nan
# (nanoGPT config file; constant lr, decay_lr = False so warmup_iters is ignored, no clipping)
out_dir = 'out-capdiag-rules-nan'
eval_interval = 20
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

learning_rate = 1e6
warmup_iters = 50
decay_lr = False
lr_decay_iters = 60
min_lr = 1e-1
grad_clip = 0.0
max_iters = 60
beta2 = 0.99

device = 'cpu'
compile = False
dtype = 'float32'
