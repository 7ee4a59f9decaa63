"""Render backends: turn DOT sources into finished SVG and PNG bytes."""
