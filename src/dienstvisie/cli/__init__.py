"""The `dienstvisie` command: thin wrappers that parse arguments, call the API and print."""
