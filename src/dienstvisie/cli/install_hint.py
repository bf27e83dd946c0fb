"""Which plugin brings a missing report format, input format or vision, and a command that installs it.

The example plugins are not on any package index: they live in this repository's `plugins/`
folder. So a hint names a command that works where the reader is: `pip install ./plugins/NAME`
when that folder is at hand (in a checkout, from its root, or beside the installed sources of an
editable install), else pip's form for a folder of a git repository, with the repository address
from dienstvisie's own metadata (`Project-URL: Source`).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..i18n import Section
from ..model.text import Language

PLUGINS_FOLDER = "plugins"

PROVIDERS: dict[str, dict[str, str]] = {
    "format": {"xlsx": "dienstvisie-xlsx", "cpsv-ap": "dienstvisie-cpsv-ap", "cpsv-ap-turtle": "dienstvisie-cpsv-ap"},
    "import": {"cpsv-ap": "dienstvisie-cpsv-ap"},
    "vision": {"nora": "dienstvisie-nora"},
}
"""What each example plugin adds, by kind: the name on the command line → the plugin's distribution."""

_WORDS = Section("install-hint")
"""`_WORDS[key][lang]`, a text: section "install-hint" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""


def source_repository() -> str | None:
    """The address of dienstvisie's repository from the installed metadata, if it names one."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("dienstvisie").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in ("source", "repository") and url.strip():
            return url.strip()
    return None


def _local_folder(distribution: str) -> str | None:
    """`plugins/NAME` as a path pip can install, if that folder exists here or beside the sources."""
    here = Path.cwd()
    candidates = [here / PLUGINS_FOLDER / distribution,
                  Path(__file__).resolve().parents[3] / PLUGINS_FOLDER / distribution]
    for folder in candidates:
        if (folder / "pyproject.toml").is_file():
            try:
                relative = folder.relative_to(here)
            except ValueError:
                return str(folder)
            return "." + os.sep + str(relative)
    return None


def install_command(distribution: str) -> str:
    """A pip command that installs the example plugin `distribution` from where it can be had."""
    folder = _local_folder(distribution)
    if folder is not None:
        return f"pip install {folder}"
    repository = source_repository()
    if repository is not None:
        return f'pip install "git+{repository.rstrip("/")}#subdirectory={PLUGINS_FOLDER}/{distribution}"'
    return f"pip install ./{PLUGINS_FOLDER}/{distribution}  (from a dienstvisie checkout)"


def provider(kind: str, name: str) -> str | None:
    """The example plugin that adds `name` of this kind (format, import, vision), if one does."""
    return PROVIDERS.get(kind, {}).get(name)


def install_hint(kind: str, name: str, lang: Language) -> str | None:
    """'`name` comes from the plugin …; install it with: …', or None when no example plugin adds it."""
    distribution = provider(kind, name)
    if distribution is None:
        return None
    return _WORDS["install"][lang].format(name=name, plugin=distribution, command=install_command(distribution))


def importers_hint(lang: Language) -> str:
    """Where input formats come from, when none is installed at all."""
    distribution = PROVIDERS["import"]["cpsv-ap"]
    return _WORDS["any_import"][lang].format(plugin=distribution, command=install_command(distribution))
