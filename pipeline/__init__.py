"""Dateline: dated events and actors from a folder of news articles, into DuckDB.

Plain Python, importable and testable without Prefect; `flows/` wraps these stages.
"""

__version__ = "0.1.0"
# Bump when extraction output changes: articles extracted by an older version are redone.
EXTRACTOR_VERSION = "8"  # 8: crowds that protest, coups, accusing labels, denials as claims, postponed and conditioned acts, "these attacks" and dated subjects in event dates, "since"/"before" references, booking verbs, located and state-body actors, reporters of "he"/"she", surnames before suffixes, threats without a maker, agreements that say what holds, habits of 'when' clauses, numbered menus; 7: event dates of h10 (later shifts, elapsed and counted periods, anniversaries, baselines, possible acts undated), conditions, threats, permissions, questions and denials in factuality, weapons fire and word senses, non-state roles and armed movements as actors, surnames tagged as places; 6: one mention for a verb and its event noun, generic and question gates, claimants, time shifts and brackets of session 13; 5: REJECT, investigations, the standing-state gate, the world's states and news outlets, timex classes of h6/h8; 4: PLOVER type names, headlines in sentence case, argument and gate rules of session 11; 3: quoted speakers, titles, place targets, requested acts, timex package; 2: coded events only, gates
