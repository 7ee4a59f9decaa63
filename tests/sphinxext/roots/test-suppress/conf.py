extensions = ["shapekit.sphinxext"]
suppress_warnings = ["shapekit.spec"]
