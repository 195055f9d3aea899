"""Wires the steps into event mentions of one parsed article: triggers, gates, arguments,
actor pairs, factuality and place."""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from pipeline.actors import ActorResolver, slugify
from pipeline.events.arguments import Args, has_own_participant, noun_args, of_participant, verb_args
from pipeline.events.context import Context, inanimate
from pipeline.events.factuality import factuality
from pipeline.events.location import location
from pipeline.events.syntax import OBJ, conjuncts, first_child, is_imperative, is_occasion, light_participle_of
from pipeline.events.triggers import eventive_verb, time_anchored, trigger_type
from pipeline.events.vocabulary import OTHER, EventTypeVocabulary
from pipeline.models import ActorRef, Article, EventMention


def _mention_id(article_id: str, m: EventMention) -> str:
    s, t = m.source, m.target
    key = "|".join(
        str(x)
        for x in (
            article_id,
            m.trigger_start,
            m.trigger_end,
            s.start_char if s else "",
            s.end_char if s else "",
            t.start_char if t else "",
            t.end_char if t else "",
        )
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]



def _confidence(etype: str, src: ActorRef | None, tgt: ActorRef | None, fact: str, fallback: bool) -> float:
    """Evidence score: typed trigger, how each actor was resolved, certainty, parse quality."""
    score = 0.3 + (0.15 if etype != OTHER else 0.0)
    weights = {"dictionary": 0.25, "metonymy": 0.2, "ner": 0.2, "title": 0.15, "coreference": 0.12, "nominal": 0.05}
    if src is not None:
        score += weights.get(src.resolved_by, 0.0)
    if tgt is not None:
        score += weights.get(tgt.resolved_by, 0.0) * 0.6
    if fact == "asserted":
        score += 0.05
    if fallback:
        score -= 0.1
    return round(max(0.05, min(0.95, score)), 3)


