"""argparse's own words ("usage:", "the following arguments are required: …") in the language asked for.

argparse asks gettext for them through its module's `_` and `ngettext`. While the command line builds
and parses its arguments (not while the command runs), those two answer from section "argparse" of the
interface's catalogues (English message ids, as argparse asks; a message a newer Python adds and the
catalogue lacks stays English), and afterwards they are put back. One thread at a time: a second
caller waits, so overlapping calls cannot leave argparse changed. A program that embeds the command
line and builds its own parsers in another thread at that very moment would get Dutch words there too.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator

from ..i18n import translation
from ..model.text import Language


_ONE_AT_A_TIME = threading.RLock()  # re-entrant: `completion` builds the parser again inside a run


@contextlib.contextmanager
def argparse_speaking(lang: Language) -> Iterator[None]:
    """Within the block, argparse's messages come in `lang`."""
    import argparse

    catalogue = translation(lang)
    with _ONE_AT_A_TIME:
        saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
        argparse._ = functools.partial(catalogue.pgettext, "argparse")  # type: ignore[attr-defined]
        argparse.ngettext = functools.partial(catalogue.npgettext, "argparse")  # type: ignore[attr-defined]
        try:
            yield
        finally:
            argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
