"""A plugin module that fails while it is imported (tests/test_plugins_faulty.py)."""

raise ImportError("this plugin needs a package that is not installed")
