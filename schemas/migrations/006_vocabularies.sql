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
