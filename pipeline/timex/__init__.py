"""Time expressions (TIMEX3) and event dates.

The package splits what used to be one module by the question each part answers:

- `lexicon`: the words (months, units, holidays, vague references...), read from
  `schemas/timex/lexicon.yaml`;
- `frames`: what an expression says (`_Sem`), what it resolves to (`_Norm`), the context
  anchoring needs (`_Ctx`), the stored row with its dating extras (`_Timex`);
- `arithmetic`: calendar units, seasons, shifts and their TIMEX3 values;
- `grammar`: an expression's text -> a frame;
- `anchoring`: a frame + the reference date -> a value;
- `detection`: the spaCy component whose token patterns (`schemas/timex/patterns.yaml`) add
  what NER misses;
- `filters`: candidate spans cleaned, filtered and chosen;
- `syntax`: attachment and tense;
- `document`: the per-document pass (`extract_time_expressions`);
- `linking`: expressions that their neighbours explain (listed days, the week of a day,
  weekday ranges, a clock time's day, months in an undated article);
- `dating`, `dating_rules` and `event_dates`: the date of each event mention (the document
  pass, the rules for one trigger, the clause structure they read).

The words and the detection patterns are data (`schemas/timex/lexicon.yaml`,
`schemas/timex/patterns.yaml`, the directory is `Settings.timex_dir`); the calendar
arithmetic and the anchoring rules are code.

Conventions: TimeML/TempEval-3 where MEANTIME's files differ. Determiners belong to the
expression ("the past decade"), prepositions do not ("in 2003"); "two years ago", "a year
later" are DATEs whose span takes the relation word (MEANTIME annotates the DURATION "two
years"), while a shift shorter than a year before "later" or "earlier" stays the DURATION with
the word a signal outside it ("three days later" is P3D, as both sets annotate it; its event
still takes the shifted date; lexicon: pointing_relations), "several years ago" is PAST_REF, and
"a year earlier" next to a quarter names that
quarter a year before (after "the nine months" of a report, last year); a range "from 2009 to 2011" is a DURATION (P2Y) and each end is also a
DATE; a fiscal year is its plain year ("fiscal 1989", "FY24" are 1989, 2024, as TimeBank
annotates them) while "the financial year" keeps TIMEX3's FY prefix, as MEANTIME annotates it;
"the (fiscal) year ended March 31" is the DURATION P1Y and "the latest quarter" the quarter the
report is about, else the last one completed before publication (TimeBank); a fraction is
counted in the finer unit ("2 1/2 years" is P2Y6M, as TimeBank writes it; MEANTIME writes
P2.5Y); an age ("52 years old"), a title in quotes ("This Week") and hours of recorded material
("75 hours of video") are no time expressions. A bare weekday follows where its verb points (`syntax._direction`).
`install` also makes line breaks end sentences before the parser runs, so a title and a dateline
are not parsed into the lead.
"""

from pipeline.timex.dating import date_events, historical
from pipeline.timex.detection import COMPONENT, LINES_COMPONENT, SPAN_KEY, install
from pipeline.timex.document import extract_time_expressions
from pipeline.timex.grammar import normalise

__all__ = ["COMPONENT", "LINES_COMPONENT", "SPAN_KEY", "date_events", "extract_time_expressions", "historical",
           "install", "normalise"]
