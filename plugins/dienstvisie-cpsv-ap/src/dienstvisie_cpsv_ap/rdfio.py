"""Reading and writing RDF without ever touching the network.

- Files are read with a size limit and must be UTF-8; malformed JSON-LD or Turtle is a
  `DocumentError` with the line where the parser stopped (exit 1, no traceback). Triples and JSON
  nodes are counted as they are read, with limits of their own (see bounded.py).
- A JSON-LD `@context` that names the CPSV-AP context (or any `…/cpsv-ap.jsonld`) is replaced by
  the local copy shipped in data/cpsv_ap/ *before* rdflib sees the document; any other remote
  context, and `@import`, is refused with a clear error instead of being fetched.
- JSON-LD is written by hand from the graph, in the style of the specification's own example: the
  CPSV-AP context plus the prefixes, class names from the context (`PublicService`), properties as
  prefixed names, nodes in a stable order, so the same service gives the same bytes.
"""

from __future__ import annotations

import json
import os
import re
import stat
import warnings
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dienstvisie import DocumentError, Location, Problem, SourceError, Text

from .bounded import MAX_JSON_NODES, MAX_TRIPLES, TooLarge, count_json_nodes, counting_store, limit
from .vocab import CONTEXT_URL, PREFIXES, RDF

if TYPE_CHECKING:
    from rdflib import Graph

MAX_BYTES = 10 * 1024 * 1024
_JSON_SUFFIXES = (".jsonld", ".json", ".json-ld")
_TURTLE_SUFFIXES = (".ttl", ".turtle", ".n3", ".nt")


@cache
def local_context() -> dict[str, Any]:
    """The `@context` object of the CPSV-AP 3.2.0 context file shipped with the plugin."""
    text = resources.files("dienstvisie_cpsv_ap").joinpath("data", "cpsv_ap", "cpsv-ap.jsonld").read_text(encoding="utf-8")
    context: dict[str, Any] = json.loads(text)["@context"]
    return context


def _problem(file: str, code: str, message: Text, line: int | None = None, hint: Text | None = None) -> DocumentError:
    return DocumentError(file, [Problem(code, message, Location(file=file, line=line), hint)])


