"""Editing a draft without parsing it again: edits, offset maps, and rebuilding a window of the model."""
