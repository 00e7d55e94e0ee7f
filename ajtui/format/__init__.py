"""The `.aj` format: the model and its node switch (model.SHAPES), the vocabulary (keywords,
labels, field order), the grammar and its fast LALR driver (lalr), the parser, the writer and the
validator. Pure text ↔ model; reads and writes files only through `ajtui.base`."""
