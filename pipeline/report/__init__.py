"""The analyst's report: one self-contained HTML page over the warehouse, plus a page per article.

Why it is shaped like this:
- Every figure comes from a `.sql` file in `schemas/sql/report_*.sql` (`data`), so an analyst
  can run the same query in a SQL tool and get the numbers the page shows.
- The page is HTML, CSS and JavaScript in `templates/` and `static/`, rendered by Jinja2 with
  autoescaping (`build`); charts are Vega-Lite specs built with Altair (`charts`), drawn by an
  embedded Vega so the file opens offline.
- Dates are drawn with the precision and the basis they were extracted with (`dates`): a
  month spans the month, and an event dated only by its article's date looks different from
  one whose sentence said when. Factuality is drawn too; counts are of asserted (and reported)
  events unless the reader asks for all.
- Every event is listed, newest first, with filters and a search over all of them; each links
  to its sentences and a page of the article with the trigger and actors marked (`listing`,
  `markup`). Each actor has a view of its events over time and its counterparts.
- Article text and metadata are untrusted (`safety`): escaped, only http(s) links, and a
  Content-Security-Policy that runs only the page's own scripts.
"""

from pipeline.report.build import CDN, CDN_HOST, build_report, clean_report, vega_javascript, write_report
from pipeline.report.charts import network_records, timeline_records
from pipeline.report.data import FACTUAL, ReportData, ReportResult, load_report_data, report_sql
from pipeline.report.dates import date_label, event_span
from pipeline.report.layout import network_layout
from pipeline.report.markup import highlight, page_name, sentence_html
from pipeline.report.safety import content_security_policy, original_link, safe_link

_page_name = page_name  # the name the tests and older callers use

__all__ = [
    "CDN",
    "CDN_HOST",
    "FACTUAL",
    "ReportData",
    "ReportResult",
    "build_report",
    "clean_report",
    "content_security_policy",
    "date_label",
    "event_span",
    "highlight",
    "load_report_data",
    "network_layout",
    "network_records",
    "original_link",
    "page_name",
    "report_sql",
    "safe_link",
    "sentence_html",
    "timeline_records",
    "vega_javascript",
    "write_report",
]
