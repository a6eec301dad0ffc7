"""Relative and absolute dates resolve against the message time (Wednesday 2026-02-04)."""

from __future__ import annotations

import pytest

from lumiscope.server.memory.dates import find_date, when
from tests.server.memory.factories import NOW, at

RESOLVED = [
    ("today", "2026-02-04"), ("tonight", "2026-02-04"), ("tomorrow", "2026-02-05"),
    ("the day after tomorrow", "2026-02-06"), ("yesterday", "2026-02-03"),
    ("next Friday", "2026-02-06"), ("on Friday", "2026-02-06"), ("this Friday", "2026-02-06"),
    ("Thursday after next", "2026-02-12"), ("on Friday after next", "2026-02-13"),
    ("I start Monday the 2nd", "2026-03-02"), ("Monday the 2nd of March", "2026-03-02"),
    ("sat the 21st", "2026-02-21"), ("the first Sunday of December", "2026-12-06"),
    ("two weeks from saturday", "2026-02-21"), ("Saturday week", "2026-02-14"),
    ("a week from tomorrow", "2026-02-12"), ("on the 2nd of next month", "2026-03-02"),
    ("in 3 wks", "2026-02-25"), ("the Sunday after Thanksgiving", "2026-11-29"),
    ("the day after Christmas", "2026-12-26"), ("the day before Thanksgiving", "2026-11-25"),
    ("the Friday before Christmas", "2026-12-18"), ("Thursday of next week", "2026-02-12"),
    ("next week's Monday", "2026-02-09"),
    ("the last Friday of February", "2026-02-27"), ("the first Monday of February", "2027-02-01"),
    ("next Wednesday", "2026-02-11"), ("on Monday", "2026-02-09"), ("last Monday", "2026-02-02"),
    ("this weekend", "2026-02-07"), ("next weekend", "2026-02-14"),
    ("next week", "2026-02-09"), ("next month", "2026-03"), ("next year", "2027"),
    ("in two weeks", "2026-02-18"), ("in 3 days", "2026-02-07"), ("in a month", "2026-03"),
    ("in a couple of weeks", "2026-02-18"), ("in two weeks' time", "2026-02-18"),
    ("on June 3rd", "2026-06-03"), ("on 3 June", "2026-06-03"), ("the 12th of March", "2026-03-12"),
    ("March 28", "2026-03-28"), ("January 10", "2027-01-10"), ("May 5, 2027", "2027-05-05"),
    ("in September", "2026-09"), ("by June", "2026-06"), ("in January", "2027-01"),
    ("on 2026-07-01", "2026-07-01"), ("in a fortnight", "2026-02-18"),
    ("at the end of the month", "2026-02"), ("by the end of next month", "2026-03"),
    ("next spring", "2026"), ("in the summer", "2026"), ("this winter", "2026"),
    ("next winter", "2026"), ("on the 20th", "2026-02-20"),
    ("on the 2nd", "2026-03-02"),
    # holidays: the next one; US Thanksgiving is the fourth Thursday of November
    ("for thanksgiving", "2026-11-26"), ("over christmas", "2026-12-25"),
    ("on new year's eve", "2026-12-31"), ("for new year's", "2027-01-01"),
    ("valentine's day", "2026-02-14"), ("early march", "2026-03"), ("mid-june", "2026-06"),
]


def test_a_holiday_gives_way_to_an_exact_date_in_the_same_text() -> None:
    ref = find_date("for new year's, flying out dec 28", NOW)
    assert ref is not None and ref.iso == "2026-12-28"


@pytest.mark.parametrize(("text", "iso"), RESOLVED)
def test_a_date_expression_resolves_to_an_iso_date(text: str, iso: str) -> None:
    ref = find_date(f"I have it {text}.", NOW)
    assert ref is not None and ref.iso == iso


def test_a_weekday_said_on_that_weekday_means_the_next_one() -> None:
    wednesday = NOW
    assert find_date("next Wednesday", wednesday).iso == "2026-02-11"  # type: ignore[union-attr]
    assert find_date("on Wednesday", wednesday).iso == "2026-02-11"  # type: ignore[union-attr]


def test_on_sunday_this_weekend_is_the_current_one() -> None:
    sunday = at(4)
    assert find_date("this weekend", sunday).iso == "2026-02-07"  # type: ignore[union-attr]


def test_a_date_knows_whether_it_is_in_the_future() -> None:
    assert find_date("tomorrow", NOW).future  # type: ignore[union-attr]
    assert not find_date("yesterday", NOW).future  # type: ignore[union-attr]
    assert find_date("today", NOW).future  # type: ignore[union-attr]


def test_the_first_date_of_a_text_is_found_with_its_position() -> None:
    text = "We fly out on March 28 and back on April 5."
    ref = find_date(text, NOW)
    assert ref is not None and ref.iso == "2026-03-28"
    assert text[ref.start:ref.end].strip() == "on March 28"


def test_a_corrected_date_wins_over_the_one_it_corrects() -> None:
    text = "we leave three weeks from saturday no wait two weeks from saturday"
    assert find_date(text, NOW).iso == "2026-02-21"
    assert find_date("on friday, I mean thursday", NOW).iso == "2026-02-05"


def test_a_text_without_a_date_gives_none() -> None:
    assert find_date("I live in Lisbon", NOW) is None
    assert find_date("I work Mondays", NOW) is None
    assert find_date("February 30", NOW) is None


def test_dates_read_as_day_month_or_year() -> None:
    assert [when(find_date(t, NOW)) for t in ("tomorrow", "next month", "next year")] == [  # type: ignore[arg-type]
        "on 2026-02-05", "in 2026-03", "in 2027"]


def test_a_season_already_begun_or_past_means_next_years() -> None:
    november = at(290)  # 2026-11-21
    assert find_date("next spring", november).iso == "2027"  # type: ignore[union-attr]
    assert find_date("in the autumn", november).iso == "2027"  # type: ignore[union-attr]
    assert find_date("this summer", november).iso == "2026"  # type: ignore[union-attr]
