# dtypes shapekit need not know (np.float32) and a bias row made with ndmin=2
import numpy as np

inputs = np.array([[1, 2, 3, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]], dtype=np.float32)
weights = np.array([[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]], np.float64)
biases = np.zeros(3, dtype=np.float32) + np.array([2, 3, 0.5])
bias_row = np.array([2, 3, 0.5], ndmin=2)
layer_outputs = inputs @ weights.T + bias_row
print(layer_outputs.shape, bias_row.shape)
