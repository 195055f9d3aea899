-- Report: de-duplicated events still reported by at least one article, with actor names.
-- `date_end` is inclusive; NULL dates stay NULL (the report lists them as undated).
SELECT e.event_id, e.event_type,
       e.source_actor_id, s.canonical_name AS source_name, s.actor_type AS source_type,
       e.target_actor_id, t.canonical_name AS target_name, t.actor_type AS target_type,
       e.event_date, e.date_start, coalesce(e.date_end, e.date_start) AS date_end, e.date_precision,
       e.location, e.factuality, e.mention_count, e.article_count, e.source_count,
       e.first_seen, e.last_seen
FROM events e
LEFT JOIN actors s ON s.actor_id = e.source_actor_id
LEFT JOIN actors t ON t.actor_id = e.target_actor_id
WHERE NOT e.gone
ORDER BY e.date_start NULLS LAST, e.event_type, e.event_id;
