-- Comments on every table and column, so SQL tools (DBeaver, Harlequin, the DuckDB CLI's
-- `.schema`/duckdb_columns()) explain the warehouse where an analyst reads it. docs/warehouse.md
-- is generated from these comments (python -m pipeline.warehouse_docs), and a test checks that
-- every column has one and that the document agrees. COMMENT ON replaces the comment, so the
-- migration can run again. The views' comments live in schemas/sql/views.sql, because the views
-- are re-created (and their comments dropped) on every migration, and
-- schema_version's in schemas/sql/schema_version.sql, since migrate() creates that table.

COMMENT ON TABLE articles IS 'One row per distinct article text (two files with the same text are one article with two article_paths rows). Every character offset in time_expressions and event_mentions refers to body.';
COMMENT ON COLUMN articles.article_id IS 'Article key: the first 16 hex digits of sha256 of the body (Unicode NFC, whitespace runs collapsed), so the same text saved twice has one id.';
COMMENT ON COLUMN articles.source_path IS 'Path of the first file that held the text, relative to the corpus root (file.jsonl#3 is line 3 of a JSON Lines file, file.json#2 element 2 of a JSON list).';
COMMENT ON COLUMN articles.title IS 'Title from the sidecar, front matter, JSON field or HTML metadata, else the first line of the text.';
COMMENT ON COLUMN articles.published_at IS 'Publication date; NULL when unknown. The anchor of relative dates ("on Tuesday", "last month").';
COMMENT ON COLUMN articles.published_source IS 'Where published_at came from, first found wins: sidecar, front matter, metadata (JSON/HTML), dateline or byline (a date line near the top), file name, or unknown.';
COMMENT ON COLUMN articles.body IS 'The article text as read (line endings normalised, boilerplate lines removed); every start/end offset in other tables indexes this string.';
COMMENT ON COLUMN articles.content_sha256 IS 'sha256 of the exact body.';
COMMENT ON COLUMN articles.ingested_at IS 'When the article was last (re)extracted.';
COMMENT ON COLUMN articles.author IS 'Author from metadata or byline, when given.';
COMMENT ON COLUMN articles.url IS 'Original URL from metadata, when given (shown as a link in the report only when it is http or https).';
COMMENT ON COLUMN articles.source_name IS 'Outlet or publisher from metadata, when given; events count distinct outlets in source_count.';
COMMENT ON COLUMN articles.word_count IS 'Words in the body.';
COMMENT ON COLUMN articles.extractor_version IS 'Version of the extraction rules that produced the rows of this article; a new version re-extracts every article.';
COMMENT ON COLUMN articles.status IS 'active, or gone when every file that held the text was deleted (its mentions no longer count towards events).';
COMMENT ON COLUMN articles.gone_at IS 'When the article was marked gone; NULL while active.';
COMMENT ON COLUMN articles.run_id IS 'The run that last wrote the row (runs.run_id).';
COMMENT ON COLUMN articles.extra_json IS 'Other metadata as JSON: captions, credits, unknown front-matter keys, the reference date of an undated article.';

COMMENT ON TABLE article_paths IS 'Every file path that held an article; two names for one text are two rows. Change detection compares size, mtime and hash with these rows.';
COMMENT ON COLUMN article_paths.source_path IS 'Path relative to the corpus root (with #n for one article of a .json/.jsonl file).';
COMMENT ON COLUMN article_paths.article_id IS 'The article the file holds (articles.article_id).';
COMMENT ON COLUMN article_paths.file_sha256 IS 'sha256 of the file bytes, plus its sidecar bytes when it has one.';
COMMENT ON COLUMN article_paths.size IS 'File size in bytes (with the sidecar) when last read.';
COMMENT ON COLUMN article_paths.mtime_ns IS 'Modification time in nanoseconds (the later of file and sidecar) when last read.';
COMMENT ON COLUMN article_paths.first_seen IS 'When a run first read this path.';
COMMENT ON COLUMN article_paths.last_seen IS 'When a run last saw this path in the corpus.';
COMMENT ON COLUMN article_paths.gone_at IS 'When the file disappeared from the corpus; NULL while present.';
COMMENT ON COLUMN article_paths.run_id IS 'The run that last wrote the row.';

