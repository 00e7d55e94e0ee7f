"""The library's sorts and filter (ajtui.tui.filtering), without the app: plain entries in,
rows out."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field

from ajtui.tui.filtering import (
    SORT_NAMES,
    SORTS,
    TEXT_FROM,
    Filter,
    fold,
    fold_text,
    matching,
    ordered,
    text_index,
)


@dataclass
class Row:
    label: str
    unit: str = ""
    name: str = "x.aj"
    directive_sort: str = ""
    status: str = "valid"
    texts: list = field(default_factory=list)


def no_fuzzy():
    raise AssertionError("the fuzzy score is made only when no substring matches")


def labels(rows) -> list[str]:
    return [e.label for e, _ in rows]


ROWS = [
    Row("Raamatupidaja", "Finantsosakond", "raamat.aj", "2025-03-01", "valid"),
    Row("Õigusnõunik", "Õigusosakond", "oigus.aj", "2026-01-15", "modified"),
    Row("Arhivaar", "", "arhiiv.aj", "", "invalid"),
    Row("Pearaamatupidaja", "Finantsosakond", "pea.aj", "2024-11-30", "valid"),
]


def test_fold_drops_estonian_accents_and_case_keeping_the_length():
    assert fold("Üldosa ÕÄÖÜŠŽ") == "uldosa oaousz"
    assert len(fold("Õigusnõunik")) == len("Õigusnõunik")


def test_every_sort_has_a_name():
    assert set(SORTS) == set(SORT_NAMES)


def test_without_a_query_the_sort_decides():
    by = {sort: labels(ordered(ROWS, "  ", sort, no_fuzzy)) for sort in SORTS}
    # by unit, accents folded, no unit last; by title within a unit
    assert by["unit"] == ["Pearaamatupidaja", "Raamatupidaja", "Õigusnõunik", "Arhivaar"]
    assert by["title"] == ["Arhivaar", "Õigusnõunik", "Pearaamatupidaja", "Raamatupidaja"]
    # newest directive first, none last
    assert by["directive"] == ["Õigusnõunik", "Raamatupidaja", "Pearaamatupidaja", "Arhivaar"]
    # invalid first, then by status name
    assert by["status"] == ["Arhivaar", "Õigusnõunik", "Pearaamatupidaja", "Raamatupidaja"]
    assert all(pos == [] for _, pos in ordered(ROWS, "", "unit", no_fuzzy))


def test_a_title_match_at_the_start_ranks_first_and_marks_its_letters():
    rows = ordered(ROWS, "Raamatu", "unit", no_fuzzy)
    assert labels(rows) == ["Raamatupidaja", "Pearaamatupidaja"]
    assert rows[0][1] == list(range(0, 7)) and rows[1][1] == list(range(3, 10))


def test_accents_are_optional_in_the_query_and_the_title():
    assert labels(ordered(ROWS, "oigusnou", "title", no_fuzzy)) == ["Õigusnõunik"]
    assert labels(ordered(ROWS, "ÕIGUSNÕU", "title", no_fuzzy)) == ["Õigusnõunik"]


def test_a_unit_or_file_match_comes_after_title_matches_without_marks():
    rows = ordered(ROWS, "finants", "unit", no_fuzzy)
    assert labels(rows) == ["Pearaamatupidaja", "Raamatupidaja"]  # equal: by title
    assert all(pos == [] for _, pos in rows)
    assert labels(ordered(ROWS, "arhiiv.aj", "unit", no_fuzzy)) == ["Arhivaar"]


def test_without_a_substring_letters_in_order_match_fuzzily():
    asked: list[tuple[str, str]] = []

    def scorer():
        def score(query: str, text: str):
            asked.append((query, text))
            return (len(query) / len(text), [0]) if text.startswith(query[0]) else (0.0, ())

        return score

    rows = matching(ROWS, "rmt pdj", scorer)
    # spaces are dropped; only candidates holding the letters in order are scored
    assert all(q == "rmtpdj" for q, _ in asked)
    assert "arhivaar" not in {t for _, t in asked}
    assert labels(rows) == ["Raamatupidaja"]  # "pearaamatupidaja" does not start with r
    assert rows[0][1] == [0]


def test_the_palette_scorer_ranks_as_the_library_always_did():
    from textual.fuzzy import FuzzySearch

    rows = ordered(ROWS, "rmtpdj", "unit", lambda: FuzzySearch().match)
    assert labels(rows) == ["Raamatupidaja", "Pearaamatupidaja"]


def test_nothing_matches_nothing_is_shown():
    assert ordered(ROWS, "zzz", "unit", lambda: lambda q, t: (0.0, ())) == []


def test_fold_text_folds_as_fold_does():
    for text in ("Üldosa ÕÄÖÜŠŽ õäöüšž", "İstanbul „jutumärgid“", "ascii ONLY", ""):
        assert fold_text(text) == fold(text)


def _texts(*entries):
    index = text_index()
    index.update(entries)
    return index


def test_the_text_is_searched_from_three_letters():
    a = Row("Jurist", texts=[["ülesanne 1", "Kriisiabi korraldamine"]])
    b = Row("Krahv")
    index = _texts(a, b)
    assert TEXT_FROM == 3
    assert labels(Filter(no_fuzzy).ordered([a, b], "kr", "unit", index)) == ["Krahv"]
    library = Filter(no_fuzzy)
    assert labels(library.ordered([a, b], "kri", "unit", index)) == ["Jurist"]
    hit = library.hit(0)
    assert hit is not None and hit.where == "ülesanne 1"
    assert hit.snippet == "Kriisiabi korraldamine"


def test_typing_on_and_back_finds_what_a_search_from_scratch_finds():
    """The index narrows from recent queries and skips the entries whose title matched:
    a skipped entry is searched again when the title no longer does."""
    a = Row("Kriisiabi juht", texts=[["ülesanne 1", "Kriisiabi koordineerimine"]])
    b = Row("Jurist", texts=[["ülesanne 2", "Kriisiabi nõustamine"]])
    c = Row("Arhivaar", texts=[["eesmärk", "Dokumentide säilitamine"]])
    entries = [a, b, c]
    index, library = _texts(*entries), Filter(no_fuzzy)
    typed = ["kri", "kriis", "kriisiabi", "kriisiabi k", "kriisiabi ko", "kriisiabi", "kri"]
    for q in typed:
        fresh = Filter(no_fuzzy).ordered(entries, q, "unit", _texts(*entries))
        assert labels(library.ordered(entries, q, "unit", index)) == labels(fresh), q
    assert labels(library.ordered(entries, "kriisiabi k", "unit", index)) == ["Kriisiabi juht"]
    assert library.hit(0) is not None  # matched in its text, not its title


def test_an_index_of_other_entries_answers_for_those_it_holds():
    """While a new index is made (a file changed), the old one answers by identity."""
    a = Row("Jurist", texts=[["ülesanne 1", "Kriisiabi korraldamine"]])
    b = Row("Arhivaar", texts=[["ülesanne 2", "Kriisiabi arhiveerimine"]])
    new = Row("Raamatupidaja", texts=[["ülesanne 3", "Kriisiabi eelarve"]])
    index = _texts(b, a)  # another order, and without the new entry
    library = Filter(no_fuzzy)
    rows = library.ordered([new, a, b], "kriisiabi", "unit", index)
    assert labels(rows) == ["Arhivaar", "Jurist"]
    assert [library.hit(i).where for i in range(2)] == ["ülesanne 2", "ülesanne 1"]


def test_the_filter_module_imports_no_textual():
    code = (
        "import sys, ajtui.tui.filtering; "
        "sys.exit(any(m.split('.')[0] in ('textual', 'rich') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_the_status_sort_puts_merge_conflicts_first():
    rows = [*ROWS, Row("Jurist", "", "jurist.aj", "", "conflict")]
    by_status = labels(ordered(rows, "", "status", no_fuzzy))
    assert by_status[:2] == ["Jurist", "Arhivaar"]
