"""The bottom layer: reading and writing files safely, the errors of what ajtui refuses to
read, text safe to print, budgeted regular expressions, dates. Imports nothing else from
ajtui."""
