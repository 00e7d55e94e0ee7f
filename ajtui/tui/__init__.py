"""The Textual app (`ajtui`)."""
