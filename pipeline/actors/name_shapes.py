"""What a named entity's words and place in its sentence say it is, before any dictionary lookup:
a person's plain name, a people, a territory, a storm, an office, a law or a work with its article,
a common noun the NER capitalised. Pure functions over spaCy spans, one per shape, each read by
`NamedMentions` (named.py) when it decides which entities name actors and of which kind."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline import actor_names
from pipeline.actors.spans import _LINKS, _strip_det
from pipeline.actors.vocabulary import ActorVocabulary
from pipeline.models import Actor

_DATELINE_DASHES = {"—", "–", "--"}  # "NIAMEY —": what follows opens the story
_ARTICLES = frozenset({"the", "a", "an"})


def not_an_actor(ent: Span, vocab: ActorVocabulary) -> bool:
    """Is the entity no actor's name whatever its label: a common noun, a storm, a region's
    adjective, a describing phrase the dictionary does not know, a law or a work, an office?"""
    return common_noun(ent, vocab) or storm(ent) or regional(ent, vocab) or a_kind(ent) or a_document(ent, vocab) \
        or (description(ent) and vocab.lookup(ent.text) is None) or named_thing(ent, vocab) or office(ent, vocab)


def body_acronym(tok: Token) -> bool:
    """Is the untagged proper noun an acronym of capitals that names a body ("ICE", "USAF",
    "IS"), not one of `common_acronyms` ("AI", "GDP", "CEO") in schemas/actor_names.yaml?"""
    text = tok.text
    return tok.pos_ == "PROPN" and not tok.ent_type_ and 2 <= len(text) <= 6 and text.isalpha() and text.isupper() \
        and text.lower() not in actor_names.rules().common_acronyms


def a_document(ent: Span, vocab: ActorVocabulary) -> bool:
    """A name of two words or more that ends in a noun of a document ("the Washington Treaty",
    "an Enhanced Defense Cooperation Agreement", "the ... Development Plan"; `document_nouns`
    in schemas/actor_names.yaml): a text, whatever the NER took it for. A dictionary name stays."""
    return len(ent) > 1 and ent[-1].lower_ in actor_names.rules().document_nouns and vocab.lookup(ent.text) is None


def a_kind(ent: Span) -> bool:
    """A name that says what kind some people are, modifying a noun of origin or belonging
    ("passengers of Punjabi ethnicity", "men of Afghan origin"; `kind_nouns` in
    schemas/actor_names.yaml): it names no one who acts or is acted upon. Read on the surface,
    the noun right after the name: the parser often hangs a coordinated name apart from it."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].lower_ in actor_names.rules().kind_nouns


def opens(short: str, long: str) -> bool:
    """Are the words of `short` the first words of `long` ("apple" of "apple computer")?"""
    words = short.split()
    return long.split()[: len(words)] == words


def first_and_surname(rules: actor_names.NameRules, key: str) -> str:
    """A person key's given name and surname only ("lloyd j. austin iii" -> "lloyd austin")."""
    return f"{key.split()[0]} {rules.surname(key)}"


def plural_person(ent: Span) -> bool:
    """A "person" the tagger reads as a plural common noun opening the sentence ("Missiles
    struck the city"): a person's name is never plural ("Chagossians" is a people, NORP)."""
    tok = ent[0]
    return ent.label_ == "PERSON" and tok.tag_ == "NNS" and tok.i == tok.sent.start


def a_people(ent: Span) -> bool:
    """A "person" whose last word is a plural proper noun is a people ("Hong Kongers",
    "Muscovites"), a group of the story, never one person "he" can stand for."""
    return ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].tag_ == "NNPS"


def doubtful_person(a: Actor) -> bool:
    """A person only the NER vouches for, named by one word that no full name of the article
    ends with ("Brexit", "Okinawa", "COVID-19" tagged PERSON): news introduces a person by full
    name, so such a word is no antecedent for "he" or "she" (a dictionary mononym is, and so is a
    name after a title: "President Moise")."""
    return a.actor_id.startswith("ner:") and (len(a.canonical_name.split()) < 2 or any(ch.isdigit() for ch in a.canonical_name))


