import numpy as np

inputs = [[1.0, 2.0, 3.0, 2.5],
          [2.0, 5.0, -1.0, 2.0],
          [-1.5, 2.7, 3.3, -0.8]]
weights = [[0.2, 0.8, -0.5, 1.0],
           [0.5, -0.91, 0.26, -0.5],
           [-0.26, -0.27, 0.17, 0.87]]
biases = [2.0, 3.0, 0.5]

x = np.array(inputs)
feature_means = x.mean(axis=0)
centered = x - feature_means
total = np.sum(centered)
row_sums = centered.sum(axis=1, keepdims=True)
normalised = centered / row_sums
