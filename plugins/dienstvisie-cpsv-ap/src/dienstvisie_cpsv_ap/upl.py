"""The Uniforme Productnamenlijst (UPL) and the checks on a service's UPL references.

The list ships as package data (data/upl/UPL-actueel.csv, EUPL-1.2, see data/upl/SOURCE.md). It
is read once, when the checks are made (in the `dienstvisie_checks` hook); the checks themselves
only look things up and do no I/O.

- UPL101: a UPL reference (`upl:` on the service or a step) that is not in the list: an info
  finding with the nearest product name.
- UPL102: a step whose UPL product the list places with another government layer than the
  step's organisation (a municipal product with an agency of the Rijk, say).

Both serve P1 *Geen verkeerde deur*: with one product name across government, every organisation
can recognise a person's question and send it to the layer that really offers the product.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources

import attrs

from dienstvisie import Check, CheckContext, Outcome, Severity, Text, define_check, fail, skip

ORIGIN = "dienstvisie-cpsv-ap"
UPL_NAMESPACE = "http://standaarden.overheid.nl/owms/terms/"
LAYERS: tuple[str, ...] = ("rijk", "provincie", "waterschap", "gemeente")
_LAYER_COLUMNS = {"rijk": "Rijk", "provincie": "Provincie", "waterschap": "Waterschap", "gemeente": "Gemeente"}

#: The government layer of each kind of organisation; maatschappelijk and private have none.
LAYER_OF_KIND: dict[str, str] = {
    "gemeente": "gemeente",
    "provincie": "provincie",
    "waterschap": "waterschap",
    "rijk": "rijk",
    "uitvoeringsorganisatie": "rijk",  # SVB, UWV, Belastingdienst, KVK, DUO: agencies of the Rijk
}
LAYER_NAMES: dict[str, Text] = {
    "rijk": Text(nl="het Rijk", en="the Rijk (central government)"),
    "provincie": Text(nl="de provincie", en="the province"),
    "waterschap": Text(nl="het waterschap", en="the water authority"),
    "gemeente": Text(nl="de gemeente", en="the municipality"),
}


def _joined(names: list[str], word: str) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"


@attrs.frozen
class Product:
    """One product of the UPL: its URI, its uniform name, the layers that offer it, for whom."""

    uri: str
    name: str
    layers: frozenset[str] = frozenset()
    citizens: bool = False
    businesses: bool = False

    @property
    def local_name(self) -> str:
        """The last part of the URI, e.g. `overlijdensaangifte`."""
        return self.uri.rsplit("/", 1)[-1]


@attrs.frozen
class UplList:
    """The UPL by URI, with a lookup for the nearest product to a URI it does not know."""

    products: Mapping[str, Product] = attrs.field(factory=dict)

    def __contains__(self, uri: object) -> bool:
        return uri in self.products

    def get(self, uri: str) -> Product | None:
        """The product with this URI, or None."""
        return self.products.get(uri)

    def nearest(self, uri: str) -> Product | None:
        """The product whose URI or name is closest to `uri` in spelling, if any is close enough."""
        tail = uri.rstrip("/").rsplit("/", 1)[-1]
        by_tail = {product.local_name.lower(): product for product in self.products.values()}
        found = difflib.get_close_matches(tail.lower(), list(by_tail), n=1, cutoff=0.6)
        if found:
            return by_tail[found[0]]
        words = re.sub(r"[_\-.]+", " ", tail).lower()
        by_name = {product.name.lower(): product for product in self.products.values()}
        found = difflib.get_close_matches(words, list(by_name), n=1, cutoff=0.6)
        return by_name[found[0]] if found else None


def parse_upl(text: str) -> UplList:
    """The UPL from the text of UPL-actueel.csv: one product per URI, its flags joined over the
    rows of its legal bases."""
    products: dict[str, Product] = {}
    for row in csv.DictReader(io.StringIO(text)):
        uri = (row.get("URI") or "").strip()
        name = (row.get("UniformeProductnaam") or "").strip()
        if not uri or not name:
            continue
        layers = frozenset(layer for layer, column in _LAYER_COLUMNS.items() if (row.get(column) or "").strip())
        product = Product(uri=uri, name=name, layers=layers, citizens=bool((row.get("Burger") or "").strip()),
                          businesses=bool((row.get("Bedrijf") or "").strip()))
        known = products.get(uri)
        if known is not None:
            product = attrs.evolve(known, layers=known.layers | product.layers, citizens=known.citizens or product.citizens,
                                   businesses=known.businesses or product.businesses)
        products[uri] = product
    return UplList(products=products)


@cache
def shipped_upl() -> UplList:
    """The UPL that ships with this plugin (read once)."""
    text = resources.files("dienstvisie_cpsv_ap").joinpath("data", "upl", "UPL-actueel.csv").read_text(encoding="utf-8")
    return parse_upl(text)


def _references(ctx: CheckContext) -> list[tuple[str, str, str | None]]:
    """(pointer, URI, step id) of every UPL reference in the service."""
    found: list[tuple[str, str, str | None]] = []
    if ctx.service.upl:
        found.append(("/upl", ctx.service.upl, None))
    for index, step in enumerate(ctx.service.steps):
        if step.upl:
            found.append((f"{ctx.step_pointer(index)}/upl", step.upl, step.id))
    return found


def make_checks(upl: UplList) -> tuple[Check, ...]:
    """The UPL checks, reading `upl`."""

    @define_check(
        id="UPL101",
        title=Text(nl="Onbekend UPL-product", en="Unknown UPL product"),
        rationale=Text(
            nl="Met de Uniforme Productnamenlijst (UPL) noemt elke overheid hetzelfde product bij dezelfde naam, zodat "
               "mensen en organisaties het terugvinden, waar ze ook aankloppen. Een verwijzing die niet in de UPL staat, "
               "verbindt de dienst met niets.",
            en="With the Uniforme Productnamenlijst (UPL, the Dutch uniform product list) every government calls the same "
               "product by the same name, so people and organisations find it wherever they knock. A reference that is "
               "not in the UPL links the service to nothing.",
        ),
        principles=("P1",),
        severity=Severity.INFO,
        suggestion=Text(
            nl="Gebruik de URI van een product uit de UPL (standaarden.overheid.nl), zoals "
               "http://standaarden.overheid.nl/owms/terms/overlijdensaangifte, of laat 'upl' weg.",
            en="Use the URI of a product in the UPL (standaarden.overheid.nl), such as "
               "http://standaarden.overheid.nl/owms/terms/overlijdensaangifte, or leave 'upl' out.",
        ),
        origin=ORIGIN,
        example_fail="steps:\n  - id: aangifte\n    upl: http://standaarden.overheid.nl/owms/terms/overlijdensaangift",
        example_pass="steps:\n  - id: aangifte\n    upl: http://standaarden.overheid.nl/owms/terms/overlijdensaangifte",
    )
    def unknown_product(ctx: CheckContext) -> Iterator[Outcome]:
        references = _references(ctx)
        if not references:
            yield skip(Text(nl="De dienst verwijst niet naar de UPL", en="The service refers to no UPL product"))
        for pointer, uri, step in references:
            if uri in upl:
                continue
            near = upl.nearest(uri)
            where_nl = f"stap '{step}'" if step else "de dienst"
            where_en = f"step '{step}'" if step else "the service"
            if near is None:
                message = Text(nl=f"'{uri}' ({where_nl}) staat niet in de UPL",
                               en=f"'{uri}' ({where_en}) is not in the UPL")
            else:
                message = Text(
                    nl=f"'{uri}' ({where_nl}) staat niet in de UPL; bedoel je '{near.name}' ({near.uri})?",
                    en=f"'{uri}' ({where_en}) is not in the UPL; did you mean '{near.name}' ({near.uri})?",
                )
            yield fail(message, pointer=pointer, step=step)

    @define_check(
        id="UPL102",
        title=Text(nl="UPL-product bij een andere bestuurslaag", en="UPL product of another layer of government"),
        rationale=Text(
            nl="De UPL zegt welke bestuurslagen (Rijk, provincie, waterschap, gemeente) een product aanbieden. Staat een "
               "stap met een gemeentelijk product bij een organisatie van het Rijk, of andersom, dan klopt het product of "
               "de organisatie niet, en klopt iemand aan bij de verkeerde deur.",
            en="The UPL says which layers of government (Rijk, province, water authority, municipality) offer a product. "
               "When a step with a municipal product sits with an organisation of the Rijk, or the other way round, the "
               "product or the organisation is wrong, and people knock on the wrong door.",
        ),
        principles=("P1",),
        severity=Severity.MINOR,
        suggestion=Text(
            nl="Kies het UPL-product dat deze organisatie echt levert, of zet de stap bij de organisatie van de juiste "
               "bestuurslaag. Wijkt de UPL zelf af van de praktijk, leg dat dan uit onder 'explanations'.",
            en="Choose the UPL product this organisation really delivers, or place the step with the organisation of the "
               "right layer. If the UPL itself differs from practice, explain that under 'explanations'.",
        ),
        origin=ORIGIN,
        example_fail=("organisations:\n  - {id: svb, name: Sociale Verzekeringsbank, kind: uitvoeringsorganisatie}\n"
                      "steps:\n  - id: bijstand\n    organisation: svb\n    upl: http://standaarden.overheid.nl/owms/terms/bijstand"),
        example_pass=("organisations:\n  - {id: gemeente, name: Gemeente Utrecht, kind: gemeente}\n"
                      "steps:\n  - id: bijstand\n    organisation: gemeente\n    upl: http://standaarden.overheid.nl/owms/terms/bijstand"),
    )
    def other_layer(ctx: CheckContext) -> Iterator[Outcome]:
        applicable = False
        for index, step in enumerate(ctx.service.steps):
            product = upl.get(step.upl) if step.upl else None
            if product is None or not product.layers:
                continue
            try:
                organisation = ctx.service.organisation(step.organisation)
            except KeyError:
                continue
            layer = LAYER_OF_KIND.get(organisation.kind)
            if layer is None:
                continue
            applicable = True
            if layer in product.layers:
                continue
            offered = [LAYER_NAMES[name] for name in LAYERS if name in product.layers]
            yield fail(Text(
                nl=f"Stap '{step.id}' levert het UPL-product '{product.name}'; volgens de UPL biedt "
                   f"{_joined([t.get('nl') for t in offered], 'of')} dat aan, maar {organisation.name} "
                   f"({organisation.kind}) hoort bij {LAYER_NAMES[layer].get('nl')}",
                en=f"Step '{step.id}' delivers the UPL product '{product.name}', which the UPL lists for "
                   f"{_joined([t.get('en') for t in offered], 'or')}; but {organisation.name} "
                   f"({organisation.kind}) belongs to {LAYER_NAMES[layer].get('en')}",
            ), pointer=f"{ctx.step_pointer(index)}/upl", step=step.id)
        if not applicable:
            yield skip(Text(nl="Geen stap met een UPL-product bij een overheidsorganisatie",
                            en="No step with a UPL product at a government organisation"))

    return (unknown_product, other_layer)
