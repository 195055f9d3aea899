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
