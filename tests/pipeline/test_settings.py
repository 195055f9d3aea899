"""Settings come from defaults, dateline.toml, DATELINE_* variables and overrides, in that order."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.settings import PROJECT_ROOT, load_settings


def test_defaults_point_into_the_project() -> None:
    s = load_settings(config=Path("/nonexistent.toml"))
    assert s.corpus_dir == PROJECT_ROOT / "corpus"
    assert s.warehouse_path == PROJECT_ROOT / "warehouse" / "dateline.duckdb"
    assert s.report_path == PROJECT_ROOT / "warehouse" / "report"


def test_file_then_environment_then_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "dateline.toml"
    cfg.write_text('[dateline]\nspacy_model = "en_core_web_md"\nbatch_size = 10\nwarehouse_path = "w.duckdb"\n')
    monkeypatch.setenv("DATELINE_BATCH_SIZE", "20")
    s = load_settings(config=cfg)
    assert s.spacy_model == "en_core_web_md"
    assert s.batch_size == 20
    assert s.warehouse_path == Path("w.duckdb")
    assert load_settings(config=cfg, batch_size=5).batch_size == 5


def test_unknown_override_is_an_error() -> None:
    with pytest.raises(TypeError):
        load_settings(config=Path("/nonexistent.toml"), no_such_setting=1)
