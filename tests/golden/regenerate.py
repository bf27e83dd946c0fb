"""Write the golden reports: every test and example document, checked and rendered in every
built-in format and both languages, exactly as the renderers of the day the snapshot was taken
wrote them.

    .venv/bin/python tests/golden/regenerate.py      # rewrites tests/golden/reports/*.gz

Why: the fast paths (a compiled validator, the C composer, orjson) must not change a byte of any
report; tests/test_golden.py renders the same corpus with today's code and compares. Regenerate
only when a report is meant to change, and say so in the commit. To take the snapshot with the
renderers of another revision (e.g. the main line without the fast paths), put that revision's
`src` first on the path:

    git archive main src | tar -x -C /tmp/main && PYTHONPATH=/tmp/main/src python tests/golden/regenerate.py
"""

from __future__ import annotations

import datetime
import gzip
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
REPORTS = HERE / "reports"
TODAY = datetime.date(2026, 11, 29)
GENERATED = 12  # bench/generate.py documents, default seed
FORMATS = ("text", "json", "markdown", "html", "csv", "sarif", "junit", "gitlab")
LANGUAGES = ("nl", "en")


def corpus(folder: Path) -> list[Path]:
    """The documents of the golden run, copied into `folder` under stable names (reports name them)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import generate  # bench/generate.py

    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    for source in sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests" / "corpus" / "broken").iterdir()):
        target = folder / f"{source.parent.name}-{source.name}"
        shutil.copyfile(source, target)
        files.append(target)
    for index, document in enumerate(generate.services(GENERATED)):
        target = folder / f"generated-{index:03}.yaml"
        target.write_text(generate.to_yaml(document), encoding="utf-8")
        files.append(target)
    return files


def render_all(folder: Path, today: datetime.date = TODAY) -> dict[str, bytes]:
    """name → bytes of every golden report, rendered from the documents in `folder` (relative names),
    checked as on `today` (explanations expire)."""
    import os

    from dienstvisie.api import check_many
    from dienstvisie.plugins.manager import load_plugins
    from dienstvisie.rendering import render

    plugins = load_plugins(entry_points=False)
    files = corpus(folder)
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        run = check_many([path.name for path in files], plugins=plugins, today=today)
        out: dict[str, bytes] = {}
        for fmt in FORMATS:
            for lang in LANGUAGES:
                value = render(run, fmt, lang, plugins=plugins)  # type: ignore[arg-type]
                out[f"run.{lang}.{fmt}"] = value if isinstance(value, bytes) else value.encode("utf-8")
    finally:
        os.chdir(cwd)
    return out


def main() -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        reports = render_all(Path(tmp) / "corpus")
    if REPORTS.exists():
        shutil.rmtree(REPORTS)
    REPORTS.mkdir()
    for name, data in reports.items():
        (REPORTS / f"{name}.gz").write_bytes(gzip.compress(data, mtime=0))  # mtime 0: the same bytes every time
    print(f"{len(reports)} golden reports in {REPORTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
