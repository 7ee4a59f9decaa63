import numpy as np

x = np.arange(12).reshape(3, 4)
identity = np.eye(3)
y = identity @ x
ones = np.ones(4)
z = y @ ones
full = np.full((2, 3), 7.0)
empty = np.empty(5)
