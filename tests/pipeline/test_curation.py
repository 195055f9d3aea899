"""Curation: an analyst's edit of the actor files reaches every article it affects, and no other."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
import yaml

from pipeline import curation
from pipeline.actors import ActorVocabulary, CurationError
from pipeline.runner import RunSummary, run_pipeline
from pipeline.settings import SCHEMAS_DIR, Settings, load_settings

ARTICLES = {
    "zorvex.txt": "Regulators fine Zorvex\n\nRegulators fined Zorvex Dynamics on Monday, and Zorvex Dynamics said it would appeal the ruling.\n",
    "muscovy.txt": "Muscovy warns Poland\n\nMuscovy threatened Poland over the new air base on Wednesday.\n",
    "helix.txt": "Helix Media criticises minister\n\nHelix Media criticised the Lithuanian government on Friday over the new law.\n",
    "norrland.txt": "Norrland Energy sues Estonia\n\nNorrland Energy sued Estonia on Tuesday over the cancelled contract.\n",
    "poland.txt": "Poland summons envoy\n\nPoland summoned the Belarusian ambassador in Warsaw on Thursday.\n",
}


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Settings, Path]:
    """Five articles of our own, a private copy of the actor dictionary that names a curation
    file beside it (not there yet), and settings for quick in-process runs."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    actors_file = tmp_path / "vocab" / "actors.yaml"
    actors_file.parent.mkdir()
    dictionary = (SCHEMAS_DIR / "actors.yaml").read_text(encoding="utf-8")
    assert "\ncuration: ../curation.yaml\n" in dictionary  # the default: curation.yaml in the project root
    actors_file.write_text(dictionary.replace("\ncuration: ../curation.yaml\n", "\ncuration: my-curation.yaml\n"))
    settings = load_settings(corpus_dir=corpus, warehouse_path=tmp_path / "wh" / "w.duckdb", actors_file=actors_file,
                             n_process=1, build_data_docs=False, export_parquet=False)
    return settings, actors_file.parent / "my-curation.yaml"


def ids_by_file(settings: Settings) -> dict[str, set[str]]:
    """The actor ids in each article's event mentions."""
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        rows = con.execute(
            """SELECT a.source_path, m.source_actor_id, m.target_actor_id
               FROM event_mentions m JOIN articles a USING (article_id)"""
        ).fetchall()
    finally:
        con.close()
    out: dict[str, set[str]] = {name: set() for name in ARTICLES}
    for path, src, tgt in rows:
        out[path] |= {i for i in (src, tgt) if i}
    return out


def run_ids(settings: Settings) -> dict[str, str]:
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        return dict(con.execute("SELECT source_path, run_id FROM articles").fetchall())
    finally:
        con.close()


def edit(curation_file: Path, data: dict[str, object]) -> None:
    """The analyst adds to the curation file."""
    old = yaml.safe_load(curation_file.read_text(encoding="utf-8")) if curation_file.exists() else {}
    for key, value in data.items():
        if isinstance(value, list):
            old[key] = [*old.get(key, []), *value]
        else:
            old[key] = {**old.get(key, {}), **value}  # type: ignore[dict-item]
    curation_file.write_text(yaml.safe_dump(old), encoding="utf-8")


def rerun(settings: Settings, expect: str) -> RunSummary:
    """Run again; exactly the article `expect` is extracted again, the others keep their rows."""
    before = run_ids(settings)
    summary = run_pipeline(settings)
    after = run_ids(settings)
    assert summary.articles_reextracted == 1 and summary.articles_new == summary.articles_changed == 0
    assert {p for p in after if after[p] != before[p]} == {expect}
    return summary


