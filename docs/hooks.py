"""MkDocs hooks for the dienstvisie site (named in mkdocs.yml; not a page: excluded from the docs).

1. The generated pages (checks, principles, the service-concept reference) must be up to date:
   a stale one is a warning, so `mkdocs build --strict` fails (`python tools/docs_gen.py`
   rewrites them).
2. The pages link to files outside docs/ (`../schemas/service.schema.json`, `../examples`, the
   example plugins' READMEs) so that they work on a code-hosting site. The site carries copies of
   those files under `repo/` (a folder becomes a page listing its files) and the links are
   rewritten to point there, so every link of the built site resolves and strict mode stays quiet.
3. Every schema of src/dienstvisie/schemas is served at its `$id` (`schemas/service/2.json` for
   `https://dienstvisie.nl/schemas/service/2.json`, the site's `site_url`), so an editor that
   follows a document's `yaml-language-server` modeline or a Schema Store entry finds it. A schema
   whose `$id` is not on this site is a warning (the build fails in strict mode).
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.dienstvisie")

ROOT = Path(__file__).resolve().parent.parent
REPO = "repo"  # where the site keeps its copies of repository files
_LINK = re.compile(r"(\]\()([^)\s#]+)((?:#[^)\s]*)?\))")
_SKIP = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.IGNORECASE)
_SUFFIXES = {".json", ".yaml", ".yml", ".md", ".toml", ".txt"}

_outside: dict[str, str] = {}  # repository path -> site path of its copy


def on_pre_build(config: MkDocsConfig) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from docs_gen import outdated

    for name in outdated(Path(config["docs_dir"])):
        log.warning("docs/%s is out of date with the code: run `python tools/docs_gen.py`", name)


def _repo_path(site_src: str) -> str:
    """The repository path of a page: docs pages live in docs/, copies under repo/ came from elsewhere."""
    if site_src.startswith(REPO + "/"):
        return site_src[len(REPO) + 1:]
    return "docs/" + site_src


def _target(page_repo_path: str, link: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_repo_path), link))


def _site_path(repo_path: str) -> str | None:
    """Where a repository path is on the site, or None when the site does not have it."""
    if repo_path == "README.md":
        return "index.md"
    if repo_path.startswith("docs/"):
        return repo_path[len("docs/"):]
    return _outside.get(repo_path)


def _add(files: Files, config: MkDocsConfig, repo_path: str) -> None:
    """A copy of a repository file (or, for a folder, a page listing its files) on the site."""
    if repo_path in _outside or repo_path.startswith("docs/") or repo_path == "README.md":
        return
    source = ROOT / repo_path
    if source.is_file() and source.suffix in _SUFFIXES:
        _outside[repo_path] = f"{REPO}/{repo_path}"
        files.append(File.generated(config, f"{REPO}/{repo_path}", abs_src_path=str(source)))
        if source.suffix == ".md":
            _scan(files, config, repo_path, source.read_text(encoding="utf-8"))
    elif source.is_dir():
        members = sorted(p for p in source.iterdir() if p.is_file() and p.suffix in _SUFFIXES)
        index = f"{REPO}/{repo_path}/index.md"
        _outside[repo_path] = index
        lines = [f"# {repo_path}/", "", f"The files in `{repo_path}/` of the dienstvisie repository:", ""]
        for member in members:
            member_path = f"{repo_path}/{member.name}"
            _add(files, config, member_path)
            lines.append(f"- [{member.name}]({member.name})")
        files.append(File.generated(config, index, content="\n".join(lines) + "\n"))


def _scan(files: Files, config: MkDocsConfig, page_repo_path: str, markdown: str) -> None:
    for match in _LINK.finditer(markdown):
        link = match.group(2)
        if _SKIP.match(link):
            continue
        target = _target(page_repo_path, link)
        if not target.startswith("..") and _site_path(target) is None:
            _add(files, config, target)


SCHEMAS = ROOT / "src" / "dienstvisie" / "schemas"


def schema_paths(site_url: str) -> dict[str, Path]:
    """The site path of every shipped schema (from its `$id`), or a warning for one not on the site."""
    paths: dict[str, Path] = {}
    base = site_url if site_url.endswith("/") else site_url + "/"
    for schema in sorted(SCHEMAS.glob("*.schema.json")):
        schema_id = str(json.loads(schema.read_text(encoding="utf-8")).get("$id", ""))
        if not schema_id.startswith(base) or not schema_id.endswith(".json"):
            log.warning("%s: $id %r is not an address on the site (%s)", schema.name, schema_id, base)
            continue
        paths[schema_id[len(base):]] = schema
    return paths


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for site_path, schema in schema_paths(config["site_url"] or "").items():
        files.append(File.generated(config, site_path, abs_src_path=str(schema)))
    _outside.clear()
    for file in list(files):
        if file.src_uri.endswith(".md") and file.abs_src_path:
            _scan(files, config, _repo_path(file.src_uri), Path(file.abs_src_path).read_text(encoding="utf-8"))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files, **_: Any) -> str:
    page_repo_path = _repo_path(page.file.src_uri)

    def rewrite(match: re.Match[str]) -> str:
        link = match.group(2)
        if _SKIP.match(link):
            return match.group(0)
        site = _site_path(_target(page_repo_path, link))
        if site is None:
            return match.group(0)
        relative = posixpath.relpath(site, posixpath.dirname(page.file.src_uri) or ".")
        return f"{match.group(1)}{relative}{match.group(3)}"

    return _LINK.sub(rewrite, markdown)
