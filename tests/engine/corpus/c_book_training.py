import numpy as np

np.random.seed(0)


class Layer_Dense:
    def __init__(self, n_inputs, n_neurons):
        self.weights = 0.01 * np.random.randn(n_inputs, n_neurons)
        self.biases = np.zeros((1, n_neurons))

    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.dot(inputs, self.weights) + self.biases

    def backward(self, dvalues):
        self.dweights = np.dot(self.inputs.T, dvalues)
        self.dbiases = np.sum(dvalues, axis=0, keepdims=True)
        self.dinputs = np.dot(dvalues, self.weights.T)


class Optimizer_SGD:
    def __init__(self, learning_rate=0.1):
        self.learning_rate = learning_rate

    def update_params(self, layer):
        layer.weights += -self.learning_rate * layer.dweights
        layer.biases += -self.learning_rate * layer.dbiases


inputs = np.array([[1.0, 2.0, 3.0, 2.5],
                   [2.0, 5.0, -1.0, 2.0],
                   [-1.5, 2.7, 3.3, -0.8]])
targets = np.eye(3)

dense1 = Layer_Dense(4, 3)
optimizer = Optimizer_SGD(learning_rate=0.01)
losses = []
for epoch in range(2001):
    dense1.forward(inputs)
    error = dense1.output - targets
    loss = np.mean(error ** 2)
    if not epoch % 500:
        losses.append(loss)
    dense1.backward(2 * error / error.size)
    optimizer.update_params(dense1)

outputs = dense1.output
weights = dense1.weights.T
biases = dense1.biases[0]
print(f"loss {loss:.4f}")
