import numpy as np

rows = [[1.0, 2.0, 3.0, 2.5],
        [2.0, 5.0, -1.0, 2.0]]
last = [-1.5, 2.7, 3.3, -0.8]
inputs = np.vstack([rows, last])

weights = np.array([0.2, 0.8, -0.5, 1.0])
for neuron in ([0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]):
    weights = np.vstack((weights, neuron))

biases = np.array([2.0])
biases = np.append(biases, [3.0, 0.5])

layer_outputs = np.dot(inputs, weights.T) + biases
everything = np.concatenate([inputs, weights], axis=0)
flat = np.append(inputs, weights)
