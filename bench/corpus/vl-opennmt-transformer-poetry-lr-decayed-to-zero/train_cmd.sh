python3 train.py -data data/nmt \
        -gpuid 3 \
	-optim adam  -learning_rate 0.001 \
	-encoder_type transformer \
        -decoder_type transformer \
        -save_model model/nmt-model