def after_place_preposition(span: Span) -> bool:
    """Is the name the object of a preposition of place ("in Mwangura", "residents of Austin")?"""
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ in actor_names.rules().place_prepositions


def after_a_person_title(span: Span, vocab: ActorVocabulary) -> bool:
    """Does a person's title, role noun or kin noun stand right before the name ("Mayor Hadi
    Rudyatmo", "presidential adviser Mesut Casin", "Lai's son Sebastien")? Then the name is a
    person's whatever label the NER gave it; a modifier such as "former" is no title of its
    own ("the former Soviet Union")."""
    if span.start == 0:
        return False
    prev = span.doc[span.start - 1]
    if is_title_word(prev, vocab):
        return True
    # a first name the NER left out: "spokesperson Randhir [Jaiswal]"
    return prev.is_title and prev.is_alpha and not prev.ent_type_ and prev.pos_ == "PROPN" and span.start > 1 \
        and is_title_word(span.doc[span.start - 2], vocab)


def is_title_word(prev: Token, vocab: ActorVocabulary) -> bool:
    """Is the token a person's title, kin noun or role noun ("Mayor", "son", "adviser")?"""
    rules = actor_names.rules()
    word = prev.lower_.rstrip(".")
    if word in rules.title_modifiers:
        return False
    return (word,) in rules.titles or word in rules.kin_nouns or (
        prev.pos_ == "NOUN" and vocab.is_description(prev.lemma_.lower(), "person"))


def speaks_as_a_person(span: Span, vocab: ActorVocabulary, single: bool = False) -> bool:
    """A name of two or three capitalised words with no article, no organisation word and no
    role noun ("Reaction Officials"), the subject of a verb of saying ("Vassily Nebenzia told the
    council", "Nop Vy said"), is a person's, whatever label the NER gave it (`speaking_verbs` in
    schemas/actor_names.yaml); so is one such word (`single`) that the NER took for a product or
    a work ("Equiluz says")."""
    root = span.root
    return plain_name(span, vocab, 1 if single else 2) and root.dep_ == "nsubj" \
        and root.head.lemma_.lower() in actor_names.rules().speaking_verbs


def plain_name(span: Span, vocab: ActorVocabulary, fewest: int = 2) -> bool:
    """Two (or `fewest`) to three capitalised words with no article, no organisation word and no
    role noun: what a person's name looks like ("Maxwell Evenor", not "Reaction Officials")."""
    rules = actor_names.rules()
    words = list(span)
    if not fewest <= len(words) <= 3 or not all(t.is_alpha and t.is_title for t in words):
        return False
    return not any(t.lower_ in rules.suffixes or t.lower_ in _ARTICLES or vocab.is_role_noun(t.lemma_)
                   or vocab.is_role_noun(t.lower_) for t in words)


