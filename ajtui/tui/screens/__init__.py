"""The app's screens: library, document, editor, history, diff, directives, help."""
