"""Where the time of a full check goes, phase by phase, in one process.

    python bench/phases.py FOLDER [--format json]

Runs what `dienstvisie check --jobs 1` runs for each file, with each phase timed on its own (CPU
seconds of this process, `time.process_time`): reading the file, parsing (YAML with the source
map), schema validation, cross-references, structuring into models, the checks (with their time
limit, as the command line has it), and finishing the report (the format's streamed part, e.g. the
JSON of one service). Prints one JSON line with the seconds per phase and the number of documents.
The sum is a little less than a full run: discovery, start-up and writing the file are not in it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from floor import files_below  # noqa: E402 - bench/ is not a package


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The phases of a full check, timed one by one.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--format", default="json")
    parser.add_argument("--check-timeout", type=float, default=10.0)
    args = parser.parse_args(argv)

    from dienstvisie.documents.load import parse, read_text
    from dienstvisie.documents.structure import structure_service
    from dienstvisie.documents.validate import schema_problems, service_reference_problems
    from dienstvisie.model.exporter import StreamOptions
    from dienstvisie.model.check import Severity
    from dienstvisie.model.document import Document
    from dienstvisie.pipeline.parallel import RunSpec, session_for

    session = session_for(RunSpec(entry_points=False, check_timeout=args.check_timeout or None))
    exporter = session.plugins.exporters()[args.format]
    assert exporter.stream is not None, f"{args.format} does not stream"
    finish = exporter.stream.finisher(StreamOptions(lang="nl", fail_on=Severity.MINOR))
    phases = dict.fromkeys(("read", "parse", "validate", "references", "structure", "checks", "finish"), 0.0)
    clock = time.process_time
    files = files_below(args.folder)
    for path in files:
        t0 = clock()
        text = read_text(path)
        t1 = clock()
        parsed = parse(text, str(path))
        t2 = clock()
        problems = schema_problems(parsed.data, "service")
        t3 = clock()
        problems += service_reference_problems(parsed.data)
        t4 = clock()
        assert not problems, (path, problems[:1])
        document = Document(model=structure_service(parsed.data), source_map=parsed.source_map)
        t5 = clock()
        report = session.checker.check(document)
        t6 = clock()
        finish(report, session)
        t7 = clock()
        for name, start, end in (("read", t0, t1), ("parse", t1, t2), ("validate", t2, t3), ("references", t3, t4),
                                 ("structure", t4, t5), ("checks", t5, t6), ("finish", t6, t7)):
            phases[name] += end - start
    print(json.dumps({"documents": len(files), "cpu_seconds": {k: round(v, 3) for k, v in phases.items()}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
