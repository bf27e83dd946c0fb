"""While a command runs, `sys.stdout` is stderr (cli/streams.py: a plugin that prints cannot corrupt a
report), so a command that writes its own output to `sys.stdout` or with a bare `print()` would send
it to stderr. Every command writes through `streams.stdout()`; this keeps it so."""

from __future__ import annotations

import ast
from pathlib import Path

CLI = Path(__file__).parents[1] / "src" / "dienstvisie" / "cli"
ALLOWED = {"streams.py", "main.py"}  # the redirection itself, and what runs before and after it


def test_no_command_writes_to_sys_stdout_or_prints_without_a_stream() -> None:
    wrong = []
    for path in sorted(CLI.glob("*.py")):
        if path.name in ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "stdout" and isinstance(node.value, ast.Name) \
                    and node.value.id == "sys":
                wrong.append(f"{path.name}:{node.lineno}: sys.stdout")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print" \
                    and not any(keyword.arg == "file" for keyword in node.keywords):
                wrong.append(f"{path.name}:{node.lineno}: print() without file=")
    assert not wrong, "write through cli.streams.stdout() (or to sys.stderr): " + "; ".join(wrong)