COMMENT ON TABLE time_expressions IS 'Time expressions found in article bodies, normalised to TIMEX3 values and date ranges.';
COMMENT ON COLUMN time_expressions.timex_id IS 'Key: a hash of article and offsets.';
COMMENT ON COLUMN time_expressions.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN time_expressions.start_char IS 'Offset of the first character in articles.body.';
COMMENT ON COLUMN time_expressions.end_char IS 'Offset after the last character in articles.body.';
COMMENT ON COLUMN time_expressions.text IS 'The expression as written ("last Tuesday", "in early March").';
COMMENT ON COLUMN time_expressions.timex_type IS 'TIMEX3 type: DATE, TIME, DURATION or SET.';
COMMENT ON COLUMN time_expressions.timex_value IS 'TIMEX3 value: 2026-02-03, 2026-W05, 2026-02, 2026-SP, 2026, P3D, PRESENT_REF …; NULL when it cannot be resolved.';
COMMENT ON COLUMN time_expressions.range_start IS 'First day the value covers (NULL for durations and unresolved values).';
COMMENT ON COLUMN time_expressions.range_end IS 'Last day the value covers.';
COMMENT ON COLUMN time_expressions.precision IS 'Granularity of the value: time, day, weekend, week, month, season, quarter, half, year, decade, century, ref (PRESENT_REF and the like), duration, set.';
COMMENT ON COLUMN time_expressions.anchored IS 'True when the value was resolved against the publication or reference date ("yesterday"), false when the text itself is absolute ("3 February 2026").';
COMMENT ON COLUMN time_expressions.run_id IS 'The run that wrote the row.';

COMMENT ON TABLE actors IS 'Canonical actors: states, people, organisations, groups. Dictionary actors come from schemas/actors.yaml; others are created from named entities or generic nouns.';
COMMENT ON COLUMN actors.actor_id IS 'Actor key. States: the lower-case ISO alpha-3 code (ukr); dictionary actors: country + slug (blr-tsikhanouskaya, igo-eu); named entities not in the dictionary: ner:<type>:<slug>; generic participants: nominal ids.';
COMMENT ON COLUMN actors.canonical_name IS 'The name the warehouse shows for the actor.';
COMMENT ON COLUMN actors.actor_type IS 'person, organisation, state, group, location or other.';
COMMENT ON COLUMN actors.country_code IS 'ISO-3166 alpha-3 country the actor belongs to (a state: itself); NULL for international or unknown.';
COMMENT ON COLUMN actors.role IS 'Sector code (CAMEO/PLOVER style): GOV government, OPP opposition, MIL military or security, JUD judiciary, MED media, IGO international organisation, NGO, BUS business, REB armed non-state group; NULL when unknown.';
COMMENT ON COLUMN actors.wikidata_qid IS 'Wikidata item (Q…) when known for sure; else NULL.';
COMMENT ON COLUMN actors.source IS 'How the actor entered the warehouse: dictionary (schemas/actors.yaml), ner (a named entity the dictionary lacks) or nominal (a generic noun such as "protesters").';

COMMENT ON TABLE actor_aliases IS 'Names an actor is known by (dictionary aliases, demonyms, capitals used as metonyms, names as written in articles).';
COMMENT ON COLUMN actor_aliases.actor_id IS 'The actor (actors.actor_id).';
COMMENT ON COLUMN actor_aliases.alias IS 'One name as written.';

