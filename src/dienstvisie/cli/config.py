"""Project configuration: `[tool.dienstvisie]` in pyproject.toml, or a `dienstvisie.toml`.

Looked up from the current folder upwards; the first file that has a dienstvisie section wins.
Command-line flags override what the file says.

    [tool.dienstvisie]
    select = ["ALL"]
    ignore = ["DV403"]
    fail-on = "major"
    lang = "en"
    vision = "gezamenlijke-dienstverlening"
    severity = { DV602 = "info" }
    check-timeout = 10        # seconds one check may take on one service; 0: no limit
    preview = true            # also run the checks whose status is preview
    extend-exclude = ["tests/corpus/broken"]   # .gitignore-style, relative to this file's folder
    # exclude = [...]         # replaces the default list (build/, dist/, node_modules/ …)
    respect-gitignore = true  # leave out what .gitignore files leave out (the default)
    require-assessment = true # open guiding questions fail instead of needing review
    output-format = "concise" # the text report's form: "full" (the default) or "concise"
    theme-css = ["huisstijl/tokens.css", "huisstijl/dienstvisie.css"]   # HTML reports: house style, embedded
    logo = "huisstijl/logo.svg"
    logo-alt = "Gemeente Voorbeeld"
    theme-class = "voorbeeld-theme"
"""

from __future__ import annotations

import math
import os
import tomllib
from pathlib import Path
from typing import Any

import attrs

from ..errors import DienstvisieError
from ..i18n import Section, TranslatedError
from ..model.check import Severity
from ..model.text import LANGUAGES, Language

_KEYS = {"select", "ignore", "severity", "fail-on", "lang", "vision", "plugins", "rules", "check-timeout", "preview",
         "exclude", "extend-exclude", "respect-gitignore", "require-assessment", "output-format",
         "theme-css", "logo", "logo-alt", "theme-class"}


class ConfigError(TranslatedError, DienstvisieError):
    """The configuration file is unreadable or has a wrong key or value (exit code 2); its text is a
    message of the catalogue's section "config"."""

    section = Section("config")


@attrs.frozen
class Config:
    """Settings from a configuration file; None means 'not set'."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = attrs.field(factory=dict)
    fail_on: Severity | None = None
    lang: Language | None = None
    vision: str | None = None
    plugins: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    check_timeout: float | None = None  # seconds; 0 means no limit
    preview: bool = False
    exclude: tuple[str, ...] | None = None  # None: the default list
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool | None = None
    require_assessment: bool = False
    output_format: str | None = None  # "full" or "concise"; None: the default (full)
    theme_css: tuple[str, ...] = ()  # relative to the file's folder, resolved
    logo: str | None = None
    logo_alt: str | None = None
    theme_class: str | None = None
    path: str | None = None

    @property
    def folder(self) -> str:
        """The folder the file's paths and patterns are relative to (the current one without a file)."""
        return os.path.dirname(self.path) or "." if self.path else "."


_MAX_CONFIG_BYTES = 1024 * 1024


def _section(path: Path) -> dict[str, Any] | None:
    from ..documents.bounded_read import Stalled, read_bounded

    try:  # bounded as a document is: a named pipe or /dev/zero as --config cannot hang the run
        raw, _ = read_bounded(str(path), _MAX_CONFIG_BYTES)
        if len(raw) > _MAX_CONFIG_BYTES:
            raise ConfigError("too_large", file=path, limit=_MAX_CONFIG_BYTES)
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except Stalled as error:
        raise ConfigError("unreadable", file=path, reason=error) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError("unreadable", file=path, reason=error) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError("toml", file=path, reason=error) from None
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("dienstvisie")
        return section if isinstance(section, dict) else None
    return data.get("tool", {}).get("dienstvisie", data) if "tool" in data else data


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest dienstvisie.toml, or pyproject.toml with a [tool.dienstvisie] section."""
    folder = Path(start or Path.cwd()).resolve()
    for candidate_folder in (folder, *folder.parents):
        for name in ("dienstvisie.toml", "pyproject.toml"):
            candidate = candidate_folder / name
            if candidate.is_file() and (name == "dienstvisie.toml" or _section(candidate) is not None):
                return candidate
    return None


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError("strings", file=path, key=key)
    return tuple(value)


def _severity(path: Path, key: str, value: Any) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        allowed = ", ".join(s.value for s in Severity)
        raise ConfigError("severity", file=path, key=key, value=repr(value), allowed=allowed) from None


def check_timeout_value(value: Any) -> float:
    """A per-check time limit in seconds, from a number or the text of a command-line flag:
    finite and at least 0 (0 means no limit). ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"not a number of seconds: {value!r}")
    seconds = float(value)
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"not a number of seconds from 0 up: {value!r}")
    return seconds


