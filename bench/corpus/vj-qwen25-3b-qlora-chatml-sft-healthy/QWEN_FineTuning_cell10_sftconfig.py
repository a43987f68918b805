training_args = SFTConfig(
    output_dir="./Qwen2.5-3B-ChatML-LoRA-2k",

    # --- MEMORY MANAGEMENT ---
    per_device_train_batch_size=2,
    gradient_accumulation_steps=8,
    per_device_eval_batch_size=2,

    # --- LEARNING DYNAMICS ---
    learning_rate=2e-4,
    warmup_steps=20,
    num_train_epochs=3,

    # --- LOGGING & SAVING ---
    logging_steps=10,
    eval_strategy="steps",
    eval_steps=50,
    save_strategy="steps",
    save_steps=50,

    # --- PRECISION & OPTIMIZER  ---
    fp16=False,
    bf16=False,
    optim="paged_adamw_8bit",

    # --- DATA FORMATTING ---
    dataset_text_field="text",
    max_length=1024,
    report_to="wandb"
)
