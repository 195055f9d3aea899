-- Report: active articles, for the per-article pages.
SELECT a.article_id, a.source_path, a.title, a.published_at, a.published_source, a.body,
       a.author, a.url, a.source_name, a.ingested_at
FROM articles a
WHERE a.status = 'active'
ORDER BY a.published_at NULLS LAST, a.source_path;
