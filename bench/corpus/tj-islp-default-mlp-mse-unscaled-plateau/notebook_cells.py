# ---- Ch10-applied.ipynb cell 4 (code source, verbatim) ----
# Load data
default = load_data('Default').dropna()
n = default.shape[0]

# Data preprocessing
model = MS(default.columns.drop("default"), intercept=False)
X = model.fit_transform(default).to_numpy()
Y = np.where(default["default"] == "Yes", 1, 0)

X_train, X_test, Y_train, Y_test = train_test_split(X, Y, test_size=1/5, random_state=1)

# Specifying neural network
class DefaultModel(nn.Module):

    def __init__(self, input_size):
        super(DefaultModel, self).__init__()
        self.flatten = nn.Flatten()
        self.sequential = nn.Sequential(
            nn.Linear(input_size, 10),
            nn.ReLU(),
            nn.Dropout(0.4),
            nn.Linear(10, 1))

    def forward(self, x):
        x = self.flatten(x)
        return torch.flatten(self.sequential(x))
default_model = DefaultModel(X.shape[1])
summary(default_model, input_size=X_train.shape, col_names=["input_size", "output_size", "num_params"])

# ---- Ch10-applied.ipynb cell 5 (code source, verbatim) ----
# Data preprocessing
X_train_t = torch.tensor(X_train.astype(np.float32))
Y_train_t = torch.tensor(Y_train.astype(np.float32))
X_test_t = torch.tensor(X_test.astype(np.float32))
Y_test_t = torch.tensor(Y_test.astype(np.float32))
default_train = TensorDataset(X_train_t, Y_train_t)
default_test = TensorDataset(X_test_t, Y_test_t)

# ---- Ch10-applied.ipynb cell 6 (code source, verbatim) ----
# Max workers = 12 for this PC
max_num_workers = rec_num_workers()
default_dm = SimpleDataModule(default_train, 
                              default_test,
                              batch_size=32,
                              num_workers=min(4, max_num_workers),
                              validation=default_test)
default_module = SimpleModule.regression(default_model, metrics={"MAE":MeanAbsoluteError()})
default_logger = CSVLogger("logs", name="default")

# Trainer
default_trainer = Trainer(deterministic=True,
                          max_epochs=50,
                          log_every_n_steps=5,
                          logger=default_logger,
                          callbacks=[ErrorTracker()])
default_trainer.fit(default_module, datamodule=default_dm)
default_trainer.test(default_module, datamodule=default_dm)

