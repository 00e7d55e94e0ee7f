"""Operations on descriptions: paths and queries, edits that keep every untouched byte,
export, and the structural diff."""
