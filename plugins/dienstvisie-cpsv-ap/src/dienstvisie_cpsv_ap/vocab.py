"""Namespaces, dienstvisie's own code lists as SKOS concepts, and small conversions shared by the
exporter and the importer (no rdflib import here: the plugin must load fast for `dienstvisie check`).

dienstvisie's closed vocabularies (channels, audience, kinds of organisation, life events,
situations) have no EU code list that says the same, so the exporter publishes them as SKOS
concepts under `https://dienstvisie.nl/def/<scheme>/<notation>`, each with its notation (the
slug of the service-concept format) and labels in Dutch and English. The importer recognises
them by that namespace and notation, and falls back on keywords for other catalogues' codes.
"""

from __future__ import annotations

import re
import unicodedata

from dienstvisie import Text

CPSV = "http://purl.org/vocab/cpsv#"
CV = "http://data.europa.eu/m8g/"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCAT = "http://www.w3.org/ns/dcat#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
TIME = "http://www.w3.org/2006/time#"

PREFIXES: dict[str, str] = {
    "cpsv": CPSV, "cv": CV, "dct": DCT, "dcat": DCAT, "foaf": FOAF, "org": ORG, "skos": SKOS, "xsd": XSD,
}

#: The JSON-LD context of CPSV-AP 3.2.0 as published; resolved to the copy in data/cpsv_ap/.
CONTEXT_URL = "https://semiceu.github.io/uri.semic.eu-generated/CPSV-AP/releases/3.2.0/context/cpsv-ap.jsonld"

#: dienstvisie's own code lists.
DEF = "https://dienstvisie.nl/def/"
DEFAULT_BASE = "https://dienstvisie.nl/id/"
BASE_VARIABLE = "DIENSTVISIE_CPSV_AP_BASE"

#: EU authority tables: the Netherlands (as a dct:Location) and Dutch (as a dct:LinguisticSystem).
NETHERLANDS = "http://publications.europa.eu/resource/authority/country/NLD"
DUTCH = "http://publications.europa.eu/resource/authority/language/NLD"

SCHEMES: dict[str, Text] = {
    "kanaal": Text(nl="Kanalen (dienstvisie)", en="Channels (dienstvisie)"),
    "doelgroep": Text(nl="Doelgroepen (dienstvisie)", en="Audiences (dienstvisie)"),
    "organisatiesoort": Text(nl="Soorten organisaties (dienstvisie)", en="Kinds of organisation (dienstvisie)"),
    "levensgebeurtenis": Text(nl="Levensgebeurtenissen (dienstvisie)", en="Life events (dienstvisie)"),
    "situatie": Text(nl="Situaties (dienstvisie)", en="Situations (dienstvisie)"),
    "rol": Text(nl="Rollen (dienstvisie)", en="Roles (dienstvisie)"),
    "uitvoer": Text(nl="Soorten uitvoer (dienstvisie)", en="Kinds of output (dienstvisie)"),
}

CHANNELS: dict[str, Text] = {
    "balie": Text(nl="Balie", en="Service desk"),
    "telefoon": Text(nl="Telefoon", en="Telephone"),
    "web": Text(nl="Website", en="Website"),
    "app": Text(nl="App", en="App"),
    "chat": Text(nl="Chat", en="Chat"),
    "email": Text(nl="E-mail", en="Email"),
    "post": Text(nl="Post", en="Post"),
    "huisbezoek": Text(nl="Huisbezoek", en="Home visit"),
}
AUDIENCES: dict[str, Text] = {
    "burger": Text(nl="Burger", en="Citizen"),
    "ondernemer": Text(nl="Ondernemer", en="Business"),
    "huishouden": Text(nl="Huishouden", en="Household"),
}
KINDS: dict[str, Text] = {
    "gemeente": Text(nl="Gemeente", en="Municipality"),
    "uitvoeringsorganisatie": Text(nl="Uitvoeringsorganisatie", en="Executive agency"),
    "rijk": Text(nl="Rijksoverheid", en="Central government"),
    "provincie": Text(nl="Provincie", en="Province"),
    "waterschap": Text(nl="Waterschap", en="Water authority"),
    "maatschappelijk": Text(nl="Maatschappelijke organisatie", en="Civil-society organisation"),
    "private": Text(nl="Private organisatie", en="Private organisation"),
    "semipubliek": Text(nl="Semipublieke organisatie", en="Semi-public organisation"),
}
#: Kinds of organisation that are government: their steps have them as competent authority.
PUBLIC_KINDS: frozenset[str] = frozenset({"gemeente", "uitvoeringsorganisatie", "rijk", "provincie", "waterschap"})
ROLE_PROVIDER = "uitvoerder"
ROLES: dict[str, Text] = {ROLE_PROVIDER: Text(nl="Uitvoerder", en="Provider")}
OUTPUT_DECISION = "besluit"
OUTPUT_OUTCOME = "uitkomst"  # format 2: an outcome that is no formal (Awb) decision
OUTPUTS: dict[str, Text] = {OUTPUT_DECISION: Text(nl="Besluit", en="Decision"),
                            OUTPUT_OUTCOME: Text(nl="Uitkomst (geen besluit)", en="Outcome (no formal decision)")}

