"""Plugin mistakes that pluggy lets pass without a word, found once every plugin is registered.

pluggy accepts a hook implementation whose name is no hook (`dienstvisie_check` for
`dienstvisie_checks`) and would only complain in `PluginManager.check_pending()`, which raises at the
first one it meets. dienstvisie applies the same rule to every implementation of every plugin and
reports each mistake as a plugin failure, so one plugin's typo names that plugin and stops nothing.

Two more mistakes leave a function that is never called:

- a hook wrapper (`hookwrapper=True` or `wrapper=True`): dienstvisie calls each implementation on
  its own, so that one faulty plugin cannot take the others down, and there is no call of all
  implementations together for a wrapper to wrap. Wrappers are refused with a message, not run;
- a function with the exact name of a hook but without `@dienstvisie.hookimpl`.

An implementation marked `@hookimpl(optionalhook=True)` may name a hook this version lacks (one a
newer dienstvisie adds): that is pluggy's rule, and it is kept.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

import attrs
import pluggy


@attrs.frozen
class HookMistake:
    """One mistake: the plugin, the hook name it used, and what is wrong and what to do."""

    plugin: str
    hook: str
    message: str


def unknown_hook_message(name: str, hooks: Sequence[str]) -> str:
    """Why `name` is never called, with the nearest real hook name (or every hook name)."""
    found = difflib.get_close_matches(name, hooks, n=1, cutoff=0.6)
    guess = found[0] if found else None
    hint = f"did you mean '{guess}'?" if guess else f"the hooks are: {', '.join(sorted(hooks))}"
    return (f"'{name}' is not a dienstvisie hook, so it is never called; {hint} "
            "(mark it @hookimpl(optionalhook=True) if it is meant for a newer dienstvisie)")


WRAPPER_MESSAGE = (
    "hook wrappers (hookwrapper=True, wrapper=True) are not supported: dienstvisie calls each "
    "implementation on its own, so there is nothing to wrap and the wrapper is never called; "
    "implement the hook plainly"
)


def unmarked_message(name: str) -> str:
    """Why a function with a hook's name but no marker is never called."""
    return f"'{name}' is not marked with @dienstvisie.hookimpl, so it is never called"


def _attribute(plugin: object, name: str) -> object:
    try:
        return getattr(plugin, name, None)
    except Exception:  # a plugin object whose attributes raise: nothing to say about them here
        return None


def hook_mistakes(manager: pluggy.PluginManager, hooks: Sequence[str]) -> Iterator[HookMistake]:
    """Every misspelt hook, hook wrapper and unmarked hook function of the registered plugins, in
    registration order. `hooks` is the names of the hook specifications."""
    for name, plugin in manager.list_name_plugin():
        if plugin is None:
            continue
        for caller in manager.get_hookcallers(plugin) or []:
            own = [impl for impl in caller.get_hookimpls() if impl.plugin is plugin]
            if not caller.has_spec():
                if not all(impl.optionalhook for impl in own):
                    yield HookMistake(name, caller.name, unknown_hook_message(caller.name, hooks))
                continue
            if any(impl.hookwrapper or impl.wrapper for impl in own):
                yield HookMistake(name, caller.name, WRAPPER_MESSAGE)
        for hook in hooks:
            if callable(_attribute(plugin, hook)) and manager.parse_hookimpl_opts(plugin, hook) is None:
                yield HookMistake(name, hook, unmarked_message(hook))
