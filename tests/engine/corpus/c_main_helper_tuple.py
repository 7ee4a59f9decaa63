import numpy as np


def make_layer(n_in, n_out):
    w = 0.1 * np.random.randn(n_out, n_in)
    b = np.zeros(n_out)
    return w, b


def main():
    inputs = np.random.rand(3, 4)
    weights, biases = make_layer(4, 3)
    out = np.dot(inputs, weights.T) + biases
    return out


if __name__ == "__main__":
    main()
