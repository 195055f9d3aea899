"""Ingest: formats, publication dates, boilerplate, bad input, and change detection.

The test corpora live in tests/data/corpus_formats (one good file per format/date source)
and tests/data/corpus_bad (bad files that can be committed). Binary, oversized, FIFO,
permission and symlink cases are made in tmp_path at test time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import time
from pathlib import Path

import pytest
import yaml

from pipeline import ingest
from pipeline.ingest import (
    FileOutcome,
    FileState,
    IngestError,
    clean_text,
    date_from_file_name,
    find_dateline,
    parse_date_value,
    read_file,
    scan_corpus,
)

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
FORMATS = DATA / "corpus_formats"
BAD = DATA / "corpus_bad"
SEEDS = REPO / "corpus"
SHARED = REPO.parent / "shared"
MEANTIME = SHARED / "eval" / "meantime-dev"
SEED_GOLD = SHARED / "eval" / "seeds" / "gold.jsonl"


def _scan(corpus: Path, known: dict[str, FileState] | None = None, **kw: int) -> list[FileOutcome]:
    return list(scan_corpus(corpus, known or {}, **kw))


def _articles(outcomes: list[FileOutcome]) -> dict[str, ingest.Article]:
    return {a.source_path: a for o in outcomes for a in o.articles}


def _rejects(outcomes: list[FileOutcome]) -> dict[str, str]:
    return {o.reject.source_path or "": o.reject.reason for o in outcomes if o.reject is not None}


def _path(outcome: FileOutcome) -> str:
    if outcome.reject is not None:
        return outcome.reject.source_path or ""
    return outcome.state.source_path if outcome.state else ""


def _known(outcomes: list[FileOutcome]) -> dict[str, FileState]:
    """What a caller records: states of files that were read successfully."""
    return {o.state.source_path: o.state for o in outcomes if o.state is not None and o.status != "rejected"}


# --------------------------------------------------------------------------------------------
# Datelines and dates


@pytest.mark.parametrize(
    ("line", "expected", "source"),
    [
        ("February 6, 2026 –", dt.date(2026, 2, 6), "dateline"),
        ("Published on Feb 4, 2026", dt.date(2026, 2, 4), "byline"),
        ("23.02.2026", dt.date(2026, 2, 23), "dateline"),
        ("Dec. 14, 2025", dt.date(2025, 12, 14), "dateline"),
        ("March 06, 2008", dt.date(2008, 3, 6), "dateline"),
        ("December 7, 2025 – Yevhen Magda – Analysis", dt.date(2025, 12, 7), "dateline"),
        ("Monday, 3 March 2026 | 5 min read", dt.date(2026, 3, 3), "dateline"),
        ("By Jane Doe | February 6, 2026", dt.date(2026, 2, 6), "byline"),
        ("Posted: 2026-02-04 10:32 UTC", dt.date(2026, 2, 4), "byline"),
        ("KYIV, Feb. 4, 2026 —", dt.date(2026, 2, 4), "dateline"),
        ("*Published 19 February 2026*", dt.date(2026, 2, 19), "byline"),
        ("25/12/2025", dt.date(2025, 12, 25), "dateline"),
    ],
)
def test_dateline_forms(line: str, expected: dt.date, source: str) -> None:
    found = find_dateline(f"Some headline about Belarus\n{line}\nThe first sentence of the article follows here.")
    assert found is not None
    assert (found.date, found.source) == (expected, source)


@pytest.mark.parametrize(
    "line",
    [
        "On January 25th in Vilnius, Sviatlana Tsikhanouskaya and Volodymyr Zelenskyy met.",
        "February 6, 2026 was chosen for the follow-up talks, officials said.",
        "The meeting on 23.02.2026 was postponed.",
        "In 2022 the war began.",
        "04/05/2026",  # ambiguous day/month: not guessed
        "February 2026",  # no day
        "February 30, 2026",  # not a calendar date
    ],
)
def test_dates_in_sentences_are_not_datelines(line: str) -> None:
    assert find_dateline(f"Headline\n{line}\nMore text follows.") is None


@pytest.mark.parametrize(
    "body",
    [
        # a timeline: each date is its own entry's, not the article's
        "Key events\n2024-03-01 - Russian drones strike Kharkiv\n2024-03-04 - Kyiv hits a refinery\nText.",
        "Timeline\n\nMay 2, 2025 – Talks open in Istanbul\n\nMay 9, 2025 – Talks collapse\n\nText.",
        # a Markdown table of dated rows
        "| Date | Event |\n|---|---|\n| 2024-03-01 | Russia attacked Kharkiv |\n| 2024-03-02 | Ukraine struck Belgorod |\n",
    ],
)
def test_dated_entries_of_a_list_or_a_table_are_no_dateline(body: str) -> None:
    assert find_dateline(body) is None


def test_a_dateline_before_a_timeline_is_still_found() -> None:
    body = "Headline\nMarch 10, 2024\n\nKey events\n2024-03-01 - Drones strike Kharkiv\n2024-03-04 - A refinery burns\n"
    found = find_dateline(body)
    assert found is not None and found.date == dt.date(2024, 3, 10)


def test_published_beats_updated_and_bare_dates() -> None:
    body = "Title line here\nUpdated Feb 12, 2026\nMarch 1, 2026\nPublished: 10 February 2026\nText."
    found = find_dateline(body)
    assert found is not None and found.date == dt.date(2026, 2, 10) and found.source == "byline"
    assert body[found.start : found.end] == "Published: 10 February 2026"


def test_published_keyword_with_date_on_next_line() -> None:
    found = find_dateline("Headline of the piece\nPublished\nFeb 4, 2026\nBody text.")
    assert found is not None and found.date == dt.date(2026, 2, 4) and found.source == "byline"


def test_dateline_only_near_the_top() -> None:
    body = "\n".join(f"Sentence number {i} of the article." for i in range(30)) + "\nMarch 1, 2026\n"
    assert find_dateline(body) is None


def test_author_on_the_line_after_a_dash_dateline() -> None:
    found = find_dateline("A standfirst sentence ends here.\nFebruary 6, 2026 –\nPavlo Rad\n–\nArticles\nText.")
    assert found is not None and found.author == "Pavlo Rad"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2026-02-04-note.txt", dt.date(2026, 2, 4)),
        ("report_2026_02_04.md", dt.date(2026, 2, 4)),
        ("report_20260204.txt", dt.date(2026, 2, 4)),
        ("100911_Northrop_Grumman_and_Airbus_parent_EADS_defeat_Boeing.txt", None),
        ("000_99062d5f3d79577c.txt", None),
        ("x20260204y.txt", None),
        ("2026-13-04.txt", None),
    ],
)
def test_date_from_file_name(name: str, expected: dt.date | None) -> None:
    assert date_from_file_name(name) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 2, 4), dt.date(2026, 2, 4)),
        (dt.datetime(2026, 2, 4, 23, 0), dt.date(2026, 2, 4)),
        ("2026-02-04T23:30:00-05:00", dt.date(2026, 2, 4)),  # the date as written, not shifted
        ("Feb 4, 2026", dt.date(2026, 2, 4)),
        ("Wed, 04 Feb 2026 10:00:00 +0000", dt.date(2026, 2, 4)),
        ("4th of February 2026", dt.date(2026, 2, 4)),
        ("sometime soon", None),
        (20260204, None),
    ],
)
def test_parse_date_value(value: object, expected: dt.date | None) -> None:
    assert parse_date_value(value) == expected


# --------------------------------------------------------------------------------------------
# Boilerplate


NOISY = """\