COMMENT ON TABLE event_mentions IS 'One row per coded event mention: an act of a Dateline event type in one sentence of one article, with its actors, date and factuality, traceable by offsets into articles.body.';
COMMENT ON COLUMN event_mentions.mention_id IS 'Key: a hash of article and trigger offsets.';
COMMENT ON COLUMN event_mentions.event_id IS 'The deduplicated event the mention belongs to (events.event_id).';
COMMENT ON COLUMN event_mentions.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN event_mentions.sentence_text IS 'The sentence the mention was read from.';
COMMENT ON COLUMN event_mentions.sentence_start IS 'Offset of the sentence in articles.body.';
COMMENT ON COLUMN event_mentions.trigger_start IS 'Offset of the trigger word (the verb or noun naming the act) in articles.body.';
COMMENT ON COLUMN event_mentions.trigger_end IS 'Offset after the trigger in articles.body.';
COMMENT ON COLUMN event_mentions.trigger_text IS 'The trigger as written ("met", "strikes").';
COMMENT ON COLUMN event_mentions.trigger_lemma IS 'The trigger''s lemma ("meet", "strike").';
COMMENT ON COLUMN event_mentions.event_type IS 'Event type from schemas/event_types.yaml (e.g. MEET, ASSAULT, SANCTION, STATEMENT).';
COMMENT ON COLUMN event_mentions.source_start IS 'Offset of the source actor''s words in articles.body.';
COMMENT ON COLUMN event_mentions.source_end IS 'Offset after the source actor''s words.';
COMMENT ON COLUMN event_mentions.source_text IS 'The source actor as written: who acted.';
COMMENT ON COLUMN event_mentions.source_actor_id IS 'The source actor resolved (actors.actor_id); NULL when none.';
COMMENT ON COLUMN event_mentions.target_start IS 'Offset of the target actor''s words in articles.body.';
COMMENT ON COLUMN event_mentions.target_end IS 'Offset after the target actor''s words.';
COMMENT ON COLUMN event_mentions.target_text IS 'The target actor as written: who was acted upon.';
COMMENT ON COLUMN event_mentions.target_actor_id IS 'The target actor resolved (actors.actor_id); NULL when none.';
COMMENT ON COLUMN event_mentions.event_date IS 'When the act happened as a TIMEX3 value (2026-02-03, 2026-02, 2026-SU, 2026); NULL when undated.';
COMMENT ON COLUMN event_mentions.date_start IS 'First day event_date covers.';
COMMENT ON COLUMN event_mentions.date_end IS 'Last day event_date covers (equal to date_start for a day).';
COMMENT ON COLUMN event_mentions.date_precision IS 'Granularity of event_date: time, day, weekend, week, month, season, year; NULL when undated.';
COMMENT ON COLUMN event_mentions.date_basis IS 'Where event_date came from: explicit (a date in the text), relative-to-publication ("on Tuesday", resolved against the publication date), inherited (an earlier act or "the same day"), publication (no date in the text: the article''s publication or story date), reference (an undated article''s date from captions, date line or URL), unknown (undated).';
COMMENT ON COLUMN event_mentions.location IS 'Where the act happened, as written, when the sentence says.';
COMMENT ON COLUMN event_mentions.factuality IS 'What the text claims about the act: asserted (it happened), negated (it did not), possible (may, could, reportedly considering), planned (will, plans to), reported (someone else claims it).';
COMMENT ON COLUMN event_mentions.confidence IS 'Extractor confidence between 0 and 1.';
COMMENT ON COLUMN event_mentions.extractor_version IS 'Version of the extraction rules.';
COMMENT ON COLUMN event_mentions.run_id IS 'The run that wrote the row.';
COMMENT ON COLUMN event_mentions.theme_start IS 'Offset of the thing acted upon (not an actor: "the missiles", "a decree") in articles.body.';
COMMENT ON COLUMN event_mentions.theme_end IS 'Offset after the theme.';
COMMENT ON COLUMN event_mentions.theme_text IS 'The thing acted upon, as written; NULL when none.';
COMMENT ON COLUMN event_mentions.merge_reason IS 'Why this mention shares its event with the event''s first report (docs/merging.md): same actors and date, a syndicated copy of the sentence, a later reference in the same article, the same speaker, or a shared actor in another article. NULL for the first report itself.';

