import numpy as np

inputs = [[1.0, 2.0, 3.0, 2.5],
          [2.0, 5.0, -1.0, 2.0],
          [-1.5, 2.7, 3.3, -0.8]]
weights = [[0.2, 0.8, -0.5, 1.0],
           [0.5, -0.91, 0.26, -0.5],
           [-0.26, -0.27, 0.17, 0.87]]
biases = [2.0, 3.0, 0.5]


def layer(x, w, b):
    z = np.dot(x, w.T) + b
    return z


outputs = layer(np.array(inputs), np.array(weights), np.array(biases))
activated = np.maximum(0, outputs)
