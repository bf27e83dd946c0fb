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
"""

from __future__ import annotations

import math
import os
import tomllib
from pathlib import Path
from typing import Any

import attrs

from ..errors import DienstvisieError
from ..model.check import Severity
from ..model.text import LANGUAGES, Language

_KEYS = {"select", "ignore", "severity", "fail-on", "lang", "vision", "plugins", "rules", "check-timeout", "preview",
         "exclude", "extend-exclude", "respect-gitignore", "require-assessment"}


class ConfigError(DienstvisieError):
    """The configuration file is unreadable or has a wrong key or value (exit code 2)."""


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
            raise ConfigError(f"{path}: cannot be read: larger than {_MAX_CONFIG_BYTES} bytes")
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except Stalled as error:
        raise ConfigError(f"{path}: cannot be read: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot be read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
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
        raise ConfigError(f"{path}: '{key}' must be a list of strings")
    return tuple(value)


def _severity(path: Path, key: str, value: Any) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        allowed = ", ".join(s.value for s in Severity)
        raise ConfigError(f"{path}: '{key}' = {value!r} is not a severity; use one of: {allowed}") from None


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
        raise ConfigError(f"{path}: 'check-timeout' = {value!r} must be a number of seconds (0: no limit)") from None


def load_config(path: str | os.PathLike[str]) -> Config:
    """The configuration in `path`; ConfigError for anything unknown or malformed."""
    file = Path(path)
    section = _section(file) or {}
    unknown = sorted(set(section) - _KEYS)
    if unknown:
        raise ConfigError(f"{file}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}")
    severity_table = section.get("severity", {})
    if not isinstance(severity_table, dict):
        raise ConfigError(f"{file}: 'severity' must be a table of check id = severity")
    lang = section.get("lang")
    if lang is not None and lang not in LANGUAGES:
        raise ConfigError(f"{file}: 'lang' must be one of {', '.join(LANGUAGES)}")
    vision = section.get("vision")
    if vision is not None and not isinstance(vision, str):
        raise ConfigError(f"{file}: 'vision' must be a vision id")
    preview = section.get("preview", False)
    if not isinstance(preview, bool):
        raise ConfigError(f"{file}: 'preview' must be true or false")
    gitignore = section.get("respect-gitignore")
    if gitignore is not None and not isinstance(gitignore, bool):
        raise ConfigError(f"{file}: 'respect-gitignore' must be true or false")
    require_assessment = section.get("require-assessment", False)
    if not isinstance(require_assessment, bool):
        raise ConfigError(f"{file}: 'require-assessment' = {require_assessment!r} must be true or false")
    base = file.parent
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
        path=str(file),
    )
