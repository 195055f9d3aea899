-- Report: de-duplicated events still reported by at least one article, with actor names.
-- `date_end` is inclusive; NULL dates stay NULL (the report lists them as undated).
-- `date_basis` is the best-founded basis among the mentions that carry the event's date:
-- 'explicit' (a date in the text) before 'inherited', 'relative-to-publication' ("on Monday"),
-- then 'reference' and 'publication', which mean no sentence said when and the article's own
-- date stood in. Every column of `events` is passed on (`e.*`), so columns added later
-- (a summary, a representative trigger) reach the report without editing this file.
WITH basis AS (
    SELECT m.event_id,
           arg_min(m.date_basis, CASE m.date_basis
                   WHEN 'explicit' THEN 0 WHEN 'inherited' THEN 1 WHEN 'relative-to-publication' THEN 2
                   WHEN 'reference' THEN 3 WHEN 'publication' THEN 4 ELSE 5 END) AS date_basis
    FROM event_mentions m
    JOIN events e ON e.event_id = m.event_id
    WHERE NOT e.gone AND m.event_date IS NOT DISTINCT FROM e.event_date
    GROUP BY m.event_id
)
-- (a `date_basis` column the events table may gain is set aside for the one computed here, so
-- the two cannot clash.)
SELECT e.* EXCLUDE (date_end, gone, run_id),
       s.canonical_name AS source_name, s.actor_type AS source_type,
       t.canonical_name AS target_name, t.actor_type AS target_type,
       coalesce(e.date_end, e.date_start) AS date_end,
       CASE WHEN e.date_start IS NULL THEN 'undated' ELSE coalesce(b.date_basis, 'unknown') END AS date_basis
FROM (SELECT COLUMNS(lambda c: c NOT IN ('date_basis')) FROM events) e
LEFT JOIN actors s ON s.actor_id = e.source_actor_id
LEFT JOIN actors t ON t.actor_id = e.target_actor_id
LEFT JOIN basis b ON b.event_id = e.event_id
WHERE NOT e.gone
ORDER BY e.date_start NULLS LAST, e.event_type, e.event_id;
