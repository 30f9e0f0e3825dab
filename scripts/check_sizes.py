"""`make lint`: no function over 40 lines and no module over 500 lines, in the portal's own Python files
(migrations are generated, vendored files are not ours). Exits 1 naming each one."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

MAX_FUNCTION_LINES = 40
MAX_MODULE_LINES = 500
ROOT = Path(__file__).resolve().parent.parent


def python_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / name for name in listed if "/migrations/" not in name and (ROOT / name).exists()]


def problems(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    name = path.relative_to(ROOT)
    found = []
    lines = text.count("\n")
    if lines > MAX_MODULE_LINES:
        found.append(f"{name}: {lines} lines (at most {MAX_MODULE_LINES}: make it a package)")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(f"{name}:{node.lineno} {node.name}: {length} lines (at most {MAX_FUNCTION_LINES})")
    return found


def main() -> int:
    found = [problem for path in python_files() for problem in problems(path)]
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
