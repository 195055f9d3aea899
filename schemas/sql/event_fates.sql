-- What became of the events a merge re-clustered (pipeline/warehouse/events.py _archive): for each old
-- event id, the events its existing mentions now belong to. `merged`: it no longer exists and
-- its mentions all went to one other event; `split`: they went to several events.
-- Expects dedup_members (candidates with old_event_id and the new event_id).
CREATE OR REPLACE TEMP TABLE event_fates AS
SELECT old_event_id AS event_id,
       CASE WHEN len(news) > 1 THEN 'split' WHEN news[1] <> old_event_id THEN 'merged' END AS fate,
       list_filter(news, lambda x: x <> old_event_id) AS related_event_ids
FROM (
    SELECT old_event_id, list(DISTINCT event_id ORDER BY event_id) AS news
    FROM dedup_members WHERE coalesce(old_event_id, '') <> '' GROUP BY old_event_id
)
WHERE len(news) > 1 OR news[1] <> old_event_id;
