"""shapekit.gallery"""
