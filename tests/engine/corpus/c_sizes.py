import numpy as np

n_samples, n_inputs, n_neurons = 3, 4, 3
inputs = np.random.rand(n_samples, n_inputs)
weights = np.random.randn(n_neurons, n_inputs) * 0.1
biases = np.zeros(n_neurons)
outputs = np.zeros((n_samples, n_neurons))
for i, row in enumerate(inputs):
    outputs[i] = np.dot(weights, row) + biases
mean_output = outputs.mean()
