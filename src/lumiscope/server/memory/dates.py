"""Dates in what users write, resolved against the time the message was sent.

Resolution rules (UTC, as stored): "today"/"tonight" is the message's day, "tomorrow" the
next. A weekday ("Friday", "on Friday", "this Friday", "next Friday") is the first such day
strictly after the message's day, as calendar apps read "next Friday" ("Friday after next" a
week later); "this weekend" is the coming Saturday (today when it is Saturday) and "next
weekend" the Saturday after. "next week" is the Monday of next week, "next month" and "in
June" a month (``2026-06``), "next year" a year (``2027``). "in two weeks" (or "in a
fortnight") adds 14 days; "at the end of the month" is this month. A season is a year: "next
spring" the year of the first spring not yet begun, "this summer" this year. A day without a
year ("June 3rd", "3 June") is its next occurrence, today included; so is a holiday ("over
christmas", "for thanksgiving": the US one, the fourth Thursday of November), which gives
way to any other date in the text. A weekday with a day of the month ("Monday the 2nd", "sat
the 21st") is that day of the month; "the first Sunday of December" is that day in the next
such month. "two weeks from saturday" counts from that Saturday and "Saturday week" is a
week after it (British); "the 12th of next month" is that day, "the Sunday after
Thanksgiving" the first Sunday after it. A correction wins: "three weeks from saturday no
wait two weeks" is two weeks.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "a couple of": 2, "couple of": 2}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr)
                if name})
_MONTHS["sept"] = 9
_NUMBER = r"(\d{1,2}|a couple of|couple of|an?|one|two|three|four|five|six|seven|eight|nine|" \
          r"ten|eleven|twelve)"
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"


@dataclass(frozen=True)
class DateRef:
    """A date found in text: ISO day, month (``YYYY-MM``) or year, and where it was."""

    iso: str
    start: int
    end: int
    future: bool


def when(ref: DateRef) -> str:
    """How a fact's text and value say a date: ``on 2026-04-03``, ``in 2026-06``, ``in 2027``."""
    return f"on {ref.iso}" if len(ref.iso) == 10 else f"in {ref.iso}"


def message_day(now_ns: int) -> date:
    """The UTC day of a message sent at ``now_ns``."""
    return datetime.fromtimestamp(now_ns / 1e9, tz=timezone.utc).date()


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _next_occurrence(today: date, month: int, day: int) -> date | None:
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate >= today:
            return candidate
    return None


def _relative(match: re.Match[str], today: date) -> str | date | None:
    amount = _NUMBERS.get(match.group(1).lower()) or int(match.group(1))
    unit = match.group(2).lower()
    if unit.startswith("day"):
        return today + timedelta(days=amount)
    if unit.startswith(("week", "wk")):
        return today + timedelta(weeks=amount)
    if unit.startswith(("month", "mo")):
        return _add_months(today, amount).isoformat()[:7]
    return str(today.year + amount)


def _weekday(match: re.Match[str], today: date) -> date:
    wanted = _WEEKDAYS.index(match.group(2).lower())
    if (match.group(1) or "").lower() == "last":
        return today - timedelta(days=(today.weekday() - wanted - 1) % 7 + 1)
    after_next = timedelta(weeks=1 if match.group(3) else 0)  # "Thursday after next"
    return today + timedelta(days=(wanted - today.weekday() - 1) % 7 + 1) + after_next


def _weekend(match: re.Match[str], today: date) -> date:
    saturday = today + timedelta(days=(5 - today.weekday()) % 7)
    if today.weekday() == 6:
        saturday = today - timedelta(days=1)  # on Sunday, "this weekend" is the current one
    return saturday + timedelta(weeks=1 if match.group(1).lower() == "next" else 0)


def _named(match: re.Match[str], today: date) -> str | date | None:
    word = match.group(1).lower()
    if word == "next week":
        return today + timedelta(days=7 - today.weekday())
    if word == "next month":
        return _add_months(today, 1).isoformat()[:7]
    if word == "next year":
        return str(today.year + 1)
    if word == "this month":
        return today.isoformat()[:7]
    if word == "last month":
        return _add_months(today, -1).isoformat()[:7]
    offsets = {"day after tomorrow": 2, "tomorrow": 1, "yesterday": -1, "in a fortnight": 14,
               "a fortnight today": 14, "a fortnight tomorrow": 15}
    return today + timedelta(days=offsets.get(word, 0))


def _day_month(match: re.Match[str], today: date) -> date | None:
    day, month = int(match.group(1)), _MONTHS[match.group(2).lower()]
    return _next_occurrence(today, month, day)


def _month_day(match: re.Match[str], today: date) -> date | None:
    month, day = _MONTHS[match.group(1).lower()], int(match.group(2))
    if match.group(3):
        try:
            return date(int(match.group(3)), month, day)
        except ValueError:
            return None
    return _next_occurrence(today, month, day)


def _month(match: re.Match[str], today: date) -> str:
    month = _MONTHS[match.group(1).lower()]
    year = today.year if month >= today.month else today.year + 1
    return f"{year}-{month:02d}"


