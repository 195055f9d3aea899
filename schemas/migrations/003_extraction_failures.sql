-- Per-article fault isolation (issue 18). An article whose extraction raised lands as a
-- `rejects` row that says which stage failed, the exception's class and the sentence being
-- read; `extraction_failures` remembers the article (its id is a hash of its text) with the
-- extractor version that failed on it, so an unchanged article is not re-attempted on every
-- run, and is retried as soon as its text or the extractor changes. Re-runnable (a file
-- written before versioning runs every migration again).
ALTER TABLE rejects ADD COLUMN IF NOT EXISTS error_type VARCHAR;
ALTER TABLE rejects ADD COLUMN IF NOT EXISTS sentence VARCHAR;

CREATE TABLE IF NOT EXISTS extraction_failures (
    article_id        VARCHAR PRIMARY KEY,
    extractor_version VARCHAR NOT NULL,
    stage             VARCHAR NOT NULL,
    error_type        VARCHAR,
    reason            VARCHAR NOT NULL,
    sentence          VARCHAR,
    source_path       VARCHAR,
    run_id            VARCHAR NOT NULL,
    failed_at         TIMESTAMP NOT NULL
);