• Research
  • About
•
Example Center logo
Link Copied
{
  "authors": ["Jane Doe"],
  "topics": ["Security"]
}
Kyiv changes course on Belarus

The risk posed by Minsk looks very different today.
By Jane Doe
Published on Feb 4, 2026

Stay updated



Ukraine has rebooted its policy toward Belarus.


It did so after a meeting in Vilnius.
🎙️ Listen to the latest Example Talks podcast episode:
Photo: Getty
Learn More
More Work from Example Center
  • Commentary
    Another article title
    Its teaser sentence that should not be in the body.

The views expressed here do not necessarily reflect the views of the Center.
© 2026 Example Center. All rights reserved.
"""


def test_clean_text_removes_noise_and_keeps_sentences_verbatim() -> None:
    cleaned = clean_text(NOISY)
    body = cleaned.body
    for kept in (
        "Kyiv changes course on Belarus",
        "The risk posed by Minsk looks very different today.",
        "By Jane Doe\nPublished on Feb 4, 2026",
        "Ukraine has rebooted its policy toward Belarus.\n\n\nIt did so after a meeting in Vilnius.",  # untouched blank run kept
    ):
        assert kept in body
    for gone in ("Research", "logo", "Link Copied", '"authors"', "Stay updated", "podcast", "Getty", "Learn More",
                 "More Work", "teaser", "necessarily", "©"):  # fmt: skip
        assert gone not in body
    assert body.startswith("Kyiv changes course")
    assert "Published on Feb 4, 2026\n\nUkraine has" in body  # the blank run around "Stay updated" shrinks to one
    assert cleaned.credits == ["Photo: Getty"]
    assert cleaned.embedded_json == [{"authors": ["Jane Doe"], "topics": ["Security"]}]


def test_clean_text_keeps_leading_spaces_and_plain_text_untouched() -> None:
    text = " A first line that starts with a space.\nSecond line.\n\n\nThird line after two blank lines."
    assert clean_text(text + "\n\n").body == text


def test_sentences_mentioning_newsletters_survive() -> None:
    text = "The ministry said it would subscribe to the new sanctions regime, officials told reporters on Monday evening in Kyiv after a long meeting."
    assert clean_text(text).body == text


@pytest.mark.parametrize(
    "line",
    [
        "Register of Deeds office reopens in Minsk",
        "Copyright lawsuits against Belarusian state media rose sharply last year.",
        "Home Office officials met their Ukrainian counterparts.",
        "• The first point of the agreement covers prisoner exchanges.",
        "Sources: two officials familiar with the talks said the meeting was tense.",
    ],
)
def test_article_lines_that_look_a_bit_like_boilerplate_survive(line: str) -> None:
    text = f"Headline about the talks\n{line}\nA closing sentence."
    assert clean_text(text).body == text


@pytest.mark.parametrize(
    "line",
    ["Subscribe", "Sign up for our daily newsletter", "Copyright 2026 Example Media", "(c) 2025 Example", "Share on X"],
)
def test_short_promo_and_legal_lines_go(line: str) -> None:
    assert clean_text(f"A sentence about Minsk.\n{line}\nAnother sentence.").body == (
        "A sentence about Minsk.\nAnother sentence."
    )


def test_a_numbered_menu_goes_and_a_numbered_list_of_the_article_stays() -> None:
    menu = "1. World News\n  2. Health Report\n\n  3. Science in the News\n  4. Everyday Grammar"
    demands = "The protesters listed their demands:\n1. Release all political prisoners\n2. Hold new elections\n3. End the curfew"
    text = f"{menu}\nPolice detained 20 protesters in Minsk.\n{demands}"
    assert clean_text(text).body == f"Police detained 20 protesters in Minsk.\n{demands}"
    assert clean_text("1. Health Report\n2. Science Report\nA sentence.").body.startswith("1. Health Report")  # too short a run


def test_boilerplate_rules_come_from_the_yaml_file(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.yaml"
    data = yaml.safe_load(ingest.BOILERPLATE_FILE.read_text(encoding="utf-8"))
    data["rules"].append({"name": "custom", "match": "full", "max_words": 8, "patterns": ["brought to you by .+"]})
    rules_file.write_text(yaml.safe_dump(data), encoding="utf-8")
    text = "Brought to you by Example Corp\nA real sentence about Minsk."
    assert clean_text(text).body == text
    assert clean_text(text, ingest.clean._load_boilerplate(rules_file)).body == "A real sentence about Minsk."


# --------------------------------------------------------------------------------------------
# Seeds and MEANTIME


SEED_DATES = {
    "000_99062d5f3d79577c.txt": dt.date(2026, 2, 6),
    "001_437e9c3903115f3a.txt": None,
    "002_c3e08c5b7b8737ce.txt": dt.date(2026, 2, 4),
    "003_d08881b21fd99cf6.txt": dt.date(2025, 12, 7),
    "004_f92613416e1de1d3.txt": dt.date(2026, 2, 23),
}


def _seed(name: str) -> ingest.Article:
    [article] = read_file(SEEDS / name, SEEDS)
    return article


@pytest.mark.parametrize("name", sorted(SEED_DATES))
def test_seed_publication_dates(name: str) -> None:
    article = _seed(name)
    assert article.published_at == SEED_DATES[name]
    assert article.published_source == ("unknown" if SEED_DATES[name] is None else article.published_source)
    assert (article.published_source == "unknown") == (SEED_DATES[name] is None)


@pytest.mark.parametrize("name", sorted(SEED_DATES))
def test_seed_bodies_keep_the_article_lines_the_scorer_looks_for(name: str) -> None:
    article = _seed(name)
    source = (SEEDS / name).read_text(encoding="utf-8")
    probe = max((ln.strip() for ln in source.splitlines()), key=len)[:200]  # as score_seeds.py does
    assert probe in article.body


@pytest.mark.skipif(not SEED_GOLD.is_file(), reason=f"shared eval kit not found at {SEED_GOLD}")
def test_seed_gold_dates_and_evidence_are_in_the_bodies() -> None:
    gold = [json.loads(line) for line in SEED_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = {name: _seed(name) for name in SEED_DATES}
    for g in gold:
        article = articles[g["doc"]]
        if g["kind"] == "article":
            assert (article.published_at.isoformat() if article.published_at else None) == g["published"]
        else:
            assert g["evidence"] in article.body, g["evidence"]


def test_seed_002_drops_page_noise_and_keeps_every_paragraph() -> None:
    name = "002_c3e08c5b7b8737ce.txt"
    article = _seed(name)
    raw_lines = (SEEDS / name).read_text(encoding="utf-8").splitlines()
    for noise in ("• Research", '"authors"', "Link Copied", "Source: Getty", "Learn More", "logo", "More Work from",
                  "Russia Won’t Give Up", "All rights reserved", "Get more news"):  # fmt: skip
        assert noise not in article.body, noise
    # every unindented prose line stays, except the legal disclaimer
    prose = [ln for ln in raw_lines if len(ln.split()) >= 12 and not ln[:1].isspace()]
    missing = [ln for ln in prose if ln not in article.body]
    assert len(missing) == 1 and "institutional positions" in missing[0]
    assert article.title == "Why Is Ukraine Extending a Hand to the Belarusian Opposition-in-Exile?"
    assert article.author == "Artyom Shraibman"
    assert "The risk posed by Lukashenko today" in article.body  # the standfirst is kept
    assert article.extra["credits"] == ["Source: Getty"]
    assert article.extra["dateline"]["text"] == "Published on Feb 4, 2026"


def test_seed_captions_stay_in_the_body_and_are_listed() -> None:
    article = _seed("001_437e9c3903115f3a.txt")
    [caption] = article.extra["captions"]
    assert caption.startswith("Image: Belarusian nationals rally in Warsaw") and caption in article.body
    assert "Stay updated" not in article.body and "to your inbox" not in article.body


@pytest.mark.skipif(not MEANTIME.is_dir(), reason=f"shared dev set not found at {MEANTIME}")
def test_meantime_dev_publication_dates_and_bodies() -> None:
    gold = [json.loads(line) for line in (MEANTIME / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    right = exact = 0
    for g in gold:
        [article] = read_file(MEANTIME / "articles" / g["doc"], MEANTIME / "articles")
        right += article.published_at is not None and article.published_at.isoformat() == g["published"]
        right_source = article.published_source == "dateline"
        exact += article.body == g["body"] and right_source
    print(f"meantime-dev publication date accuracy {right}/{len(gold)} = {right / len(gold):.3f}")
    assert len(gold) == 60
    assert right == len(gold)
    assert exact == len(gold)  # bodies align with the gold at tier 'exact'


# --------------------------------------------------------------------------------------------
# Formats


def test_every_format_in_the_test_corpus() -> None:
    outcomes = _scan(FORMATS)
    assert _rejects(outcomes) == {}
    got = {path: (a.published_at, a.published_source) for path, a in _articles(outcomes).items()}
    d = dt.date
    assert got == {
        "dup/copy_one.txt": (d(2025, 12, 14), "dateline"),
        "dup/copy_two.txt": (d(2025, 12, 14), "dateline"),
        "encoding/cp1252_crlf.txt": (d(2026, 1, 23), "dateline"),
        "html/no_metadata_date.html": (None, "unknown"),  # no metadata: no guess, never today
        "html/page.html": (d(2026, 3, 2), "html metadata"),
        "json/feed.jsonl#1": (d(2023, 4, 5), "json"),
        "json/feed.jsonl#3": (d(2026, 1, 26), "byline"),
        "json/feed.jsonl#4": (None, "unknown"),
        "json/list.json#1": (d(2026, 2, 5), "json"),
        "json/list.json#2": (d(2026, 2, 23), "dateline"),
        "json/single.json": (d(2026, 2, 27), "json"),
        "md/byline_only.md": (d(2026, 2, 19), "byline"),
        "md/front_matter.md": (d(2026, 2, 18), "front matter"),
        "sidecar/memo.txt": (d(2026, 3, 12), "sidecar"),
        "sidecar/report.txt": (d(2026, 2, 1), "sidecar"),  # the sidecar beats the dateline
        "txt/2026-01-15-briefing.txt": (d(2026, 1, 15), "file name"),
        "txt/byline_page.txt": (d(2026, 2, 10), "byline"),
        "txt/dateline_article.txt": (d(2025, 12, 14), "dateline"),
        "txt/no_date.txt": (None, "unknown"),
    }
    for article in _articles(outcomes).values():
        assert article.content_sha256 == hashlib.sha256(article.body.encode()).hexdigest()
        assert article.body == article.body.strip("\n") and article.body.strip()
        json.dumps(article.extra)  # storable as JSON


def test_metadata_fields_per_format() -> None:
    arts = _articles(_scan(FORMATS))
    md = arts["md/front_matter.md"]
    assert (md.title, md.author, md.source_name, md.url) == (
        "Ukraine appoints envoy for Belarus",
        "Olena Petrenko",
        "Example Wire",
        "https://example.org/envoy",
    )
    assert md.body.startswith("Kyiv appointed a special envoy") and "---" not in md.body
    assert md.extra["tags"] == ["Ukraine", "Belarus"]
    html = arts["html/page.html"]
    assert html.title == "Belarusian opposition opens office in Kyiv" and html.author == "Ivan Melnyk"
    assert "opened a representation in Kyiv on Monday" in html.body
    assert "Subscribe" not in html.body and "Follow us" not in html.body
    assert html.extra["figure_captions"] == ["Sviatlana Tsikhanouskaya at the opening of the office in Kyiv."]
    single = arts["json/single.json"]
    assert (single.author, single.source_name, single.url) == (
        "Maria Rossi, Jan Novak",
        "Example Wire",
        "https://example.org/eu-sanctions",
    )
    page = arts["txt/byline_page.txt"]
    assert page.author == "Anna Kowalska" and page.title == "Poland reopens a border crossing with Belarus"
    assert page.extra["embedded_json"] == [{"section": "world", "tags": ["Poland", "Belarus"]}]
    assert "Kuźnica crossing" in page.body and "Officials in Minsk welcomed the move" in page.body
    assert "Lithuania closes its border again" not in page.body and "Stay updated" not in page.body
    sidecar = arts["sidecar/report.txt"]
    assert (sidecar.title, sidecar.author, sidecar.source_name) == (
        "Seminar report on Belarus",
        "Research Desk",
        "Example Institute",
    )
    enc = arts["encoding/cp1252_crlf.txt"]
    assert enc.extra["encoding"] == "cp1252" and "\r" not in enc.body
    assert "cafés in Minsk protested on Thursday against rules they called “arbitrary” – the third" in enc.body


def test_timeml_style_markdown_keeps_the_body_verbatim(tmp_path: Path) -> None:
    """The eval kit's converted TimeML files: JSON-quoted title, DCT in front matter."""
    body = " NEW YORK (AP) _ Shares rose on Wall Street.\n\nThe Dow gained 1.2 percent, traders said."
    text = (
        f'---\ntitle: "Stocks \\u201crally\\u201d"\npublished: 1998-03-03\nsource: TempEval-3 platinum\n---\n{body}\n'
    )
    (tmp_path / "APW19980303.md").write_text(text, encoding="utf-8")
    [article] = read_file(tmp_path / "APW19980303.md", tmp_path)
    assert article.body == body  # leading space kept, trailing newline dropped
    assert (article.title, article.published_at, article.published_source, article.source_name) == (
        "Stocks “rally”",
        dt.date(1998, 3, 3),
        "front matter",
        "TempEval-3 platinum",
    )


