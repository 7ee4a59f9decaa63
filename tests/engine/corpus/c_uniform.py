import numpy as np

inputs = np.random.uniform(-1, 1, (3, 4))
weights = np.random.rand(3, 4)
biases = np.random.normal(0.0, 0.1, size=3)
outputs = inputs.dot(weights.T) + biases
scale = np.random.randn()
