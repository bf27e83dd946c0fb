"""The edge where documents come in and reports go out: parse, validate, structure, load, discover, write."""
