"""Plugins: the hook specifications, the plugin manager, the built-in plugin and declarative rule sets."""
