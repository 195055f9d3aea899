-- Report views. Re-created on every migration so they follow the tables.

-- One row per event mention with actor names: the raw material of every timeline.
CREATE OR REPLACE VIEW actor_timeline AS
SELECT a.actor_id, a.canonical_name AS actor_name, 'source' AS actor_role,
       m.event_id, m.mention_id, m.event_type, m.event_date, m.date_start, m.date_end,
       m.date_precision, m.factuality, m.location, m.article_id, m.sentence_text
FROM event_mentions m JOIN actors a ON a.actor_id = m.source_actor_id
UNION ALL
SELECT a.actor_id, a.canonical_name, 'target', m.event_id, m.mention_id, m.event_type,
       m.event_date, m.date_start, m.date_end, m.date_precision, m.factuality, m.location,
       m.article_id, m.sentence_text
FROM event_mentions m JOIN actors a ON a.actor_id = m.target_actor_id;

-- Network edge list: directed actor pairs weighted by distinct events.
CREATE OR REPLACE VIEW actor_pairs AS
SELECT e.source_actor_id, s.canonical_name AS source_name,
       e.target_actor_id, t.canonical_name AS target_name,
       count(*) AS event_count,
       sum(e.mention_count) AS mention_count,
       min(e.date_start) AS first_date, max(e.date_end) AS last_date,
       list(DISTINCT e.event_type ORDER BY e.event_type) AS event_types
FROM events e
JOIN actors s ON s.actor_id = e.source_actor_id
JOIN actors t ON t.actor_id = e.target_actor_id
WHERE e.source_actor_id <> e.target_actor_id
GROUP BY ALL;

-- Events per month and type (events dated at least to the month).
CREATE OR REPLACE VIEW events_per_month AS
SELECT strftime(date_start, '%Y-%m') AS month, event_type, factuality,
       count(*) AS event_count, sum(mention_count) AS mention_count
FROM events
WHERE date_start IS NOT NULL AND date_precision IN ('day', 'week', 'weekend', 'month', 'time')
GROUP BY ALL;

-- The latest run, for status commands and reports.
CREATE OR REPLACE VIEW latest_run AS
SELECT * FROM runs ORDER BY started_at DESC LIMIT 1;

-- Comments (CREATE OR REPLACE VIEW drops them, so they follow the views here; see
-- schemas/migrations/006_comments.sql for the tables).
COMMENT ON VIEW actor_timeline IS 'One row per event mention and actor taking part in it (as source or target), with the actor''s name: the raw material of every actor timeline.';
COMMENT ON COLUMN actor_timeline.actor_id IS 'The actor (actors.actor_id).';
COMMENT ON COLUMN actor_timeline.actor_name IS 'The actor''s canonical name.';
COMMENT ON COLUMN actor_timeline.actor_role IS 'source (the actor acted) or target (it was acted upon).';
COMMENT ON COLUMN actor_timeline.event_id IS 'The event (events.event_id).';
COMMENT ON COLUMN actor_timeline.mention_id IS 'The mention (event_mentions.mention_id).';
COMMENT ON COLUMN actor_timeline.event_type IS 'Event type of the mention.';
COMMENT ON COLUMN actor_timeline.event_date IS 'TIMEX3 date of the mention; NULL when undated.';
COMMENT ON COLUMN actor_timeline.date_start IS 'First day the date covers.';
COMMENT ON COLUMN actor_timeline.date_end IS 'Last day the date covers.';
COMMENT ON COLUMN actor_timeline.date_precision IS 'Granularity of the date (day, month, year …).';
COMMENT ON COLUMN actor_timeline.factuality IS 'asserted, negated, possible, planned or reported.';
COMMENT ON COLUMN actor_timeline.location IS 'Where it happened, when the sentence says.';
COMMENT ON COLUMN actor_timeline.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN actor_timeline.sentence_text IS 'The sentence the mention was read from.';

COMMENT ON VIEW actor_pairs IS 'Network edge list: directed pairs of distinct actors (source acted on target), weighted by the events between them.';
COMMENT ON COLUMN actor_pairs.source_actor_id IS 'Who acted (actors.actor_id).';
COMMENT ON COLUMN actor_pairs.source_name IS 'The source actor''s canonical name.';
COMMENT ON COLUMN actor_pairs.target_actor_id IS 'Who was acted upon (actors.actor_id).';
COMMENT ON COLUMN actor_pairs.target_name IS 'The target actor''s canonical name.';
COMMENT ON COLUMN actor_pairs.event_count IS 'Distinct events from source to target (gone events included).';
COMMENT ON COLUMN actor_pairs.mention_count IS 'Mentions of those events.';
COMMENT ON COLUMN actor_pairs.first_date IS 'Earliest date_start among those events.';
COMMENT ON COLUMN actor_pairs.last_date IS 'Latest date_end among those events.';
COMMENT ON COLUMN actor_pairs.event_types IS 'The event types between them, sorted.';

COMMENT ON VIEW events_per_month IS 'Events per month, type and factuality, for events dated at least to the month (time, day, weekend, week or month precision).';
COMMENT ON COLUMN events_per_month.month IS 'Month of date_start as YYYY-MM.';
COMMENT ON COLUMN events_per_month.event_type IS 'Event type.';
COMMENT ON COLUMN events_per_month.factuality IS 'asserted, negated, possible, planned or reported.';
COMMENT ON COLUMN events_per_month.event_count IS 'Events.';
COMMENT ON COLUMN events_per_month.mention_count IS 'Mentions of those events.';

COMMENT ON VIEW latest_run IS 'The most recent row of runs (same columns).';
COMMENT ON COLUMN latest_run.run_id IS 'Run key (runs.run_id).';
COMMENT ON COLUMN latest_run.started_at IS 'When the run started.';
COMMENT ON COLUMN latest_run.finished_at IS 'When it ended; NULL while running.';
COMMENT ON COLUMN latest_run.status IS 'running, succeeded or failed.';
COMMENT ON COLUMN latest_run.corpus_dir IS 'The corpus folder it read.';
COMMENT ON COLUMN latest_run.files_seen IS 'Article files found in the corpus.';
COMMENT ON COLUMN latest_run.articles_new IS 'Articles extracted for the first time.';
COMMENT ON COLUMN latest_run.articles_changed IS 'Articles re-extracted because their file changed.';
COMMENT ON COLUMN latest_run.articles_unchanged IS 'Articles skipped because nothing changed.';
COMMENT ON COLUMN latest_run.articles_gone IS 'Articles whose every file disappeared.';
COMMENT ON COLUMN latest_run.articles_rejected IS 'Files or articles that could not be read or extracted.';
COMMENT ON COLUMN latest_run.events_extracted IS 'Event mentions extracted.';
COMMENT ON COLUMN latest_run.rows_upserted IS 'Rows written to the warehouse tables.';
COMMENT ON COLUMN latest_run.rows_rejected IS 'Rows that failed a critical validation.';
COMMENT ON COLUMN latest_run.dateline_version IS 'Dateline version that ran.';
COMMENT ON COLUMN latest_run.extractor_version IS 'Version of the extraction rules.';
COMMENT ON COLUMN latest_run.spacy_model IS 'spaCy model used.';
COMMENT ON COLUMN latest_run.data_docs_path IS 'Great Expectations Data Docs of the run''s validation.';
COMMENT ON COLUMN latest_run.message IS 'Why the run failed, or a note such as an export failure.';
COMMENT ON COLUMN latest_run.articles_reextracted IS 'Articles extracted again because a vocabulary edit affected them.';
