"""dienstvisie-cpsv-ap: interoperability with the EU public-service standard CPSV-AP 3.2.0 and
the Dutch Uniforme Productnamenlijst (UPL).

- `dienstvisie check … --format cpsv-ap` (JSON-LD) or `--format cpsv-ap-turtle` exports service
  concepts as CPSV-AP 3.2.0 that conforms to the CPSV-AP SHACL shapes;
- `dienstvisie import cpsv-ap FILE` reads CPSV-AP (JSON-LD or Turtle) into a service-concept draft;
- the checks UPL101 (unknown UPL product) and UPL102 (UPL product of another layer of government)
  hold a service's `upl:` references against the UPL, under the shipped vision (principle P1).

Nothing here touches the network: the CPSV-AP JSON-LD context and the UPL ship as package data.
rdflib is imported only when a file is exported or imported, so `dienstvisie check` stays fast.
"""

from __future__ import annotations

from typing import Any

from dienstvisie import Check, Vision, hookimpl

__version__ = "0.1.0"

ORIGIN = "dienstvisie-cpsv-ap"
VISION_ID = "gezamenlijke-dienstverlening"


@hookimpl
def dienstvisie_checks(vision: Vision) -> list[Check]:
    """UPL101 and UPL102, for the shipped vision (they serve its principle P1)."""
    if vision.id != VISION_ID:
        return []
    from .upl import make_checks, shipped_upl

    return list(make_checks(shipped_upl()))


@hookimpl
def dienstvisie_exporters() -> list[Any]:
    """`--format cpsv-ap` (JSON-LD) and `--format cpsv-ap-turtle`."""
    from .export import JSONLD, TURTLE

    return [JSONLD, TURTLE]


@hookimpl
def dienstvisie_importers() -> list[Any]:
    """`dienstvisie import cpsv-ap FILE`."""
    from .importer import IMPORTER

    return [IMPORTER]
