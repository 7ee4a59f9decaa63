import numpy as np
data = np.random.randn(10, 5)
inputs = data[:3, :4]
weights = np.random.randn(5, 4)[:3]
biases = data[0, :3]
out = inputs @ weights.T + biases
