"""Validate CPSV-AP against the CPSV-AP 3.2.0 SHACL shapes with pySHACL, offline.

    python -m dienstvisie_cpsv_ap.shacl export.jsonld [--shapes cpsv-ap-SHACL.ttl]

prints pySHACL's report and exits 0 when the file conforms, 1 when it does not, 2 when it cannot
be read. The shapes ship with the plugin (data/cpsv_ap/cpsv-ap-SHACL.ttl, CC-BY 4.0, see
SOURCE.md beside it); `--shapes` names another copy. JSON-LD contexts resolve to the local copy,
and pySHACL is not asked to follow `owl:imports`: nothing is fetched.

pySHACL is an optional extra (`shacl`): only this self-check needs it, so import, export and the
UPL checks install without it. Without it the self-check says how to install it and exits 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING

from dienstvisie import DocumentError, SourceError

from .rdfio import parse_graph, read_source

if TYPE_CHECKING:
    from rdflib import Graph

INSTALL_HINT = (
    "pySHACL is not installed; the SHACL self-check needs the plugin's extra 'shacl': "
    "pip install './plugins/dienstvisie-cpsv-ap[shacl]' (from a dienstvisie checkout) or "
    "pip install pyshacl"
)


class ShaclUnavailable(ImportError):
    """pySHACL, the optional extra `shacl`, is not installed; the message says how to install it."""


def shipped_shapes() -> Graph:
    """The CPSV-AP 3.2.0 SHACL shapes that ship with the plugin."""
    from rdflib import Graph

    text = resources.files("dienstvisie_cpsv_ap").joinpath("data", "cpsv_ap", "cpsv-ap-SHACL.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def validate(data: Graph, shapes: Graph | None = None) -> tuple[bool, int, str]:
    """(conforms, number of results, pySHACL's text report) for a data graph, without inference.

    Raises ShaclUnavailable when pySHACL is not installed."""
    try:
        import pyshacl
    except ImportError as error:
        raise ShaclUnavailable(INSTALL_HINT) from error
    from rdflib import Namespace

    shapes = shapes if shapes is not None else shipped_shapes()
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", abort_on_first=False,
                                               allow_warnings=False, do_owl_imports=False)
    sh = Namespace("http://www.w3.org/ns/shacl#")
    count = len(set(results.subjects(sh.resultSeverity, None)))
    return bool(conforms), count, str(text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dienstvisie_cpsv_ap.shacl",
                                     description="Validate CPSV-AP (JSON-LD or Turtle) against the CPSV-AP 3.2.0 SHACL shapes.")
    parser.add_argument("file", help="the CPSV-AP file")
    parser.add_argument("--shapes", help="another SHACL shapes file (Turtle) than the shipped CPSV-AP 3.2.0 shapes")
    args = parser.parse_args(argv)
    try:
        data, _ = parse_graph(read_source(args.file), args.file)
        shapes = None
        if args.shapes:
            shapes, _ = parse_graph(read_source(args.shapes), args.shapes, "turtle")
    except SourceError as error:
        print(error.message("en"), file=sys.stderr)
        return 2
    except DocumentError as error:
        for problem in error.problems:
            line = f":{problem.location.line}" if problem.location.line else ""
            print(f"{error.file}{line}: {problem.message.get('en')}", file=sys.stderr)
        return 2
    try:
        conforms, _, text = validate(data, shapes)
    except ShaclUnavailable as error:
        print(str(error), file=sys.stderr)
        return 2
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0 if conforms else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
