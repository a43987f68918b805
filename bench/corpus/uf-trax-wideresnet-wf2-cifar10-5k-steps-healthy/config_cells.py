# --- notebook cell 27 (verbatim source) ---
%%capture
train_stream = trax.data.TFDS('cifar10', keys=('image', 'label'), train=True)()
eval_stream = trax.data.TFDS('cifar10', keys=('image', 'label'), train=False)()
# --- notebook cell 30 (verbatim source) ---
train_data_pipeline = trax.data.Serial(
    trax.data.Shuffle(),
    trax.data.Batch(64),
    trax.data.AddLossWeights(),
)

train_batches_stream = train_data_pipeline(train_stream)

eval_data_pipeline = trax.data.Serial(
    trax.data.Batch(64),
    trax.data.AddLossWeights(),
)

eval_batches_stream = eval_data_pipeline(eval_stream)
# --- notebook cell 33 (verbatim source) ---
thin_model = tl.Serial(
    WideResnet(widen_factor = 1),
    tl.LogSoftmax()
)

wide_model = tl.Serial(
    WideResnet(widen_factor = 2),
    tl.LogSoftmax()
)
# --- notebook cell 35 (verbatim source) ---
train_task = training.TrainTask(
    labeled_data=train_batches_stream,
    loss_layer=tl.CrossEntropyLoss(),
    optimizer=trax.optimizers.Adam(0.01),
    n_steps_per_checkpoint=1000,
)

eval_task = training.EvalTask(
    labeled_data=eval_batches_stream,
    metrics=[tl.CrossEntropyLoss(), tl.Accuracy()],
    n_eval_batches=20,
)
