"""Title-case headlines in sentence case before parsing (rules and words: schemas/headlines.yaml).

"Nicaragua Arrests 7th Presidential Contender" reads to the tagger as five names, so the
arrest is lost; "Nicaragua arrests 7th presidential contender" parses. Only letter case
changes, so the text keeps its length and every offset; extraction then takes the stored
texts from the article as written (`restore_texts`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from pipeline.models import ActorRef, Extraction
from pipeline.settings import SCHEMAS_DIR
from pipeline.yaml_files import read_yaml

HEADLINES_FILE = SCHEMAS_DIR / "headlines.yaml"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_SENTENCE_END = ('.', '?', '!', '"', '”', ':', ';', ',')


@dataclass(frozen=True)
class HeadlineRules:
    min_words: int
    max_words: int
    min_common: int
    common: frozenset[str]
    subhead_max_words: int = 0
    subhead_openers: frozenset[str] = frozenset()
    subhead_prepositions: frozenset[str] = frozenset()
    lexicon: frozenset[str] = frozenset()  # English verbs, adjectives, adverbs (`english_words`)

    def opens_a_clause(self, word: str, after: str | None) -> bool:
        """Does `word`, capitalised mid-sentence before `after`, open a clause?"""
        return word in self.subhead_openers or (
            word in self.subhead_prepositions and after is not None and not after[0].isupper())

    def is_common(self, word: str) -> bool:
        """A common word, or an inflection of one ("Attacks", "Declared", "Rallies")."""
        w = word.lower()
        stems = {w, w[:-1], w[:-2], w[:-3], w[:-2] + "e", w[:-3] + "e", w[:-3] + "y", w[:-1] + "e"}
        return any(s in self.common for s in stems if len(s) >= 2) or w in STOP_WORDS

    def is_english(self, word: str) -> bool:
        """A verb, adjective or adverb of English, or an inflection of one ("Hails", "Exit",
        "Soars"): place names are nouns only, so none of them is one."""
        w = word.lower().strip("'’")  # "'Unacceptable'": the quote is no part of the word
        return any(s in self.lexicon for s in _uninflected(w) if len(s) >= 3)


def _uninflected(w: str) -> set[str]:
    """The forms a word may inflect ("hails" hail, "flooded" flood, "stopped" stop, "soaring"
    soar, "rallies" rally); only for the endings it has, so "Ruud" is no form of "rue"."""
    forms = {w}
    if w.endswith("ies"):
        forms.add(w[:-3] + "y")
    if w.endswith("s"):
        forms |= {w[:-1], w[:-2]}
    if w.endswith("ed"):
        forms |= {w[:-1], w[:-2], w[:-3]}
    if w.endswith("ing"):
        forms |= {w[:-3], w[:-3] + "e", w[:-4]}
    return forms


@lru_cache(maxsize=4)
def rules(extra: frozenset[str] = frozenset(), lexicon: frozenset[str] = frozenset()) -> HeadlineRules:
    data: dict[str, Any] = read_yaml(HEADLINES_FILE) or {}
    common = frozenset(str(w).lower() for w in data.get("common_words") or []) | extra
    return HeadlineRules(int(data["min_words"]), int(data["max_words"]), int(data["min_common"]), common,
                         int(data.get("subhead_max_words") or 0), _words(data, "subhead_openers"),
                         _words(data, "subhead_prepositions"), lexicon)


@lru_cache(maxsize=2)
def english_words(model: str) -> frozenset[str]:
    """The verbs, adjectives and adverbs of the spaCy model's lemmatizer tables (WordNet's index:
    "hail", "exit", "soar"): a lexicon of common English words that holds no place names, which
    its noun list does ("kabul", "paris"). Empty when the model has no such tables."""
    import spacy.util
    from spacy.lookups import Lookups

    path = spacy.util.get_package_path(model)
    found = sorted(path.glob("*/lemmatizer/lookups")) or sorted(path.glob("lemmatizer/lookups"))
    if not found:
        return frozenset()
    index = Lookups().from_disk(found[0]).get_table("lemma_index", {})
    return frozenset(w for pos in ("verb", "adj", "adv") for w in index.get(pos, []) if "_" not in w)


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w) for w in data.get(key) or [])


def examples() -> list[dict[str, str]]:
    return list((read_yaml(HEADLINES_FILE) or {}).get("examples") or [])


# where a sentence may start: the text's start, a line's, or after a sentence's end
_SENTENCE_START = re.compile(r"(?:^|\n|[.!?][\"”’]?[ \t]+)(?=[A-Z‘“\"])")
_SUBHEAD_WORD = re.compile(r"[^\s.,;:!?]+")


def break_subheads(text: str, rules: HeadlineRules) -> str:
    """`text` with a line break after each subheading that lost its own line ("... on Soviet
    soil. Recent attacks Since the beginning of the year, ..."): a few words opening a sentence,
    the last in lower case, then a capitalised word that opens a clause (`subhead_openers`). Same
    length: the space becomes the line break, which ends a sentence for the parser."""
    chars = list(text)
    for m in _SENTENCE_START.finditer(text):
        pos, words = m.end(), 0
        while words <= rules.subhead_max_words:
            w = _SUBHEAD_WORD.match(text, pos)
            if w is None or w.end() >= len(text) or text[w.end()] != " ":
                break
            nxt = _SUBHEAD_WORD.match(text, w.end() + 1)
            after = _SUBHEAD_WORD.match(text, nxt.end() + 1) if nxt is not None and nxt.end() < len(text) else None
            words += 1
            if nxt is not None and words >= 2 and w.group()[0].islower() \
                    and rules.opens_a_clause(nxt.group(), after.group() if after else None):
                chars[w.end()] = "\n"
                break
            pos = w.end() + 1
    return "".join(chars)


def sentence_case(text: str, rules: HeadlineRules, known: Callable[[str], bool] = lambda _w: False) -> str:
    """`text` with each title-case line's common words in lower case (same length)."""
    out = []
    for line in text.split("\n"):
        out.append(_line(line, rules, known))
    return "\n".join(out)


def _line(line: str, rules: HeadlineRules, known: Callable[[str], bool]) -> str:
    words = list(_WORD.finditer(line))
    stripped = line.rstrip()
    if not rules.min_words <= len(words) <= rules.max_words or stripped.endswith(_SENTENCE_END):
        return line
    later = [m for m in words[1:] if m.group()[0].isupper() and len(m.group()) > 1 and not m.group().isupper()]
    lowered = [m for m in later if rules.is_common(m.group()) and not known(m.group())]
    small = [m for m in words[1:] if m.group()[0].islower()]
    if len(lowered) < rules.min_common or len(small) > len(later):
        return line  # a sentence, or a line of names
    lowered += _english_words(later, lowered, rules, known)
    chars = list(line)
    for m in lowered:
        chars[m.start()] = chars[m.start()].lower()
    return "".join(chars)


def _english_words(later: list[re.Match[str]], lowered: list[re.Match[str]], rules: HeadlineRules,
                   known: Callable[[str], bool]) -> list[re.Match[str]]:
    """The other words of a headline that are English verbs, adjectives or adverbs ("Hails Troop
    Exit"), unless a capitalised word beside them stays a name ("Bill" of "Bill Clinton")."""
    common = {m.start() for m in lowered}
    english = [m for m in later if m.start() not in common and not known(m.group()) and rules.is_english(m.group())]
    names = [m for m in later if m.start() not in common and m not in english]
    def beside_a_name(m: re.Match[str]) -> bool:
        return any(0 < n.start() - m.end() <= 1 or 0 < m.start() - n.end() <= 1 for n in names)
    return [m for m in english if not beside_a_name(m)]


def vocabulary_words(event_words: Iterable[str], descriptions: Iterable[str]) -> frozenset[str]:
    """The event-type and actor-description words that count as common in headlines."""
    return frozenset(w.lower() for w in [*event_words, *descriptions] if " " not in w)


def restore_texts(ex: Extraction, body: str) -> None:
    """Stored texts as the article has them, not as the parser read them."""
    for m in ex.mentions:
        m.sentence_text = body[m.sentence_start:m.sentence_start + len(m.sentence_text)]
        m.trigger_text = body[m.trigger_start:m.trigger_end]
        if m.theme_start is not None and m.theme_end is not None:
            m.theme_text = body[m.theme_start:m.theme_end]
        for ref in (m.source, m.target):
            if ref is not None:
                _restore_ref(ref, body)
    for t in ex.time_expressions:
        t.text = body[t.start_char:t.end_char]


def _restore_ref(ref: ActorRef, body: str) -> None:
    ref.text = body[ref.start_char:ref.end_char]