def test_each_kind_of_edit_reaches_the_articles_it_affects_and_only_those(setup: tuple[Settings, Path]) -> None:
    settings, curation_file = setup
    first = run_pipeline(settings)
    assert first.articles_new == 5
    ids = ids_by_file(settings)
    assert "ner:organisation:media" in ids["helix.txt"]
    assert "ner:organisation:norrland-energy" in ids["norrland.txt"]
    assert "rus" not in ids["muscovy.txt"]
    assert run_pipeline(settings).nothing_new

    # a new actor, in the curation file the dictionary names
    edit(curation_file, {"actors": [{"id": "zorvex", "name": "Zorvex Dynamics", "type": "organisation",
                                     "qid": "Q999999999", "aliases": ["Zorvex"]}]})
    rerun(settings, "zorvex.txt")
    assert "zorvex" in ids_by_file(settings)["zorvex.txt"]

    # an alias of a dictionary actor
    edit(curation_file, {"aliases": {"rus": ["Muscovy"]}})
    rerun(settings, "muscovy.txt")
    assert ids_by_file(settings)["muscovy.txt"] == {"rus", "pol"}

    # a non-actor (by id, as `dateline actors` shows it)
    edit(curation_file, {"non_actors": ["ner:organisation:media"]})
    rerun(settings, "helix.txt")
    assert "ner:organisation:media" not in ids_by_file(settings)["helix.txt"]

    # two ids merged
    edit(curation_file, {"merge": {"ner:organisation:norrland-energy": "ner:organisation:norrland"}})
    rerun(settings, "norrland.txt")
    assert ids_by_file(settings)["norrland.txt"] == {"ner:organisation:norrland", "est"}

    # nothing edited, or an alias no article holds: nothing re-extracted, and the untouched
    # article kept its first extraction
    assert run_pipeline(settings).nothing_new
    edit(curation_file, {"aliases": {"rus": ["Muscovy", "Tartary"]}})
    assert run_pipeline(settings).articles_reextracted == 0

    # an alias withdrawn: the article that held it loses the actor again
    edit(curation_file, {"aliases": {"rus": ["Tartary"]}})
    rerun(settings, "muscovy.txt")
    assert "rus" not in ids_by_file(settings)["muscovy.txt"]
    assert run_ids(settings)["poland.txt"] == first.run_id


def test_an_edited_event_vocabulary_affects_every_article(setup: tuple[Settings, Path], tmp_path: Path) -> None:
    settings, _ = setup
    events_file = tmp_path / "event_types.yaml"
    shutil.copy(SCHEMAS_DIR / "event_types.yaml", events_file)
    settings = load_settings(**{**settings.__dict__, "event_types_file": events_file, "extra": None})
    run_pipeline(settings)
    events_file.write_text(events_file.read_text(encoding="utf-8") + "\n# the analyst's note\n", encoding="utf-8")
    assert run_pipeline(settings).articles_reextracted == 5


def test_diff_names_what_an_edit_changes() -> None:
    base = ActorVocabulary.load()
    old = curation.snapshot(base, None)
    new = dict(old, aliases={**old["aliases"], "muscovy": ["rus", "name"]},
               merge={"ner:organisation:a-corp": "ner:organisation:a"}, non_actor_names=["helix media"])
    change = curation.diff(old, new)
    assert not change.everything
    assert {"muscovy", "helix media", "a corp"} <= change.names
    assert change.actor_ids == {"ner:organisation:a-corp"}
    assert curation.diff(old, dict(old, **{"global": "other"})).everything


def test_name_pattern_finds_whole_words_only() -> None:
    import re

    pattern = curation.name_pattern({"zorvex dynamics", "u.s"})
    assert pattern is not None
    assert re.search(pattern, "regulators fined zorvex  dynamics.")
    assert re.search(pattern, "the u.s. said")
    assert not re.search(pattern, "zorvexdynamics and bus")


def test_an_alias_for_an_unknown_id_is_refused_with_the_file_named(tmp_path: Path) -> None:
    user = tmp_path / "c.yaml"
    user.write_text("aliases:\n  no-such-actor: [Somebody]\n", encoding="utf-8")
    with pytest.raises(CurationError, match=r"c\.yaml.*no-such-actor"):
        ActorVocabulary.load(curation=user)
    user.write_text("merge:\n  a: b\n  b: a\n", encoding="utf-8")
    with pytest.raises(CurationError, match="merge loop"):
        ActorVocabulary.load(curation=user)


def test_name_pattern_keeps_names_in_other_scripts() -> None:
    import re

    pattern = curation.name_pattern({"путин"})
    assert pattern is not None and re.search(pattern, "заявил путин в среду")
