"""`check --statistics`: how often each check found something, as ruff's `--statistics` has it.

One row per check and status (failed, note, to review, explained, check error), the most frequent
first, with the number of services it was found in and the check's title: a team sees where most
of the work is before it reads a single finding. Text for the terminal or JSON for scripts; it is
not a format of its own in `--format`, so it is not registered among the exporters.
"""

from __future__ import annotations

import json

import attrs

from ..i18n import PluralSection, Section
from ..model.check import Severity, Status
from ..model.exporter import Exporter
from ..model.finding import Finding
from ..model.run import CheckRun
from ..model.text import Language, Text
from ._common import check_title, plural
from ._common import terminal_safe as _t

_STATUS_WORDS = Section("statistics-status")
"""`_STATUS_WORDS[key][lang]`, a text: section "statistics-status" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""
_NOUNS = PluralSection("statistics-nouns")
"""`_NOUNS[key][lang]`, a (singular, plural), chosen by `choose`: section "statistics-nouns" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""
_WORDS = Section("statistics")
"""`_WORDS[key][lang]`, a text: section "statistics" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""


@attrs.frozen
class Row:
    """How often one check found something with one status, and in how many services."""

    check: str
    status: str  # failed, note, needs_review, explained or error
    count: int
    services: int


def _kind(finding: Finding) -> str | None:
    if finding.status is Status.FAILED:
        return "note" if finding.severity is Severity.INFO else "failed"
    if finding.status in (Status.NEEDS_REVIEW, Status.EXPLAINED, Status.ERROR):
        return str(finding.status.value)
    return None


def statistics(run: CheckRun) -> tuple[Row, ...]:
    """The rows, the most frequent first, then by check id and status."""
    counts: dict[tuple[str, str], int] = {}
    services: dict[tuple[str, str], set[int]] = {}
    for index, report in enumerate(run.reports):
        for finding in report.findings:
            kind = _kind(finding)
            if kind is None:
                continue
            key = (finding.check, kind)
            counts[key] = counts.get(key, 0) + 1
            services.setdefault(key, set()).add(index)
    rows = [Row(check, kind, count, len(services[(check, kind)])) for (check, kind), count in counts.items()]
    return tuple(sorted(rows, key=lambda row: (-row.count, row.check, row.status)))


def render_statistics_text(run: CheckRun, lang: Language) -> str:
    rows = statistics(run)
    if not rows:
        return _WORDS["none"][lang] + "\n"
    width = max(len(str(row.count)) for row in rows)
    id_width = max(len(row.check) for row in rows)
    status_width = max(len(_STATUS_WORDS[row.status][lang]) for row in rows)
    lines = []
    for row in rows:
        where = f"{_WORDS['in'][lang]} {plural(row.services, _NOUNS['service'], lang)}"
        lines.append(f"{row.count:>{width}}  {_t(row.check):<{id_width}}  {_STATUS_WORDS[row.status][lang]:<{status_width}}"
                     f"  {where:<14}  {_t(check_title(run, row.check, lang))}")
    total = sum(row.count for row in rows)
    lines.append(f"{plural(total, _NOUNS['finding'], lang)} {_WORDS['in'][lang]} "
                 f"{plural(len(run.reports), _NOUNS['service'], lang)}")
    return "\n".join(lines) + "\n"


def render_statistics_json(run: CheckRun, lang: Language) -> str:
    rows = [{"check": row.check, "status": row.status, "count": row.count, "services": row.services,
             "title": check_title(run, row.check, lang)} for row in statistics(run)]
    return json.dumps({"services": len(run.reports), "statistics": rows}, ensure_ascii=False, indent=2) + "\n"


_TEXT = Exporter(name="text", title=Text(nl="Statistiek per check", en="Statistics per check"), suffix=".txt",
                 media_type="text/plain", render=render_statistics_text, needs_concept=False)
_JSON = Exporter(name="json", title=Text(nl="Statistiek per check (JSON)", en="Statistics per check (JSON)"),
                 suffix=".json", media_type="application/json", render=render_statistics_json, needs_concept=False)


def exporter_for(format_name: str) -> Exporter:
    """The statistics in `format_name` (text or json)."""
    return _JSON if format_name == "json" else _TEXT
