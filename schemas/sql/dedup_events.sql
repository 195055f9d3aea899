-- One row per event from its mentions (rules: pipeline/dedup.py build_events).
-- Expects `dedup_members` (mention rows with event_id and `ek`, an integer standing for the
-- event id: every grouping below is by it, far cheaper than by a string over a million rows).
-- Values are compared as stored (the extractor writes no padding). "Most frequent" ties go to
-- the smallest value and "first" means in mention_id order, so the result does not depend on
-- row order. Only constant-state aggregates (arg_min over a key) and no count(DISTINCT): they
-- spill to disk under the merge's memory limit, where ordered and distinct aggregates did not.
-- Writes `dedup_events`.
CREATE OR REPLACE TEMP TABLE dedup_events AS
WITH m AS (
    SELECT
        ek,
        event_id::VARCHAR AS event_id,
        mention_id::VARCHAR AS mention_id,
        nullif(event_type::VARCHAR, '') AS etype,
        coalesce(nullif(source_actor_id::VARCHAR, ''), '') || chr(31)
            || coalesce(nullif(target_actor_id::VARCHAR, ''), '') AS pair,
        (coalesce(source_actor_id::VARCHAR, '') NOT IN ('') AND NOT starts_with(source_actor_id::VARCHAR, 'nom:'))
            OR (coalesce(target_actor_id::VARCHAR, '') NOT IN ('') AND NOT starts_with(target_actor_id::VARCHAR, 'nom:'))
            AS has_name,
        nullif(event_date::VARCHAR, '') AS event_date,
        nullif(date_precision::VARCHAR, '') AS date_precision,
        TRY_CAST(date_start AS DATE) AS d_start,
        TRY_CAST(date_end AS DATE) AS d_end,
        nullif(location::VARCHAR, '') AS location,
        nullif(factuality::VARCHAR, '') AS factuality,
        nullif(article_id::VARCHAR, '') AS article,
        coalesce(nullif(source_name::VARCHAR, ''), nullif(source_path::VARCHAR, ''),
                 nullif(article_id::VARCHAR, '')) AS outlet,
        TRY_CAST(published_at AS TIMESTAMP) AS published,
        TRY_CAST(confidence AS DOUBLE) AS confidence
    FROM dedup_members
),
-- one row per distinct combination of the voted attributes inside an event: the mentions of
-- one event mostly agree, so every vote below reads a few rows per event, not every mention
v AS (
    SELECT ek, etype, pair, has_name, event_date, date_precision, d_start, d_end, location, factuality,
           count(*) AS n, min(mention_id) AS first_mention
    FROM m GROUP BY ALL
),
etypes AS (
    SELECT ek, arg_min(etype, row(-n, etype)) AS event_type
    FROM (SELECT ek, etype, sum(n) AS n FROM v WHERE etype IS NOT NULL GROUP BY ALL) GROUP BY ek
),
-- the actor pair: the most frequent named pair, generic participants only as fallback
named AS (
    SELECT ek, bool_or(has_name) AS any_name FROM v GROUP BY ek
),
pairs AS (
    SELECT ek, arg_min(pair, row(-n, pair)) AS pair
    FROM (
        SELECT v.ek, v.pair, sum(v.n) AS n
        FROM v JOIN named USING (ek)
        WHERE v.has_name OR NOT named.any_name GROUP BY ALL
    ) GROUP BY ek
),
places AS (
    SELECT ek, arg_min(location, row(-n, location)) AS location
    FROM (SELECT ek, location, sum(n) AS n FROM v WHERE location IS NOT NULL GROUP BY ALL) GROUP BY ek
),
-- the date: the finest range among the dated members, its most frequent value
dated AS (
    SELECT *, date_diff('day', d_start, d_end) AS width FROM v WHERE d_start IS NOT NULL AND d_end IS NOT NULL
),
finest AS (
    SELECT d.* FROM dated d JOIN (SELECT ek, min(width) AS width FROM dated GROUP BY ek) w
        ON d.ek = w.ek AND d.width = w.width
),
finest_value AS (
    SELECT ek, arg_min(event_date, row(-n, event_date)) AS value
    FROM (SELECT ek, event_date, sum(n) AS n FROM finest WHERE event_date IS NOT NULL GROUP BY ALL)
    GROUP BY ek
),
picked AS (
    SELECT ek, p.event_date, p.date_precision, p.d_start, p.d_end
    FROM (
        SELECT f.ek,
               arg_min(struct_pack(event_date := f.event_date, date_precision := f.date_precision,
                                   d_start := f.d_start, d_end := f.d_end),
                       row((f.event_date = v.value) IS NOT TRUE, f.first_mention)) AS p
        FROM finest f LEFT JOIN finest_value v USING (ek)
        GROUP BY f.ek
    )
),
-- undated events: their most frequent (unparsed) date text and precision
undated AS (
    SELECT d.ek, d.event_date, p.date_precision
    FROM (SELECT ek, arg_min(event_date, row(-n, event_date)) AS event_date
          FROM (SELECT ek, event_date, sum(n) AS n FROM v WHERE event_date IS NOT NULL GROUP BY ALL)
          GROUP BY ek) d
    FULL JOIN (SELECT ek, arg_min(date_precision, row(-n, date_precision)) AS date_precision
               FROM (SELECT ek, date_precision, sum(n) AS n FROM v WHERE date_precision IS NOT NULL GROUP BY ALL)
               GROUP BY ek) p USING (ek)
),
facts AS (
    SELECT ek,
        arg_min(factuality, row(CASE factuality WHEN 'asserted' THEN 0 WHEN 'reported' THEN 1
              WHEN 'planned/future' THEN 2 WHEN 'possible' THEN 3 WHEN 'negated' THEN 4 ELSE 9 END, first_mention))
            AS factuality
    FROM v WHERE factuality IS NOT NULL GROUP BY ek
),
-- distinct counts from distinct pairs (with count(DISTINCT), a merge of 236,000 events ran out
-- of its 512 MB limit)
articles AS (
    SELECT ek, count(article) AS article_count FROM (SELECT DISTINCT ek, article FROM m) GROUP BY ek
),
outlets AS (
    SELECT ek, count(outlet) AS source_count FROM (SELECT DISTINCT ek, outlet FROM m) GROUP BY ek
),
totals AS (
    SELECT ek,
        any_value(event_id) AS event_id,
        count(*) AS mention_count,
        min(published)::DATE AS first_seen,
        max(published)::DATE AS last_seen,
        max(confidence) AS confidence
    FROM m GROUP BY ek
)
SELECT
    t.event_id,
    coalesce(e.event_type, 'OTHER') AS event_type,
    nullif(split_part(p.pair, chr(31), 1), '') AS source_actor_id,
    nullif(split_part(p.pair, chr(31), 2), '') AS target_actor_id,
    CASE WHEN k.ek IS NOT NULL THEN k.event_date ELSE u.event_date END AS event_date,
    k.d_start AS date_start,
    k.d_end AS date_end,
    CASE WHEN k.ek IS NOT NULL THEN k.date_precision ELSE u.date_precision END AS date_precision,
    l.location,
    f.factuality,
    t.mention_count,
    a.article_count,
    o.source_count,
    t.first_seen,
    t.last_seen,
    t.confidence
FROM totals t
JOIN articles a USING (ek)
JOIN outlets o USING (ek)
LEFT JOIN etypes e USING (ek)
LEFT JOIN pairs p USING (ek)
LEFT JOIN places l USING (ek)
LEFT JOIN picked k USING (ek)
LEFT JOIN undated u USING (ek)
LEFT JOIN facts f USING (ek);