#: Keywords that tell the channel of another catalogue's channel type (label, notation or IRI).
CHANNEL_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("huisbezoek", ("huisbezoek", "home visit", "home-visit", "at home")),
    ("email", ("e-mail", "email")),
    ("telefoon", ("telefoon", "telephone", "phone", "téléphone", "telefon", "call centre", "call center")),
    ("chat", ("chat",)),
    ("app", ("mobile app", "app", "mobiel")),
    ("web", ("web", "website", "webform", "online", "internet", "e-service", "eservice", "digital", "portal")),
    ("post", ("post", "letter", "brief", "mail", "courrier")),
    ("balie", ("balie", "desk", "counter", "office", "guichet", "face to face", "face-to-face", "in person", "physical", "loket")),
)

_SLUG_BAD = re.compile(r"[^a-z0-9_.-]+")


def concept_iri(scheme: str, notation: str) -> str:
    """The IRI of a dienstvisie concept, e.g. https://dienstvisie.nl/def/kanaal/balie."""
    return f"{DEF}{scheme}/{notation}"


def scheme_iri(scheme: str) -> str:
    """The IRI of a dienstvisie concept scheme, e.g. https://dienstvisie.nl/def/kanaal."""
    return f"{DEF}{scheme}"


def own_concept(iri: str) -> tuple[str, str] | None:
    """(scheme, notation) when `iri` is one of dienstvisie's concepts, else None."""
    if not iri.startswith(DEF):
        return None
    scheme, _, notation = iri[len(DEF):].partition("/")
    if scheme in SCHEMES and notation and "/" not in notation:
        return scheme, notation
    return None


def slugify(text: str, fallback: str = "") -> str:
    """A slug of the service-concept format (`a-z`, `0-9`, `-`, `_`, `.`) made from any text."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = _SLUG_BAD.sub("-", folded.replace("'", "")).strip("-_.")
    slug = re.sub(r"-{2,}", "-", slug)[:120].strip("-_.")
    return slug or fallback


def is_slug(text: str) -> bool:
    """True when `text` is already a valid slug."""
    return bool(re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", text)) and len(text) <= 120


def humanise(slug: str) -> str:
    """A readable title from a slug: `wensen-uitvaart` → `Wensen uitvaart`."""
    words = re.sub(r"[-_.]+", " ", slug).strip()
    return (words[:1].upper() + words[1:]) if words else slug


def channel_from_words(*texts: str) -> str | None:
    """The dienstvisie channel that words from another catalogue (a label, notation or IRI) name."""
    joined = " ".join(text.lower() for text in texts if text)
    for channel, words in CHANNEL_KEYWORDS:
        for word in words:
            if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", joined):
                return channel
    return None


def kind_from_words(name: str, public: bool) -> str:
    """A guess of the kind of organisation from its name (a gap the team must confirm)."""
    lowered = name.lower()
    rules = (
        ("gemeente", ("gemeente", "municipality", "commune", "gemeinde", "city of", "stad ")),
        ("provincie", ("provincie", "province")),
        ("waterschap", ("waterschap", "hoogheemraadschap", "water board", "water authority")),
        ("uitvoeringsorganisatie", ("uwv", "svb", "sociale verzekeringsbank", "belastingdienst", "kvk", "kamer van koophandel",
                                    "duo", "rdw", "cjib", "agency", "agentschap", "dienst ")),
        ("rijk", ("ministerie", "ministry", "federal", "federale", "rijks", "government", "overheid")),
    )
    for kind, words in rules:
        if any(word in lowered for word in words):
            return kind
    return "rijk" if public else "private"


_DURATION = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


def days_to_duration(days: float) -> str:
    """An xsd:duration for a number of days: 5 → `P5D`, 0.5 → `P0DT43200S`."""
    whole = int(days)
    if days == whole:
        return f"P{whole}D"
    seconds = f"{(days - whole) * 86400:.3f}".rstrip("0").rstrip(".")
    return f"P{whole}DT{seconds}S"


def duration_to_days(text: str) -> tuple[float, bool] | None:
    """(days, approximate) for an xsd:duration; years count 365 days and months 30 (approximate).
    None when `text` is not a duration this reads (negative or malformed)."""
    match = _DURATION.match(text.strip())
    if not match or text.strip() in ("P", "PT") or text.strip().endswith("T"):
        return None
    part = {key: float(value) if value else 0.0 for key, value in match.groupdict().items()}
    days = (part["y"] * 365 + part["mo"] * 30 + part["w"] * 7 + part["d"] + part["h"] / 24 + part["mi"] / 1440
            + part["s"] / 86400)
    return days, bool(part["y"] or part["mo"])
