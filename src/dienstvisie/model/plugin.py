"""What is recorded about plugins: faults, and what `dienstvisie plugins` shows."""

from __future__ import annotations

import attrs


@attrs.frozen
class PluginFailure:
    """A plugin that could not be loaded, or a hook of it that raised or returned nonsense."""

    plugin: str
    hook: str
    message: str


@attrs.frozen
class PluginInfo:
    """One registered plugin: its origin (builtin, entry point, module), version and hooks."""

    name: str
    origin: str
    version: str | None
    hooks: tuple[str, ...]
