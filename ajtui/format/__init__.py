"""The `.aj` format: the model, its vocabulary, the grammar and parser, the writer and the
validator. Pure text ↔ model; reads and writes files only through `ajtui.base`."""
