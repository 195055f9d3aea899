-- One row per event from its mentions (rules: pipeline/dedup.py build_events).
-- Expects `dedup_members` (mention rows with event_id). "Most frequent" ties go to the
-- smallest value and "first" means in mention_id order, so the result does not depend on
-- row order. Only constant-state aggregates (arg_min over a key): they spill to disk under
-- the merge's memory limit, where ordered aggregates would not. Writes `dedup_events`.
CREATE OR REPLACE TEMP TABLE dedup_events AS
WITH m AS (
    SELECT
        event_id::VARCHAR AS event_id,
        mention_id::VARCHAR AS mention_id,
        nullif(trim(event_type::VARCHAR), '') AS etype,
        coalesce(nullif(trim(source_actor_id::VARCHAR), ''), '') || chr(31)
            || coalesce(nullif(trim(target_actor_id::VARCHAR), ''), '') AS pair,
        (coalesce(source_actor_id::VARCHAR, '') NOT IN ('') AND NOT starts_with(source_actor_id::VARCHAR, 'nom:'))
            OR (coalesce(target_actor_id::VARCHAR, '') NOT IN ('') AND NOT starts_with(target_actor_id::VARCHAR, 'nom:'))
            AS has_name,
        nullif(trim(event_date::VARCHAR), '') AS event_date,
        nullif(trim(date_precision::VARCHAR), '') AS date_precision,
        TRY_CAST(date_start AS DATE) AS d_start,
        TRY_CAST(date_end AS DATE) AS d_end,
        nullif(trim(location::VARCHAR), '') AS location,
        nullif(trim(factuality::VARCHAR), '') AS factuality,
        nullif(trim(article_id::VARCHAR), '') AS article,
        coalesce(nullif(trim(source_name::VARCHAR), ''), nullif(trim(source_path::VARCHAR), ''),
                 nullif(trim(article_id::VARCHAR), '')) AS outlet,
        TRY_CAST(published_at AS TIMESTAMP) AS published,
        TRY_CAST(confidence AS DOUBLE) AS confidence
    FROM dedup_members
),
-- one row per distinct combination of the voted attributes inside an event: the mentions of
-- one event mostly agree, so every vote below reads a few rows per event, not every mention
v AS (
    SELECT event_id, etype, pair, has_name, event_date, date_precision, d_start, d_end, location, factuality,
           count(*) AS n, min(mention_id) AS first_mention
    FROM m GROUP BY ALL
),
etypes AS (
    SELECT event_id, arg_min(etype, row(-n, etype)) AS event_type
    FROM (SELECT event_id, etype, sum(n) AS n FROM v WHERE etype IS NOT NULL GROUP BY ALL) GROUP BY event_id
),
-- the actor pair: the most frequent named pair, generic participants only as fallback
named AS (
    SELECT event_id, bool_or(has_name) AS any_name FROM v GROUP BY event_id
),
pairs AS (
    SELECT event_id, arg_min(pair, row(-n, pair)) AS pair
    FROM (
        SELECT v.event_id, v.pair, sum(v.n) AS n
        FROM v JOIN named USING (event_id)
        WHERE v.has_name OR NOT named.any_name GROUP BY ALL
    ) GROUP BY event_id
),
places AS (
    SELECT event_id, arg_min(location, row(-n, location)) AS location
    FROM (SELECT event_id, location, sum(n) AS n FROM v WHERE location IS NOT NULL GROUP BY ALL) GROUP BY event_id
),
-- the date: the finest range among the dated members, its most frequent value
dated AS (
    SELECT *, date_diff('day', d_start, d_end) AS width FROM v WHERE d_start IS NOT NULL AND d_end IS NOT NULL
),
finest AS (
    SELECT d.* FROM dated d JOIN (SELECT event_id, min(width) AS width FROM dated GROUP BY event_id) w
        ON d.event_id = w.event_id AND d.width = w.width
),
finest_value AS (
    SELECT event_id, arg_min(event_date, row(-n, event_date)) AS value
    FROM (SELECT event_id, event_date, sum(n) AS n FROM finest WHERE event_date IS NOT NULL GROUP BY ALL)
    GROUP BY event_id
),
picked AS (
    SELECT event_id, p.event_date, p.date_precision, p.d_start, p.d_end
    FROM (
        SELECT f.event_id,
               arg_min(struct_pack(event_date := f.event_date, date_precision := f.date_precision,
                                   d_start := f.d_start, d_end := f.d_end),
                       row((f.event_date = v.value) IS NOT TRUE, f.first_mention)) AS p
        FROM finest f LEFT JOIN finest_value v USING (event_id)
        GROUP BY f.event_id
    )
),
-- undated events: their most frequent (unparsed) date text and precision
undated AS (
    SELECT d.event_id, d.event_date, p.date_precision
    FROM (SELECT event_id, arg_min(event_date, row(-n, event_date)) AS event_date
          FROM (SELECT event_id, event_date, sum(n) AS n FROM v WHERE event_date IS NOT NULL GROUP BY ALL)
          GROUP BY event_id) d
    FULL JOIN (SELECT event_id, arg_min(date_precision, row(-n, date_precision)) AS date_precision
               FROM (SELECT event_id, date_precision, sum(n) AS n FROM v WHERE date_precision IS NOT NULL GROUP BY ALL)
               GROUP BY event_id) p USING (event_id)
),
facts AS (
    SELECT event_id,
        arg_min(factuality, row(CASE factuality WHEN 'asserted' THEN 0 WHEN 'reported' THEN 1
              WHEN 'planned/future' THEN 2 WHEN 'possible' THEN 3 WHEN 'negated' THEN 4 ELSE 9 END, first_mention))
            AS factuality
    FROM v WHERE factuality IS NOT NULL GROUP BY event_id
),
totals AS (
    SELECT event_id,
        count(*) AS mention_count,
        count(DISTINCT article) AS article_count,
        count(DISTINCT outlet) AS source_count,
        min(published)::DATE AS first_seen,
        max(published)::DATE AS last_seen,
        max(confidence) AS confidence
    FROM m GROUP BY event_id
)
SELECT
    t.event_id,
    coalesce(e.event_type, 'OTHER') AS event_type,
    nullif(split_part(p.pair, chr(31), 1), '') AS source_actor_id,
    nullif(split_part(p.pair, chr(31), 2), '') AS target_actor_id,
    CASE WHEN k.event_id IS NOT NULL THEN k.event_date ELSE u.event_date END AS event_date,
    k.d_start AS date_start,
    k.d_end AS date_end,
    CASE WHEN k.event_id IS NOT NULL THEN k.date_precision ELSE u.date_precision END AS date_precision,
    l.location,
    f.factuality,
    t.mention_count,
    t.article_count,
    t.source_count,
    t.first_seen,
    t.last_seen,
    t.confidence
FROM totals t
LEFT JOIN etypes e USING (event_id)
LEFT JOIN pairs p USING (event_id)
LEFT JOIN places l USING (event_id)
LEFT JOIN picked k USING (event_id)
LEFT JOIN undated u USING (event_id)
LEFT JOIN facts f USING (event_id)
ORDER BY t.event_id;
