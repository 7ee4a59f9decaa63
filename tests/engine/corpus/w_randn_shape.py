import numpy as np

inputs = [[1.0, 2.0, 3.0, 2.5],
          [2.0, 5.0, -1.0, 2.0],
          [-1.5, 2.7, 3.3, -0.8]]
biases = [2.0, 3.0, 0.5]

weights = np.random.randn(3, 4)
outputs = np.dot(inputs, weights) + biases
