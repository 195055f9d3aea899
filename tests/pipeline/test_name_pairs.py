"""A hyphen after an abbreviation's period and before a name is split, as spaCy splits one
between letters: "U.S.-China" is two names (their being an act's two parties is tested with the
noun arguments)."""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.mark.parametrize(("text", "tokens"), [
    ("U.S.-China talks", ["U.S.", "-", "China", "talks"]),
    ("the U.S.-EU deal", ["the", "U.S.", "-", "EU", "deal"]),
    # a hyphen before a word in lower case stays inside the word
    ("the U.S.-led coalition", ["the", "U.S.-led", "coalition"]),
    ("a U.N.-backed force", ["a", "U.N.-backed", "force"]),
])
def test_a_hyphen_after_an_abbreviation_before_a_name_is_split(nlp: Language, text: str, tokens: list[str]) -> None:
    assert [t.text for t in nlp.tokenizer(text)] == tokens
