FPS=1 \
MAX_PIXELS=101920 \
CUDA_VISIBLE_DEVICES=0,1,2,3,4,5,6,7 \
NNODES=2 \
NODE_RANK=$NODE_RANK \
MASTER_ADDR=$MASTER_ADDR \
NPROC_PER_NODE=8 \
MASTER_PORT=$MASTER_PORT swift sft \
  --model_type qwen2_5_vl \
  --model $model_path \
  --train_type full \
  --freeze_vit true \
  --dataset $train_dataset_path \
  --logging_steps 1 \
  --deepspeed zero2 \
  --dataloader_num_workers 4 \
  --num_train_epochs 2 \
  --save_steps 200 \
  --eval_steps 50 \
  --learning_rate 1e-05 \
  --save_total_limit 5 \
  --per_device_train_batch_size 2 \
  --gradient_accumulation_steps 2 \
  --torch_dtype bfloat16 \
  --max_length 8192 \
  --attn_impl flash_attn \
  --gradient_checkpointing true \
