-- The events a merge writes, with a readable summary and the representative trigger
-- (templates: schemas/event_summaries.yaml, loaded into summary_templates(event_type, template)
-- and summary_settings(name, value) by pipeline/dedup/summary.py). The trigger is the one of
-- the mention the event is named after (`ev_<mention_id>`), its earliest report. Expects
-- dedup_events, actors and event_mentions (with the merge's mentions already written).
CREATE OR REPLACE TEMP VIEW dedup_events_described AS
SELECT e.*,
    regexp_replace(
        regexp_replace(
            replace(replace(replace(coalesce(t.template, d.template), '{type}', e.event_type),
                '{source}', coalesce(sa.canonical_name, u.value)),
                '{target}', coalesce(ta.canonical_name, chr(1))),
            '\[[^\]]*' || chr(1) || '[^\]]*\]', '', 'g'),
        '[\[\]]', '', 'g')
    || CASE WHEN e.location IS NOT NULL THEN ' in ' || e.location ELSE '' END
    || coalesce(f.value, '') AS summary,
    m.trigger_text
FROM dedup_events e
LEFT JOIN summary_templates t ON t.event_type = e.event_type
CROSS JOIN (SELECT value AS template FROM summary_settings WHERE name = 'default') d
CROSS JOIN (SELECT value FROM summary_settings WHERE name = 'unknown_source') u
LEFT JOIN summary_settings f ON f.name = 'factuality:' || e.factuality
LEFT JOIN actors sa ON sa.actor_id = e.source_actor_id
LEFT JOIN actors ta ON ta.actor_id = e.target_actor_id
LEFT JOIN event_mentions m ON m.mention_id = substr(e.event_id, 4);
