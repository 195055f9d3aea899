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
-- A syndicated sentence: the same sentence text (40 characters or more) with the trigger at
-- the same place in it. A 64-bit hash: compared, never shown, and cheap to carry per mention.
CREATE OR REPLACE TEMP MACRO dedup_sent_key(sentence_text, sentence_start, trigger_start) AS
    CASE WHEN sentence_start IS NOT NULL AND trigger_start IS NOT NULL AND length(sentence_text::VARCHAR) >= 40
         THEN hash(sentence_text::VARCHAR, trigger_start - sentence_start) END;
-- Why a mention shares its event with the event's first mention: the link pass's reason where
-- it moved the mention, else the same family, actor pair and date. NULL for the first mention
-- itself (`ek`, the row the event is named after, is its own row `rid`), which explains
-- nothing, and which most mentions are: a million-mention merge writes no reason text for
-- them, and compares integers to know it. The text is pipeline/dedup/links.py's REASON_KEY
-- (a test checks they agree).
CREATE OR REPLACE TEMP MACRO dedup_reason(rid, ek, merge_reason) AS
    CASE WHEN ek <> rid THEN coalesce(merge_reason, 'same type family, named actors and date') END;
