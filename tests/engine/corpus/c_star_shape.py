import numpy as np
shape = (3, 4)
inputs = np.random.random(shape)
weights = np.random.randn(*shape)
biases = np.random.random((3,))
out = np.dot(inputs, weights.T) + biases
