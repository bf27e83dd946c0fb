"""The portfolio a manager reads: the heat map of services × principles (worst first, sortable), the
views per life event (services without one included), per situation and per owner, plain words,
plurals — the same in text, Markdown, HTML and JSON."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dienstvisie.cli.main import main
from dienstvisie.documents.validate import schema_problems
from dienstvisie.model.portfolio import ServiceRow, sort_rows

EXAMPLES = Path(__file__).parents[1] / "examples"


def _portfolio(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    main(["portfolio", "--isolated", "--no-progress", str(EXAMPLES), *args])
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def reports() -> dict[str, dict[str, float | None]]:
    """Each example's principle scores, as the check report has them."""
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", "--isolated", "--format", "json",
                             str(EXAMPLES)], capture_output=True, text=True, check=False)
    data = json.loads(result.stdout)
    return {s["id"]: {score["id"]: score["score"] for score in s["scores"] if score["kind"] == "principle"}
            for s in data["services"]}


def test_json_heat_map_has_every_service_with_the_reports_scores_worst_first(
        capsys: pytest.CaptureFixture[str], reports: dict[str, dict[str, float | None]]) -> None:
    data = json.loads(_portfolio(capsys, "--format", "json"))
    assert schema_problems(data, "portfolio") == []
    assert {row["service"] for row in data["matrix"]} == set(reports)
    for row in data["matrix"]:
        assert row["scores"] == reports[row["service"]]
    means = [row["mean"] for row in data["matrix"]]
    assert means == sorted(means)  # worst first
    assert data["matrix"][-1]["service"] == "geboorte-den-haag" and not data["matrix"][-1]["failing"]
    failing = {d["id"]: d["failing_services"] for d in data["distributions"] if d["kind"] == "principle"}
    for principle, count in failing.items():
        assert count == sum(1 for row in data["matrix"] if row["failed_checks"][principle])


def test_every_service_appears_in_the_life_event_view_and_situations_and_owners(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_portfolio(capsys, "--format", "json"))
    in_events = sum(e["services"] for e in data["life_events"]) + (data["without_life_event"] or {}).get("services", 0)
    assert in_events >= data["services"]["total"]
    assert data["without_life_event"]["services"] == 1  # the debts example names no life event
    assert {s["id"] for s in data["situations"]} == {"schulden", "multiproblematiek"}
    assert {o["id"] for o in data["owners"]} == {row["owner"] for row in data["matrix"]}
    text = _portfolio(capsys, "--lang", "en")
    assert "(no life event): 1 service, 1 fails" in text
    assert "Per situation" in text and "schulden (Problem debts)" in text
    assert "Per owner" in text and "kvk (Kamer van Koophandel)" in text


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_heat_map_rows_come_worst_first_and_sort_by_a_principle(capsys: pytest.CaptureFixture[str], fmt: str,
                                                                reports: dict[str, dict[str, float | None]]) -> None:
    def order(out: str) -> list[str]:
        start = out.index('<table class="compact heat">') if fmt == "html" else out.index("×")
        found = [(out.index(name, start), name) for name in reports]
        return [name for _, name in sorted(found)]

    worst = order(_portfolio(capsys, "--format", fmt))
    means = {name: sum(v for v in scores.values() if v is not None) / 6 for name, scores in reports.items()}
    assert worst == sorted(reports, key=lambda name: means[name])
    by_p3 = order(_portfolio(capsys, "--format", fmt, "--sort", "P3"))
    assert [reports[name]["P3"] for name in by_p3] == sorted(reports[name]["P3"] for name in reports)  # type: ignore[type-var]
    assert order(_portfolio(capsys, "--format", fmt, "--sort", "name")) == sorted(reports)


def test_an_unknown_order_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["portfolio", "--isolated", str(EXAMPLES), "--sort", "P9"]) == 2
    assert "worst, name, P1" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_statistics_are_explained_in_plain_words_with_right_plurals(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    for fmt in ("text", "markdown", "html"):
        out = _portfolio(capsys, "--format", fmt, "--lang", lang)
        assert "inclusie" not in out.lower()  # no "kwartielen volgens de inclusieve methode"
        assert not re.search(r"\b1 (diensten|services|stappen|steps)\b", out), fmt
        assert ("middelste score" if lang == "nl" else "middle score") in out
        assert ("Elke rij is een dienst" if lang == "nl" else "Each row is a service") in out
    text = _portfolio(capsys, "--lang", lang)
    assert ("5 diensten: 1 voldoet, 4 voldoen niet" if lang == "nl" else "5 services: 1 passes, 4 fail") in text


def test_html_cells_carry_the_band_and_the_number(capsys: pytest.CaptureFixture[str],
                                                  reports: dict[str, dict[str, float | None]]) -> None:
    html = _portfolio(capsys, "--format", "html", "--lang", "en")
    row = re.search(r"<tr><th scope=\"row\"><code>bedrijf-starten</code></th>(.*?)</tr>", html)
    assert row
    cells = re.findall(r'<td class="num band-(\w+)">([^<]*)</td>', row.group(1))
    expected = [reports["bedrijf-starten"][p] for p in ("P1", "P2", "P3", "P4", "P5", "P6")]
    assert [int(text) for _, text in cells[:6]] == [round(v or 0) for v in expected]
    for (band, _), value in zip(cells, expected):
        assert band == ("low" if value < 50 else "mid" if value < 80 else "high")  # type: ignore[operator]
    assert '<svg class="heatmap" role="img"' in html and "<title id=\"heat-t\">" in html


scores = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))


@given(st.lists(st.tuples(st.text("abc", min_size=1, max_size=4), st.lists(scores, min_size=2, max_size=2),
                          st.booleans()), max_size=8, unique_by=lambda item: item[0]))
def test_sorting_orders_by_mean_or_by_a_principle_with_no_score_last(
        items: list[tuple[str, list[float | None], bool]]) -> None:
    rows = tuple(ServiceRow(service=name, title=None, file=None, failing=failing, owner=None,
                            scores=(("P1", values[0]), ("P2", values[1])), failed=(("P1", 0), ("P2", 0)))
                 for name, values, failing in items)
    worst = sort_rows(rows)
    means = [row.mean for row in worst]
    known = [m for m in means if m is not None]
    assert known == sorted(known) and means == known + [None] * (len(means) - len(known))
    by_p2 = [row.score("P2") for row in sort_rows(rows, "P2")]
    present = [v for v in by_p2 if v is not None]
    assert present == sorted(present) and by_p2 == present + [None] * (len(by_p2) - len(present))
    assert [row.service for row in sort_rows(rows, "name")] == sorted(row.service for row in rows)
    assert sorted(worst, key=lambda row: row.service) == sorted(rows, key=lambda row: row.service)