_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season(match: re.Match[str], today: date) -> str:
    """ "next spring", "this summer", "in the autumn": the year the season starts in (a season
    is vaguer than a month). Unless "this", the first such season not already begun."""
    start = _SEASONS[match.group(2).lower()]
    if (match.group(1) or "").lower() == "this":
        return str(today.year)  # in February "this winter" is what is left of it
    return str(today.year if today.month < start else today.year + 1)


def _month_end(match: re.Match[str], today: date) -> str:
    return _add_months(today, 1 if match.group(1).lower() == "next" else 0).isoformat()[:7]


def _day_of_month(match: re.Match[str], today: date) -> date | None:
    """ "on the 30th": that day of this month, or of the next when it has passed."""
    day = int(match.group(1))
    for months in (0, 1, 2):
        first = _add_months(today.replace(day=1), months)
        if day <= calendar.monthrange(first.year, first.month)[1]:
            candidate = first.replace(day=day)
            if candidate >= today:
                return candidate
    return None


def _day_of_next_week(match: re.Match[str], today: date) -> date:
    """ "Thursday of next week", "next week's Thursday"."""
    monday = today + timedelta(days=7 - today.weekday())
    return monday + timedelta(days=_WEEKDAYS.index((match.group(1) or match.group(2)).lower()))


def _day_next_month(match: re.Match[str], today: date) -> date | None:
    """ "the 12th of next month"."""
    first = _add_months(today.replace(day=1), 1)
    day = int(match.group(1))
    if day > calendar.monthrange(first.year, first.month)[1]:
        return None
    return first.replace(day=day)


def _weeks_from(match: re.Match[str], today: date) -> date:
    """ "two weeks from saturday", "Saturday week" or "a week on Saturday" (British and Irish: a
    week after next Saturday)."""
    number, day = match.group(1), next(g for g in match.groups()[1:] if g).lower()
    amount = (_NUMBERS.get(number.lower()) or int(number)) if number else 1
    if day in ("today", "now"):
        start = today
    elif day == "tomorrow":
        start = today + timedelta(days=1)
    else:
        start = today + timedelta(days=(_WEEKDAYS.index(day) - today.weekday() - 1) % 7 + 1)
    return start + timedelta(weeks=amount)


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "last": -1}


def _nth_weekday(match: re.Match[str], today: date) -> date:
    """ "the first Sunday of December": that day in the next such month, this one included."""
    nth, wanted = _ORDINALS[match.group(1).lower()], _WEEKDAYS.index(match.group(2).lower())
    month = _MONTHS[match.group(3).lower()]
    for year in (today.year, today.year + 1):
        days = [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)
                if date(year, month, d).weekday() == wanted]
        candidate = days[-1] if nth == -1 else days[nth - 1]
        if candidate >= today:
            return candidate
    return candidate


_HOLIDAYS = {"christmas eve": (12, 24), "christmas": (12, 25), "xmas": (12, 25),
             "boxing day": (12, 26), "christmas day": (12, 25), "st stephen's day": (12, 26),
             "new year's eve": (12, 31), "new years eve": (12, 31), "nye": (12, 31),
             "new year's day": (1, 1), "new year's": (1, 1), "new years": (1, 1),
             "new year": (1, 1), "halloween": (10, 31), "valentine's day": (2, 14),
             "valentine's": (2, 14), "valentines": (2, 14)}


def _holiday(match: re.Match[str], today: date) -> date | None:
    return _holiday_date(match.group(1).lower(), today)


def _holiday_date(name: str, today: date) -> date | None:
    """The next ``name`` holiday, today included."""
    if name == "thanksgiving":  # the US one: the fourth Thursday of November
        for year in (today.year, today.year + 1):
            first = date(year, 11, 1)
            day = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
            if day >= today:
                return day
        return None
    return _next_occurrence(today, *_HOLIDAYS[name])


def _around_holiday(match: re.Match[str], today: date) -> date | None:
    """ "the Sunday after Thanksgiving", "the Friday before Christmas", "day after Christmas"."""
    holiday = _holiday_date(match.group(3).lower(), today)
    if holiday is None:
        return None
    if match.group(1).lower() == "day":
        return holiday + timedelta(days=1 if match.group(2).lower() == "after" else -1)
    wanted = _WEEKDAYS.index(match.group(1).lower())
    if match.group(2).lower() == "after":
        return holiday + timedelta(days=(wanted - holiday.weekday() - 1) % 7 + 1)
    return holiday - timedelta(days=(holiday.weekday() - wanted - 1) % 7 + 1)


def _iso(match: re.Match[str], today: date) -> date | None:
    try:
        return date.fromisoformat(match.group(0))
    except ValueError:
        return None


