"""What a query asks about: the term (or, for a comparison, the two terms) behind the words
people type — "what is an LLM", "define hallucination", "how does attention work", "open
weights vs open source" — and the words that may decide ranking.

Both backends see the same subjects and the same words, so a question is answered alike on
SQLite and PostgreSQL.
"""

import re
from dataclasses import dataclass

from terms.search.words import STOP_WORDS, content_words

__all__ = ["STOP_WORDS", "Understood", "content_words", "understand"]

# Said around a subject without adding to it, tried again and again until nothing changes
# ("what is the meaning of X" → "the meaning of X" → "meaning of X" → "X").
_PREFIXES = re.compile(
    r"^(?:"
    r"(?:please|pls|hey|ok|okay|so)\b"
    r"|(?:can|could|would|will)\s+you\b"
    r"|(?:tell|show|teach|give)\s+me(?:\s+about|\s+what)?\b"
    r"|(?:i\s+(?:want|need)\s+to\s+(?:know|understand|learn)(?:\s+about|\s+what)?)\b"
    r"|what\s+is\s+meant\s+by\b"
    r"|what\s+(?:does|do)\s+(?:the\s+(?:term|word|acronym|abbreviation)\s+)?"
    r"|what(?:'s|s|\s+is|\s+are|\s+was|\s+were|\s+r)\b"
    r"|what\s+about\b"
    r"|who\s+(?:is|are)\b"
    r"|how\s+(?:does|do|did|is|are|can|could|would|should)\b"
    r"|how\s+to\s+(?:use|do|build|make)\b"
    r"|why\s+(?:is|are|does|do|would|should)\b"
    r"|when\s+(?:is|are|should|do|does)\b"
    r"|(?:define|defining|explain|describe|clarify|summari[sz]e)\b"
    r"|(?:the\s+)?(?:definition|meaning|explanation|description|examples?|overview|"
    r"basics|purpose|idea|concept)\s+of\b"
    r"|(?:an?\s+)?(?:introduction|intro|guide|primer)\s+to\b"
    r"|(?:the|a|an)\b"
    r"|(?:term|word|acronym|abbreviation)\b"
    r")\s*",
    re.IGNORECASE,
)
_SUFFIXES = re.compile(
    r"\s*(?:"
    r"[?!.]+"
    r"|\b(?:meaning|meanings|means|mean|definition|defined|define|explained|explanation|"
    r"exactly|example|examples|basics|simply)"
    r"|\b(?:stands?|stand)\s+for"
    r"|\b(?:work|works|working|function|functions|matter|matters|do|does)"
    r"|\bin\s+(?:ai|ml|machine\s+learning|artificial\s+intelligence|llms?|plain\s+english|"
    r"simple\s+terms|simple\s+words|a\s+nutshell)"
    r"|\bfor\s+(?:dummies|beginners|kids)"
    r"|\b(?:definition|meaning)\s+(?:in\s+ai|ai)"
    r")$",
    re.IGNORECASE,
)
# "X vs Y", "X versus Y", "X compared to Y"; "difference(s) between X and Y"; "compare X and
# Y"; "how is X different from Y"; "X and Y difference".
_VERSUS = re.compile(
    r"^(?P<a>.+?)\s+(?:vs\.?|v\.?|versus|compared\s+(?:to|with)|against)\s+(?P<b>.+)$",
    re.IGNORECASE,
)
_BETWEEN = re.compile(
    r"^(?:the\s+)?(?:main\s+|key\s+)?differences?\s+between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)$"
    r"|^(?:compare|comparing|comparison\s+of)\s+(?P<c>.+?)\s+(?:and|with|to)\s+(?P<d>.+)$"
    r"|^(?:is|are|does|do|how\s+(?:is|are|does|do))\s+(?P<e>.+?)\s+differ(?:ent)?\s+"
    r"(?:from|than|to)\s+(?P<f>.+)$"
    r"|^(?P<g>.+?)\s+and\s+(?P<h>.+?)\s+(?:differences?|compared|comparison)$",
    re.IGNORECASE,
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True)
class Understood:
    """A query as it is searched: its subjects (two for a comparison), best first."""

    query: str
    subjects: tuple[str, ...]

    @property
    def is_comparison(self) -> bool:
        return len(self.subjects) > 1

    @property
    def words(self) -> list[str]:
        """Every word that may decide ranking or be highlighted, once each."""
        seen: dict[str, None] = {}
        for subject in self.subjects:
            seen.update(dict.fromkeys(content_words(subject)))
        return list(seen)


def _subject(text: str) -> str:
    """``text`` without the question or instruction around it; ``text`` itself when nothing
    of it would be left."""
    current = " ".join(text.translate(_APOSTROPHES).split())
    while True:
        stripped = _SUFFIXES.sub("", _PREFIXES.sub("", current, count=1), count=1).strip()
        # Strip only while something searchable is left: "define" alone is a word to find.
        if stripped == current or not content_words(stripped):
            return current
        current = stripped


def understand(query: str) -> Understood:
    """The subject(s) of a cleaned query.

    "what is an LLM" is about "LLM"; "open weights vs open source" about "open weights" and
    "open source". Anything that is not a recognised question or comparison is its own
    subject, as typed.
    """
    whole = _subject(query)
    for pattern in (_BETWEEN, _VERSUS):
        match = pattern.match(whole) or pattern.match(" ".join(query.split()))
        if match:
            parts = [part for part in match.groups() if part]
            subjects = tuple(_subject(part) for part in parts[:2])
            if all(content_words(subject) for subject in subjects):
                return Understood(query, subjects)
    return Understood(query, (whole,))
