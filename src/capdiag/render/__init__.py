"""Renderers: the same report as a terminal view, JSON, or CI annotations."""