def named_like_a_person(ent: Span, vocab: ActorVocabulary) -> bool:
    """A plain name under another label that its sentence shows to be a person's: an age in
    commas after it ("Lydia Rosasi, 29, works at ..."), a person's name coordinated with it
    ("Frankie Bontemps and Maxwell Evenor are ..."), or a person's title in apposition to it
    ("Rogier Creemers, assistant professor at Leiden University, told VOA"), or one person's noun
    before it ("Another passenger, Allah Rakha, told VOA"). The NER often labels an unfamiliar
    name an organisation; a company is not given an age, paired with a person or called a
    professor or a passenger this way."""
    if ent.label_ == "PERSON" or not plain_name(ent, vocab):
        return False
    doc = ent.doc
    after = [t.text for t in doc[ent.end : ent.end + 3]]
    if len(after) == 3 and after[0] == after[2] == "," and after[1].isdigit() and 0 < int(after[1]) < 120:
        return True
    root = ent.root
    partners = ([root.head] if root.dep_ == "conj" else []) + [c for c in root.children if c.dep_ == "conj"]
    if any(p.ent_type_ == "PERSON" for p in partners):
        return True
    # a title of its own: not someone else's ("VOA's Bosnian Service, Dodik's lawyer, ...")
    titles = [c for c in root.children if c.dep_ == "appos" and c.i > root.i and c.pos_ == "NOUN"
              and not any(w.ent_type_ == "PERSON" or w.dep_ == "poss" for w in c.subtree)]
    rules = actor_names.rules()
    if any((t.lemma_.lower(),) in rules.titles or vocab.is_description(t.lemma_.lower(), "person") for t in titles):
        return True
    # named after one person's noun: "Another passenger, Allah Rakha, ...", "Her lawyer, ..."
    head = root.head
    return root.dep_ == "appos" and head.i < root.i and head.tag_ == "NN" and (
        (head.lemma_.lower(),) in rules.titles or vocab.is_description(head.lemma_.lower(), "person")
        or vocab.is_description(head.lemma_.lower(), "people"))


def people_by_context(doc: Doc, vocab: ActorVocabulary) -> dict[int, Span]:
    """The full names (two or three words) of people the NER mislabelled, tagged only in part or
    left untagged, where the sentence shows them to be people's (`person_by_context`), by the
    start of the entity or of the untagged name: "Anatoly Antonov told the council" (a work),
    "Siyoka [Mwale], director at the union, says" (an organisation, the given name left out),
    "Tomasz Wrobel, a farmer, said" (untagged). News names a person in full once and by surname after,
    where the NER is as likely to call the surname a place: the full name is what links them."""
    found: dict[int, Span] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            continue
        name = _with_given_name(ent, vocab)
        if person_by_context(name, vocab, loose=name is not ent or ent.label_ not in _NAME_LABELS):
            found[ent.start] = name
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and _untagged_name_word(doc[end]):
            end += 1
        if end - i >= 2 and _whole_name(doc[i:end]) and person_by_context(doc[i:end], vocab, loose=True):
            found[i] = doc[i:end]
        i = max(end, i + 1)
    return found


def person_by_context(name: Span, vocab: ActorVocabulary, loose: bool = False) -> bool:
    """Is the plain name of two or three words a person's by its sentence: `named_like_a_person`,
    a person's title before it, or (with `loose`: a name the NER tagged as a work or a product,
    or tagged only in part, or not at all) the subject of a verb of saying. A whole name tagged as
    a place or an organisation may speak for itself ("South Korea said")."""
    if len(name) < 2 or not plain_name(name, vocab):
        return False
    return named_like_a_person(name, vocab) or after_a_person_title(name, vocab) \
        or (loose and speaks_as_a_person(name, vocab))


_NAME_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})  # a whole name so tagged may be no person's


def _with_given_name(ent: Span, vocab: ActorVocabulary) -> Span:
    """The entity with the given name before it that the NER left out ("Siyoka [Mwale]"): one untagged capitalised proper noun that is no title, no role noun and
    no name the dictionary knows; else the entity."""
    if len(ent) != 1 or ent.start == 0:
        return ent
    before = ent.doc[ent.start - 1]
    if not _untagged_name_word(before) or is_title_word(before, vocab) or vocab.lookup(before.text) is not None:
        return ent
    return ent.doc[ent.start - 1 : ent.end]


def _whole_name(span: Span) -> bool:
    """Is the run of untagged words a name of its own, not the end of a longer one whose other
    words the NER or the tagger read otherwise ("[Oh] Ei Sun", "the [Australian] Strategic Policy
    Institute")? No word outside it is a capitalised modifier of a word in it."""
    return not any(t.head.i in range(span.start, span.end) and t.dep_ in _NAME_PARTS and t.text[:1].isupper()
                   for t in span.doc[max(span.start - 3, 0) : span.start])


