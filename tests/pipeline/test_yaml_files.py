"""Dateline's own YAML files are read by libyaml's parser, to the data the Python parser gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline import yaml_files
from pipeline.settings import SCHEMAS_DIR

SCHEMA_FILES = sorted(SCHEMAS_DIR.rglob("*.yaml"))


def test_the_pinned_pyyaml_has_libyaml_and_the_reader_uses_it() -> None:
    assert yaml_files._LOADER is yaml.CSafeLoader


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: str(p.relative_to(SCHEMAS_DIR)))
def test_every_schema_file_reads_to_what_the_python_parser_reads(path: Path) -> None:
    assert yaml_files.read_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8"))


def test_a_tag_that_builds_an_object_is_refused_as_by_safe_load() -> None:
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml_files.parse_yaml("!!python/object/apply:os.system ['true']")


def test_an_empty_file_is_none(tmp_path: Path) -> None:
    (tmp_path / "empty.yaml").write_text("")
    assert yaml_files.read_yaml(tmp_path / "empty.yaml") is None
