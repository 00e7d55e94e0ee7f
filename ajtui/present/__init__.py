"""Presentation with Rich: a description as the official document, diffs side by side."""
