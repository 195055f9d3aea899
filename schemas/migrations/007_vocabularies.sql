-- Curation (issue 20): an edit of the actor dictionary, the analyst's curation file or the
-- event vocabularies re-extracts the articles it affects, and only those. Each article keeps
-- the hash of the vocabularies it was extracted with; `vocabularies` keeps what each hash
-- stood for (aliases, actors, merges, non-actors), so the next run can tell which names and
-- ids an edit changed and find the articles that hold them. Re-runnable.
ALTER TABLE articles ADD COLUMN IF NOT EXISTS vocabulary_hash VARCHAR;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS articles_reextracted INTEGER;

CREATE TABLE IF NOT EXISTS vocabularies (
    vocabulary_hash VARCHAR PRIMARY KEY,
    snapshot_json   VARCHAR NOT NULL,
    files           VARCHAR,
    run_id          VARCHAR,
    recorded_at     TIMESTAMP
);

COMMENT ON COLUMN articles.vocabulary_hash IS 'Hash of the vocabularies (actor dictionary, curation file, event types) the article was extracted with: an edit re-extracts only the articles it affects.';
COMMENT ON COLUMN runs.articles_reextracted IS 'Articles extracted again because a vocabulary edit affected them.';
COMMENT ON TABLE vocabularies IS 'What each vocabulary hash stood for (aliases, actors, merges, non-actors), so a run can tell which names and ids an edit changed.';
COMMENT ON COLUMN vocabularies.vocabulary_hash IS 'The hash (articles.vocabulary_hash).';
COMMENT ON COLUMN vocabularies.snapshot_json IS 'The vocabularies as JSON: aliases, actors, merges and non-actors.';
COMMENT ON COLUMN vocabularies.files IS 'The files it was read from.';
COMMENT ON COLUMN vocabularies.run_id IS 'The run that first used it.';
COMMENT ON COLUMN vocabularies.recorded_at IS 'When it was first recorded.';
