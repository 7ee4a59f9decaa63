import numpy as np

inputs = [[1.0, 2.0, 3.0, 2.5],
          [2.0, 5.0, -1.0, 2.0],
          [-1.5, 2.7, 3.3, -0.8]]

np.random.seed(0)
weights = 0.10 * np.random.randn(4, 3)
biases = np.zeros((1, 3))
outputs = np.dot(inputs, weights) + biases
