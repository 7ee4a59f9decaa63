import numpy as np
def init_weights(n_in, n_out):
    return 0.01 * np.random.randn(n_out, n_in)
def init_layer(n_in, n_out):
    return init_weights(n_in, n_out), np.zeros(n_out)
def forward(x, w, b):
    return relu(np.dot(x, w) + b)
def relu(z):
    return np.maximum(0, z)
weights, biases = init_layer(4, 3)
inputs = np.random.randn(3, 4)
out = forward(inputs, weights, biases)
