config = {"seq_length":197, "hidden_size":256,"n_layers":2, "output_dim":2}



