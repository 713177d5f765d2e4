"""The layers import downwards only: app_pages → ui → core → db.

Every .py file of the layers is read with `ast` and each import checked against what its
layer may import. Imports inside functions count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT = {"app_pages", "ui", "core", "db"}

# What each layer may import of the project's own packages (stdlib and third party are free,
# except where FORBIDDEN_THIRD_PARTY says otherwise).
ALLOWED = {
    "app_pages": {"core", "ui"},
    "ui": {"core", "db", "ui"},
    "core": {"core", "db"},
    "db": {"db"},
}
FORBIDDEN_THIRD_PARTY = {"core": {"streamlit", "streamlit_authenticator"}}


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, top-level package) of every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            found.append((node.lineno, path.relative_to(ROOT).parts[0]))  # relative: its own package
    return found


def files(layer: str) -> list[Path]:
    return sorted(p for p in (ROOT / layer).rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below_it(layer):
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {package}"
        for path in files(layer)
        for line, package in imported(path)
        if (package in PROJECT and package not in ALLOWED[layer])
        or package in FORBIDDEN_THIRD_PARTY.get(layer, set())
    ]
    assert wrong == []


def test_the_rule_sees_every_layer():
    assert all(files(layer) for layer in ALLOWED)