COMMENT ON TABLE events IS 'Deduplicated events: mentions of one act (same type, actors and compatible date) across sentences and articles are one event. Derived from event_mentions on every run.';
COMMENT ON COLUMN events.event_id IS 'Event key (event_mentions.event_id links its mentions).';
COMMENT ON COLUMN events.event_type IS 'Event type from schemas/event_types.yaml.';
COMMENT ON COLUMN events.source_actor_id IS 'Who acted (actors.actor_id); NULL when no mention names one.';
COMMENT ON COLUMN events.target_actor_id IS 'Who was acted upon (actors.actor_id); NULL when none.';
COMMENT ON COLUMN events.event_date IS 'The event''s date as a TIMEX3 value, chosen from its mentions'' dates; NULL when undated.';
COMMENT ON COLUMN events.date_start IS 'First day event_date covers.';
COMMENT ON COLUMN events.date_end IS 'Last day event_date covers.';
COMMENT ON COLUMN events.date_precision IS 'Granularity of event_date: time, day, weekend, week, month, season, year; NULL when undated.';
COMMENT ON COLUMN events.location IS 'Where it happened, when a mention says.';
COMMENT ON COLUMN events.factuality IS 'The strongest claim among its mentions, in the order asserted, reported, planned, possible, negated (see event_mentions.factuality).';
COMMENT ON COLUMN events.mention_count IS 'Mentions of the event in active articles.';
COMMENT ON COLUMN events.article_count IS 'Distinct active articles that mention it.';
COMMENT ON COLUMN events.source_count IS 'Distinct outlets (articles.source_name) that mention it.';
COMMENT ON COLUMN events.first_seen IS 'Earliest publication date among its articles.';
COMMENT ON COLUMN events.last_seen IS 'Latest publication date among its articles.';
COMMENT ON COLUMN events.run_id IS 'The run that last rebuilt the event.';
COMMENT ON COLUMN events.summary IS 'The event in words, e.g. ''Volodymyr Zelenskyy met Sviatlana Tsikhanouskaya in Vilnius'' (templates: schemas/event_summaries.yaml); the place and a factuality other than asserted are appended.';
COMMENT ON COLUMN events.trigger_text IS 'The word that names the act in the event''s first report (''met'', ''attack'').';
COMMENT ON COLUMN events.gone IS 'True when every article reporting it was deleted (kept for history, left out of the report).';

COMMENT ON TABLE event_history IS 'Earlier versions of events whose content a later run changed or removed.';
COMMENT ON COLUMN event_history.event_id IS 'The event (events.event_id).';
COMMENT ON COLUMN event_history.changed_run_id IS 'The run that changed it.';
COMMENT ON COLUMN event_history.changed_at IS 'When it changed.';
COMMENT ON COLUMN event_history.change IS 'updated (attributes or counts changed), merged (its mentions joined another event), split (they went to several events) or removed (its mentions are gone).';
COMMENT ON COLUMN event_history.old_row_json IS 'The events row before the change, as JSON.';
COMMENT ON COLUMN event_history.related_event_ids IS 'For merged: the event its mentions joined; for split: the events they went to.';

COMMENT ON TABLE runs IS 'One row per pipeline run: what it read, what it wrote, how it ended.';
COMMENT ON COLUMN runs.run_id IS 'Run key: start time and a random suffix (20260301T090000-1a2b3c4d).';
COMMENT ON COLUMN runs.started_at IS 'When the run started.';
COMMENT ON COLUMN runs.finished_at IS 'When it ended; NULL while running (or when it was killed).';
COMMENT ON COLUMN runs.status IS 'running, succeeded or failed.';
COMMENT ON COLUMN runs.corpus_dir IS 'The corpus folder it read.';
COMMENT ON COLUMN runs.files_seen IS 'Article files found in the corpus.';
COMMENT ON COLUMN runs.articles_new IS 'Articles extracted for the first time.';
COMMENT ON COLUMN runs.articles_changed IS 'Articles whose file changed and were re-extracted.';
COMMENT ON COLUMN runs.articles_unchanged IS 'Articles skipped because nothing changed.';
COMMENT ON COLUMN runs.articles_gone IS 'Articles whose every file disappeared.';
COMMENT ON COLUMN runs.articles_rejected IS 'Files or articles that could not be read or extracted (see rejects).';
COMMENT ON COLUMN runs.events_extracted IS 'Event mentions extracted by the run.';
COMMENT ON COLUMN runs.rows_upserted IS 'Rows written to the warehouse tables.';
COMMENT ON COLUMN runs.rows_rejected IS 'Rows that failed a critical validation (see rejects, stage validate).';
COMMENT ON COLUMN runs.dateline_version IS 'Dateline version that ran.';
COMMENT ON COLUMN runs.extractor_version IS 'Version of the extraction rules.';
COMMENT ON COLUMN runs.spacy_model IS 'spaCy model used.';
COMMENT ON COLUMN runs.data_docs_path IS 'Great Expectations Data Docs of the run''s validation.';
COMMENT ON COLUMN runs.message IS 'Why the run failed, or a note such as an export failure.';

