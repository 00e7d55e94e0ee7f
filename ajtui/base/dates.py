"""Dates as Estonian documents write them ('11.06.2023', '16. septembri 2025'): the one
reader, light on purpose (re and datetime only) so that the history's point-in-time paths
(`aj show --at`, `aj log --in-force`) read dates without importing the model. Its
regular expressions are compiled and `datetime` imported on first use: a process that
reads no date (git's textconv) pays for neither."""

from __future__ import annotations

import re

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time
if TYPE_CHECKING:
    import datetime as _dt

_DATE_TEXT = r"^\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?:\.?\s*a\.?)?\s*$"

#: Month names: the stem each form starts with. Genitive ("septembri"), adessive
#: ("oktoobril"), nominative ("september"), inessive ("märtsis") are all read.
_MONTHS = (
    "jaanuar",
    "veebruar",
    "märts",
    "aprill",
    "mai",
    "juuni",
    "juuli",
    "august",
    "september",
    "oktoober",
    "november",
    "detsember",
)
_MONTH_FORMS: dict[str, int] = {}
for _n, _name in enumerate(_MONTHS, 1):
    _gen = {
        "märts": "märtsi",
        "september": "septembri",
        "oktoober": "oktoobri",
        "november": "novembri",
        "detsember": "detsembri",
        "mai": "mai",
        "juuni": "juuni",
        "juuli": "juuli",
    }.get(_name, _name + "i")
    for _form in (_name, _gen, _gen + "l", _gen + "s"):
        _MONTH_FORMS[_form] = _n
        _MONTH_FORMS[_form.replace("ä", "a")] = _n
del _n, _name, _gen, _form
_WORD_DATE_TEXT = r"^\s*(?:(\d{1,2})\.\s*)?([^\W\d_]+)\s+(\d{4})(?:\.?\s*(?:a\.?|aastal))?\s*$"
_compiled: list[re.Pattern[str]] = []


def _patterns() -> list[re.Pattern[str]]:
    """[dd.mm.yyyy, '16. septembri 2025'], compiled on first use."""
    if not _compiled:
        _compiled[:] = [re.compile(_DATE_TEXT), re.compile(_WORD_DATE_TEXT)]
    return _compiled


#: The date forms `kuupäev` takes, for messages.
DATE_FORMS = "dd.mm.yyyy (11.06.2023), '16. septembri 2025' or '2. oktoobril 2023'"


def date_parts(text: str | None) -> tuple[int, int, int | None] | None:
    """(year, month, day) of a date as Estonian documents write it: '11.06.2023',
    '16. septembri 2025', '2. oktoobril 2023'; day None for a month without a day
    ('veebruari 2025'). None when the text is not a date in one of these forms. The day and
    month are not checked against the calendar (see `parse_date`)."""
    if not text:
        return None
    dotted, worded = _compiled or _patterns()
    found = dotted.match(text)
    if found:
        return int(found[3]), int(found[2]), int(found[1])
    found = worded.match(text)
    if found:
        month = _MONTH_FORMS.get(found[2].lower())
        if month is not None:
            return int(found[3]), month, int(found[1]) if found[1] else None
    return None


def exists(year: int, month: int, day: int) -> bool:
    """Whether the calendar (datetime's: years 1 to 9999) has this day; without importing
    datetime (`aj check` asks for every date it reads)."""
    if not (1 <= year <= 9999 and 1 <= month <= 12 and day >= 1):
        return False
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return day <= (29 if leap else 28)
    return day <= (30 if month in (4, 6, 9, 11) else 31)


def parse_date(text: str | None) -> _dt.date | None:
    """The date a written date names ('11.06.2023', '16. septembri 2025'); None when absent,
    not a date, impossible (31.02.2024) or without a day."""
    parts = date_parts(text)
    if parts is None or parts[2] is None:
        return None
    import datetime as _dt

    try:
        return _dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


_MONTH_NAMES_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def dotted_date_problem(text: str) -> str | None:
    """Why `text` is not a date written dd.mm.yyyy, in a sentence; None when it is one.
    A date of the right shape that the calendar does not have says so: '31.02.2026 does
    not exist: February 2026 has 28 days'."""
    import calendar

    text = text.strip()
    found = (_compiled or _patterns())[0].match(text)
    if not found:
        return f"{text or 'An empty date'}: write the date as dd.mm.yyyy, e.g. 15.01.2026."
    day, month, year = int(found[1]), int(found[2]), int(found[3])
    if not 1 <= month <= 12:
        return f"{text} does not exist: there is no month {month} (months are 1 to 12)."
    if year < 1:
        return f"{text} does not exist: there is no year {year}."
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{text} does not exist: {_MONTH_NAMES_EN[month - 1]} {year} has {days} days."
    return None
