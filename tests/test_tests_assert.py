"""Every test can fail: each ``test*`` function in tests/ asserts something (issue 14, item 7).

A test counts as asserting when its body (read with ``ast``, nested blocks included) has

- an ``assert`` statement;
- a call to ``pytest.raises`` / ``pytest.warns`` / ``pytest.fail`` / ``pytest.deprecated_call``
  (any callee named ``raises``, ``warns``, ``fail`` or ``deprecated_call``);
- a call to a function whose name starts with ``assert_`` or ``check_`` (pandas' and numpy's
  ``assert_frame_equal`` ..., or a shared helper named that way), the naming rule for helpers
  that live in another module (conftest, fixtures);
- a call to a helper defined in the same test module that itself asserts by these rules (a
  reader sees both in one file; followed transitively).

A test that only runs code ("it did not raise") states nothing: make it assert what the run
produced, or name the error it must raise.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ASSERTING_CALLS = frozenset({"raises", "warns", "fail", "deprecated_call"})
ASSERTING_PREFIXES = ("assert_", "check_")


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _asserts_directly(fn: ast.AST) -> tuple[bool, set[str]]:
    """Whether ``fn`` asserts by itself, and the plain names it calls (for local helpers)."""
    called: set[str] = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Assert):
            return True, called
        if isinstance(node, ast.Call):
            name = _called_name(node)
            if name in ASSERTING_CALLS or name.startswith(ASSERTING_PREFIXES):
                return True, called
            if isinstance(node.func, ast.Name):
                called.add(name)
    return False, called


def unasserted_tests(source: str) -> list[str]:
    """Names (with line numbers) of the test functions in ``source`` that assert nothing."""
    tree = ast.parse(source)
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    direct: dict[str, tuple[bool, set[str]]] = {}
    for fn in functions:
        direct.setdefault(fn.name, _asserts_directly(fn))  # a name defined twice: the first

    def asserts(name: str, seen: frozenset[str]) -> bool:
        found, called = direct[name]
        return found or any(c in direct and c not in seen and asserts(c, seen | {c})
                            for c in called)

    return [f"{fn.name} (line {fn.lineno})" for fn in functions
            if fn.name.startswith("test") and not asserts(fn.name, frozenset({fn.name}))]


def test_every_test_asserts_something():
    found = {}
    for path in sorted(TESTS.rglob("test_*.py")):
        missing = unasserted_tests(path.read_text(encoding="utf-8"))
        if missing:
            found[str(path.relative_to(TESTS.parent))] = missing
    assert found == {}, "tests without an assertion (see tests/test_tests_assert.py): " + "; ".join(
        f"{p}: {', '.join(names)}" for p, names in found.items())


def test_the_scan_finds_a_test_without_assertion():
    source = '''
import pytest
import pandas as pd

def _helper(x):
    assert x

def _runs(x):
    return x + 1

def _calls_helper(x):
    _helper(x)

def test_plain_assert():
    assert 1

def test_raises():
    with pytest.raises(ValueError):
        int("x")

def test_pandas_helper():
    pd.testing.assert_frame_equal(pd.DataFrame(), pd.DataFrame())

def test_named_helper():
    check_rows([])

def test_local_helper_two_deep():
    _calls_helper(1)

def test_only_runs():
    _runs(1)

def test_isinstance_without_assert():
    isinstance(_runs(1), int)

def test_recursive_helpers_do_not_loop():
    _a()

def _a():
    _b()

def _b():
    _a()
'''
    assert unasserted_tests(source) == [
        "test_only_runs (line 30)",
        "test_isinstance_without_assert (line 33)",
        "test_recursive_helpers_do_not_loop (line 36)",
    ]
