extensions = ["shapekit.sphinxext"]
numfig = True
