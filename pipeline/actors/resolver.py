"""Per-article resolution of event arguments to canonical actors (`ActorResolver`)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline import actor_names
from pipeline.actors.common import (
    _DEFINITE,
    _LABEL_TYPE,
    _PRON_FEMALE,
    _PRON_FIRST_PLURAL,
    _PRON_FIRST_SINGULAR,
    _PRON_MALE,
    _PRON_NEUTER,
    _PRON_PLURAL,
    _RELATIVE,
    ACTOR_LABELS,
    alias_key,
    slugify,
)
from pipeline.actors.spans import (
    _drop_words,
    _initials,
    _is_subject,
    _Mention,
    _multiword,
    _np_start,
    _People,
    _strip_det,
)
from pipeline.actors.vocabulary import ActorVocabulary
from pipeline.models import Actor, ActorRef


class ActorResolver:
    """Maps argument heads of one parsed article to canonical actors.

    Built once per document: entity mentions are resolved up front (dictionary, metonymy, name
    coreference for "Jobs" after "Steve Jobs", new NER actors); pronouns and descriptions are
    resolved on demand to the last compatible named mention before them.
    """

    def __init__(self, doc: Doc, vocabulary: ActorVocabulary) -> None:
        self.doc = doc
        self.vocab = vocabulary
        self._actors: dict[str, Actor] = {}
        self._mentions: list[_Mention] = []
        self._tok_mention: list[int] = [-1] * len(doc)
        self._build()

    # ------------------------------------------------------------------ entity mentions
    def _build(self) -> None:
        self._people = self._people_of_doc()
        self._orgs = self._organisations_of_doc()
        for ent in self.doc.ents:
            if ent.label_ not in ACTOR_LABELS:
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

    def _people_of_doc(self) -> _People:
        """The people the NER names in full in this article (two words or more once titles
        are dropped), by identity key and by surname: a shorter mention anywhere in the article
        ("Jobs" after or before "Steve Jobs"), whatever label the NER gave it, is that person
        when one person of the article has that surname."""
        people = _People()
        rules = actor_names.rules()
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or (ent.id_ and ent.id_ in self.vocab.entries):
                continue
            text = _strip_det(ent)
            key = rules.person_key(alias_key(text)) if text else ""
            if len(key.split()) < 2 or self.vocab.lookup(key) is not None:
                continue
            actor_id = f"ner:person:{slugify(key)}"
            people.full.setdefault(key, (actor_id, _drop_words(text, alias_key(text), key)))
            people.surnames.setdefault(key.split()[-1], set()).add(actor_id)
        # a shorter full name that ends a longer one of the same article is that person
        # ("Abdel Bari" after "Naser Eldin Abdel Bari")
        for key, (actor_id, _name) in list(people.full.items()):
            longer = {aid for k, (aid, _n) in people.full.items() if k != key and k.endswith(" " + key)}
            if len(longer) == 1:
                target = next(iter(longer))
                people.full[key] = (target, people.name_of(target))
                people.surnames[key.split()[-1]].discard(actor_id)
        return people

    def _organisations_of_doc(self) -> dict[str, str]:
        """Organisations the NER names in this article, by identity key ("globex" for
        "Globex Ltd"): the same name under another label, or untagged, is that organisation."""
        rules = actor_names.rules()
        orgs: dict[str, str] = {}
        for ent in self.doc.ents:
            if ent.label_ != "ORG" or (ent.id_ and ent.id_ in self.vocab.entries):
                continue
            text = _strip_det(ent)
            key = rules.organisation_key(alias_key(text)) if text else ""
            if not key or key in orgs or self.vocab.lookup(key) is not None:
                continue
            # a short form shares the first word of the name given before ("Apple" after "Apple Computer")
            earlier = next((aid for k, aid in orgs.items() if k.split()[0] == key.split()[0]), None)
            orgs[key] = earlier or f"ner:organisation:{slugify(key)}"
        # an acronym is the organisation whose initials it spells ("NBU", "National Bank of Ukraine")
        for key, actor_id in list(orgs.items()):
            if actor_id == f"ner:organisation:{slugify(key)}" and key.isalpha() and 2 <= len(key) <= 6:
                spelled = {aid for k, aid in orgs.items() if k != key and _initials(k) == key}
                if len(spelled) == 1:
                    orgs[key] = next(iter(spelled))
        return orgs

    def _person_named(self, key: str) -> str | None:
        """The person of this article whose full name or (unique) surname is `key`."""
        if key in self._people.full:
            return self._people.full[key][0]
        ids = self._people.surnames.get(key, set()) if len(key.split()) == 1 else set()
        return next(iter(ids)) if len(ids) == 1 else None

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
        text = _strip_det(ent)
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
        return self._discovered(ent.label_, text, key)

    def _discovered(self, label: str, text: str, key: str) -> tuple[str, str]:
        """The id of a name the dictionary does not know, from its identity key: the same
        entity gets the same id in every article ("Apple Inc." and "Apple": one id)."""
        person = self._person_named(key if label == "PERSON" else alias_key(text))
        if person is not None:
            self._new_actor(person, self._people.name_of(person), "person")
            full = self._people.full.get(key)
            return person, "ner" if full is not None and full[0] == person and label == "PERSON" else "coreference"
        kind = _LABEL_TYPE.get(label, "other")
        org = self._orgs.get(actor_names.rules().organisation_key(alias_key(text)))
        if org is not None and label != "PERSON":
            own = org == f"ner:organisation:{slugify(key)}"
            self._new_actor(org, _drop_words(text, alias_key(text), key), "organisation")
            return org, "ner" if own and label == "ORG" else "coreference"
        actor_id = f"ner:{kind}:{slugify(key)}"
        self._new_actor(actor_id, _drop_words(text, alias_key(text), key), kind)
        return actor_id, "ner"

    def _new_actor(self, actor_id: str, name: str, kind: str) -> None:
        if actor_id not in self._actors:
            self._actors[actor_id] = Actor(actor_id=actor_id, canonical_name=name, actor_type=kind, source="ner")

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

    def resolve(self, span: Span) -> ActorRef | None:
        """Resolve a noun phrase (by its syntactic root) to an actor reference."""
        return self.resolve_head(span.root)

    def resolve_head(self, head: Token) -> ActorRef | None:
        """Resolve the head token of an argument to an ActorRef, or None for no participant;
        the analyst's curation has the last word (merged ids, declared non-actors)."""
        idx = self._tok_mention[head.i]
        if idx >= 0 and self._mentions[idx].non_actor:
            return None
        ref = self._resolve_head(head)
        if ref is None:
            return None
        actor_id = self._curated_id(ref.actor_id)
        if self.vocab.is_non_actor(actor_id, ref.text) or self.vocab.is_non_actor(None, head.text):
            return None
        ref.actor_id = actor_id
        return ref

    def _resolve_head(self, head: Token) -> ActorRef | None:
        low = head.lower_
        ent = self.entity_at(head)
        if ent is not None:
            s, e, actor_id, how = ent
            state = self._state_institution(head, s, e, actor_id)
            if state is not None:
                return self._ref(_np_start(head), e, state, "metonymy")
            # a demonym heading a group noun phrase is handled below ("Ukrainian officials" is
            # the NP, but the head is "officials"); here the head itself is the named mention
            return self._ref(s, e, actor_id, how)
        if head.pos_ == "PRON" or low in _PRON_NEUTER | _PRON_PLURAL:
            return self._resolve_pronoun(head)
        if head.pos_ not in {"NOUN", "PROPN", "NUM", "ADJ", "X"}:
            return None
        lemma = head.lemma_.lower()
        children = list(head.children)
        start = _np_start(head)
        # appositive name: "its ambassador, Ihor Kyzym"
        for c in children:
            if c.dep_ == "appos":
                app = self.entity_at(c)
                if app is not None and app[2] and self._kind(app[2]) in {"person", "organisation", "group"}:
                    return self._ref(start, app[1], app[2], "title")
        # a named mention inside the phrase: "Lukashenka regime", "Apple engineers",
        # "Ukraine's government", "the Ukrainian authorities"
        mod_actor: str | None = None
        for c in children:
            if c.dep_ in {"compound", "amod", "poss", "nmod"} and c.i < head.i:
                m = self.entity_at(c)
                if m is not None:
                    mod_actor = m[2]
                elif c.dep_ == "poss" and (c.pos_ == "PRON"):
                    ref = self._resolve_pronoun(c)
                    if ref is not None:
                        mod_actor = ref.actor_id
                elif self.state_of(c):
                    mod_actor = self.state_of(c)
        mod_state = None
        if mod_actor is not None:
            a = self.actor(mod_actor)
            if a is not None and a.actor_type == "state":
                mod_state = mod_actor
            elif a is not None and a.country_code and a.actor_type == "person":
                mod_state = a.country_code.lower() if a.country_code.lower() in self.vocab.entries else None
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in children) or any(
            c.dep_ == "poss" for c in children
        )
        multi = _multiword(head)
        end = head.i + 1
        if self.vocab.is_description(multi, "person") or self.vocab.is_description(lemma, "person"):
            title = multi if self.vocab.is_description(multi, "person") else lemma
            named, end = self._title_of(head)
            if named is not None:
                return self._ref(start, end, named, "title")
            found = self._last_person(head.i, mod_state, title) if (definite or mod_state) else None
            if found is not None:
                return self._ref(start, end, found, "title")
            if mod_state is not None:
                return self._ref(start, end, mod_state, "title")
        elif self.vocab.is_description(lemma, "state") and (definite or mod_state):
            found = mod_state or self._last_of_type(head.i, {"state"})
            if found is not None:
                return self._ref(start, head.i + 1, found, "title")
        elif self.vocab.is_description(lemma, "group") or self.vocab.is_description(low, "group"):
            if mod_state is not None:
                return self._ref(start, head.i + 1, mod_state, "metonymy")
            if mod_actor is not None:
                return self._ref(start, head.i + 1, mod_actor, "title")
            if definite and lemma in {
                "government",
                "authority",
                "authorities",
                "regime",
                "administration",
                "leadership",
            }:
                found = self._last_of_type(head.i, {"state"})
                if found is not None:
                    return self._ref(start, head.i + 1, found, "title")
        elif self.vocab.is_description(lemma, "organisation") and definite and mod_actor is None:
            found = self._last_of_type(head.i, {"organisation"}, labels={"ORG"})
            if found is not None:
                return self._ref(start, head.i + 1, found, "title")
        if mod_actor is not None and (
            self.vocab.is_description(lemma, "people") or self.vocab.is_description(lemma, "person")
        ):
            # "Apple engineers", "Belarusian volunteers", "Apple Computer CEO": members of a
            # named collective act for it
            a = self.actor(mod_actor)
            if a is not None and a.actor_type in {"state", "organisation", "group"}:
                return self._ref(start, head.i + 1, mod_actor, "metonymy")
        if head.pos_ == "PROPN" and head.is_title and not any(c.dep_ == "det" for c in children):
            return self._name(start, head)
        return self._nominal(start, head, end)

    # ------------------------------------------------------------------ helpers
    def _state_institution(self, head: Token, start: int, end: int, actor_id: str) -> str | None:
        """A state's generic institution the NER took for a name of its own ("Russia's
        defense ministry", "the Ukrainian Air Force" when the dictionary does not know it)
        acts for the state, as event data codes it (PLOVER: the state, a government sector)."""
        words = {head.lemma_.lower(), head.lower_}
        if not actor_id.startswith("ner:") or not any(
            self.vocab.is_description(w, kind) for w in words for kind in ("organisation", "group")
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

    def _title_of(self, head: Token) -> tuple[str | None, int]:
        """A title with an of-phrase: the person it names when the parser buried the name
        there ("President of Kenya William Ruto"), else None and the end of the office's
        name ("the secretary of defense", "the head of criminal investigation"), which is
        part of the span; a named organisation or state after "of" is the mod, not the span."""
        for p in head.children:
            if p.dep_ != "prep" or p.lower_ != "of":
                continue
            for o in p.children:
                if o.dep_ != "pobj":
                    continue
                ent = self.entity_at(o)
                if ent is not None and self._kind(ent[2]) == "person":
                    return ent[2], ent[1]
                if ent is None and o.pos_ in {"NOUN", "PROPN"} and not any(w.ent_type_ for w in o.subtree):
                    return None, o.right_edge.i + 1
        return None, head.i + 1

    def _name(self, start: int, head: Token) -> ActorRef | None:
        """A proper noun the NER left untagged ("Jobs" after "Steve Jobs"): the earlier named
        actor ending with that word, else a new actor of unknown type."""
        if head.ent_type_ and head.ent_type_ not in ACTOR_LABELS:
            return None  # a word of a date, a time, an amount ("Tuesday", "September 17")
        phrase = self.doc[start : head.i + 1].text
        hit = self.vocab.lookup(phrase) or self.vocab.lookup(head.text)
        if hit is not None:  # a dictionary name the ruler could not fix ("Ukraine" inside a longer name)
            self._use(self.vocab.entries[hit[0]])
            return self._ref(start, head.i + 1, hit[0], "dictionary" if hit[1] == "name" else "metonymy")
        # a person of the article named in full first: the NER may have tagged another
        # occurrence of the surname as an organisation ("Duterte" after "Rodrigo Duterte")
        key = alias_key(head.text)
        person = self._person_named(key)
        if person is not None:
            self._new_actor(person, self._people.name_of(person), "person")
            return self._ref(head.i, head.i + 1, person, "coreference")
        org_key = actor_names.rules().organisation_key(alias_key(phrase))
        if org_key in self._orgs:  # "Globex" after "Globex Ltd"
            self._new_actor(self._orgs[org_key], _drop_words(phrase, alias_key(phrase), org_key), "organisation")
            return self._ref(start, head.i + 1, self._orgs[org_key], "coreference")
        if org_key != alias_key(phrase):  # a legal-form suffix makes it an organisation ("Globex Inc.")
            actor_id = f"ner:organisation:{slugify(org_key)}"
            self._new_actor(actor_id, _drop_words(phrase, alias_key(phrase), org_key), "organisation")
            return self._ref(start, head.i + 1, actor_id, "ner")
        for m in reversed(self._mentions):
            if m.start >= head.i or m.non_actor:
                continue
            if alias_key(self.doc[m.end - 1].text) == key or alias_key(self.doc[m.start].text) == key:
                return self._ref(head.i, head.i + 1, m.actor_id, "coreference")
        actor_id = f"ner:other:{slugify(alias_key(phrase))}"
        self._new_actor(actor_id, phrase, "other")
        return self._ref(start, head.i + 1, actor_id, "ner")

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

    def register_generic(self, actor_id: str, text: str) -> None:
        """Record a generic participant created outside the resolver (for the actors table)."""
        if actor_id not in self._actors and actor_id not in self.vocab.entries:
            name = actor_id.split(":", 1)[-1]
            # typed as `_nominal` types the same id: one id, one row, whichever path made it
            self._actors[actor_id] = Actor(actor_id=actor_id, canonical_name=name,
                                           actor_type=self._nominal_type(name, name), source="nominal")

    def _nominal(self, start: int, head: Token, end: int | None = None) -> ActorRef | None:
        """A generic participant: the noun phrase itself, keyed by its head lemma."""
        lemma = head.lemma_.lower()
        if not head.like_num and head.pos_ != "PROPN" and not any(ch.isalpha() for ch in head.text):
            return None
        person = self._person_named(alias_key(head.text)) if head.is_title else None
        if person is not None:  # a surname the tagger took for a noun ("Okonkwo resigns")
            self._new_actor(person, self._people.name_of(person), "person")
            return self._ref(head.i, head.i + 1, person, "coreference")
        for word in (head.text, head.lemma_):
            hit = self.vocab.lookup(word)
            if hit is not None and hit[1] == "demonym" and self._kind(hit[0]) == "state":
                return self._ref(start, head.i + 1, hit[0], "metonymy")  # "the Ukrainians" -> Ukraine
        atype = self._nominal_type(lemma, head.lower_)
        actor_id = f"nom:{slugify(lemma)}"
        if actor_id not in self._actors:
            self._actors[actor_id] = Actor(actor_id=actor_id, canonical_name=lemma, actor_type=atype, source="nominal")
        span = self.doc[start : end if end is not None else head.i + 1]
        return ActorRef(span.start_char, span.end_char, span.text, actor_id, "nominal")

    def _nominal_type(self, lemma: str, low: str) -> str:
        """The kind of actor a common noun names: people and human collectives are groups
        ("protesters", "police", "officials"), institutions organisations ("the committee"),
        countries states; anything else ("the decree", "missiles") is a thing ("other")."""
        words = (lemma, low)
        if any(self.vocab.is_description(w, k) for w in words for k in ("people", "person", "group")):
            return "group"
        if any(self.vocab.is_description(w, "organisation") for w in words):
            return "organisation"
        if any(self.vocab.is_description(w, "state") for w in words):
            return "state"
        return "other"

    def _resolve_pronoun(self, tok: Token) -> ActorRef | None:
        low = tok.lower_
        found: str | None = None
        if low in _RELATIVE:
            # relative pronoun: the noun the relative clause modifies
            verb = tok.head
            if verb.dep_ == "relcl" and verb.head.i != tok.i:
                ref = self.resolve_head(verb.head)
                if ref is not None:
                    return ActorRef(tok.idx, tok.idx + len(tok.text), tok.text, ref.actor_id, "coreference")
            return None
        if low in _PRON_MALE | _PRON_FEMALE:
            gender = "m" if low in _PRON_MALE else "f"
            # a subject pronoun continues the previous subject ("Lukashenka met Putin. He ...")
            if tok.dep_ in {"nsubj", "nsubjpass"}:
                found = self._last_person(tok.i, None, None, gender=gender, subject=True)
            if found is None:
                found = self._last_person(tok.i, None, None, gender=gender)
        elif low in _PRON_FIRST_SINGULAR:
            found = self._last_person(tok.i, None, None)
        elif low in _PRON_NEUTER:
            found = self._last_of_type(tok.i, {"organisation", "state"}, window=2)
        elif low in _PRON_PLURAL | _PRON_FIRST_PLURAL:
            found = self._last_of_type(tok.i, {"organisation", "state", "group"}, window=2)
        if found is None:
            return None
        return ActorRef(tok.idx, tok.idx + len(tok.text), tok.text, found, "coreference")

    def _sentence_floor(self, i: int, window: int) -> int:
        """First token index of the sentence `window` sentences before token i."""
        sent = self.doc[i].sent
        start = sent.start
        for _ in range(window):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        return start

    def _last_person(
        self, i: int, state: str | None, title: str | None, gender: str | None = None, subject: bool = False
    ) -> str | None:
        floor = self._sentence_floor(i, 1) if subject else 0
        for m in reversed(self._mentions):
            if m.start >= i:
                continue
            if m.start < floor:
                break
            if m.non_actor or (subject and not _is_subject(self.doc[m.start : m.end].root)):
                continue
            a = self.actor(m.actor_id)
            if a is None or a.actor_type != "person":
                continue
            if gender is not None:
                g = self.vocab.genders.get(m.actor_id)
                if g is not None and g != gender:
                    continue
            if state is not None and (a.country_code or "").lower() != state:
                continue
            if title is not None and m.actor_id in self.vocab.titles:
                titles = self.vocab.titles[m.actor_id]
                if titles and title not in titles and not any(title in t for t in titles):
                    continue
            return m.actor_id
        return None

    def _last_of_type(
        self, i: int, types: set[str], window: int | None = None, labels: set[str] | None = None
    ) -> str | None:
        floor = self._sentence_floor(i, window) if window is not None else 0
        for m in reversed(self._mentions):
            if m.start >= i:
                continue
            if m.start < floor:
                break
            if m.non_actor or (labels is not None and m.label not in labels):
                continue
            a = self.actor(m.actor_id)
            if a is not None and a.actor_type in types:
                return m.actor_id
        return None
