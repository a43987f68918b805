# ---- notebook cell 21 (2D-Protein.ipynb)
class NeuralNetwork(pl.LightningModule):
    def __init__(self, input_sz, hidden_sz, lr=1e-3):
        super().__init__()
        self.save_hyperparameters()  # saves input_size, hidden_size, lr

        self.layer_1 = torch.nn.Linear(input_sz, hidden_sz)
        self.layer_2 = torch.nn.Linear(hidden_sz, hidden_sz)
        self.layer_3 = torch.nn.Linear(hidden_sz, 2)

    def forward(self, x):
        x = self.layer_1(x)
        x = F.relu(x)
        x = self.layer_2(x)
        x = F.relu(x)
        x = self.layer_3(x)
        return x
    
    def _shared_step(self, batch):
        x, y = batch
        preds = self(x)
        loss = F.mse_loss(preds, y)
        return loss
        
    def training_step(self, batch, batch_idx):
        loss = self._shared_step(batch)
        self.log("train_loss", loss, prog_bar=True)
        return loss
    
    def validation_step(self, batch, batch_idx):
        loss = self._shared_step(batch)
        self.log("val_loss", loss, prog_bar=True)
    
        
    def test_step(self, batch, batch_idx):
        loss = self._shared_step(batch)
        self.log("test_MSE", loss)

    def configure_optimizers(self):
        optimizer = torch.optim.Adam(
            self.parameters(),
            lr=self.hparams.lr
        )
        return optimizer

# ---- notebook cell 27 (2D-Protein.ipynb)
class NeuralNetworkDataModule(pl.LightningDataModule):
    def __init__(self, train_dataset, val_dataset, test_dataset, batch_size=256):
        super().__init__()
        self.train_dataset = train_dataset
        self.test_dataset = test_dataset
        self.batch_size = batch_size

    def train_dataloader(self):
        return DataLoader(self.train_dataset, batch_size=self.batch_size, shuffle=True)
    
    def val_dataloader(self):
        return DataLoader(self.train_dataset, batch_size=self.batch_size, shuffle=True)

    def test_dataloader(self):
        return DataLoader(self.test_dataset, batch_size=self.batch_size)    
