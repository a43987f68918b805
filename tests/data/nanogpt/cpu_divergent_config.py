# capdiag test fixture: divergent run, learning rate far too high, no warmup, no clipping (nanoGPT config file)
out_dir = 'out-capdiag-divergent'
eval_interval = 50
eval_iters = 20
log_interval = 5
always_save_checkpoint = False

wandb_log = False

dataset = 'stdlib_char'
gradient_accumulation_steps = 1
batch_size = 12
block_size = 64

n_layer = 4
n_head = 4
n_embd = 128
dropout = 0.0

learning_rate = 1e-1
decay_lr = False
warmup_iters = 0
grad_clip = 0.0
max_iters = 300
lr_decay_iters = 300
min_lr = 1e-2
beta2 = 0.99

device = 'cpu'
compile = False
dtype = 'float32'
