import numpy as np


class Layer:
    def __init__(self, weights, biases):
        self.weights = np.array(weights)
        self.biases = np.array(biases)

    def forward(self, inputs):
        return np.dot(inputs, self.weights.T) + self.biases


class Model:
    def __init__(self):
        self.layers = []

    def add(self, layer):
        self.layers.append(layer)

    def predict(self, inputs):
        return self.layers[0].forward(inputs)


inputs = [[1.0, 2.0, 3.0, 2.5],
          [2.0, 5.0, -1.0, 2.0],
          [-1.5, 2.7, 3.3, -0.8]]
model = Model()
model.add(Layer([[0.2, 0.8, -0.5, 1.0],
                 [0.5, -0.91, 0.26, -0.5],
                 [-0.26, -0.27, 0.17, 0.87]], [2.0, 3.0, 0.5]))
weights = model.layers[0].weights
biases = model.layers[0].biases
outputs = model.predict(inputs)
