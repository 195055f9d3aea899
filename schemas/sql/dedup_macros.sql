-- Rules of de-duplication that more than one statement applies (rules: pipeline/dedup.py).
-- The outlet that reported an article: its source name, else its file, else the article itself.
CREATE OR REPLACE TEMP MACRO dedup_outlet(source_name, source_path, article_id) AS
    coalesce(nullif(source_name::VARCHAR, ''), nullif(source_path::VARCHAR, ''), nullif(article_id::VARCHAR, ''));
-- Equal numbers for equal articles and equal outlets: the event summary counts the distinct
-- articles and outlets of a million mentions far faster, and in less memory, as integers.
CREATE OR REPLACE TEMP MACRO dedup_article_no(article_id) AS
    CASE WHEN nullif(article_id::VARCHAR, '') IS NOT NULL THEN dense_rank() OVER (ORDER BY article_id::VARCHAR) END;
CREATE OR REPLACE TEMP MACRO dedup_outlet_no(source_name, source_path, article_id) AS
    CASE WHEN dedup_outlet(source_name, source_path, article_id) IS NOT NULL
         THEN dense_rank() OVER (ORDER BY dedup_outlet(source_name, source_path, article_id)) END;
