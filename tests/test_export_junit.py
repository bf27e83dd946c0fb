"""The JUnit report: a suite per service, a test case per check, readable by CI systems."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from test_export_common import HOSTILE_REASON, example_run, hostile_run, render

from dienstvisie.exporters._common import clean
from dienstvisie.model.check import Status


def test_a_suite_per_service_and_a_case_per_check_that_ran() -> None:
    run = example_run()
    root = ET.fromstring(render("junit", run, "en").encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites][: len(run.reports)] == [report.service for report in run.reports]
    total = {"tests": 0, "failures": 0, "skipped": 0, "errors": 0}
    for suite, report in zip(suites, run.reports):
        cases = suite.findall("testcase")
        ran = {finding.check for finding in report.findings}
        assert len(cases) == len(ran) == int(suite.get("tests", "-1"))
        for case in cases:
            assert case.get("classname") == report.service
            check_id, _, title = (case.get("name") or "").partition(" ")
            assert check_id in ran and title
            statuses = {f.status for f in report.findings if f.check == check_id}
            failed = bool(statuses & {Status.FAILED, Status.ERROR})
            assert (case.find("failure") is not None) == failed, (report.service, check_id, statuses)
            if not failed and (Status.EXPLAINED in statuses or Status.PASSED not in statuses):
                assert case.find("skipped") is not None
            failure = case.find("failure")
            if failure is not None:
                assert failure.get("message") and failure.text
        assert int(suite.get("failures", "-1")) == sum(1 for case in cases if case.find("failure") is not None)
        assert int(suite.get("skipped", "-1")) == sum(1 for case in cases if case.find("skipped") is not None)
    for suite in suites:
        for key in total:
            total[key] += int(suite.get(key, "0"))
    assert {key: int(root.get(key, "-1")) for key in total} == total
    # the invalid document is a failing suite of its own
    broken = suites[len(run.reports)]
    assert broken.find("testcase/failure") is not None
    # deterministic: no timestamps or host names anywhere
    for element in root.iter():
        assert element.get("timestamp") is None and element.get("hostname") is None
        assert element.get("time") in (None, "0")


def test_explained_is_skipped_with_the_reason_and_hostile_text_is_escaped() -> None:
    text = render("junit", hostile_run(), "en")
    root = ET.fromstring(text.encode("utf-8"))  # parses: nothing in the document broke the XML
    skipped = [case for case in root.iter("testcase") if case.get("name", "").startswith("DV002")]
    assert len(skipped) == 1
    element = skipped[0].find("skipped")
    assert element is not None
    assert clean(HOSTILE_REASON) in (element.get("message") or "")
    assert "<img" not in text and "]]> </svg>" not in text  # only as &lt;img, ]]&gt; …
    assert "\x07" not in text  # a control character XML cannot hold became U+FFFD
    assert "\ufffd --" in (element.text or "")
