"""Read any dienstvisie document from a file, told apart by its format key, for `dienstvisie validate`.

Here, above both, because a rule set is read by the plugin layer's rule-set reader
(plugins/rulesets.py) and the other kinds by documents/load.py: documents/ itself knows no plugin.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ..documents.load import _validated, parse, read_text
from ..documents.structure import structure, structure_service, structure_vision
from ..documents.validate import service_reference_problems, vision_reference_problems
from ..model.document import Document
from ..model.vocabulary import Vocabulary
from ..plugins.rulesets import validated_ruleset


def read_document(path: str | os.PathLike[str]) -> Document[Any]:
    """Any dienstvisie document from a file: a service concept, or a vision, rule set or vocabulary,
    told apart by their format keys (`dienstvisie_vision`, `dienstvisie_ruleset`, `dienstvisie_vocabulary`)."""
    name = os.fspath(path)
    parsed = parse(read_text(path), name)
    keys = parsed.data if isinstance(parsed.data, Mapping) else {}
    if "dienstvisie_vision" in keys:
        return _validated(parsed, name, "vision", vision_reference_problems, structure_vision)
    if "dienstvisie_vocabulary" in keys:
        return _validated(parsed, name, "vocabulary", lambda data: [], lambda data: structure(data, Vocabulary))
    if "dienstvisie_ruleset" in keys:
        return validated_ruleset(parsed, name)
    return _validated(parsed, name, "service", service_reference_problems, structure_service)
