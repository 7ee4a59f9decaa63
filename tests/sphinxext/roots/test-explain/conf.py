extensions = ["shapekit.sphinxext"]