_PATTERNS = (
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), _iso),
    (re.compile(r"\b(?:on\s+)?(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?!\w)", re.I),
     _day_month),
    (re.compile(r"\b(?:on\s+)?" + _MONTH + r"\s+" + _DAY + r"\b(?:,?\s+(\d{4}))?", re.I),
     _month_day),
    (re.compile(r"\b(?:in|by|until|before|this|next|for|early|late|mid)[\s-]+(?:in\s+)?" + _MONTH
                + r"(?!\w|\s+\d)", re.I),
     _month),
    (re.compile(r"\b(?:on|is|'s)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:next month|"
                + _MONTH + "))", re.I),
     _day_of_month),
    (re.compile(r"\b(?:on\s+)?(" + "|".join(_WEEKDAYS) + r")\s+of\s+next\s+week\b|"
                r"\bnext\s+week's\s+(" + "|".join(_WEEKDAYS) + r")\b", re.I), _day_of_next_week),
    (re.compile(r"\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?next\s+month\b", re.I),
     _day_next_month),
    (re.compile(r"\b" + _NUMBER + r"\s+weeks?\s+from\s+(" + "|".join(_WEEKDAYS)
                + r"|today|tomorrow|now)\b|\b(" + "|".join(_WEEKDAYS) + r")\s+week\b|\ba\s+week\s+"
                r"on\s+(" + "|".join(_WEEKDAYS) + r")\b", re.I),
     _weeks_from),
    (re.compile(r"\b(?:the\s+)?(" + "|".join(_ORDINALS) + r")\s+(" + "|".join(_WEEKDAYS)
                + r")\s+(?:of|in)\s+" + _MONTH + r"(?!\w)", re.I), _nth_weekday),
    # "Monday the 2nd", "sat the 21st": the day of the month says which Monday.
    (re.compile(r"\b(?:on\s+)?(?:" + "|".join(_WEEKDAYS) + r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|"
                r"sun),?\s+(?:the\s+)?(\d{1,2})"
                r"(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?" + _MONTH + ")", re.I), _day_of_month),
    (re.compile(r"\bin\s+" + _NUMBER + r"\s+(days?|weeks?|wks?|months?|mos?|years?|yrs?)"
                r"(?:'s?\s+time)?\b",
                re.I), _relative),
    (re.compile(r"\b(?:(next|this|coming|on|last)\s+)?(" + "|".join(_WEEKDAYS) + r")\b"
                r"(?!,?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b)(\s+after\s+next)?", re.I),
     _weekday),
    (re.compile(r"\b(this|next) weekend\b", re.I), _weekend),
    (re.compile(r"\b(?:(next|this|coming)\s+|in\s+(?:the\s+)?)(spring|summer|autumn|fall|winter)\b",
                re.I), _season),
    (re.compile(r"\b(?:at\s+|by\s+)?(?:the\s+)?end of\s+(the|this|next)\s+month\b", re.I),
     _month_end),
    (re.compile(r"\b(?:the\s+)?(day)\s+(after|before)\s+(thanksgiving|"
                + "|".join(sorted(_HOLIDAYS, key=len, reverse=True)) + r")(?!\w)", re.I),
     _around_holiday),
    (re.compile(r"\b(?:the\s+)?(" + "|".join(_WEEKDAYS) + r")\s+(after|before)\s+(thanksgiving|"
                + "|".join(sorted(_HOLIDAYS, key=len, reverse=True)) + r")(?!\w)", re.I),
     _around_holiday),
    (re.compile(r"\b(thanksgiving|" + "|".join(sorted(_HOLIDAYS, key=len, reverse=True))
                + r")(?!\w)", re.I), _holiday),
    (re.compile(r"\b(day after tomorrow|a fortnight today|a fortnight tomorrow|tomorrow|tonight|"
                r"today|yesterday|next week|in a fortnight|"
                r"next month|next year|this month|last month)\b", re.I), _named),
)


_CORRECTION = re.compile(r"\b(?:no,? wait|wait,? no|sorry,? I mean|I mean|I tell a lie|"
                         r"no,? hang on|scratch that|make that|or rather|correction)\b", re.I)


def find_date(text: str, now_ns: int) -> DateRef | None:
    """The first date expression of ``text``, resolved against the message time ``now_ns``.

    Pure; None when ``text`` names no date.
    """
    today = message_day(now_ns)
    found: list[tuple[bool, DateRef]] = []
    for pattern, resolve in _PATTERNS:
        for match in pattern.finditer(text):
            value = resolve(match, today)
            if value is None:
                continue
            iso = value if isinstance(value, str) else value.isoformat()
            found.append((resolve is _holiday, DateRef(iso, match.start(), match.end(),
                                                       iso >= today.isoformat()[:len(iso)])))
    if not found:
        return None
    # A holiday only when nothing more exact is said: "for new year's, flying out dec 28".
    first = min(found, key=lambda pair: (pair[0], pair[1].start, -(pair[1].end - pair[1].start)))[1]
    # "three weeks from saturday no wait two weeks from saturday": the corrected date.
    correction = _CORRECTION.search(text, first.end)
    later = [ref for _, ref in found if correction and ref.start >= correction.end()]
    return min(later, key=lambda ref: (ref.start, -(ref.end - ref.start))) if later else first
