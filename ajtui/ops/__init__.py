"""Operations on descriptions (models from ajtui.format): nothing here touches git, files
other than the one being edited, Rich or Textual.

    paths       paths naming parts of a description, and what they select
    levels      language levels derived from the wording of `keeleoskus`
    query       the expression language of `aj query` / `aj set --where`
    edit        edits that keep every untouched byte (Editor, edit_file, set/replace/renumber)
    sourcemap   what each node owns in the source text; line-level patching for the Editor
    export      JSON, Markdown and HTML
    words       word tokens, similarity and word-level spans of two texts (generic)
    align       aligning two lists of texts by content (generic)
    changes     what a diff is: changes, aligned rows, the summary line
    diffbuilder collecting one diff's changes and labelled rows as they are found
    partdiff    how the parts of matched sections compare (fields, texts, duties, competencies)
    diff        the structural diff of two descriptions: sections matched, entry points
"""
