"""Generate realistic service concepts from a fixed seed, for the benchmark and for trying the portfolio view.

    python bench/generate.py 1000 /tmp/portfolio            # 1,000 YAML files, seed 20261129
    python bench/generate.py 50 /tmp/p --seed 7

"Realistic" means shaped like the shipped examples: 3–12 steps across 2–6 organisations (a
municipality and national agencies), hand-overs of every kind (warm, data, cold), asks for data
items from the shipped vocabulary (some held by a register, some asked twice), decisions with and
without objection, language levels, channels, owners, signals, the team's own answers to guiding
questions and a few explanations (comply or explain). Every document is valid; strong and weak
services are mixed, so a portfolio shows both. The same seed gives the same files, byte for byte.

Only the standard library and PyYAML (a dependency of dienstvisie) are used.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

DEFAULT_SEED = 20261129

MUNICIPALITIES = [
    "amsterdam", "rotterdam", "den-haag", "utrecht", "eindhoven", "groningen", "tilburg", "almere", "breda",
    "nijmegen", "apeldoorn", "haarlem", "arnhem", "enschede", "amersfoort", "zaanstad", "den-bosch",
    "haarlemmermeer", "zwolle", "zoetermeer", "leiden", "maastricht", "dordrecht", "ede", "alkmaar",
    "emmen", "westland", "delft", "venlo", "deventer", "leeuwarden", "sittard-geleen", "helmond", "heerlen",
]
AGENCIES = [
    ("svb", "Sociale Verzekeringsbank", "uitvoeringsorganisatie"),
    ("uwv", "UWV", "uitvoeringsorganisatie"),
    ("belastingdienst", "Belastingdienst", "uitvoeringsorganisatie"),
    ("toeslagen", "Dienst Toeslagen", "uitvoeringsorganisatie"),
    ("duo", "Dienst Uitvoering Onderwijs", "uitvoeringsorganisatie"),
    ("cak", "CAK", "uitvoeringsorganisatie"),
    ("cjib", "Centraal Justitieel Incassobureau", "uitvoeringsorganisatie"),
    ("rdw", "RDW", "uitvoeringsorganisatie"),
    ("kvk", "Kamer van Koophandel", "uitvoeringsorganisatie"),
    ("rvo", "Rijksdienst voor Ondernemend Nederland", "rijk"),
    ("ind", "Immigratie- en Naturalisatiedienst", "rijk"),
    ("abp", "Pensioenfonds ABP", "private"),
    ("zorgverzekeraar", "Zorgverzekeraar", "private"),
    ("woningcorporatie", "Woningcorporatie", "maatschappelijk"),
    ("schuldhulp", "Schuldhulpverlening", "maatschappelijk"),
    ("provincie", "Provincie", "provincie"),
    ("waterschap", "Waterschap", "waterschap"),
]
LIFE_EVENTS = [
    "geboorte", "overlijden", "verhuizen", "trouwen", "scheiden", "18-worden", "studeren", "werkloos",
    "ziek-worden", "met-pensioen", "bedrijf-starten", "bedrijf-beeindigen", "personeel-aannemen", "emigreren",
    "mantelzorg",
]
KNOWN_DATA = [
    "bsn", "naam", "adres", "geboortedatum", "burgerlijke-staat", "partner", "kinderen", "huishouden",
    "inkomen", "loongegevens", "dienstverband", "uitkering", "toeslagen", "vermogen", "woz-waarde",
    "kvk-nummer", "vestigingsadres", "rechtsvorm", "btw-id", "arbeidsverleden", "woonsituatie", "pensioen",
]
OWN_DATA = [
    "iban", "schulden", "vaste-lasten", "sollicitaties", "medische-gegevens", "ondernemingsplan",
    "identiteitsbewijs", "huurovereenkomst", "bankafschriften", "ontslagreden", "cv", "verwacht-inkomen",
]
REGISTERS = ["brp", "bri", "polisadministratie", "handelsregister", "suwinet", "woz"]
ACTIONS = [
    ("melden", "Melding doen", "Report"), ("aanvragen", "Aanvraag indienen", "Apply"),
    ("intake", "Intakegesprek", "Intake interview"), ("besluit", "Besluit ontvangen", "Receive the decision"),
    ("gegevens", "Gegevens aanleveren", "Supply data"), ("afspraak", "Afspraak maken", "Make an appointment"),
    ("uitbetaling", "Uitbetaling", "Payment"), ("controle", "Controle van gegevens", "Check of the data"),
    ("advies", "Adviesgesprek", "Advice"), ("plan", "Plan van aanpak opstellen", "Draw up a plan"),
    ("inschrijven", "Inschrijven", "Register"), ("wijzigen", "Wijziging doorgeven", "Report a change"),
]
CHANNELS = ["balie", "telefoon", "web", "app", "chat", "email", "post", "huisbezoek"]
MEASURES = ["doorlooptijd", "tevredenheid", "aantal-contactmomenten", "vragen-die-terugkomen", "bezwaren"]


def _organisations(rng: random.Random, count: int) -> list[dict[str, Any]]:
    municipality = rng.choice(MUNICIPALITIES)
    organisations = [{"id": f"gemeente-{municipality}", "name": f"Gemeente {municipality.replace('-', ' ').title()}",
                      "kind": "gemeente"}]
    for org_id, name, kind in rng.sample(AGENCIES, count - 1):
        organisations.append({"id": org_id, "name": name, "kind": kind})
    rng.shuffle(organisations)
    return organisations


def _asks(rng: random.Random, quality: float) -> list[dict[str, Any]]:
    asks: list[dict[str, Any]] = []
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        if rng.random() < quality:
            item: dict[str, Any] = {"data": rng.choice(OWN_DATA)}
        else:
            item = {"data": rng.choice(KNOWN_DATA)}
            if rng.random() < 0.3:
                item["already_known_by"] = rng.choice(REGISTERS)
        if item["data"] not in {ask["data"] for ask in asks}:
            asks.append(item)
    return asks


def service(rng: random.Random, number: int) -> dict[str, Any]:
    """One valid service concept; `number` makes its id unique in the portfolio."""
    quality = rng.random() ** 0.6  # 0: weak on every principle … 1: strong (a few are flawless)
    good = lambda: rng.random() < 0.3 + 0.7 * quality  # noqa: E731 - a coin weighted by quality
    organisations = _organisations(rng, rng.randint(2, 6))
    org_ids = [organisation["id"] for organisation in organisations]
    event = rng.choice(LIFE_EVENTS)
    steps: list[dict[str, Any]] = []
    step_count = rng.randint(3, 12)
    owners = [rng.choice(org_ids) for _ in range(step_count)]
    for index in range(step_count):
        action, title_nl, title_en = rng.choice(ACTIONS)
        organisation = owners[index]
        step: dict[str, Any] = {
            "id": f"{action}-{index + 1}",
            "title": {"nl": f"{title_nl} ({event})", "en": f"{title_en} ({event})"} if rng.random() < 0.5 else f"{title_nl}",
            "organisation": organisation,
            "initiative": rng.choice(["overheid", "automatisch"]) if good() else "burger",
            "channels": sorted(rng.sample(CHANNELS, rng.randint(1, 4))),
        }
        if index == 0 and rng.random() < 0.3:
            step["legal_duty"] = True
        asks = _asks(rng, quality)
        if asks:
            step["asks"] = asks
        if index + 1 < step_count and owners[index + 1] != organisation:
            kind = rng.choice(["warm", "data"]) if good() else "cold"
            handover: dict[str, Any] = {"to": owners[index + 1], "kind": kind}
            if kind != "cold" or rng.random() < 0.3:
                handover["shares"] = sorted(rng.sample(KNOWN_DATA[:10], rng.randint(1, 4)))
            step["handover"] = handover
        if rng.random() < 0.35:
            step["decision"] = {"explained": good(), "appeal": good() or rng.random() < 0.5,
                                "informal_contact_first": good(), "discretion": good()}
        step["language_level"] = "B1" if good() else rng.choice(["B2", "C1"])
        if any(channel in step["channels"] for channel in ("web", "app", "chat", "email")):
            step["accessibility"] = "WCAG-2.1-AA" if good() else rng.choice(["partial", "unknown"])
        step["expected_days"] = rng.choice([1, 2, 5, 10, 14, 28, 56])
        steps.append(step)
    municipality_name = organisations[[o["kind"] for o in organisations].index("gemeente")]["name"]
    document: dict[str, Any] = {
        "dienstvisie": "1",
        "id": f"dienst-{number:05d}-{event}",
        "title": {"nl": f"{event.replace('-', ' ').capitalize()} in {municipality_name} (dienst {number})",
                  "en": f"{event.replace('-', ' ').capitalize()} in {municipality_name} (service {number})"},
        "summary": f"Een gegenereerde dienst rond de levensgebeurtenis {event}, met {step_count} stappen.",
        "audience": ["ondernemer"] if event.startswith(("bedrijf", "personeel")) else ["burger"],
        "life_events": [event],
    }
    if rng.random() < 0.15:
        document["situations"] = ["multiproblematiek"]
    if good():
        document["owner"] = {"organisation": rng.choice(org_ids),
                             "mandate": rng.choice(["bestuurlijk", "politiek"]) if good() else rng.choice(["geen", "ambtelijk"])}
    document["organisations"] = organisations
    document["contact"] = {
        "single_point": rng.choice(org_ids) if good() else None,
        "human_contact": good(),
        "channels": sorted(rng.sample(CHANNELS, rng.randint(1, 4))),
    }
    if "situations" in document:
        document["coordination"] = {"single_plan": good(), "coordinator": rng.choice(org_ids)}
    document["steps"] = steps
    document["signals"] = {
        "feedback_channel": good(),
        "reviewed_with": sorted(rng.sample(org_ids, rng.randint(1, len(org_ids)))),
        "measures": sorted(rng.sample(MEASURES, rng.randint(0, 3))),
    }
    if rng.random() < 0.5:
        document["assessment"] = [
            {"question": f"P{principle}.Q1", "answer": rng.choice(["ja", "deels", "nee", "onbekend"]),
             "evidence": "Getest met gebruikers."}
            for principle in sorted(rng.sample(range(1, 7), rng.randint(1, 4)))
        ]
    if rng.random() < 0.25:
        step = rng.choice(steps)
        document["explanations"] = [{
            "check": rng.choice(["DV101", "DV301", "DV403", "DV201"]), "step": step["id"],
            "reason": "De wet schrijft dit voor.", "decided_by": "afdelingshoofd",
            "until": rng.choice(["2025-12-31", "2027-06-30", "2030-01-01"]),
        }]
    return document


def services(count: int, seed: int = DEFAULT_SEED) -> Iterator[dict[str, Any]]:
    """`count` service concepts from `seed`; the first k of a larger run equal a run of k."""
    for number in range(1, count + 1):
        yield service(random.Random(f"{seed}-{number}"), number)


def to_yaml(document: dict[str, Any]) -> str:
    """A document as YAML, in the field order of the format."""
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def write(count: int, folder: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write `count` documents to `folder` (spread over sub-folders of 1,000); their paths in order."""
    paths = []
    for number, document in enumerate(services(count, seed), start=1):
        sub = folder / f"deel-{(number - 1) // 1000 + 1:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{document['id']}.yaml"
        path.write_text(to_yaml(document), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate realistic service concepts from a fixed seed.")
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    paths = write(args.count, args.folder, args.seed)
    print(f"{len(paths)} service concepts in {args.folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
