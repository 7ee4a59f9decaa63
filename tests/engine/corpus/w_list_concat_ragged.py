import numpy as np
inputs = [[1, 2, 3, 4]] * 3
weights = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]
biases = [1, 2, 3]
out = np.dot(inputs, np.array(weights).T)
out = out.tolist() + biases
total = np.array(out) + 1