def read_source(path: str, max_bytes: int | None = None) -> str:
    """The text of an RDF file: SourceError when it cannot be read (missing, a folder, too large),
    DocumentError when it is binary or not UTF-8."""
    configured = os.environ.get("DIENSTVISIE_MAX_BYTES", "")
    limit = max_bytes or (int(configured) if configured.isdigit() and int(configured) > 0 else MAX_BYTES)
    file = Path(path)
    try:
        if file.is_dir():
            raise SourceError(path, "is een map, geen bestand", "is a folder, not a file")
        # O_NONBLOCK: opening a FIFO that someone named *.ttl must not wait for a writer forever
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise SourceError(path, "geen gewoon bestand", "not a regular file")
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise SourceError(path, "bestand bestaat niet", "file does not exist") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise SourceError(path, f"kan niet lezen: {reason}", f"cannot read: {reason}") from None
    except ValueError as error:  # a name with a NUL character, which no file system allows
        raise SourceError(path, f"kan niet lezen: {error}", f"cannot read: {error}") from None
    if len(raw) > limit:
        raise SourceError(path, f"groter dan {limit} bytes", f"larger than {limit} bytes")
    if b"\x00" in raw:
        raise _problem(path, "cpsv.binary", Text(nl="dit is een binair bestand, geen JSON-LD of Turtle",
                                                 en="this is a binary file, not JSON-LD or Turtle"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _problem(path, "cpsv.encoding", Text(nl="geen geldige UTF-8-tekst", en="not valid UTF-8 text"), line) from None


def syntax_of(path: str, text: str) -> str:
    """`json-ld` or `turtle`: by the file's suffix, else by its first character."""
    lowered = path.lower()
    if lowered.endswith(_JSON_SUFFIXES):
        return "json-ld"
    if lowered.endswith(_TURTLE_SUFFIXES):
        return "turtle"
    return "json-ld" if text.lstrip()[:1] in ("{", "[") else "turtle"


def _is_cpsv_context(url: str) -> bool:
    return url == CONTEXT_URL or url.rstrip("/").lower().endswith("/cpsv-ap.jsonld")


def _localise(node: Any, path: str, notes: list[Text]) -> Any:
    """The JSON-LD document with every `@context` (at any depth, scoped contexts in term definitions
    too) made local: the CPSV-AP context becomes the shipped copy; any other remote context, and
    `@import`, is refused. rdflib then has nothing to fetch."""
    if isinstance(node, list):
        return [_localise(item, path, notes) for item in node]
    if not isinstance(node, dict):
        return node
    if "@import" in node:
        raise _problem(path, "cpsv.remote_context", Text(
            nl="'@import' in een JSON-LD-context wordt niet ondersteund: dienstvisie haalt niets van het netwerk",
            en="'@import' in a JSON-LD context is not supported: dienstvisie never fetches anything from the network"))
    return {key: _context_reference(value, path, notes) if key == "@context" else _localise(value, path, notes)
            for key, value in node.items()}


def _context_reference(value: Any, path: str, notes: list[Text]) -> Any:
    """The value of one `@context`: a web address, an object, or a list of them."""
    if isinstance(value, list):
        return [_context_reference(item, path, notes) for item in value]
    if isinstance(value, str):
        if _is_cpsv_context(value):
            if value != CONTEXT_URL:
                notes.append(Text(
                    nl=f"de JSON-LD-context {value} is gelezen als de meegeleverde context van CPSV-AP 3.2.0",
                    en=f"the JSON-LD context {value} was read as the shipped context of CPSV-AP 3.2.0"))
            return local_context()
        raise _problem(path, "cpsv.remote_context", Text(
            nl=f"de JSON-LD-context '{value}' staat op het netwerk; dienstvisie haalt niets van het netwerk",
            en=f"the JSON-LD context '{value}' is on the network; dienstvisie never fetches anything from the network"),
            hint=Text(nl="Neem de context op in het bestand zelf, of verwijs naar de context van CPSV-AP 3.2.0.",
                      en="Put the context in the file itself, or refer to the context of CPSV-AP 3.2.0."))
    return _localise(value, path, notes)


def parse_graph(text: str, path: str, syntax: str | None = None) -> tuple[Graph, list[Text]]:
    """The RDF graph in `text` (JSON-LD or Turtle) and notes on how it was read. DocumentError when
    the text is not valid in its syntax. Nothing is fetched: see the module docstring."""
    from rdflib import Graph

    syntax = syntax or syntax_of(path, text)
    notes: list[Text] = []
    store = counting_store(limit("DIENSTVISIE_MAX_TRIPLES", MAX_TRIPLES))
    graph = Graph(store=store)
    try:
        _parse_into(graph, text, path, syntax, notes)
    except (TooLarge, DocumentError) as error:
        if isinstance(error, DocumentError) and not store.exceeded:
            raise
        too_large = error if isinstance(error, TooLarge) else TooLarge("triples", store.maximum)
        raise _too_large(path, too_large) from None
    if store.exceeded:  # a parser that swallowed the stop
        raise _too_large(path, TooLarge("triples", store.maximum))
    return graph, notes


def _too_large(path: str, error: TooLarge) -> DocumentError:
    variable = "DIENSTVISIE_MAX_TRIPLES" if error.what == "triples" else "DIENSTVISIE_MAX_JSON_NODES"
    what_nl = "triples (RDF-uitspraken)" if error.what == "triples" else "JSON-waarden"
    return _problem(path, "cpsv.too_large", Text(
        nl=f"meer dan {error.limit} {what_nl}: te groot om als dienstbeschrijving in te lezen",
        en=f"more than {error.limit} {error.what}: too large to read as a service description"),
        hint=Text(nl=f"Lees de diensten apart in, of verhoog de grens met {variable}.",
                  en=f"Import the services one by one, or raise the limit with {variable}."))


def _parse_into(graph: Graph, text: str, path: str, syntax: str, notes: list[Text]) -> None:
    if syntax == "json-ld":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise _problem(path, "cpsv.json", Text(nl=f"geen geldige JSON: {error.msg} (kolom {error.colno})",
                                                   en=f"not valid JSON: {error.msg} (column {error.colno})"), error.lineno) from None
        except RecursionError:
            raise _problem(path, "cpsv.json", Text(nl="de JSON is te diep genest", en="the JSON is nested too deeply")) from None
        if not isinstance(document, (dict, list)):
            raise _problem(path, "cpsv.json", Text(nl="JSON-LD moet een object of een lijst zijn",
                                                   en="JSON-LD must be an object or a list"))
        count_json_nodes(document, limit("DIENSTVISIE_MAX_JSON_NODES", MAX_JSON_NODES))
        try:
            local = _localise(document, path, notes)
            with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph
                warnings.simplefilter("ignore", DeprecationWarning)
                graph.parse(data=json.dumps(local), format="json-ld")
        except (DocumentError, TooLarge):
            raise
        except Exception as error:  # rdflib raises many kinds of error on malformed JSON-LD
            raise _problem(path, "cpsv.jsonld", Text(nl=f"geen geldige JSON-LD: {_reason(error)}",
                                                     en=f"not valid JSON-LD: {_reason(error)}")) from None
    else:
        try:
            graph.parse(data=text, format="turtle")
        except TooLarge:
            raise
        except Exception as error:  # BadSyntax and friends
            line = getattr(error, "lines", None)
            raise _problem(path, "cpsv.turtle", Text(nl=f"geen geldige Turtle: {_reason(error)}",
                                                     en=f"not valid Turtle: {_reason(error)}"),
                           line + 1 if isinstance(line, int) else None) from None


def _reason(error: BaseException) -> str:
    text = str(getattr(error, "_why", "") or error) or type(error).__name__
    text = re.sub(r"\s+", " ", text).strip()
    return text[:300]


# -- writing ---------------------------------------------------------------------------------------------

def _natural(text: str) -> tuple[Any, ...]:
    return tuple(int(part) if part.isascii() and part.isdigit() else part for part in re.split(r"([0-9]+)", text))


@cache
def _class_terms() -> dict[str, str]:
    """Class IRI → the term the CPSV-AP context gives it (`PublicService`); the first term wins,
    except that skos:Concept is `Concept` rather than `Code`."""
    terms: dict[str, str] = {}
    for term, value in local_context().items():
        if isinstance(value, str) and "." not in term and term not in ("Code", "Text", "Literal", "Double", "Duration"):
            terms.setdefault(value, term)
    return terms


def compact(iri: str) -> str:
    """A prefixed name for an IRI in one of the known namespaces, else the IRI itself."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", iri[len(namespace):]):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def to_jsonld(graph: Graph, first: str = "") -> str:
    """The graph as CPSV-AP JSON-LD text, deterministic: nodes whose IRI starts with `first` (the
    services themselves) come first, then the rest (code lists, places), each in natural IRI order."""
    from rdflib import BNode, Literal, URIRef

    rdf_type = URIRef(RDF + "type")
    classes = _class_terms()

    def value(node: Any) -> Any:
        if isinstance(node, Literal):
            if node.language:
                return {"@value": str(node), "@language": node.language}
            if node.datatype is not None and str(node.datatype) != "http://www.w3.org/2001/XMLSchema#string":
                return {"@value": str(node), "@type": compact(str(node.datatype))}
            return str(node)
        if isinstance(node, BNode):
            return {"@id": f"_:{node}"}
        return {"@id": str(node)}

    def sort_key(item: Any) -> str:
        return json.dumps(item, sort_keys=True, ensure_ascii=False)

    nodes = []
    def order(subject: Any) -> tuple[Any, ...]:
        return (not (first and str(subject).startswith(first)), _natural(str(subject)))

    for subject in sorted(set(graph.subjects()), key=order):
        node: dict[str, Any] = {"@id": f"_:{subject}" if isinstance(subject, BNode) else str(subject)}
        types = sorted(classes.get(str(t), compact(str(t))) for t in graph.objects(subject, rdf_type))
        if types:
            node["@type"] = types[0] if len(types) == 1 else types
        properties: dict[str, list[Any]] = {}
        for predicate, obj in graph.predicate_objects(subject):
            if predicate == rdf_type:
                continue
            properties.setdefault(compact(str(predicate)), []).append(value(obj))
        leading = ("dct:identifier", "dct:title", "dct:description")
        for name in sorted(properties, key=lambda n: (leading.index(n) if n in leading else len(leading), n)):
            values = sorted(properties[name], key=sort_key)
            node[name] = values[0] if len(values) == 1 else values
        nodes.append(node)
    document = {"@context": [CONTEXT_URL, dict(PREFIXES)], "@graph": nodes}
    return _escape_controls(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


# control characters that must not reach a file raw (a terminal showing it would obey them); they
# can only stand inside strings and IRIs, where JSON and Turtle both write them as \uXXXX
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _escape_controls(text: str) -> str:
    return _CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04X}", text)


def to_turtle(graph: Graph) -> str:
    """The graph as Turtle, with the usual prefixes; control characters escaped."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    text: str = _escape_controls(graph.serialize(format="turtle"))
    return text if text.endswith("\n") else text + "\n"
