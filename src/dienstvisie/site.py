"""Where dienstvisie lives on the web: the documentation site and the addresses on it.

One base for everything a tool or editor follows: the schemas' `$id`s
(`https://dienstvisie.nl/schemas/service/2.json`), mkdocs.yml's `site_url`, the SARIF
`informationUri` and each rule's `helpUri`. The docs site serves the schemas at their `$id`s
(docs/hooks.py), so an editor that follows a modeline finds them; tests keep these in step.
"""

from __future__ import annotations

from .model.text import Language

SITE_URL = "https://dienstvisie.nl/"

# the generated checks pages (docs/checks.md, docs/checks.en.md); the site has no directory URLs
_CHECKS_PAGE: dict[Language, str] = {"nl": "checks.html", "en": "checks.en.html"}


def check_help_uri(check_id: str, lang: Language) -> str:
    """The section of the checks page that explains a built-in check (its heading is the id)."""
    return f"{SITE_URL}{_CHECKS_PAGE[lang]}#{check_id.lower()}"


def schema_url(name: str) -> str:
    """The `$id` of a schema that ships with dienstvisie (`service` → …/schemas/service/2.json): read
    from the schema itself, so a new version of a schema moves every link to it."""
    from .schemas import load_schema

    return str(load_schema(name)["$id"])