def test_byte_order_marks_and_utf16(tmp_path: Path) -> None:
    text = "Kyiv and Minsk exchanged notes on 4 February 2026.\r\nA second line."
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "wide.txt").write_bytes(text.encode("utf-16"))
    arts = _articles(_scan(tmp_path))
    assert arts["bom.txt"].body == arts["wide.txt"].body == text.replace("\r\n", "\n")


def test_same_article_under_two_names_has_one_id() -> None:
    arts = _articles(_scan(FORMATS))
    one, two, orig = arts["dup/copy_one.txt"], arts["dup/copy_two.txt"], arts["txt/dateline_article.txt"]
    assert one.article_id == two.article_id == orig.article_id
    assert len(one.article_id) >= 16
    assert arts["txt/no_date.txt"].article_id != one.article_id


def test_sidecar_files_are_not_articles_themselves() -> None:
    paths = {o.state.source_path for o in _scan(FORMATS) if o.state}
    assert not any(".meta." in p for p in paths)


# --------------------------------------------------------------------------------------------
# Bad input


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("blank.md", "empty file"),
        ("broken.json", "malformed JSON: Invalid control character"),
        ("broken.jsonl", "malformed JSON on line 2"),
        ("no_text.json", "no article text"),
        ("bad_front_matter.md", "malformed YAML front matter"),
        ("unclosed_front_matter.md", "never closed"),
        ("broken.html", "no article text found in the HTML"),
        ("memo.rtf", "unsupported file type '.rtf'"),
        ("orphan.meta.json", "sidecar without its main file"),
        ("with_bad_sidecar.txt", "malformed YAML in sidecar"),
    ],
)
def test_committed_bad_files_are_rejected_with_a_reason(name: str, reason: str) -> None:
    rejects = _rejects(_scan(BAD))
    assert reason in rejects[name]
    assert "\n" not in rejects[name]


