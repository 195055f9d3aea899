"""The README's first steps, as a new analyst takes them: drop one article of each format into
the corpus, run, query the new events to CSV, build the report and find them there with their
factuality and date basis, offline (issue 22)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from tests.flows.conftest import dateline

FILLER = ("Officials gave no further details. The weather in the region was cold and wet, and the "
          "roads out of the capital were busy for most of the day.")

FILES = {
    # plain text: the publication date from a dateline in the first lines
    "harbour.txt": "Port strike talks\n\nGDANSK, March 2, 2026\n\nThe Polish government met the dockworkers' union "
                   "in Gdansk on Monday.\n",
    # Markdown with front matter
    "arrests.md": "---\ntitle: Arrests in Minsk\npublished: 2026-03-04\nsource: Example Wire\n---\n"
                  "Belarusian police arrested twelve opposition activists in Minsk on Wednesday.\n",
    # HTML: its main text and meta tags
    "visit.html": "<html><head><title>Visit planned</title>"
                  '<meta property="article:published_time" content="2026-03-05T09:00:00Z"></head>'
                  "<body><article><h1>Visit planned</h1><p>The French foreign minister will visit Kyiv next week, "
                  f"the ministry said on Thursday.</p><p>{FILLER}</p></article></body></html>",
    # JSON: one article object
    "refusal.json": json.dumps({"title": "No meeting", "published": "2026-03-06",
                                "text": "The Hungarian prime minister did not meet the Ukrainian envoy in Budapest on Friday. "
                                        + FILLER}),
    # JSON Lines: one article per line
    "wire.jsonl": json.dumps({"title": "Sanctions", "published": "2026-03-07",
                              "text": "The European Union imposed new sanctions on Belarus. " + FILLER}) + "\n",
    # a sidecar gives the publication date of the file beside it
    "aid.txt": "Aid pledged\n\nGermany supplied humanitarian aid to Moldova on Sunday.\n",
    "aid.txt.meta.yaml": "published: 2026-03-08\nsource: Example Radio\n",
}


def _embedded(html: str, script_id: str) -> list[dict[str, object]]:
    found = re.search(rf'<script id="{script_id}" type="application/json">(.*?)</script>', html, re.S)
    assert found, script_id
    return list(json.loads(found.group(1)))


def test_one_article_of_each_format_reaches_csv_and_the_report(tmp_path: Path) -> None:
    corpus, wh = tmp_path / "corpus", tmp_path / "warehouse" / "dateline.duckdb"
    corpus.mkdir()
    for name, text in FILES.items():
        (corpus / name).write_text(text, encoding="utf-8")

    run = dateline("run", "--no-prefect", "--corpus", corpus, "--warehouse", wh)
    assert run.returncode == 0, run.stdout + run.stderr

    out = tmp_path / "events.csv"
    sql = """SELECT p.source_path, a.published_at::DATE AS published, m.event_type, m.factuality, m.date_basis
             FROM event_mentions m JOIN articles a USING (article_id) JOIN article_paths p USING (article_id)
             ORDER BY p.source_path"""
    q = dateline("query", "--warehouse", wh, "--format", "csv", "--output", out, sql)
    assert q.returncode == 0, q.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    by_file: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_file.setdefault(Path(r["source_path"]).name.split("#")[0], []).append(r)
    assert set(by_file) == {n for n in FILES if not n.endswith(".meta.yaml")}, by_file.keys()
    assert {r["published"] for r in by_file["aid.txt"]} == {"2026-03-08"}  # from the sidecar
    assert {r["published"] for r in by_file["harbour.txt"]} == {"2026-03-02"}  # from the dateline
    assert "planned" in {r["factuality"] for r in by_file["visit.html"]}
    assert "negated" in {r["factuality"] for r in by_file["refusal.json"]}
    assert "publication" in {r["date_basis"] for r in by_file["wire.jsonl"]}  # no date in its text

    rep = dateline("report", "--corpus", corpus, "--warehouse", wh)
    assert rep.returncode == 0, rep.stderr
    html = (wh.parent / "report" / "index.html").read_text(encoding="utf-8")
    listed = _embedded(html, "event-data")
    assert {e["f"] for e in listed} >= {"asserted", "negated", "planned"}
    assert "publication" in {e["b"] for e in listed}
    # offline: nothing is loaded from the network
    assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="https?://', html)
