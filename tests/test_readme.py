"""The README as PyPI shows it: every link absolute and pointing at something that exists; the
first command installs what the tour uses. (.ci/run runs the tour itself, with the built wheels:
.ci/readme_tour.py.)"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SITE = "https://dienstvisie.nl/"
REPOSITORY = "https://github.com/dienstvisie/dienstvisie/"

sys.path.insert(0, str(ROOT / ".ci"))
from readme_tour import tour_commands  # noqa: E402


def _links() -> list[str]:
    links: list[str] = []
    for token in MarkdownIt().parse(README):
        for child in token.children or []:
            if child.type == "link_open":
                links.append(str(child.attrs["href"]))
            if child.type == "image":
                links.append(str(child.attrs["src"]))
    return links


def _nav_pages() -> set[str]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    pages: set[str] = set()

    def walk(item: object) -> None:
        if isinstance(item, str):
            pages.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(config["nav"])
    return pages


def test_every_link_is_absolute_and_leads_somewhere_that_exists() -> None:
    links = _links()
    assert len(links) >= 10
    pages = _nav_pages()
    for link in links:
        assert link.startswith("https://"), f"{link}: relative links break on PyPI"
        if link.startswith(SITE):
            page = link[len(SITE):].split("#")[0] or "index.html"
            source = re.sub(r"\.html$", ".md", page)
            assert (ROOT / "docs" / source).is_file() and source in pages, link
        elif link.startswith(REPOSITORY):
            match = re.fullmatch(r"(?:tree|blob)/main/(.+)", link[len(REPOSITORY):])
            assert match and (ROOT / match.group(1)).exists(), link


def test_the_first_command_installs_the_core_and_every_example_plugin() -> None:
    section = README.split("## Try it on a fresh machine", 1)[1]
    first = re.search(r"```sh\n(.*?)\n```", section, re.DOTALL)
    assert first is not None
    words = shlex.split(first.group(1))
    install = words[words.index("install") + 1: words.index("&&", words.index("install"))]
    assert "." in install
    plugins = sorted(path.name for path in (ROOT / "plugins").iterdir() if (path / "pyproject.toml").is_file())
    assert len(plugins) == 4
    globbed = [word for word in install if "*" in word]
    named = {Path(word).name for word in install if word.startswith("./plugins/") and "*" not in word}
    covered = set(named)
    for pattern in globbed:
        covered |= {path.name for path in ROOT.glob(pattern.removeprefix("./"))}
    assert covered == set(plugins)


def test_the_tour_reads_only_files_the_repository_has() -> None:
    commands = tour_commands(README)
    assert len(commands) >= 20
    written: set[str] = set()
    for command in commands:
        words = shlex.split(command, comments=True)
        for index, word in enumerate(words):
            if words[index - 1] in ("-o", ">") or word.startswith("-") or word in ("&&", "<", ">"):
                if words[index - 1] in ("-o", ">"):
                    written.add(word)
                continue
            if re.search(r"\.(ya?ml|json|jsonld|ttl)$|/$", word):
                assert word in written or (ROOT / word).exists(), f"{command}: {word} is not in the repository"
    used = " ".join(commands)
    for plugin_feature in ("--format xlsx", "--vision nora", "import cpsv-ap", "--rules"):
        assert plugin_feature in used
