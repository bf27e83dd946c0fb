"""The one orchestrator: load, prepare, check and notify, in this process or in worker processes."""
