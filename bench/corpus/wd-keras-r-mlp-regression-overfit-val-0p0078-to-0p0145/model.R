`#Build Model
`
`model1<-keras_model_sequential()
`
`model1 %>% 
  `
`layer_dense(units = 256, activation = 'relu', input_shape = ncol(x_train_)) %>% 
  `
`layer_dropout(rate = 0.4) %>% 
  `
` # Second hidden layer
  `
`layer_dense(units = 128, kernel_initializer = "uniform", activation = "relu") %>% 
  `
`layer_dropout(rate = 0.3) %>%
  `
`# Output layer
  `
`layer_dense(
  `
`  units              = 1, kernel_initializer="uniform",
  `
`  ) %>%`

`# Compile ANN
set.seed(100)
model1 %>% compile(
  optimizer = optimizer_adam(),
  loss      = 'mean_squared_error',
  metrics   = c('accuracy')
)`

And fit it using:

`# Fit the keras model to the training data
history <- fit(model1, 
  x                = as.matrix(x_train_), 
  y                = y_train_,
  batch_size       = 64, 
  epochs           = 250,
  validation_split = 0.30
)`

However, the training results in:

`Train on 178 samples, validate on 77 samples`
