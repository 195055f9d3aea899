"""Where a verb's object is when the parser did not make it the verb's object: moved after an
"as" phrase, the subject of a small clause ("holds Ortega responsible"), or the subject of a
"for ... to" clause on a verb of asking ("called for Russia to reciprocate"). Part of
`pipeline.events.arguments.verb_args`."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.events.syntax import first_child, is_passive, marked_clauses, prep_objects


def shifted_object(v: Token) -> Token | None:
    """An object moved after an "as" phrase, which the parser hangs on that phrase's noun
    ("had chosen as its candidate Oscar Sovalbarro", "named as chief executive Jane Doe")."""
    if is_passive(v):
        return None  # "was named as ambassador, Kennedy said": the subject is the one named
    for o in prep_objects(v, {"as"}):
        for c in o.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > o.i:
                return c
    return None


def small_clause_subject(v: Token) -> Token | None:
    """The object of a verb with a verbless or bare-infinitive complement, which the parser
    makes the subject of that complement ("holds Ortega responsible", "declared Buhari the
    winner", "help China spread propaganda": a bare infinitive has no finite clause of its own)."""
    for c in v.children:
        bare = c.tag_ == "VB" and not any(a.dep_ in {"aux", "auxpass"} for a in c.children)
        if c.dep_ in {"ccomp", "xcomp"} and (c.pos_ in {"ADJ", "NOUN"} or bare) and c.i > v.i:
            subj = first_child(c, {"nsubj"})
            if subj is not None and v.i < subj.i < c.i:
                return subj
    return None


def asked_in_a_for_clause(v: Token) -> Token | None:
    """The subject of a "for ... to" clause on a verb of asking, whom it asks ("called for
    Russia to reciprocate", "pressed for the government to resign")."""
    clause = next((c for c in marked_clauses(v, {"for"}) if c.i > v.i), None)
    return first_child(clause, {"nsubj"}) if clause is not None else None
