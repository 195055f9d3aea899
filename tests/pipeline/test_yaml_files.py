"""Dateline's own YAML files are read by libyaml's parser, to the data the Python parser gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline import yaml_files
from pipeline.settings import SCHEMAS_DIR

SCHEMA_FILES = sorted(SCHEMAS_DIR.rglob("*.yaml"))


PYTHON_PARSER = yaml_files.with_yaml12_booleans(yaml.SafeLoader)


def test_the_pinned_pyyaml_has_libyaml_and_the_reader_uses_it() -> None:
    assert issubclass(yaml_files._LOADER, yaml.CSafeLoader)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: str(p.relative_to(SCHEMAS_DIR)))
def test_every_schema_file_reads_to_what_the_python_parser_reads(path: Path) -> None:
    assert yaml_files.read_yaml(path) == yaml.load(path.read_text(encoding="utf-8"), Loader=PYTHON_PARSER)


def test_words_of_a_list_stay_words_only_true_and_false_are_booleans() -> None:
    # YAML 1.1 reads on/off/yes/no as booleans: "back off" and a headline's "On" are words
    assert yaml_files.parse_yaml("[on, off, yes, no, On, y, n]") == ["on", "off", "yes", "no", "On", "y", "n"]
    assert yaml_files.parse_yaml("{a: true, b: False, c: 1, d: null}") == {"a": True, "b": False, "c": 1, "d": None}


def test_a_key_written_twice_is_an_error_that_names_it() -> None:
    # YAML lets the second win: a new word list named like an old one would empty the old rule
    with pytest.raises(yaml.YAMLError, match="'engaging_verbs' twice"):
        yaml_files.parse_yaml("gate_words:\n  engaging_verbs: [go, be]\n  other: [x]\n  engaging_verbs: [hire]\n")
    assert yaml_files.parse_yaml("a: {b: 1}\nc: {b: 2}") == {"a": {"b": 1}, "c": {"b": 2}}  # one key per mapping


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: str(p.relative_to(SCHEMAS_DIR)))
def test_no_word_list_of_a_schema_holds_a_boolean(path: Path) -> None:
    def lists(x: object) -> list[list[object]]:
        if isinstance(x, dict):
            return [y for v in x.values() for y in lists(v)]
        if isinstance(x, list):
            return [x, *(y for v in x for y in lists(v))]
        return []
    mixed = [xs for xs in lists(yaml_files.read_yaml(path))
             if any(isinstance(v, str) for v in xs) and any(isinstance(v, bool) for v in xs)]
    assert mixed == []


def test_a_tag_that_builds_an_object_is_refused_as_by_safe_load() -> None:
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml_files.parse_yaml("!!python/object/apply:os.system ['true']")


def test_an_empty_file_is_none(tmp_path: Path) -> None:
    (tmp_path / "empty.yaml").write_text("")
    assert yaml_files.read_yaml(tmp_path / "empty.yaml") is None
