"""shapekit.readers"""