def test_bad_corpus_yields_no_articles_and_one_reject_per_file() -> None:
    outcomes = _scan(BAD)
    assert _articles(outcomes) == {}
    assert all(o.status == "rejected" and o.reject and o.reject.stage == "ingest" for o in outcomes)
    main_files = {p.name for p in BAD.iterdir() if not p.name.endswith(".meta.yaml")}
    assert set(_rejects(outcomes)) == main_files


def test_binary_files_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "nul.txt").write_bytes(b"Looks like text\x00\x01\x02 but is not" * 10)
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    rejects = _rejects(_scan(tmp_path))
    assert "NUL bytes" in rejects["nul.txt"]
    assert "PNG image" in rejects["image.txt"]


def test_invalid_utf8_is_decoded_when_confident_else_rejected(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    (tmp_path / "noise.txt").write_bytes(bytes(rng.randrange(1, 256) for _ in range(4000)))
    (tmp_path / "latin1.txt").write_bytes(
        "Naïve café owners in Minsk protested on 4 February 2026.\n".encode("latin-1")
    )
    outcomes = _scan(tmp_path)
    assert "not valid UTF-8" in _rejects(outcomes)["noise.txt"]
    assert _articles(outcomes)["latin1.txt"].body == "Naïve café owners in Minsk protested on 4 February 2026."


def test_oversized_file_is_rejected_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # sparse 50 MB: costs no disk and would be slow to read
        handle.truncate(50 * 1024 * 1024)
    (tmp_path / "small.txt").write_text("Belarus and Ukraine resumed talks.\n" * 40, encoding="utf-8")
    started = time.perf_counter()
    outcomes = _scan(tmp_path)
    assert time.perf_counter() - started < 5
    rejects = _rejects(outcomes)
    assert "52,428,800 bytes, over the 20,971,520-byte limit" in rejects["huge.txt"]
    assert set(_articles(outcomes)) == {"small.txt"}
    assert "over the 1,000-byte limit" in _rejects(_scan(tmp_path, max_file_bytes=1000))["small.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_rejected_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text("Minsk answered Kyiv on Friday.", encoding="utf-8")
    outcomes = _scan(tmp_path)
    assert "FIFO" in _rejects(outcomes)["pipe.txt"]
    assert set(_articles(outcomes)) == {"ok.txt"}


def test_symlinks_dangling_and_looping(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.txt").write_text("Kyiv recalled its ambassador.", encoding="utf-8")
    (corpus / "sub" / "loop").symlink_to(corpus, target_is_directory=True)  # directory loop
    (corpus / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (corpus / "x.txt").symlink_to(corpus / "y.txt")  # file loop x -> y -> x
    (corpus / "y.txt").symlink_to(corpus / "x.txt")
    (corpus / "alias.txt").symlink_to(corpus / "sub" / "a.txt")  # a good link is followed
    outcomes = _scan(corpus)
    rejects = _rejects(outcomes)
    assert "symlink loop" in rejects["sub/loop"]
    assert "broken symlink" in rejects["dangling.txt"]
    assert "symlink loop" in rejects["x.txt"] and "symlink loop" in rejects["y.txt"]
    arts = _articles(outcomes)
    assert set(arts) == {"sub/a.txt", "alias.txt"}
    assert arts["sub/a.txt"].article_id == arts["alias.txt"].article_id


def test_links_out_of_the_corpus_are_rejected_and_never_read(tmp_path: Path) -> None:
    """A link to /etc/passwd (or any file outside the corpus) would put that file's text into
    the warehouse, the export and the report: file, folder and sidecar links that resolve
    outside the corpus are rejects with the reason; links inside the corpus still work."""
    outside = tmp_path / "private"
    outside.mkdir()
    secret = "SECRET-LINE root:x:0:0 Minsk answered Kyiv on Friday."
    (outside / "secret.txt").write_text(secret, encoding="utf-8")
    (outside / "secret.meta.yaml").write_text(f"title: {secret}\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "inside").mkdir(parents=True)
    (corpus / "inside" / "a.txt").write_text("Kyiv recalled its ambassador on Monday.", encoding="utf-8")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "leak.txt").symlink_to(outside / "secret.txt")
    (corpus / "leaked-folder").symlink_to(outside, target_is_directory=True)
    (corpus / "b.txt").write_text("Warsaw summoned the ambassador on Tuesday.", encoding="utf-8")
    (corpus / "b.txt.meta.yaml").symlink_to(outside / "secret.meta.yaml")
    (corpus / "alias.txt").symlink_to(corpus / "inside" / "a.txt")  # inside: fine
    (corpus / "inside-folder").symlink_to(corpus / "inside", target_is_directory=True)  # inside: fine

    outcomes = _scan(corpus)
    rejects = _rejects(outcomes)
    for rel in ("passwd.txt", "leak.txt", "leaked-folder"):
        assert "outside the corpus" in rejects[rel], rejects
    assert "sidecar" in rejects["b.txt"] and "outside the corpus" in rejects["b.txt"]
    arts = _articles(outcomes)
    assert set(arts) == {"inside/a.txt", "alias.txt", "inside-folder/a.txt"}
    assert not any("SECRET" in (a.body + str(a.title)) or "root:" in a.body for a in arts.values())


def test_dateline_output_inside_the_corpus_is_never_read(tmp_path: Path) -> None:
    """A report folder (or Data Docs, export) that the settings put inside the corpus, or that
    a link leads to, is Dateline's own output, not articles."""
    corpus = tmp_path / "corpus"
    report = corpus / "report"
    report.mkdir(parents=True)
    (report / "index.html").write_text("<html><body><p>Kyiv recalled its ambassador.</p></body></html>", encoding="utf-8")
    docs = tmp_path / "warehouse" / "data_docs"
    docs.mkdir(parents=True)
    (docs / "index.txt").write_text("Validation results for Minsk and Kyiv.", encoding="utf-8")
    (corpus / "docs").symlink_to(docs, target_is_directory=True)
    (corpus / "a.txt").write_text("Warsaw summoned the ambassador on Tuesday.", encoding="utf-8")
    outcomes = list(scan_corpus(corpus, {}, exclude=[report, docs]))
    rejects = _rejects(outcomes)
    assert "own output" in rejects["report"] and "docs" in rejects
    assert set(_articles(outcomes)) == {"a.txt"}


def test_a_corpus_inside_dateline_output_reads_nothing_and_one_beside_it_reads_all(tmp_path: Path) -> None:
    """The walk checks each entry only against the outputs it could be: those inside the
    corpus, or holding it (a corpus pointed at the export folder is all output)."""
    export = tmp_path / "export"
    (export / "events").mkdir(parents=True)
    (export / "events" / "a.txt").write_text("Warsaw summoned the ambassador on Tuesday.", encoding="utf-8")
    inside = list(scan_corpus(export / "events", {}, exclude=[export, tmp_path / "w.duckdb"]))
    assert not _articles(inside) and "own output" in _rejects(inside)["a.txt"]
    beside = list(scan_corpus(export / "events", {}, exclude=[tmp_path / "report", tmp_path / "w.duckdb"]))
    assert set(_articles(beside)) == {"a.txt"}


def test_read_file_on_a_directory_and_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(IngestError, match="directory"):
        read_file(tmp_path / "folder.txt", tmp_path)
    with pytest.raises(IngestError, match="cannot read"):
        read_file(tmp_path / "missing.txt", tmp_path)


def test_unreadable_file_is_rejected() -> None:
    """chmod 000 does not stop root, so as root the scan runs under an unprivileged euid.

    The folder is made with tempfile (pytest's tmp_path sits in a root-only directory) and
    opened to others, so only the file's own mode can refuse the read.
    """
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="dateline-perm-"))
    try:
        folder.chmod(0o755)
        locked = folder / "locked.txt"
        locked.write_text("Secret text about Minsk.", encoding="utf-8")
        locked.chmod(0)
        (folder / "open.txt").write_text("Open text about Kyiv.", encoding="utf-8")
        if os.geteuid() != 0:
            outcomes = _scan(folder)
        else:
            if any(p.stat().st_mode & 0o001 == 0 for p in folder.parents):
                pytest.skip(f"{folder.parent} is not traversable by other users")
            try:
                os.seteuid(65534)
            except PermissionError:
                pytest.skip("cannot drop privileges here")
            try:
                outcomes = _scan(folder)
            finally:
                os.seteuid(0)
        assert "permission denied" in _rejects(outcomes)["locked.txt"]
        assert set(_articles(outcomes)) == {"open.txt"}
    finally:
        shutil.rmtree(folder)


# --------------------------------------------------------------------------------------------
# Scanning: nothing lost, change detection, fixed files come back


def _mixed_folder(tmp_path: Path) -> Path:
    corpus = tmp_path / "mixed"
    shutil.copytree(FORMATS, corpus / "good")
    shutil.copytree(BAD, corpus / "bad")
    made = corpus / "bad" / "made"
    made.mkdir()
    (made / "binary.txt").write_bytes(b"\x00\x01binary" * 50)
    with (made / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (made / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    (made / "loop").symlink_to(corpus, target_is_directory=True)
    os.mkfifo(made / "fifo.txt")
    (corpus / ".hidden.txt").write_text("A hidden note that must be skipped.", encoding="utf-8")
    (corpus / ".git").mkdir()
    (corpus / ".git" / "HEAD.txt").write_text("ref: refs/heads/main", encoding="utf-8")
    return corpus


def test_scan_mixed_folder_loses_no_good_article(tmp_path: Path) -> None:
    expected = {f"good/{path}" for path in _articles(_scan(FORMATS))}
    outcomes = _scan(_mixed_folder(tmp_path))
    assert set(_articles(outcomes)) == expected
    bad_expected = {f"bad/{p.name}" for p in BAD.iterdir() if not p.name.endswith(".meta.yaml")}
    bad_expected |= {f"bad/made/{n}" for n in ("binary.txt", "huge.txt", "dangling.md", "loop", "fifo.txt")}
    assert set(_rejects(outcomes)) == bad_expected
    paths = [_path(o) for o in outcomes]
    assert not any(".hidden" in p or ".git" in p for p in paths)
    assert paths == [_path(o) for o in _scan(tmp_path / "mixed")]  # deterministic order


def test_rescan_skips_unchanged_and_rereads_changed(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    shutil.copytree(FORMATS, corpus)
    first = _scan(corpus)
    assert {o.status for o in first} == {"new"}
    known = _known(first)

    second = _scan(corpus, known)
    assert {o.status for o in second} == {"unchanged"} and _articles(second) == {}

    touched = corpus / "txt" / "no_date.txt"
    os.utime(touched, ns=(time.time_ns(), time.time_ns() + 10**9))  # mtime moves, bytes do not
    edited = corpus / "txt" / "dateline_article.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "A new closing sentence was added.\n", encoding="utf-8")
    (corpus / "sidecar" / "memo.meta.json").write_text(
        '{"title": "Reactions memo", "date": "13 March 2026"}', encoding="utf-8"
    )
    (corpus / "txt" / "2026-02-20-new.txt").write_text("Minsk replied to Kyiv on Friday.", encoding="utf-8")
    third = {(o.state.source_path if o.state else ""): o for o in _scan(corpus, known)}
    assert third["txt/no_date.txt"].status == "unchanged"
    assert third["txt/no_date.txt"].state != known["txt/no_date.txt"]  # refreshed mtime
    assert third["txt/dateline_article.txt"].status == "changed"
    assert "A new closing sentence" in third["txt/dateline_article.txt"].articles[0].body
    assert third["sidecar/memo.txt"].status == "changed"
    assert third["sidecar/memo.txt"].articles[0].published_at == dt.date(2026, 3, 13)
    assert third["txt/2026-02-20-new.txt"].status == "new"
    assert sum(o.status != "unchanged" for o in third.values()) == 3


def test_a_rejected_file_that_is_fixed_is_read_next_run(tmp_path: Path) -> None:
    (tmp_path / "draft.json").write_text('{"title": "Draft", "text": "unterminated', encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Kyiv and Minsk exchanged notes.", encoding="utf-8")
    first = _scan(tmp_path)
    known = _known(first)
    assert set(known) == {"ok.txt"}  # rejected files are not remembered
    rerun = {o.state.source_path: o.status for o in _scan(tmp_path, known) if o.state}
    assert rerun == {"draft.json": "rejected", "ok.txt": "unchanged"}
    (tmp_path / "draft.json").write_text('{"title": "Draft", "text": "Now the text is complete."}', encoding="utf-8")
    fixed = {o.state.source_path: o for o in _scan(tmp_path, known) if o.state}
    assert fixed["draft.json"].status == "new" and fixed["draft.json"].articles[0].title == "Draft"


def test_scan_is_lazy(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("First article about Minsk.", encoding="utf-8")
    (tmp_path / "z").mkdir()
    outcomes = scan_corpus(tmp_path, {})
    assert next(outcomes).articles[0].source_path == "a.txt"
    (tmp_path / "z" / "late.txt").write_text("Written after the scan started.", encoding="utf-8")
    assert [a.source_path for o in outcomes for a in o.articles] == ["z/late.txt"]


def test_missing_corpus_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(scan_corpus(tmp_path / "nope", {}))


def test_bracket_heavy_text_stays_fast() -> None:
    """Lines that start like JSON but are prose must not trigger a scan to the end each time."""
    text = ("[\n" + "word " * 10 + "\n") * 20000 + ("{\n" + '"a": 1,\n' * 10) * 2000
    started = time.perf_counter()
    cleaned = clean_text(text)
    assert time.perf_counter() - started < 20  # quadratic behaviour took ~50 s here
    assert cleaned.body.count("word") == 200000 and cleaned.embedded_json == []


# ---------------------------------------------------------------- bounded work per file (issue 18)

ARTICLE = "Poland summoned the Belarusian ambassador in Warsaw on 30 January 2026."
# 452 bytes: nine anchors, each a list of nine aliases of the one before (9**9 strings when expanded)
ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{b}: &{b} [{', '.join(['*' + a] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi", strict=True)]
)


def scan_one(corpus: Path) -> dict[str, FileOutcome]:
    return {o.reject.source_path if o.reject else o.articles[0].source_path: o for o in scan_corpus(corpus, {})}


def test_a_yaml_alias_bomb_in_front_matter_or_sidecar_is_refused_quickly(tmp_path: Path) -> None:
    (tmp_path / "bomb.md").write_text(f"---\ntitle: Bomb\n{ALIAS_BOMB}\n---\n{ARTICLE}\n")
    (tmp_path / "side.txt").write_text(ARTICLE + " Talks resumed.")
    (tmp_path / "side.meta.yaml").write_text(f"title: Side\n{ALIAS_BOMB}\n")
    (tmp_path / "good.md").write_text(f"---\ntitle: Good\nbase: &b {{x: 1}}\ncopy: *b\n---\n{ARTICLE} Both sides met.\n")
    started = time.monotonic()
    got = scan_one(tmp_path)
    assert time.monotonic() - started < 5
    for name in ("bomb.md", "side.txt"):
        assert got[name].status == "rejected"
        assert "aliases" in got[name].reject.reason  # type: ignore[union-attr]
    assert got["good.md"].status == "new" and got["good.md"].articles[0].extra["copy"] == {"x": 1}


def test_deeply_nested_json_is_refused_and_shallow_json_is_read(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.json").write_text(f'{{"text": "{ARTICLE}", "extra": {deep}}}')
    (tmp_path / "lines.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n" + f'{{"text": "x", "n": {deep}}}\n')
    (tmp_path / "meta.txt").write_text(ARTICLE)
    (tmp_path / "meta.txt.meta.json").write_text(f'{{"title": "x", "n": {deep}}}')
    (tmp_path / "block.txt").write_text(f"{ARTICLE}\n{{\"a\": {deep}}}\nTalks resumed on Monday.\n")
    got = scan_one(tmp_path)
    for name in ("deep.json", "lines.jsonl", "meta.txt"):
        assert got[name].status == "rejected" and "nested" in got[name].reject.reason  # type: ignore[union-attr]
    # a bracket block inside a text file is not metadata: the article is read
    assert got["block.txt"].status == "new"


def test_a_lone_surrogate_in_json_becomes_a_replacement_character(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text('{"title": "Talks \\ud800 resume", "text": "Poland \\udc00 summoned the ambassador."}')
    [article] = read_file(tmp_path / "s.json", tmp_path)
    assert article.title == "Talks \ufffd resume"
    assert article.body == "Poland \ufffd summoned the ambassador."
    # a correct pair stays the character it encodes
    (tmp_path / "pair.json").write_text('{"text": "Poland \\ud83d\\ude00 summoned the ambassador."}')
    assert read_file(tmp_path / "pair.json", tmp_path)[0].body == "Poland \U0001f600 summoned the ambassador."


def test_an_unexpected_error_reading_one_file_is_a_reject_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE + " Talks resumed.")
    real = ingest.article._build_article

    def fail_on_b(text: str, source_path: str, *args: object, **kwargs: object) -> object:
        if source_path == "b.txt":
            raise ZeroDivisionError("injected")
        return real(text, source_path, *args, **kwargs)  # type: ignore[arg-type]

    # patched where `_parse` looks it up
    monkeypatch.setattr(ingest.formats, "_build_article", fail_on_b)
    got = scan_one(tmp_path)
    assert got["a.txt"].status == "new"
    reject = got["b.txt"].reject
    assert reject is not None and (reject.stage, reject.error_type) == ("decode", "ZeroDivisionError")
    assert reject.reason.startswith("reading the file failed unexpectedly: ZeroDivisionError: injected")
