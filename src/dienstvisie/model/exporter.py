"""An output format: a name for `--format` and a function that renders a check run."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from .run import CheckRun
from .text import Language, Text

RenderFunction = Callable[[CheckRun, Language], "str | bytes"]


@attrs.frozen
class Exporter:
    """A report format. `render(run, lang)` returns text (str) or, for binary formats, bytes.

    Exporters write nothing themselves: the command line writes their result atomically.
    """

    name: str
    title: Text
    suffix: str
    media_type: str
    render: RenderFunction = attrs.field(eq=False, repr=False)