def _check_timeout(path: Path, value: Any) -> float:
    try:
        if isinstance(value, str):  # TOML has numbers: "10" is a mistake worth naming
            raise ValueError(value)
        return check_timeout_value(value)
    except ValueError:
        raise ConfigError("check_timeout", file=path, value=repr(value)) from None


def load_config(path: str | os.PathLike[str]) -> Config:
    """The configuration in `path`; ConfigError for anything unknown or malformed."""
    file = Path(path)
    section = _section(file) or {}
    unknown = sorted(set(section) - _KEYS)
    if unknown:
        raise ConfigError("unknown", file=file, unknown=", ".join(unknown), known=", ".join(sorted(_KEYS)))
    severity_table = section.get("severity", {})
    if not isinstance(severity_table, dict):
        raise ConfigError("severity_table", file=file)
    lang = section.get("lang")
    if lang is not None and lang not in LANGUAGES:
        raise ConfigError("lang", file=file, allowed=", ".join(LANGUAGES))
    vision = section.get("vision")
    if vision is not None and not isinstance(vision, str):
        raise ConfigError("vision", file=file)
    preview = section.get("preview", False)
    if not isinstance(preview, bool):
        raise ConfigError("boolean", file=file, key="preview")
    gitignore = section.get("respect-gitignore")
    if gitignore is not None and not isinstance(gitignore, bool):
        raise ConfigError("boolean", file=file, key="respect-gitignore")
    require_assessment = section.get("require-assessment", False)
    if not isinstance(require_assessment, bool):
        raise ConfigError("boolean_value", file=file, key="require-assessment", value=repr(require_assessment))
    output_format = section.get("output-format")
    if output_format is not None and output_format not in ("full", "concise"):
        raise ConfigError("output_format", file=file, value=repr(output_format))
    base = file.parent
    for key in ("logo", "logo-alt", "theme-class"):
        if key in section and not isinstance(section[key], str):
            raise ConfigError("string", file=file, key=key)
    return Config(
        select=_strings(file, "select", section["select"]) if "select" in section else None,
        ignore=_strings(file, "ignore", section.get("ignore", [])),
        severity={key: _severity(file, f"severity.{key}", value) for key, value in severity_table.items()},
        fail_on=_severity(file, "fail-on", section["fail-on"]) if "fail-on" in section else None,
        lang=lang,
        vision=vision,
        plugins=_strings(file, "plugins", section.get("plugins", [])),
        rules=tuple(str(base / rule) for rule in _strings(file, "rules", section.get("rules", []))),
        check_timeout=_check_timeout(file, section["check-timeout"]) if "check-timeout" in section else None,
        preview=preview,
        exclude=_strings(file, "exclude", section["exclude"]) if "exclude" in section else None,
        extend_exclude=_strings(file, "extend-exclude", section.get("extend-exclude", [])),
        respect_gitignore=gitignore,
        require_assessment=require_assessment,
        output_format=output_format,
        theme_css=tuple(str(base / css) for css in _strings(file, "theme-css", section.get("theme-css", []))),
        logo=str(base / section["logo"]) if "logo" in section else None,
        logo_alt=section.get("logo-alt"), theme_class=section.get("theme-class"),
        path=str(file),
    )