_NAME_PARTS = frozenset({"compound", "amod", "flat", "nmod"})


def _untagged_name_word(tok: Token) -> bool:
    """A capitalised proper noun of letters the NER left out of every entity."""
    return tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha and not tok.ent_type_


def description(ent: Span) -> bool:
    """A phrase of describing words the NER took for an organisation or a group, such as a
    quoted verdict in a headline ("Killing of Protesters 'Utterly Unacceptable'"): every word
    ends like an adverb or an adjective (`descriptive_endings` in schemas/actor_names.yaml). A
    person's name is left alone ("Kelly"); `NamedMentions` keeps a name the dictionary knows
    ("Italy")."""
    endings = actor_names.rules().descriptive_endings
    words = [t.lower_ for t in ent if t.is_alpha]
    return ent.label_ != "PERSON" and bool(words) and all(any(w.endswith(e) for e in endings) for w in words)


def a_territory(ent: Span) -> bool:
    """Does the name end with a noun of a territory ("Central Java Province", "the Amur
    Region"; `territory_nouns` in schemas/actor_names.yaml)?"""
    return len(ent) > 1 and ent[-1].lower_ in actor_names.rules().territory_nouns


def water_body(ent: Span) -> bool:
    """Is the name a body of water's ("the Red Sea", "the Gulf of Oman", "the Gulf"; `water_nouns`
    in schemas/actor_names.yaml): its last word, or its first before "of", a noun of water (one
    word alone with "the", not modifying a noun: "the Gulf states" are states)? Such a place is
    where an act happens, never a party to it."""
    words = [t.lower_ for t in ent if t.lower_ != "the"]
    water = actor_names.rules().water_nouns
    if len(words) == 1:  # "the Gulf", "the Strait": the water named by its noun alone
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        definite = ent[0].lower_ == "the" or (before is not None and before.lower_ == "the")
        return definite and words[0] in water and ent.root.dep_ != "compound"
    return words[-1] in water or (words[0] in water and words[1] == "of")


def storm(ent: Span) -> bool:
    """A storm's name ("Cyclone Freddy", "Tropical Cyclone Jude", "Hurricane Maria"): the
    word before the name, or its own first word, names a storm (`weather_names` in
    schemas/actor_names.yaml), or the article named it so before or after ("was struck by
    Chido" after "Cyclones Chido in December and Dikeledi in January")."""
    words = actor_names.rules().weather_words
    first = ent[0]
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return first.lower_ in words or (before is not None and before.lower_ in words) \
        or (len(ent) == 1 and first.text in storm_names(ent.doc))


def storm_names(doc: Doc) -> frozenset[str]:
    """The one-word names the article gives storms: the proper noun right after a storm word
    and those coordinated with it ("Cyclones Chido in December and Dikeledi in January"). Read
    once per document."""
    cached = doc.user_data.get("dateline_storm_names")
    if isinstance(cached, frozenset):
        return cached
    words = actor_names.rules().weather_words
    names: set[str] = set()
    for t in doc:
        if t.lower_ in words and t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN":
            name = doc[t.i + 1]
            names.update(n.text for n in (name, *name.conjuncts) if n.pos_ == "PROPN" and n.text[:1].isupper())
    found = frozenset(names)
    doc.user_data["dateline_storm_names"] = found
    return found


def as_a_name(name: str) -> str:
    """A name written in lower case in the text is shown as a name ("four frontier corps
    personnel" names the Frontier Corps): one actor id has one name in every article, where a
    second spelling would be quarantined as an inconsistent actor row."""
    if not name.islower():
        return name
    return " ".join(w if w in _LINKS else w[:1].upper() + w[1:] for w in name.split())


