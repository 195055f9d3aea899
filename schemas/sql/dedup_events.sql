-- One row per event from its mentions (rules: pipeline/dedup.py build_events).
-- Expects `dedup_members` (mention rows with event_id and `ek`, an integer standing for the
-- event id: every grouping below is by it, far cheaper than by a string over a million rows;
-- likewise `article_no` and `outlet_no` stand for the article and its outlet).
-- Values are compared as stored (the extractor writes no padding). "Most frequent" ties go to
-- the smallest value and "first" means in mention_id order, so the result does not depend on
-- row order. Writes `dedup_events`.
-- Memory: a merge's summary must spill to disk under the merge's limit however many events it
-- has. So: only aggregates with constant state (arg_min over a key; no ordered aggregates, no
-- count(DISTINCT)), one hash join per statement (each per-event result is joined onto the
-- event rows in turn), and no CTE buffered for several readers. Each of the alternatives ran
-- out of memory (from 236,000 events at 512 MB): several joins in one statement build their
-- hash tables side by side. Tables made here stay in memory until the merge commits, even
-- dropped: the mention pass is a view, read twice, into the two narrow tables everything
-- else reads (the votes, and the distinct (event, article, outlet) rows).

-- the mention pass (a view: see above)
CREATE OR REPLACE TEMP VIEW dedup_m AS
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
        article_no AS article,
        outlet_no AS outlet,
        TRY_CAST(published_at AS TIMESTAMP) AS published,
        TRY_CAST(confidence AS DOUBLE) AS confidence
    FROM dedup_members;

-- one row per distinct combination of the voted attributes inside an event: the mentions of
-- one event mostly agree, so every vote below reads a few rows per event, not every mention
CREATE OR REPLACE TEMP TABLE dedup_votes AS
    SELECT ek, etype, pair, has_name, event_date, date_precision, d_start, d_end, location, factuality,
           count(*) AS n, min(mention_id) AS first_mention, any_value(event_id) AS event_id,
           min(published) AS first_published, max(published) AS last_published, max(confidence) AS confidence
    FROM dedup_m GROUP BY ek, etype, pair, has_name, event_date, date_precision, d_start, d_end, location, factuality;

-- what the article and outlet counts read
CREATE OR REPLACE TEMP TABLE dedup_arts AS SELECT DISTINCT ek, article, outlet FROM dedup_m;

-- distinct articles and outlets per event, counted from distinct pairs
CREATE OR REPLACE TEMP TABLE dedup_counts AS
    SELECT ek, a.article_count, o.source_count
    FROM (SELECT ek, count(article) AS article_count FROM (SELECT DISTINCT ek, article FROM dedup_arts) GROUP BY ek) a
    JOIN (SELECT ek, count(outlet) AS source_count FROM (SELECT DISTINCT ek, outlet FROM dedup_arts) GROUP BY ek) o
    USING (ek);

-- The event rows. An event whose mentions agree on every voted attribute has one vote row (most
-- events: every single-mention one), and each vote below would pick that row's value: such
-- events take it here, and the votes run only for the disputed rest.
CREATE OR REPLACE TEMP TABLE dedup_e AS
    SELECT v.*, c.article_count, c.source_count
    FROM (
        SELECT ek,
            any_value(event_id) AS event_id,
            sum(n) AS mention_count,
            min(first_published)::DATE AS first_seen,
            max(last_published)::DATE AS last_seen,
            max(confidence) AS confidence,
            count(*) > 1 AS disputed,
            any_value(etype) AS event_type,
            any_value(pair) AS pair,
            any_value(location) AS location,
            any_value(event_date) AS event_date,
            any_value(date_precision) AS date_precision,
            any_value(CASE WHEN d_end IS NOT NULL THEN d_start END) AS d_start,
            any_value(CASE WHEN d_start IS NOT NULL THEN d_end END) AS d_end,
            any_value(factuality) AS factuality
        FROM dedup_votes GROUP BY ek
    ) v
    LEFT JOIN dedup_counts c USING (ek);

-- the disputed events and their votes
CREATE OR REPLACE TEMP TABLE dedup_dv AS
    SELECT * FROM dedup_votes WHERE ek IN (SELECT ek FROM dedup_e WHERE disputed);

CREATE OR REPLACE TEMP TABLE dedup_d AS
    SELECT ek, x.event_type FROM (SELECT ek FROM dedup_e WHERE disputed) LEFT JOIN (
        SELECT ek, arg_min(etype, row(-n, etype)) AS event_type
        FROM (SELECT ek, etype, sum(n) AS n FROM dedup_dv WHERE etype IS NOT NULL GROUP BY ALL) GROUP BY ek
    ) x USING (ek);

