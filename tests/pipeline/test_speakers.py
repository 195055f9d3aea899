"""Who "I" is in an interview written as turns ("VOA: ... Armitage: I would say ..."), and where
the quotation a pronoun attributes opens ("'...,' they said")."""

from __future__ import annotations

from spacy.language import Language

from pipeline import actors
from pipeline.actors.speakers import attributed_quote_start, turn_label

INTERVIEW = ("VOA spoke with former Deputy Secretary of State Richard Armitage about his trip. "
             "VOA: What did you discuss there? Richard Armitage, former U.S. deputy secretary of state: "
             "President Lai Ching-te gave a fine speech, and I had met him before. VOA: How concerned are you? "
             "Armitage: Vladimir Putin went to Beijing. I'm concerned.")


def _first_persons(nlp: Language, vocab: actors.ActorVocabulary, text: str) -> list[str | None]:
    doc = nlp(text)
    resolver = actors.ActorResolver(doc, vocab)
    refs = [resolver.resolve_head(t) for t in doc if t.lower_ == "i"]
    return [r.actor_id if r is not None else None for r in refs]


def test_i_in_an_answer_is_who_the_turn_label_names(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    # not Lai Ching-te or Vladimir Putin, the last person named before each "I"
    assert set(_first_persons(nlp, vocab, INTERVIEW)) == {"ner:person:richard-armitage"}


def test_a_turn_label_is_a_name_and_a_colon_at_a_sentence_start(nlp: Language) -> None:
    doc = nlp(INTERVIEW)
    labels = {turn_label(doc, t.i).text for t in doc if t.lower_ == "i"}  # type: ignore[union-attr]
    assert labels == {"Richard Armitage, former U.S. deputy secretary of state", "Armitage"}


def test_a_colon_after_a_verb_of_saying_is_no_turn_label(nlp: Language) -> None:
    doc = nlp("The minister said: I will visit Kyiv.")
    assert turn_label(doc, next(t.i for t in doc if t.text == "I")) is None


def test_a_pronoun_after_a_closing_mark_attributes_the_quotation_opened_before_it(nlp: Language) -> None:
    doc = nlp("The groups met on Monday. “We urge the police to free him,” they said.")
    they = next(t for t in doc if t.text == "they")
    assert doc[attributed_quote_start(they)].text == "“"  # type: ignore[index]
    doc = nlp('The groups met on Monday. "We urge the police to free him," they said.')
    they = next(t for t in doc if t.text == "they")
    assert attributed_quote_start(they) == next(t.i for t in doc if t.text == '"')


def test_a_pronoun_with_no_quotation_just_before_it_attributes_none(nlp: Language) -> None:
    doc = nlp("The groups met on Monday, and they said the police must free him.")
    assert attributed_quote_start(next(t for t in doc if t.text == "they")) is None
    # a sentence after a quotation is no attribution of it
    doc = nlp("The groups met on Monday. “The police must free him.” They also called for calm.")
    assert attributed_quote_start(next(t for t in doc if t.text == "They")) is None
    # the quotation mark before it closes a quotation opened in an earlier paragraph
    doc = nlp("“We will not stop.\n\nThe police must free him,” they said.")
    assert attributed_quote_start(next(t for t in doc if t.text == "they")) is None


def _he(nlp: Language, vocab: actors.ActorVocabulary, text: str) -> str | None:
    doc = nlp(text)
    ref = actors.ActorResolver(doc, vocab).resolve_head(next(t for t in doc if t.lower_ == "he"))
    return ref.actor_id if ref is not None else None


def test_he_in_a_quotation_is_not_the_one_it_is_said_to(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    # the quotation goes on from the sentence that says it was written to Rubio
    text = ('"We are worried by the actions of Viktor Orban," the senators wrote in a letter to Marco Rubio. '
            '"Last week, he threatened to close the border."')
    assert _he(nlp, vocab, text) == "hun-orban"


def test_he_in_a_quotation_is_not_its_speaker(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    # a speaker says "I"; the one spoken of is not named here, so "he" stays unresolved
    assert _he(nlp, vocab, '"Last week he threatened to attack our ports," Zelenskyy told Joe Biden.') is None


def test_he_in_reported_speech_is_the_speaker(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    assert _he(nlp, vocab, "Zelenskyy told reporters that he would visit Washington.") == "ukr-zelenskyy"
