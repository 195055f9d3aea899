"""One actor id per real entity: spellings, titles, short forms, within and across articles."""

from __future__ import annotations

from spacy.language import Language

from pipeline import actors


def ids_of(nlp: Language, vocab: actors.ActorVocabulary, text: str, word: str) -> list[str | None]:
    """The actor id of every occurrence of `word` resolved as an argument head."""
    doc = nlp(text)
    res = actors.ActorResolver(doc, vocab)
    return [getattr(res.resolve_head(t), "actor_id", None) for t in doc if t.text == word]


def test_surname_after_a_full_name_is_that_person_whatever_the_ner_label(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    # the small model tags the lone surname as a place here; it is still the person
    text = "Howard Lutnick announced new tariffs on steel. Lutnick warned China on Friday."
    assert ids_of(nlp, vocab, text, "Lutnick") == ["ner:person:howard-lutnick"] * 2


def test_surname_in_a_headline_before_the_full_name(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    text = "Okonkwo resigns\nThe finance minister Amara Okonkwo resigned on Monday after a vote."
    assert set(ids_of(nlp, vocab, text, "Okonkwo")) == {"ner:person:amara-okonkwo"}


def test_two_people_with_one_surname_leave_the_surname_alone(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    text = "Maria Alvarez met Jorge Alvarez in Lima. Alvarez said the talks failed."
    assert ids_of(nlp, vocab, text, "Alvarez")[-1] != "ner:person:maria-alvarez"


def test_legal_form_suffix_does_not_make_another_organisation(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    a = ids_of(nlp, vocab, "Globex Corp. sued the regulator in March.", "Corp.")
    b = ids_of(nlp, vocab, "The regulator fined Globex Ltd, and Globex appealed.", "Globex")[1:]
    assert a == b == ["ner:organisation:globex"]


def test_title_before_a_name_is_not_part_of_its_id(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    doc = nlp("Prime Minister Kwame Mensah visited Accra. Kwame Mensah met farmers.")
    found = {e.text: e.label_ for e in doc.ents}
    res = actors.ActorResolver(doc, vocab)
    ids = {getattr(res.resolve_head(t), "actor_id", None) for t in doc if t.text == "Mensah"}
    assert ids == {"ner:person:kwame-mensah"}, found
    names = {a.actor_id: a.canonical_name for a in res.actors()}
    assert names["ner:person:kwame-mensah"] == "Kwame Mensah"


def test_a_dictionary_state_found_outside_the_ner_is_that_state(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    # "Ukraine" left untagged inside a run of capitalised words is still the state, not ner:other
    doc = nlp("Officials said Ukraine had accepted the proposal.")
    res = actors.ActorResolver(doc, vocab)
    tok = next(t for t in doc if t.text == "Ukraine")
    assert res._name(tok.i, tok).actor_id == "ukr"


def test_a_demonym_heading_a_noun_phrase_is_its_state(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    doc = nlp("the ukrainians rejected the offer.")
    res = actors.ActorResolver(doc, vocab)
    tok = next(t for t in doc if t.lower_ == "ukrainians")
    ref = res._nominal(tok.i, tok)
    assert ref is not None and ref.actor_id == "ukr" and ref.resolved_by == "metonymy"


def test_a_date_word_is_never_an_actor(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    assert ids_of(nlp, vocab, "Talks resumed on Tuesday, officials said.", "Tuesday") == [None]


def test_dictionary_qid_is_kept(vocab: actors.ActorVocabulary) -> None:
    assert vocab.entries["ukr"].wikidata_qid == "Q212"
    assert vocab.entries["ukr-zelenskyy"].wikidata_qid == "Q3881739"


def test_a_shorter_full_name_ending_a_longer_one_is_that_person(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    text = "Police arrested Juan Carlos Ortega on Monday. Carlos Ortega denied the charges."
    doc = nlp(text)
    res = actors.ActorResolver(doc, vocab)
    ids = {getattr(res.resolve_head(t), "actor_id", None) for t in doc if t.text == "Ortega"}
    assert ids == {"ner:person:juan-carlos-ortega"}, [(e.text, e.label_) for e in doc.ents]


def test_a_bank_of_a_country_stays_whole_and_its_acronym_is_it(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    text = "The Central Bank of Kenya raised its key rate on Thursday. The CBK also sold dollars."
    doc = nlp(text)
    res = actors.ActorResolver(doc, vocab)
    assert "Central Bank of Kenya" in {e.text.removeprefix("The ") for e in doc.ents}
    ids = {getattr(res.resolve_head(t), "actor_id", None) for t in doc if t.text in {"Bank", "CBK"}}
    assert ids == {"ner:organisation:central-bank-of-kenya"}


def test_two_organisations_that_share_a_first_word_stay_two(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    # "Apple" after "Apple Computer" is a short form; "National Press Agency" after "National
    # Intelligence and Security Agency" is another organisation
    text = ("The National Intelligence and Security Agency detained the reporter. "
            "The National Press Agency condemned the arrest.")
    doc = nlp(text)
    res = actors.ActorResolver(doc, vocab)
    ids = {getattr(res.resolve_head(t), "actor_id", None) for t in doc if t.text == "Agency"}
    assert ids == {"ner:organisation:national-intelligence-and-security-agency",
                   "ner:organisation:national-press-agency"}, [(e.text, e.label_) for e in doc.ents]


def test_a_short_form_of_an_organisation_is_it(nlp: Language, vocab: actors.ActorVocabulary) -> None:
    text = "The Meridian Trust Bank froze the accounts. Meridian Trust said it acted lawfully."
    doc = nlp(text)
    res = actors.ActorResolver(doc, vocab)
    ids = {getattr(res.resolve_head(t), "actor_id", None) for t in doc if t.text in {"Bank", "Trust"}}
    assert ids == {"ner:organisation:meridian-trust-bank"}, [(e.text, e.label_) for e in doc.ents]
