"""The bottom layer: reading and writing files safely, text safe to print, budgeted regular
expressions, dates. Imports nothing else from ajtui."""
