import numpy as np

rng = np.random.default_rng(42)
inputs = np.array([[1.0, 2.0, 3.0, 2.5],
          [2.0, 5.0, -1.0, 2.0],
          [-1.5, 2.7, 3.3, -0.8]])
weights = rng.normal(0, 1, size=(3, 4))
biases = rng.uniform(-1, 1, 3)
noise = rng.random((3, 3))
outputs = inputs @ weights.T + biases + noise
