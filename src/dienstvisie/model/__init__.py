"""Frozen attrs models: the vision, the service concept, checks, findings and reports."""
