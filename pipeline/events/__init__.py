"""Event mentions from the dependency parse: trigger, type, who (source) did it to whom (target).

One module per concern: `vocabulary` (the YAML vocabulary), `triggers` (which tokens are
triggers, of which type), `arguments` (source and target tokens), `roles` (those tokens as
actor pairs and a theme), `factuality`, `location`, and `mentions`, which wires them for one
parsed article. `syntax` and `context` hold the token helpers and the per-document state they
share; `participants` the helpers of arguments and roles (is a token an actor, whose or where
is a thing).
"""

from pipeline.events.mentions import extract_events
from pipeline.events.vocabulary import OTHER, EventType, EventTypeVocabulary, Pattern

__all__ = ["OTHER", "EventType", "EventTypeVocabulary", "Pattern", "extract_events"]
