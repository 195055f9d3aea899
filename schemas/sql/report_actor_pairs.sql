-- Report: the actor network as an undirected edge list. A pair counts the distinct events
-- between the two actors in either direction; each direction is also counted on its own.
WITH directed AS (
    SELECT e.event_id, e.event_type,
           least(e.source_actor_id, e.target_actor_id) AS actor_a,
           greatest(e.source_actor_id, e.target_actor_id) AS actor_b,
           e.source_actor_id < e.target_actor_id AS a_is_source
    FROM events e
    WHERE NOT e.gone AND e.source_actor_id IS NOT NULL AND e.target_actor_id IS NOT NULL
      AND e.source_actor_id <> e.target_actor_id
)
SELECT d.actor_a, x.canonical_name AS name_a, d.actor_b, y.canonical_name AS name_b,
       count(DISTINCT d.event_id) AS event_count,
       count(DISTINCT d.event_id) FILTER (WHERE d.a_is_source) AS a_to_b,
       count(DISTINCT d.event_id) FILTER (WHERE NOT d.a_is_source) AS b_to_a,
       list(DISTINCT d.event_type ORDER BY d.event_type) AS event_types
FROM directed d
JOIN actors x ON x.actor_id = d.actor_a
JOIN actors y ON y.actor_id = d.actor_b
GROUP BY d.actor_a, x.canonical_name, d.actor_b, y.canonical_name
ORDER BY event_count DESC, d.actor_a, d.actor_b;
