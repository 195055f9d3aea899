-- Dateline warehouse, schema version 1: the contract in DESIGN.md.
-- Column names are a public interface: extend freely, rename never without a migration.

CREATE TABLE IF NOT EXISTS articles (
    article_id        VARCHAR PRIMARY KEY,   -- sha256 of the body (content-derived)
    source_path       VARCHAR NOT NULL,      -- relative to the corpus root (first path seen)
    title             VARCHAR,
    published_at      DATE,                  -- NULL when unknown
    published_source  VARCHAR NOT NULL,      -- front matter, metadata, dateline, byline, file name, unknown
    body              VARCHAR NOT NULL,      -- the text every offset refers to
    content_sha256    VARCHAR NOT NULL,
    ingested_at       TIMESTAMP NOT NULL,
    author            VARCHAR,
    url               VARCHAR,
    source_name       VARCHAR,
    word_count        INTEGER,
    extractor_version VARCHAR NOT NULL,
    status            VARCHAR NOT NULL DEFAULT 'active',  -- active, gone (every path deleted)
    gone_at           TIMESTAMP,
    run_id            VARCHAR NOT NULL,
    extra_json        VARCHAR
);

-- Every file path that held an article; two names for one text are two rows.
CREATE TABLE IF NOT EXISTS article_paths (
    source_path  VARCHAR PRIMARY KEY,
    article_id   VARCHAR NOT NULL,
    file_sha256  VARCHAR NOT NULL,
    size         BIGINT NOT NULL,
    mtime_ns     BIGINT NOT NULL,
    first_seen   TIMESTAMP NOT NULL,
    last_seen    TIMESTAMP NOT NULL,
    gone_at      TIMESTAMP,
    run_id       VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS time_expressions (
    timex_id     VARCHAR PRIMARY KEY,
    article_id   VARCHAR NOT NULL,
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    text         VARCHAR NOT NULL,
    timex_type   VARCHAR NOT NULL,
    timex_value  VARCHAR,
    range_start  DATE,
    range_end    DATE,
    precision    VARCHAR,
    anchored     BOOLEAN,
    run_id       VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS actors (
    actor_id        VARCHAR PRIMARY KEY,
    canonical_name  VARCHAR NOT NULL,
    actor_type      VARCHAR NOT NULL,       -- person, organisation, state, group, location
    country_code    VARCHAR,                -- ISO-3166 alpha-3
    role            VARCHAR,                -- GOV, OPP, MIL, JUD, MED, IGO, ...
    wikidata_qid    VARCHAR,
    source          VARCHAR NOT NULL        -- dictionary or ner
);

CREATE TABLE IF NOT EXISTS actor_aliases (
    actor_id  VARCHAR NOT NULL,
    alias     VARCHAR NOT NULL,
    PRIMARY KEY (actor_id, alias)
);

CREATE TABLE IF NOT EXISTS event_mentions (
    mention_id        VARCHAR PRIMARY KEY,
    event_id          VARCHAR NOT NULL,
    article_id        VARCHAR NOT NULL,
    sentence_text     VARCHAR NOT NULL,
    sentence_start    INTEGER,
    trigger_start     INTEGER NOT NULL,
    trigger_end       INTEGER NOT NULL,
    trigger_text      VARCHAR,
    trigger_lemma     VARCHAR,
    event_type        VARCHAR NOT NULL,
    source_start      INTEGER,
    source_end        INTEGER,
    source_text       VARCHAR,
    source_actor_id   VARCHAR,
    target_start      INTEGER,
    target_end        INTEGER,
    target_text       VARCHAR,
    target_actor_id   VARCHAR,
    event_date        VARCHAR,               -- TIMEX3 value
    date_start        DATE,
    date_end          DATE,
    date_precision    VARCHAR,
    date_basis        VARCHAR NOT NULL,      -- explicit, relative-to-publication, inherited, publication, unknown
    location          VARCHAR,
    factuality        VARCHAR NOT NULL,      -- asserted, negated, possible, planned/future, reported
    confidence        DOUBLE NOT NULL,
    extractor_version VARCHAR NOT NULL,
    run_id            VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
    event_id         VARCHAR PRIMARY KEY,
    event_type       VARCHAR NOT NULL,
    source_actor_id  VARCHAR,
    target_actor_id  VARCHAR,
    event_date       VARCHAR,
    date_start       DATE,
    date_end         DATE,
    date_precision   VARCHAR,
    location         VARCHAR,
    factuality       VARCHAR,
    mention_count    INTEGER NOT NULL,
    article_count    INTEGER NOT NULL,
    source_count     INTEGER NOT NULL,
    first_seen       DATE,
    last_seen        DATE,
    run_id           VARCHAR NOT NULL,
    gone             BOOLEAN NOT NULL DEFAULT false   -- every article reporting it was deleted
);

-- Previous versions of events whose content a later run changed.
CREATE TABLE IF NOT EXISTS event_history (
    event_id        VARCHAR NOT NULL,
    changed_run_id  VARCHAR NOT NULL,
    changed_at      TIMESTAMP NOT NULL,
    change          VARCHAR NOT NULL,        -- updated, removed
    old_row_json    VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS runs (
    run_id              VARCHAR PRIMARY KEY,
    started_at          TIMESTAMP NOT NULL,
    finished_at         TIMESTAMP,
    status              VARCHAR NOT NULL,     -- running, succeeded, failed
    corpus_dir          VARCHAR,
    files_seen          INTEGER,
    articles_new        INTEGER,
    articles_changed    INTEGER,
    articles_unchanged  INTEGER,
    articles_gone       INTEGER,
    articles_rejected   INTEGER,
    events_extracted    INTEGER,
    rows_upserted       INTEGER,
    rows_rejected       INTEGER,
    dateline_version    VARCHAR,
    extractor_version   VARCHAR,
    spacy_model         VARCHAR,
    data_docs_path      VARCHAR,
    message             VARCHAR
);

CREATE TABLE IF NOT EXISTS rejects (
    reject_id    VARCHAR PRIMARY KEY,
    run_id       VARCHAR NOT NULL,
    stage        VARCHAR NOT NULL,           -- ingest, validate
    source_path  VARCHAR,
    article_id   VARCHAR,
    table_name   VARCHAR,
    expectation  VARCHAR,
    reason       VARCHAR NOT NULL,
    row_json     VARCHAR,
    created_at   TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS validations (
    run_id           VARCHAR NOT NULL,
    table_name       VARCHAR NOT NULL,
    expectation      VARCHAR NOT NULL,
    severity         VARCHAR NOT NULL,       -- critical, warning
    success          BOOLEAN NOT NULL,
    unexpected_count BIGINT,
    element_count    BIGINT,
    details_json     VARCHAR
);
