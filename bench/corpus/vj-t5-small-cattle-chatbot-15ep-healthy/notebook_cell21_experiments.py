print("HYPERPARAMETER TUNING EXPERIMENTS")
print("\nEXPERIMENT DESIGN:")
# Define experiment configurations
experiments_config = {
    "Exp1_LowLR": {
        "name": "Low Learning Rate",
        "learning_rate": 1e-5,
        "batch_size": 8,
        "epochs": 15,
        "model_name": "t5-small",
        "description": "Very conservative learning (1e-5)"
    },
    "Exp2_HighLR": {
        "name": "High Learning Rate",
        "learning_rate": 1e-4,
        "batch_size": 8,
        "epochs": 15,
        "model_name": "t5-small",
        "description": "Aggressive learning (1e-4)"
    },
    "Exp3_Baseline": {
        "name": "Baseline Configuration (RECOMMENDED)",
        "learning_rate": 5e-5,
        "batch_size": 8,
        "epochs": 15,
        "model_name": "t5-small",
        "description": "Balanced hyperparameters (5e-5)"
    },
    "Exp4_LargeBatch": {
        "name": "Larger Batch Size",
        "learning_rate": 5e-5,
        "batch_size": 16,
        "epochs": 15,
        "model_name": "t5-small",
        "description": "Larger batch (16) for smoother gradients"
    }
}
print("EXPERIMENT CONFIGURATIONS")
for exp_id, config in experiments_config.items():
    print(f"\n{exp_id}: {config['name']}")
    print(f"  - LR: {config['learning_rate']}, Batch: {config['batch_size']}, "
          f"Epochs: {config['epochs']}")
    print(f"  - Model: {config['model_name']}")
    print(f"  - Rationale: {config['description']}")
# Dictionary to store results
experiment_results = {}
print("RUNNING EXPERIMENTS")
for exp_idx, (exp_id, config) in enumerate(experiments_config.items(), 1):
    print(f"EXPERIMENT {exp_idx}/4: {config['name']}")
    print(f"\nConfiguration:")
    print(f"  Learning Rate: {config['learning_rate']}")
    print(f"  Batch Size: {config['batch_size']}")
    print(f"  Epochs: {config['epochs']}")
    print(f"  Model: {config['model_name']}")
    # Load fresh model for each experiment
    print(f"\nLoading model: {config['model_name']}...")
    exp_tokenizer = T5Tokenizer.from_pretrained(config['model_name'])
    exp_model = T5ForConditionalGeneration.from_pretrained(config['model_name'])
    exp_model = exp_model.to(device)
    # Create training arguments for this experiment
    exp_training_args = TrainingArguments(
        output_dir=f"./cattle_chatbot_{exp_id}",
        eval_strategy="epoch",
        learning_rate=config['learning_rate'],
        per_device_train_batch_size=config['batch_size'],
        per_device_eval_batch_size=config['batch_size'],
        num_train_epochs=config['epochs'],
        weight_decay=0.01,
        save_total_limit=2,
        save_strategy="epoch",
        load_best_model_at_end=True,
        metric_for_best_model="eval_loss",
        greater_is_better=False,
        logging_steps=5,
        warmup_steps=50,
        fp16=torch.cuda.is_available(),
        report_to="none",
        seed=42,
        max_grad_norm=1.0
    )
    # Create trainer
    exp_data_collator = DataCollatorForSeq2Seq(tokenizer=exp_tokenizer, model=exp_model)
    exp_trainer = Trainer(
        model=exp_model,
        args=exp_training_args,
        train_dataset=train_dataset,
        eval_dataset=val_dataset,
        tokenizer=exp_tokenizer,
        data_collator=exp_data_collator
    )
    # Train
    print("\nTraining in progress...")
    exp_start = datetime.now()
    exp_train_result = exp_trainer.train()
    exp_end = datetime.now()
    exp_training_time = (exp_end - exp_start).total_seconds() / 60
    print(f"Training completed in {exp_training_time:.2f} minutes")
    print(f"Final Training Loss: {exp_train_result.training_loss:.4f}")
    # Store results
    experiment_results[exp_id] = {
        "config": config,
        "training_loss": exp_train_result.training_loss,
        "training_time": exp_training_time,
        "model": exp_model,
        "tokenizer": exp_tokenizer,
        "trainer": exp_trainer
    }
    print(f"{exp_id} completed!")
print("ALL EXPERIMENTS COMPLETED")
