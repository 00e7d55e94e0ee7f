"""Property: for any model the format can hold, loads(dumps(model)) == model."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ajtui
from ajtui.format import model as m
from ajtui.format import vocabulary

# A line of prose: Estonian letters, punctuation, markup-looking brackets; no surrounding
# spaces. Continuation lines may not start with '#' (a comment) or '- ' (an item).
_alphabet = st.sampled_from(
    list("abcdefghijklmnoprstuvõäöüšžABCÕÄÖÜŠŽ0123456789 ,.:;()„“/-–[]@=\"'!?%&")
)
_word = st.text(_alphabet, min_size=1, max_size=30)


def _clean(s: str) -> str:
    return " ".join(s.split())


line = _word.map(_clean).filter(lambda s: s and not s.startswith("#"))
cont_line = line.filter(lambda s: not (s == "-" or s.startswith("- ")))
text = st.lists(cont_line, min_size=1, max_size=3).map("\n".join)
first_then_more = st.tuples(line, st.lists(cont_line, max_size=2)).map(
    lambda t: "\n".join([t[0], *t[1]])
)
comment = st.text(st.sampled_from(list("abc õü#:-[]")), max_size=15).map(
    lambda s: ("#" + s).rstrip()
)
comments = st.lists(comment, max_size=2)
key = (
    st.text(st.sampled_from(list("abcdefõüäö ")), min_size=1, max_size=12).map(_clean).filter(bool)
)


def node(cls, *args):
    return st.builds(lambda c, *a: cls(*a, comments=c), comments, *args)


plain_field = st.builds(
    lambda c, k, v: m.Field(k, v, comments=c),
    comments,
    key,
    st.one_of(st.just(""), first_then_more),
)
# `key "Label": value`: the document's own label (no '"', ':' or line break)
label = line.map(lambda s: _clean(s.replace('"', "").replace(":", ""))).filter(bool)
labelled_field = st.builds(
    lambda c, k, lb, v: m.Field(k, v, label=lb, comments=c),
    comments,
    key,
    label,
    st.one_of(st.just(""), first_then_more),
)
# `> … {key: value} …`: a field stated in prose. Braces elsewhere are text: a lone brace
# before the field, a second `{key: value}` after it.
braced = st.sampled_from(["", "(a{b) ", "x} ", "{ "])
stated_value = line.filter(lambda s: "{" not in s and "}" not in s)
after = st.one_of(
    st.just(""),
    st.just("."),
    line.map(lambda s: " " + s),
    st.builds(lambda k, v: f", {{{k}: {v}}} ja", key, stated_value),
    cont_line.map(lambda s: ".\n" + s),
)
stated_field = st.builds(
    lambda c, b, br, k, v, a: m.Field(
        k, v, in_prose=True, before=(b + " " + br) if b else br, after=a, comments=c
    ),
    comments,
    st.one_of(st.just(""), line),
    braced,
    key,
    st.one_of(st.just(""), stated_value),
    after,
)
statement = st.builds(
    lambda c, t: m.Field("", t, in_prose=True, comments=c),
    comments,
    st.one_of(st.just(""), first_then_more),
)
field = st.one_of(plain_field, labelled_field, stated_field, statement)
item = st.builds(lambda c, t: m.Item(t, comments=c), comments, first_then_more)
paragraph = st.builds(lambda c, t: m.Paragraph(t, comments=c), comments, text)
number = st.lists(st.integers(1, 20), min_size=2, max_size=3).map(
    lambda ns: ".".join(map(str, ns))
) | st.just("3.1.")
duty = st.builds(
    lambda c, n, t, r: m.Duty(n, t, r, comments=c),
    comments,
    number,
    st.one_of(
        st.just(""),
        st.tuples(line, st.lists(cont_line, max_size=2))
        .map(lambda t: "\n".join([t[0], *t[1]]))
        .filter(lambda s: not s.startswith("- ")),
    ),
    st.lists(item, max_size=3),
)
title = st.one_of(st.just(""), line)
secnum = st.one_of(st.just(""), st.integers(1, 9).map(str))


def prose_blocks(blocks):
    # Two paragraphs in a row are kept apart by a blank line; that is what the writer does.
    return blocks


field_section = st.builds(
    lambda c, kind, t, n, fs: m.FieldSection(kind, t, n, fs, comments=c),
    comments,
    st.sampled_from(vocabulary.FIELD_SECTIONS),
    title,
    secnum,
    st.lists(field, max_size=4),
)
prose_section = st.builds(
    lambda c, kind, t, n, bs: m.ProseSection(kind, t, n, bs, comments=c),
    comments,
    st.sampled_from(vocabulary.PROSE_SECTIONS),
    title,
    secnum,
    st.lists(st.one_of(paragraph, item), max_size=4),
)
# `> ` lines (a duty table's column headers) stand above the duties
duty_section = st.builds(
    lambda c, t, n, ds, h: m.DutySection("ülesanded", t, n, ds, h, comments=c),
    comments,
    title,
    secnum,
    st.lists(duty, max_size=4),
    st.lists(st.one_of(statement, stated_field), max_size=2),
)
group = st.builds(
    lambda c, k, its: m.CompetencyGroup(k, its, comments=c),
    comments,
    key,
    st.lists(item, max_size=3),
)
requirement = st.one_of(
    field,
    st.builds(
        lambda c, t, gs: m.Competencies(t, gs, comments=c),
        comments,
        title,
        st.lists(group, max_size=3),
    ),
    st.builds(
        lambda c, t, its: m.AdditionalCompetencies(t, its, comments=c),
        comments,
        title,
        st.lists(item, max_size=3),
    ),
)
req_section = st.builds(
    lambda c, t, n, es: m.RequirementsSection("nõuded", t, n, es, comments=c),
    comments,
    title,
    secnum,
    st.lists(requirement, max_size=4),
)
document = st.builds(
    lambda ss, tc: m.Document(ss, tc),
    st.lists(
        st.one_of(field_section, prose_section, duty_section, req_section), min_size=1, max_size=5
    ),
    comments,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_model_dumps_loads_is_the_model(doc):
    text = ajtui.dumps(doc)
    assert ajtui.loads(text) == doc
    assert ajtui.dumps(ajtui.loads(text)) == text
