-- Report: every actor taking part in a reported event, with how many events it is in (all, and
-- those stated as having happened: asserted or reported, which the page counts by default).
WITH roles AS (
    SELECT source_actor_id AS actor_id, event_id, 'source' AS role, factuality FROM events
    WHERE NOT gone AND source_actor_id IS NOT NULL
    UNION ALL
    SELECT target_actor_id, event_id, 'target', factuality FROM events
    WHERE NOT gone AND target_actor_id IS NOT NULL
)
SELECT a.actor_id, a.canonical_name AS actor_name, a.actor_type, a.country_code, a.role AS actor_role,
       count(DISTINCT r.event_id) AS event_count,
       count(DISTINCT r.event_id) FILTER (WHERE r.factuality IN ('asserted', 'reported')) AS factual_count,
       count(*) FILTER (WHERE r.role = 'source') AS as_source,
       count(*) FILTER (WHERE r.role = 'target') AS as_target
FROM roles r JOIN actors a USING (actor_id)
GROUP BY ALL
ORDER BY event_count DESC, actor_name;
