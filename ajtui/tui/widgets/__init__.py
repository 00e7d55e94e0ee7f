"""Widgets of the ajtui app."""