COMMENT ON TABLE rejects IS 'Everything a run could not use, with the reason: unreadable files, articles whose extraction failed, rows that failed validation. Nothing is dropped silently.';
COMMENT ON COLUMN rejects.reject_id IS 'Key.';
COMMENT ON COLUMN rejects.run_id IS 'The run that rejected it.';
COMMENT ON COLUMN rejects.stage IS 'Where it failed: ingest (reading the file), an extraction stage (parse, time_expressions, actors, events, event_dates, rows) or validate (a critical expectation).';
COMMENT ON COLUMN rejects.source_path IS 'The file, relative to the corpus root.';
COMMENT ON COLUMN rejects.article_id IS 'The article, when it was read.';
COMMENT ON COLUMN rejects.table_name IS 'For validation rejects: the table whose row failed.';
COMMENT ON COLUMN rejects.expectation IS 'For validation rejects: the Great Expectations expectation that failed.';
COMMENT ON COLUMN rejects.reason IS 'What went wrong and what to do, in one line.';
COMMENT ON COLUMN rejects.row_json IS 'For validation rejects: the rejected row as JSON.';
COMMENT ON COLUMN rejects.created_at IS 'When it was rejected.';
COMMENT ON COLUMN rejects.error_type IS 'For extraction failures: the exception class.';
COMMENT ON COLUMN rejects.sentence IS 'For extraction failures: the sentence being read, when known.';

COMMENT ON TABLE validations IS 'Great Expectations results per run: one row per expectation checked.';
COMMENT ON COLUMN validations.run_id IS 'The run (runs.run_id).';
COMMENT ON COLUMN validations.table_name IS 'The table checked.';
COMMENT ON COLUMN validations.expectation IS 'The expectation (type and column).';
COMMENT ON COLUMN validations.severity IS 'critical (failing rows are rejected) or warning (reported only).';
COMMENT ON COLUMN validations.success IS 'Whether every row passed.';
COMMENT ON COLUMN validations.unexpected_count IS 'Rows that failed.';
COMMENT ON COLUMN validations.element_count IS 'Rows checked.';
COMMENT ON COLUMN validations.details_json IS 'The validation result details, as JSON.';

COMMENT ON TABLE extraction_failures IS 'Articles whose extraction failed, remembered with the extractor version, so an unchanged article is not re-attempted every run (it is when its text or the extractor changes).';
COMMENT ON COLUMN extraction_failures.article_id IS 'The article (hash of its text).';
COMMENT ON COLUMN extraction_failures.extractor_version IS 'The extractor version that failed on it.';
COMMENT ON COLUMN extraction_failures.stage IS 'The extraction stage that failed.';
COMMENT ON COLUMN extraction_failures.error_type IS 'The exception class.';
COMMENT ON COLUMN extraction_failures.reason IS 'The exception message.';
COMMENT ON COLUMN extraction_failures.sentence IS 'The sentence being read, when known.';
COMMENT ON COLUMN extraction_failures.source_path IS 'The file, relative to the corpus root.';
COMMENT ON COLUMN extraction_failures.run_id IS 'The run where it failed.';
COMMENT ON COLUMN extraction_failures.failed_at IS 'When it failed.';
