"""Built-in report formats, one module each with an `EXPORTER`; they register through the exporter hook.

Helper modules start with an underscore; HTML templates live in `templates/` (package data).
"""

BUILTIN_EXPORTERS: tuple[str, ...] = ("text", "json_report", "markdown", "html_report", "csv_report", "sarif", "junit", "gitlab")
