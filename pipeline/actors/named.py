"""The named mentions of one article, resolved once when the article is read (`NamedMentions`):
dictionary names, capitals and demonyms (metonymy), name coreference ("Jobs" after "Steve Jobs",
"Globex" after "Globex Ltd") and the new actors the NER discovers; the lookups the event steps
make on them, and the search back for the last compatible named mention (what a title or a
pronoun refers to). `ActorResolver` (resolver.py) builds on it."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline import actor_names
from pipeline.actors.common import _LABEL_TYPE, ACTOR_LABELS, alias_key, slugify
from pipeline.actors.name_shapes import (
    a_people,
    a_territory,
    after_a_person_title,
    after_place_preposition,
    as_a_name,
    first_and_surname,
    not_an_actor,
    opens,
    people_by_context,
    role_noun_opening,
    speaks_as_a_person,
    storm,
)
from pipeline.actors.spans import _drop_words, _initials, _Mention, _People, _strip_det
from pipeline.actors.vocabulary import ActorVocabulary
from pipeline.models import Actor, ActorRef


class NamedMentions:
    """The named mentions of one parsed article and the actors they make (the rows of the actors
    table); `ActorResolver` adds the resolution of any argument head on demand."""

    def __init__(self, doc: Doc, vocabulary: ActorVocabulary) -> None:
        self.doc = doc
        self.vocab = vocabulary
        self._actors: dict[str, Actor] = {}
        self._mentions: list[_Mention] = []
        self._tok_mention: list[int] = [-1] * len(doc)
        self._parties: dict[int, list[str]] = {}  # plural pronoun index -> the actors it stands for
        self._build()

    # ------------------------------------------------------------------ entity mentions
    def _build(self) -> None:
        # names the NER mislabelled that their sentence shows to be people's: read once, for
        # both registers (people in, organisations out)
        self._named_people = people_by_context(self.doc, self.vocab)
        self._people = self._people_of_doc()
        self._orgs = self._organisations_of_doc()
        for ent in self.doc.ents:
            if ent.label_ not in ACTOR_LABELS or not_an_actor(ent, self.vocab):
                continue
            actor_id, resolved_by = self._entity_actor(ent)
            if actor_id is None:
                continue
            actor_id = self._curated_id(actor_id)
            non_actor = self.vocab.is_non_actor(actor_id, _strip_det(ent))
            idx = len(self._mentions)
            self._mentions.append(_Mention(ent.start, ent.end, actor_id, resolved_by, ent.label_, non_actor))
            for i in range(ent.start, ent.end):
                self._tok_mention[i] = idx
        self._untagged_surnames()

    def _untagged_surnames(self) -> None:
        """A surname of a person of the article the NER left untagged ("Barnier, too, was a
        strong advocate") is a mention of that person, which "he" can then stand for; so is a
        full name of the article at the end of a run of capitalised words ("Polish Minister of
        National Defense Mariusz Blaszczak", where the NER tagged no one)."""
        added = False
        for t in self.doc:
            if self._tok_mention[t.i] >= 0 or t.pos_ != "PROPN" or not t.is_title:
                continue
            if any(self.doc[k].pos_ == "PROPN" for k in (t.i - 1, t.i + 1) if 0 <= k < len(self.doc)):
                full = self._untagged_full_name(t)
                if full is not None:
                    self._mentions.append(_Mention(t.i - 1, t.i + 1, full, "coreference", "PERSON"))
                    self._new_actor(full, self._people.name_of(full), "person")
                    added = True
                continue  # part of a longer name
            person = self._person_named(alias_key(t.text))
            if person is None:
                continue
            self._mentions.append(_Mention(t.i, t.i + 1, person, "coreference", "PERSON"))
            self._new_actor(person, self._people.name_of(person), "person")
            added = True
        if added:
            self._mentions.sort(key=lambda m: m.start)
            self._tok_mention = [-1] * len(self.doc)
            for idx, m in enumerate(self._mentions):
                for i in range(m.start, m.end):
                    self._tok_mention[i] = idx

    def _untagged_full_name(self, t: Token) -> str | None:
        """The person whose full name of two words ends at `t`, untagged, with no name going on
        after it: "Mariusz Blaszczak" after a title the NER took it into nothing with."""
        if t.i == 0 or (t.i + 1 < len(self.doc) and self.doc[t.i + 1].pos_ == "PROPN"):
            return None
        first = self.doc[t.i - 1]
        if self._tok_mention[first.i] >= 0 or not first.is_title:
            return None
        full = self._people.full.get(actor_names.rules().person_key(alias_key(f"{first.text} {t.text}")))
        return full[0] if full is not None else None

    def role_noun_opening(self, tok: Token) -> bool:
        """Is the token a role noun of the descriptions, capitalised because it opens the
        sentence ("Rebels and soldiers exchanged fire") or the text after a dateline ("NIAMEY —
        Jihadists stormed a base")?"""
        return role_noun_opening(tok, self.vocab)

    def _people_of_doc(self) -> _People:
        """The people the NER names in full in this article (two words or more once titles
        are dropped), by identity key and by surname: a shorter mention anywhere in the article
        ("Jobs" after or before "Steve Jobs"), whatever label the NER gave it, is that person
        when one person of the article has that surname."""
        people = _People()
        rules = actor_names.rules()
        names = [ent for ent in self.doc.ents if ent.label_ == "PERSON"] + list(self._named_people.values())
        for ent in names:
            if a_people(ent) or (ent.id_ and ent.id_ in self.vocab.entries) or a_territory(ent) or storm(ent):
                continue
            text = self._without_a_place(ent, _strip_det(ent))
            key = rules.person_key(alias_key(text)) if text else ""
            if len(key.split()) < 2 or self.vocab.lookup(key) is not None:
                continue
            actor_id = f"ner:person:{slugify(key)}"
            people.full.setdefault(key, (actor_id, _drop_words(text, alias_key(text), key)))
            for surname in rules.surnames(key):
                people.surnames.setdefault(surname, set()).add(actor_id)
            first = rules.first_word(key)
            if first is not None:
                people.first_words.setdefault(first, set()).add(actor_id)
        # a shorter full name that ends a longer one of the same article is that person
        # ("Abdel Bari" after "Naser Eldin Abdel Bari"), and so is one without the longer one's
        # middle initials or suffix ("Lloyd Austin" beside "Lloyd J. Austin III")
        for key, (actor_id, _name) in list(people.full.items()):
            longer = {aid for k, (aid, _n) in people.full.items()
                      if k != key and (k.endswith(" " + key) or first_and_surname(rules, k) == key)}
            if len(longer) == 1:
                target = next(iter(longer))
                people.full[key] = (target, people.name_of(target))
                for surname in rules.surnames(key):
                    people.surnames[surname].discard(actor_id)
                people.first_words.get(rules.first_word(key) or "", set()).discard(actor_id)
        return people

    def _organisations_of_doc(self) -> dict[str, str]:
        """Organisations the NER names in this article, by identity key ("globex" for
        "Globex Ltd"): the same name under another label, or untagged, is that organisation."""
        rules = actor_names.rules()
        orgs: dict[str, str] = {}
        for ent in self.doc.ents:
            if ent.label_ != "ORG" or (ent.id_ and ent.id_ in self.vocab.entries) or ent.start in self._named_people:
                continue
            text = _strip_det(ent)
            key = rules.organisation_key(alias_key(text)) if text else ""
            if not key or key in orgs or self.vocab.lookup(key) is not None:
                continue
            # a short form opens the name given before ("Apple" after "Apple Computer"); a name
            # that only shares its first word is another ("National Press Agency" after
            # "National Intelligence and Security Agency")
            earlier = next((aid for k, aid in orgs.items() if opens(key, k) or opens(k, key)), None)
            orgs[key] = earlier or f"ner:organisation:{slugify(key)}"
        # an acronym is the organisation whose initials it spells ("NBU", "National Bank of Ukraine")
        for key, actor_id in list(orgs.items()):
            if actor_id == f"ner:organisation:{slugify(key)}" and key.isalpha() and 2 <= len(key) <= 6:
                spelled = {aid for k, aid in orgs.items() if k != key and _initials(k) == key}
                if len(spelled) == 1:
                    orgs[key] = next(iter(spelled))
        return orgs

    def _person_named(self, key: str) -> str | None:
        """The person of this article whose full name or (unique) surname is `key`, else the one
        whose full name (uniquely) starts with it: a family name written first ("Fu" after "Fu
        Cong"); a surname of the article's people comes first ("Ortega" after "Daniel Ortega"
        and "Camila Ortega Murillo" is Daniel Ortega)."""
        if key in self._people.full:
            return self._people.full[key][0]
        if len(key.split()) != 1:
            return None
        ids = self._people.surnames.get(key, set()) or self._people.first_words.get(key, set())
        return next(iter(ids)) if len(ids) == 1 else None

    def _person_elsewhere(self, text: str) -> str | None:
        """The person whose full name, as the NER tags it in this article, ends with `text`: the
        statistical NER often takes a surname for a place in the same text ("Berisha" after
        "Sali Berisha", "Austin" after "Lloyd Austin"). The first such person is taken: news
        names its main figure first. Only names the dictionary does not know get here."""
        words = alias_key(text).split()
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or len(ent) <= len(words):
                continue  # a full name: the NER's one-word persons are too often not ("Brexit")
            name = _strip_det(ent)
            if alias_key(name).split()[-len(words):] == words:
                key = actor_names.rules().person_key(alias_key(name))
                return self._person_named(key) or f"ner:person:{slugify(key)}"
        return None

    def _entity_actor(self, ent: Span) -> tuple[str | None, str]:
        vocab = self.vocab
        if ent.id_ and ent.id_ in vocab.entries:
            kind = "capital" if vocab.lookup(ent.text) == (ent.id_, "capital") else "name"
            self._use(vocab.entries[ent.id_])
            return ent.id_, "metonymy" if kind == "capital" else "dictionary"
        hit = vocab.lookup(ent.text)
        if hit is None and ent.label_ in {"NORP", "GPE"} and len(ent) > 1:
            hit = vocab.lookup(ent[-1].text)
        if hit is None and ent.label_ in {"PERSON", "ORG"}:
            # a longer NER span around a known name ("Ukrainian leader Zelenskyy")
            for tok in reversed(ent):
                hit = vocab.lookup(tok.text)
                if hit and hit[1] == "name" and vocab.entries[hit[0]].actor_type == "person":
                    break
                hit = None
        text = self._without_a_place(ent, _strip_det(ent))
        kind = _LABEL_TYPE.get(ent.label_, "other")
        key = actor_names.rules().identity_key(alias_key(text), kind) if text else ""
        if hit is None and key:
            hit = vocab.lookup(key)  # "Apple Inc." when the dictionary has "Apple"
        if hit is not None:
            actor_id, how = hit
            self._use(vocab.entries[actor_id])
            return actor_id, "dictionary" if how == "name" else "metonymy"
        if not key:
            return None, ""
        return self._discovered(ent.label_, text, key, ent)

    def _without_a_place(self, ent: Span, text: str) -> str:
        """A person's name without a country the NER took into it ("Coordinator for Myanmar
        Andrew Kirkwood": "Myanmar Andrew Kirkwood" is Andrew Kirkwood)."""
        words = text.split()
        if ent.label_ != "PERSON" or len(words) < 3 or not self.names_a_state(words[0]):
            return text
        return " ".join(words[1:])

    def names_a_state(self, word: str) -> bool:
        """Is the word a state's name or demonym in the dictionary ("Myanmar", "Somali")?"""
        hit = self.vocab.lookup(word)
        return hit is not None and self._kind(hit[0]) == "state"

    def _discovered(self, label: str, text: str, key: str, span: Span) -> tuple[str, str]:
        """The id of a name the dictionary does not know, from its identity key: the same
        entity gets the same id in every article ("Apple Inc." and "Apple": one id). A name the
        NER tags a place is a person of the article whose name ends with it, unless a preposition
        of place governs it ("Lloyd Austin ... Austin said" but "homes in Austin")."""
        if a_territory(span):  # "Central Java Province": a place, whatever the label
            actor_id = f"ner:location:{slugify(alias_key(text))}"
            self._new_actor(actor_id, text, "location")
            return actor_id, "ner"
        place_label = label in {"GPE", "LOC", "FAC"}
        place = place_label and after_place_preposition(span)  # "homes in Austin"
        person = None if place else self._person_named(key if label == "PERSON" else alias_key(text))
        if person is not None:
            self._new_actor(person, self._people.name_of(person), "person")
            full = self._people.full.get(key)
            return person, "ner" if full is not None and full[0] == person and label == "PERSON" else "coreference"
        if place_label and not place:
            person = self._person_elsewhere(text)
            if person is not None:  # "Berisha" after "Sali Berisha" and "Shkelzen Berisha"
                self._new_actor(person, self._people.name_of(person), "person")
                return person, "coreference"
        kind = "group" if a_people(span) else _LABEL_TYPE.get(label, "other")
        # a person's, whatever the label: after a title ("Mayor Hadi Rudyatmo"), or a name that
        # speaks ("Vassily Nebenzia told the council")
        if (label != "PERSON" and after_a_person_title(span, self.vocab)) or (
                (kind == "other" or label == "LOC") and speaks_as_a_person(span, self.vocab, single=kind == "other")):
            kind, key = "person", actor_names.rules().person_key(alias_key(text))
        org = self._orgs.get(actor_names.rules().organisation_key(alias_key(text))) if kind != "person" else None
        if org is not None and label != "PERSON":
            own = org == f"ner:organisation:{slugify(key)}"
            self._new_actor(org, _drop_words(text, alias_key(text), key), "organisation")
            return org, "ner" if own and label == "ORG" else "coreference"
        actor_id = f"ner:{kind}:{slugify(key)}"
        self._new_actor(actor_id, _drop_words(text, alias_key(text), key), kind)
        return actor_id, "ner"

    def _new_actor(self, actor_id: str, name: str, kind: str) -> None:
        if actor_id not in self._actors:
            self._actors[actor_id] = Actor(actor_id=actor_id, canonical_name=as_a_name(name), actor_type=kind,
                                           source="ner")

    def _use(self, actor: Actor) -> None:
        self._actors.setdefault(actor.actor_id, actor)

    def _curated_id(self, actor_id: str) -> str:
        """The id after the analyst's merges, with an actors-table row for it: a dictionary
        entry, else (a discovered id merged into another) the merged actor's row renamed."""
        target = self.vocab.canonical_id(actor_id)
        if target != actor_id and target not in self._actors:
            if target in self.vocab.entries:
                self._use(self.vocab.entries[target])
            else:
                old = self._actors.get(actor_id)
                kind = target.split(":")[1] if target.count(":") >= 2 else (old.actor_type if old else "other")
                name = old.canonical_name if old else target.rsplit(":", 1)[-1]
                self._actors[target] = Actor(actor_id=target, canonical_name=name, actor_type=kind, source="ner")
        return target

    # ------------------------------------------------------------------ queries
    def actors(self) -> list[Actor]:
        """Every actor referenced in this document, for the actors table."""
        return list(self._actors.values())

    def actor(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id) or self.vocab.entries.get(actor_id)

    def entity_at(self, token: Token) -> tuple[int, int, str, str] | None:
        """(start, end, actor id, resolved_by) of the named mention covering `token`."""
        idx = self._tok_mention[token.i]
        if idx < 0 or self._mentions[idx].non_actor:
            return None
        m = self._mentions[idx]
        return m.start, m.end, m.actor_id, m.resolved_by

    def is_place(self, token: Token) -> bool:
        """True when the token belongs to a GPE/LOC/FAC mention (a possible event location)."""
        idx = self._tok_mention[token.i]
        return idx >= 0 and self._mentions[idx].label in {"GPE", "LOC", "FAC"}

    def state_of(self, token: Token) -> str | None:
        """The state a modifier names ("Ukrainian", "Kyiv's", "Russia"), else None."""
        idx = self._tok_mention[token.i]
        if idx >= 0:
            aid = self._mentions[idx].actor_id
            a = self.vocab.entries.get(aid)
            return aid if a is not None and a.actor_type == "state" else None
        hit = self.vocab.lookup(token.text)
        if hit is not None and self.vocab.entries[hit[0]].actor_type == "state":
            return hit[0]
        return None

    def _kind(self, actor_id: str) -> str:
        a = self.actor(actor_id)
        return a.actor_type if a is not None else "other"

    def _ref(self, start: int, end: int, actor_id: str, how: str) -> ActorRef:
        doc = self.doc
        a = self.actor(actor_id)
        if a is not None:
            self._actors.setdefault(actor_id, a)
        span = doc[start:end]
        return ActorRef(
            start_char=span.start_char,
            end_char=span.end_char,
            text=span.text,
            actor_id=actor_id,
            resolved_by=how,
        )

    def _state_institution(self, head: Token, start: int, end: int, actor_id: str) -> str | None:
        """A state's generic institution the NER took for a name of its own ("Russia's
        defense ministry", "the Ukrainian Air Force" when the dictionary does not know it)
        acts for the state, as event data codes it (PLOVER: the state, a government sector). A
        union, a party or a company named so does not ("the American Civil Liberties Union")."""
        words = {head.lemma_.lower(), head.lower_}
        if not actor_id.startswith("ner:") or not any(
            w in self.vocab.state_bodies or self.vocab.is_description(w, "group") for w in words
        ):
            return None
        for c in head.children:
            if c.dep_ in {"poss", "amod", "compound", "nmod"} and c.i < head.i:
                if start <= c.i < end:  # "Polish" inside the name; not a city ("the Minsk City Court")
                    hit = self.vocab.lookup(c.text)
                    state = hit[0] if hit is not None and hit[1] != "capital" and self._kind(hit[0]) == "state" else None
                else:
                    state = self.state_of(c)
                m = self.entity_at(c) if state is None else None
                if m is not None and m[2] != actor_id and self._kind(m[2]) == "state":
                    state = m[2]
                if state is not None:
                    return state
        return None
