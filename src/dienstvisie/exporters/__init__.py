"""Built-in report formats, one module each with an `EXPORTER`; they register through the exporter hook."""

BUILTIN_EXPORTERS: tuple[str, ...] = ("text", "json_report")
