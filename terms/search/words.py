"""The words of a query: what a text index sees, and which of them may decide ranking."""

import re

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TOKENS = 12

# PostgreSQL's English stop words (tsearch_data/english.stop): its full-text parser ignores
# them, so SQLite ignores the same ones, and neither ranks or highlights "what" or "is".
_STOP_LIST = """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can did do does doing don down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other
    our ours ourselves out over own s same she should so some such t than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with you your yours
    yourself yourselves
"""
STOP_WORDS = frozenset(_STOP_LIST.split())


def tokens(text: str) -> list[str]:
    """The words of ``text``, lowercased: the only part of a query a text index ever sees."""
    return TOKEN.findall(text.lower())[:MAX_TOKENS]


def content_words(text: str) -> list[str]:
    """The words of ``text`` that may decide ranking: its tokens without stop words."""
    return [word for word in tokens(text) if word not in STOP_WORDS]
