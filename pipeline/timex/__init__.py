"""Time expressions (TIMEX3) and event dates.

The package splits what used to be one module by the question each part answers:

- `lexicon`: the words (months, units, holidays, vague references...), read from
  `schemas/timex/`;
- `frames`: what an expression says (`_Sem`), what it resolves to (`_Norm`), the context
  anchoring needs (`_Ctx`), the stored row with its dating extras (`_Timex`);
- `arithmetic`: calendar units, seasons, shifts and their TIMEX3 values;
- `grammar`: an expression's text -> a frame;
- `anchoring`: a frame + the reference date -> a value;
- `detection`: the spaCy component whose token patterns add what NER misses;
- `filters`: candidate spans cleaned, filtered and chosen;
- `syntax`: attachment and tense;
- `document`: the per-document pass (`extract_time_expressions`);
- `dating` and `event_dates`: the date of each event mention.

Conventions (TimeML as annotated in MEANTIME): determiners belong to the expression ("the
past decade"), prepositions do not ("in 2003"); "two years ago" is the DURATION "two years"
(P2Y) with the date it points to kept aside for dating events; a range "from 2009 to 2011"
is a DURATION (P2Y) and each end is also a DATE. `install` also makes line breaks end
sentences before the parser runs, so a title and a dateline are not parsed into the lead.
"""

from pipeline.timex.dating import date_events
from pipeline.timex.detection import COMPONENT, LINES_COMPONENT, SPAN_KEY, install
from pipeline.timex.document import extract_time_expressions
from pipeline.timex.grammar import normalise

__all__ = ["COMPONENT", "LINES_COMPONENT", "SPAN_KEY", "date_events", "extract_time_expressions", "install",
           "normalise"]
