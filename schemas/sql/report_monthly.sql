-- Report: events per month, by event type and by actor, split by factuality (the page counts
-- asserted and reported events by default and every event on request). Only events whose
-- dated period lies inside one calendar month are counted (day, week or month precision);
-- events dated to a quarter, a year or not at all are left out rather than guessed into a month.
WITH dated AS (
    SELECT event_id, event_type, source_actor_id, target_actor_id, coalesce(factuality, 'unknown') AS factuality,
           strftime(date_start, '%Y-%m') AS month
    FROM events
    WHERE NOT gone AND date_start IS NOT NULL
      AND date_trunc('month', date_start) = date_trunc('month', coalesce(date_end, date_start))
),
by_actor AS (
    SELECT month, source_actor_id AS actor_id, event_id, factuality FROM dated WHERE source_actor_id IS NOT NULL
    UNION
    SELECT month, target_actor_id, event_id, factuality FROM dated WHERE target_actor_id IS NOT NULL
)
SELECT 'event_type' AS dimension, month, event_type AS key, event_type AS label, factuality, count(*) AS event_count
FROM dated GROUP BY ALL
UNION ALL
SELECT 'actor', b.month, b.actor_id, a.canonical_name, b.factuality, count(DISTINCT b.event_id)
FROM by_actor b JOIN actors a USING (actor_id) GROUP BY ALL
ORDER BY dimension, month, event_count DESC, label, factuality;
