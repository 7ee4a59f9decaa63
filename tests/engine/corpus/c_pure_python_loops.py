import numpy as np
inputs = [[1, 2, 3, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]]
weights = [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]
biases = [2, 3, 0.5]
layer_outputs = []
for sample in inputs:
    row = []
    for neuron_weights, neuron_bias in zip(weights, biases):
        out = 0
        for n_input, weight in zip(sample, neuron_weights):
            out += n_input * weight
        out += neuron_bias
        row.append(out)
    layer_outputs.append(row)
print(layer_outputs)