def named_thing(ent: Span, vocab: ActorVocabulary) -> bool:
    """A law, a work, an event or a product with an article ("the Bill of Rights", "The
    Charter calls on ...", "a 'Treaty on Comprehensive Strategic Partnership'", "the
    September 17 agreement"): a thing, read as the noun it is. A name without one may be a
    person the NER mislabels ("Vassily Nebenzia told the council"); a dictionary name stays
    (`thing_labels` in schemas/actor_names.yaml)."""
    if ent.label_ not in actor_names.rules().thing_labels or vocab.lookup(_strip_det(ent)) is not None:
        return False
    first = ent[0] if ent[0].lower_ in _ARTICLES else (ent.doc[ent.start - 1] if ent.start > 0 else None)
    if first is not None and first.is_punct and ent.start > 1 and first.i == ent.start - 1:
        first = ent.doc[ent.start - 2]  # a 'quoted' title after its article
    return first is not None and first.lower_ in _ARTICLES


def office(ent: Span, vocab: ActorVocabulary) -> bool:
    """An office the NER took for an organisation ("the Minister of Foreign Affairs",
    "Secretary of Defense", "Commissioner for Trade"), or the department of one it tagged
    apart ("Secretary of [State]"): a person's title before "of" or "for". The resolver reads
    it as the role noun it is, and a name in apposition to it is the person who holds it; a
    ministry or a department is no title and stays."""
    if _department_of_a_title(ent, vocab):
        return True
    words = [t for t in ent if t.lower_ not in _ARTICLES]
    if ent.label_ == "PERSON" or len(words) < 3 or words[1].lower_ not in {"of", "for"}:
        return False
    return is_title_word(words[0], vocab) and vocab.lookup(_strip_det(ent)) is None


def _department_of_a_title(ent: Span, vocab: ActorVocabulary) -> bool:
    """The department after a title's "of" or "for" that the NER tagged apart ("Secretary of
    [State] Marco Rubio"): `title_departments` in schemas/actor_names.yaml."""
    doc = ent.doc
    if ent.label_ != "ORG" or ent.start < 2 or doc[ent.start - 1].lower_ not in {"of", "for"}:
        return False
    return ent.text.lower() in actor_names.rules().title_departments and is_title_word(doc[ent.start - 2], vocab)


def regional(ent: Span, vocab: ActorVocabulary) -> bool:
    """An adjective of a region or a bloc the NER labels a people or an organisation ("Western
    news reports", "tariffs on European spirits", "NATO's Eastern flank"; `regional_adjectives`
    in schemas/actor_names.yaml): no one actor. A name the dictionary knows stays."""
    return ent.label_ in {"NORP", "ORG"} and _strip_det(ent).lower() in actor_names.rules().regional_adjectives \
        and vocab.lookup(ent.text) is None


def common_noun(ent: Span, vocab: ActorVocabulary) -> bool:
    """A one-word entity the NER found in a common noun: written in lower case ("salami",
    "parliament"), a role noun of the descriptions capitalised at the start of a sentence
    ("Gunmen abducted 30 students", "Council members said") or a "person" that is a plural
    common noun there. The resolver reads it as the noun it is; a name of the dictionary is
    never one."""
    if len(ent) != 1 or (ent.id_ and ent.id_ in vocab.entries) or vocab.lookup(ent.text) is not None:
        return False
    return ent[0].text.islower() or role_noun_opening(ent[0], vocab) or plural_person(ent)


def role_noun_opening(tok: Token, vocab: ActorVocabulary) -> bool:
    """Is the token a role noun of the descriptions, capitalised because it opens the
    sentence ("Rebels and soldiers exchanged fire") or the text after a dateline ("NIAMEY —
    Jihadists stormed a base")?"""
    opening = tok.i == tok.sent.start or (tok.i > 0 and tok.doc[tok.i - 1].text in _DATELINE_DASHES)
    return opening and (vocab.is_role_noun(tok.lower_) or vocab.is_role_noun(tok.lemma_))
