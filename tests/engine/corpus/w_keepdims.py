import numpy as np
inputs = np.array([[1, 2, 3, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]])
weights = np.array([[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]])
biases = np.array([2, 3, 0.5])
z = inputs @ weights.T + biases
probs = np.exp(z) / np.sum(np.exp(z), axis=1)
probs2 = np.exp(z) / np.exp(z).sum(axis=0, keepdims=True)
wrong = z.T + np.sum(z, axis=1, keepdims=True).T[:, :2]
