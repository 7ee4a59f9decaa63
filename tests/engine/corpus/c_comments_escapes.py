# Chapter 2 exercise \n layer of 3 neurons \t batch of 3 samples
import numpy as np  # \x1b[31m colours? "quoted"
'''A docstring with \n escapes and a "quote".'''
inputs = [[1, 2, 3, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]]  # 3 samples \ 4 features
weights = [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]
biases = [2, 3, 0.5]
# TODO: np.dot(weights, inputs) ??
print("done\n")
