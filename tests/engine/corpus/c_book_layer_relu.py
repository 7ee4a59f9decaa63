import numpy as np

np.random.seed(0)


class Layer_Dense:
    def __init__(self, n_inputs, n_neurons):
        self.weights = 0.01 * np.random.randn(n_inputs, n_neurons)
        self.biases = np.zeros((1, n_neurons))

    def forward(self, inputs):
        self.output = np.dot(inputs, self.weights) + self.biases


class Activation_ReLU:
    def forward(self, inputs):
        self.output = np.maximum(0, inputs)


inputs = [[1.0, 2.0, 3.0, 2.5],
          [2.0, 5.0, -1.0, 2.0],
          [-1.5, 2.7, 3.3, -0.8]]

dense1 = Layer_Dense(4, 3)
activation1 = Activation_ReLU()
dense1.forward(inputs)
activation1.forward(dense1.output)

# the exercise's names: a layer's weights are one row per neuron
weights = dense1.weights.T
biases = dense1.biases[0]
outputs = activation1.output
print(outputs[:5])
