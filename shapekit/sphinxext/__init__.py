"""shapekit.sphinxext"""
