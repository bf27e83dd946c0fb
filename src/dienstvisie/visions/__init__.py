"""The visions that ship with dienstvisie, as YAML data (one file per vision id)."""

DEFAULT_VISION_ID = "gezamenlijke-dienstverlening"
"""The shipped *Visie op gezamenlijke dienstverlening*: the vision used when none is named."""
