extensions = ["myst_parser", "shapekit.sphinxext"]
myst_enable_extensions = ["colon_fence"]