def extract_events(
    doc: Doc, article: Article, resolver: ActorResolver, event_types: EventTypeVocabulary
) -> list[EventMention]:
    """All event mentions of one parsed article (dates are filled later by pipeline.dates)."""
    ctx = Context(doc, resolver, event_types)
    voc = event_types
    out: list[EventMention] = []
    light_nouns: set[int] = set()
    seen_sentences: set[str] = set()
    for sent in doc.sents:
        said = " ".join(sent.text.split())
        if len(said) >= 40 and said in seen_sentences:
            # the same sentence again in one article (a pull quote, a repeated caption or
            # lead) reports the same events: one set of mentions is enough
            continue
        seen_sentences.add(said)
        for t in sent:
            etype_name = trigger_type(ctx, t)
            if etype_name is None:
                continue
            etype = voc.event_type(etype_name)
            is_verb = t.pos_ == "VERB"
            if is_verb and (is_imperative(t) or (etype.name == OTHER and not eventive_verb(ctx, t))):
                continue
            if is_verb:
                lemma = t.lemma_.lower()
                obj = first_child(t, OBJ)
                # a light verb whose object is an event noun ("held a meeting", "imposed
                # sanctions"): one mention on the verb, typed by the noun, with the noun's targets
                noun_type = None
                participle = light_participle_of(t, voc)
                if participle:
                    obj = t.head  # "the settlement reached between the parties": the same
                if lemma in voc.light_verbs and obj is not None and obj.pos_ == "NOUN":
                    noun_type = voc.noun_type.get(obj.lower_) or voc.noun_type.get(obj.lemma_.lower())
                if noun_type is not None and obj is not None:
                    light_nouns.add(obj.i)
                    if etype.name == OTHER or etype.name == voc.verb_type.get(lemma):
                        etype = voc.event_type(noun_type)
                    args = verb_args(ctx, t, etype)
                    nargs = noun_args(ctx, obj, etype)
                    # the noun's own possessive pronoun repeats the subject ("the aircraft made
                    # its maiden flight"): not a target of the verb
                    own = [a for a in nargs.targets if not (a.dep_ == "poss" and a.pos_ == "PRON" and a.head.i == obj.i)]
                    args.targets = [a for a in args.targets if a.i != obj.i] or own
                    if participle and not args.sources:
                        args.sources = nargs.sources  # "Russia's sanctions imposed on Belarus"
                else:
                    args = verb_args(ctx, t, etype)
            elif t.i in light_nouns or is_occasion(t) or any(light_participle_of(c, voc) for c in t.children):
                continue
            else:
                args = noun_args(ctx, t, etype)
            srcs = [r for r in (ctx.ref(s) for s in args.sources) if r is not None]
            tgts = [r for r in (ctx.ref(s) for s in args.targets) if r is not None]
            if not srcs and not tgts:
                if is_verb or etype.name == OTHER or not time_anchored(ctx, t):
                    continue
                # "the invasion on February 24th 2022": a dated event noun is a reported event
                args = Args()
            if is_verb and etype.name == OTHER and not has_own_participant(ctx, t, args):
                # an untyped verb whose participants all come from another clause ("..., aiming
                # to weaken X", "Kyiv, which has sought ...") restates that clause's actors
                continue
            anchored_noun = not is_verb and not args.sources and not args.targets
            if not anchored_noun and not any(ctx.is_participant(a) for a in args.sources + args.targets):
                continue
            if not is_verb and not anchored_noun and not any(
                a.pos_ != "PRON" and (ctx.is_strong(a) or (etype.name == OTHER and ctx.is_participant(a)))
                for a in args.sources + args.targets
            ):
                # a nominal trigger needs a named participant of its own ("Russia's strikes",
                # "sanctions against Belarus"), else it is a topic, not a reported event
                continue
            # coordination of named participants: one row per actor
            # an abstraction or event in the agent slot ("swamped by pre-orders", "the statement
            # caused a decrease") is a cause, not an actor: no source
            args.sources = [a for a in args.sources if ctx.is_participant(a) or a.pos_ == "PRON"]
            src_toks = [c for s in args.sources for c in conjuncts(s) if ctx.ref(c) is not None]
            # an abstraction in the object slot ("announced the development", "took medical
            # leave") is part of the predicate, not a participant: no target
            args.targets = [of_participant(ctx, a) for a in args.targets]
            args.targets = [a for a in args.targets if ctx.is_participant(a) or a.pos_ == "PRON"]
            tgt_toks = [c for s in args.targets for c in conjuncts(s) if ctx.ref(c) is not None]
            src_refs = _dedup([ctx.ref(c) for c in src_toks if c == args.sources[0] or ctx.is_strong(c)])
            tgt_refs = _dedup([ctx.ref(c) for c in tgt_toks if c == args.targets[0] or ctx.is_strong(c)])
            if is_verb and t.lemma_.lower() in voc.non_agentive and src_refs and all(inanimate(r, resolver) for r in src_refs):
                # "the device features a larger memory", "the crash killed 228 people": a thing
                # that has, serves or causes something is not an agent; with no object it is
                # what the clause is about ("the update works with the iPod")
                if not tgt_refs:
                    tgt_refs = src_refs
                src_refs = []
            pairs: list[tuple[ActorRef | None, ActorRef | None]]
            if etype.symmetric and len(src_refs) >= 2 and not tgt_refs:
                # "X and Y met": one row per other party, the first named as source
                pairs = [(src_refs[0], other) for other in src_refs[1:6]]
            else:
                s_opts: list[ActorRef | None] = list(src_refs) or [None]
                t_opts: list[ActorRef | None] = list(tgt_refs) or [None]
                pairs = [(s, g) for s in s_opts for g in t_opts][:6]
                pairs = [(s, g) for s, g in pairs if s is None or g is None or s.start_char != g.start_char]
            fact = factuality(ctx, t)
            if is_verb and etype.name == OTHER and fact in {"possible", "negated"}:
                # an untyped predicate that did not (or may) happen is commentary; typed events
                # keep their factuality ("Kyiv won't arm ..." is a negated SUPPORT), and so do
                # event nouns with a participant ("the first flight of the A380 may take place")
                continue
            loc = location(ctx, t, t.head if (not is_verb and t.dep_ == "dobj") else None)
            for s, g in pairs:
                if s is not None and g is not None and s.actor_id == g.actor_id:
                    # "Kyiv recalled its ambassador": the target is the phrase, not Kyiv again
                    g = ActorRef(g.start_char, g.end_char, g.text, _generic_id(g.text), "nominal")
                    resolver.register_generic(g.actor_id, g.text)
                m = EventMention(
                    article_id=article.article_id,
                    sentence_text=sent.text,
                    sentence_start=sent.start_char,
                    trigger_start=t.idx,
                    trigger_end=t.idx + len(t.text),
                    trigger_text=t.text,
                    trigger_lemma=t.lemma_.lower(),
                    event_type=etype.name,
                    source=s,
                    target=g,
                    location=loc,
                    factuality=fact,
                    confidence=_confidence(etype.name, s, g, fact, args.fallback),
                    trigger_token=t.i,
                )
                m.mention_id = _mention_id(article.article_id, m)
                out.append(m)
    return out


def _generic_id(text: str) -> str:
    words = [w for w in text.lower().replace("\u2019", "'").split() if w not in {"the", "a", "an", "its", "his", "her", "their"}]
    return f"nom:{slugify(words[-1] if words else text)}"


def _dedup(refs: list[ActorRef | None]) -> list[ActorRef]:
    seen: set[tuple[int, int]] = set()
    out = []
    for r in refs:
        if r is None:
            continue
        key = (r.start_char, r.end_char)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
