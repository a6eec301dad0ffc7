"""The groups the user belongs to and turns up for: a choir, an orchestra, a band, a club, a
team ("I sing in the church choir", "I am one of only three altos in the church choir", "the
orchestra (I joined in April finally)", "I play in a punk band").

A group says what the user does with their time, so it is filed as a preference, one fact per
group.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.rules.base import SELF, Context, Found, Rule, clean, rule

_GROUPS = (r"choir|chorus|orchestra|band|ensemble|quartet|book club|running club|run club|"
           r"cycling club|walking group|club|team|league|society|congregation|troupe|crew|"
           r"orchester|chor")
# "my son's team", "the other team": not the user's.
_NOT_MINE = re.compile(r"^(?:other|opposing|rival|his|her|their|support|customer|sales|"
                       r"marketing|dev|it|project|leadership|management|hr)\b", re.I)


_BARE = frozenset(("team", "club", "crew", "league", "society", "band", "new team"))


def _member(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    group = clean(match.group(1), 5)
    # A bare "team" or "club" says too little ("I joined the team at Google" is a job).
    if group and not _NOT_MINE.match(group) and group.lower() not in _BARE:
        yield Found("preference", "group", group, f"Is in the {group}", 0.8)


_GROUP = r"((?:[\w'-]+\s+){0,3}?(?:" + _GROUPS + r"))\b"
RULES: tuple[Rule, ...] = (
    # "I sing in the church choir", "I play in an amateur orchestra", "I'm in a book club".
    rule(r"(?:" + SELF + r"\s+(?:sing|play|dance|row|run|perform|volunteer)(?:\s+\w+)?|"
         r"\b(?:I'm|I am)(?:\s+(?:one of (?:the|only \w+)\s+[\w-]+|(?:an?\s+)?[\w-]+))?)\s+in\s+"
         r"(?:the|a|an|our|my|two|a local|the local)\s+" + _GROUP, _member),
    # "I joined a running club", "I finally joined the Südvorstadt-Orchester".
    rule(SELF + r"(?:'ve| have)?\s+(?:just\s+|finally\s+|recently\s+)?joined\s+(?:the|a|an|our|"
         r"my|a local)\s+" + _GROUP, _member),
    # "The orchestra (I joined in April finally) does not have enough violas".
    rule(r"\b(?:the|our|my)\s+" + _GROUP + r"\s*\(\s*(?:which\s+|that\s+)?I\s+(?:finally\s+)?"
         r"joined\b", _member),
)