-- the actor pair: the most frequent named pair, generic participants only as fallback
-- (has_name is a property of the pair)
CREATE OR REPLACE TEMP TABLE dedup_d AS
    SELECT d.*, x.pair FROM dedup_d d LEFT JOIN (
        SELECT ek, arg_min(pair, row(NOT has_name, -n, pair)) AS pair
        FROM (SELECT ek, pair, bool_or(has_name) AS has_name, sum(n) AS n FROM dedup_dv GROUP BY ek, pair)
        GROUP BY ek
    ) x USING (ek);

CREATE OR REPLACE TEMP TABLE dedup_d AS
    SELECT d.*, x.location FROM dedup_d d LEFT JOIN (
        SELECT ek, arg_min(location, row(-n, location)) AS location
        FROM (SELECT ek, location, sum(n) AS n FROM dedup_dv WHERE location IS NOT NULL GROUP BY ALL) GROUP BY ek
    ) x USING (ek);

-- the date: among the dated members with the finest range, the most frequent value, and of
-- that value the first mention's reading
CREATE OR REPLACE TEMP TABLE dedup_d AS
    SELECT d.*, x.ek IS NOT NULL AS dated, x.p.event_date, x.p.date_precision, x.p.d_start, x.p.d_end
    FROM dedup_d d LEFT JOIN (
        SELECT ek, arg_min(reading, row(width, event_date IS NULL, -n, event_date)) AS p
        FROM (SELECT ek, date_diff('day', d_start, d_end) AS width, event_date, sum(n) AS n,
                     arg_min(struct_pack(event_date, date_precision, d_start, d_end), first_mention) AS reading
              FROM dedup_dv WHERE d_start IS NOT NULL AND d_end IS NOT NULL
              GROUP BY ek, width, event_date)
        GROUP BY ek
    ) x USING (ek);

-- undated events: their most frequent (unparsed) date text and precision
CREATE OR REPLACE TEMP TABLE dedup_d AS
    SELECT d.*, x.undated_date FROM dedup_d d LEFT JOIN (
        SELECT ek, arg_min(event_date, row(-n, event_date)) AS undated_date
        FROM (SELECT ek, event_date, sum(n) AS n FROM dedup_dv WHERE event_date IS NOT NULL GROUP BY ALL) GROUP BY ek
    ) x USING (ek);

CREATE OR REPLACE TEMP TABLE dedup_d AS
    SELECT d.*, x.undated_precision FROM dedup_d d LEFT JOIN (
        SELECT ek, arg_min(date_precision, row(-n, date_precision)) AS undated_precision
        FROM (SELECT ek, date_precision, sum(n) AS n FROM dedup_dv WHERE date_precision IS NOT NULL GROUP BY ALL)
        GROUP BY ek
    ) x USING (ek);

CREATE OR REPLACE TEMP TABLE dedup_d AS
    SELECT d.* EXCLUDE (dated, event_date, date_precision, undated_date, undated_precision),
        CASE WHEN dated THEN event_date ELSE undated_date END AS event_date,
        CASE WHEN dated THEN date_precision ELSE undated_precision END AS date_precision,
        x.factuality
    FROM dedup_d d LEFT JOIN (
        SELECT ek,
            arg_min(factuality, row(CASE factuality WHEN 'asserted' THEN 0 WHEN 'reported' THEN 1
                  WHEN 'planned' THEN 2 WHEN 'possible' THEN 3 WHEN 'negated' THEN 4 ELSE 9 END, first_mention))
                AS factuality
        FROM dedup_dv WHERE factuality IS NOT NULL GROUP BY ek
    ) x USING (ek);

CREATE OR REPLACE TEMP TABLE dedup_events AS
    SELECT
        event_id,
        coalesce(event_type, 'OTHER') AS event_type,
        nullif(split_part(pair, chr(31), 1), '') AS source_actor_id,
        nullif(split_part(pair, chr(31), 2), '') AS target_actor_id,
        event_date,
        d_start AS date_start,
        d_end AS date_end,
        date_precision,
        location,
        factuality,
        mention_count,
        article_count,
        source_count,
        first_seen,
        last_seen,
        confidence
    FROM (
        SELECT * FROM dedup_e WHERE NOT disputed
        UNION ALL BY NAME
        SELECT e.* REPLACE (d.event_type AS event_type, d.pair AS pair, d.location AS location,
                            d.event_date AS event_date, d.date_precision AS date_precision, d.d_start AS d_start,
                            d.d_end AS d_end, d.factuality AS factuality)
        FROM dedup_e e JOIN dedup_d d USING (ek)
    );

DROP TABLE dedup_d;
DROP TABLE dedup_dv;
DROP TABLE dedup_e;
DROP TABLE dedup_counts;
DROP TABLE dedup_votes;
DROP TABLE dedup_arts;
DROP VIEW dedup_m;
