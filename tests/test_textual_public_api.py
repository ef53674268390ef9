"""Textual's public API only: no `textual._*` import, no private name of Textual's used or shadowed.

A private name is one that starts with an underscore (dunders aside). Textual's are
collected from its own source: every `_name` a Textual class defines as a method, a
class attribute or an instance attribute (`self._name = ...`). Our code then may not
- import a module whose path has a private part (`textual._compositor`,
  `textual.widgets._option_list`), or `from textual import _anything`;
- read or write `_name` on anything but `self` when `_name` is one of Textual's
  (`screen._push_result_callback`, `node._bindings`, `super()._render()`), or through
  `getattr`/`setattr` with such a name;
- in a subclass of a Textual class, touch or define a private name that a Textual class
  in its MRO has (`self._check_disabled()`, a method `_render`, `self._layout_required`).
"""

from __future__ import annotations

import ast
import importlib
import inspect
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import textual

SRC = Path(__file__).resolve().parent.parent / "src"
TEXTUAL = Path(textual.__file__).resolve().parent


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__")) and name != "_"


def _class_privates(node: ast.ClassDef) -> set[str]:
    """Private names a class body defines: methods, class attributes, `self._x` assignments."""
    names: set[str] = set()
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and private(item.name):
            names.add(item.name)
        elif isinstance(item, ast.Assign):
            names |= {t.id for t in item.targets if isinstance(t, ast.Name) and private(t.id)}
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            if private(item.target.id):
                names.add(item.target.id)
    for sub in ast.walk(node):
        targets: list[ast.expr] = []
        if isinstance(sub, ast.Assign):
            targets = list(sub.targets)
        elif isinstance(sub, (ast.AnnAssign, ast.AugAssign)):
            targets = [sub.target]
        for target in targets:
            for part in ast.walk(target):
                if (isinstance(part, ast.Attribute) and isinstance(part.value, ast.Name)
                        and part.value.id == "self" and private(part.attr)):
                    names.add(part.attr)
    return names


@cache
def textual_privates() -> dict[tuple[str, str], frozenset[str]]:
    """(module, class name) -> the private names that Textual class defines."""
    found: dict[tuple[str, str], frozenset[str]] = {}
    for path in TEXTUAL.rglob("*.py"):
        parts = path.relative_to(TEXTUAL.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                found[(module, node.name)] = frozenset(_class_privates(node))
    return found


@cache
def all_textual_privates() -> frozenset[str]:
    return frozenset().union(*textual_privates().values())


def mro_privates(cls: type) -> frozenset[str]:
    """The private names of every Textual class in `cls`'s MRO."""
    index = textual_privates()
    names: set[str] = set()
    for base in cls.__mro__:
        if base.__module__.split(".")[0] == "textual":
            names |= index.get((base.__module__, base.__name__), frozenset())
    return frozenset(names)


@dataclass(frozen=True)
class Finding:
    where: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.where}:{self.line}: {self.what}"


def _private_module(module: str) -> bool:
    parts = module.split(".")
    return parts[0] == "textual" and any(private(part) for part in parts[1:])


def check_source(source: str, where: str, classes: dict[str, type] | None = None) -> list[Finding]:
    """What in `source` uses or shadows Textual's private API.

    `classes` maps the names of the classes defined in the source to the live classes,
    so that their MROs are known; a class not in it counts as not Textual's.
    """
    classes = classes or {}
    tree = ast.parse(source)
    textual_names = all_textual_privates()
    findings: list[Finding] = []

    def flag(node: ast.AST, what: str) -> None:
        findings.append(Finding(where, getattr(node, "lineno", 0), what))

    def visit(node: ast.AST, inherited: frozenset[str]) -> None:
        if isinstance(node, ast.ClassDef):
            cls = classes.get(node.name)
            inherited = mro_privates(cls) if cls is not None else frozenset()
            for name in sorted(_class_privates(node) & inherited):
                flag(node, f"{node.name} shadows Textual's private {name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _private_module(alias.name):
                    flag(node, f"imports {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module:
            if _private_module(node.module):
                flag(node, f"imports from {node.module}")
            elif node.module == "textual" or node.module.startswith("textual."):
                for alias in node.names:
                    if private(alias.name):
                        flag(node, f"imports {alias.name} from {node.module}")
        elif isinstance(node, ast.Attribute) and private(node.attr):
            on_self = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
            if on_self and node.attr in inherited:
                flag(node, f"self.{node.attr} is Textual's private name")
            elif not on_self and node.attr in textual_names:
                flag(node, f".{node.attr} is a private name of Textual's")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) > 1
              and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
              and node.args[1].value in textual_names):
            flag(node, f"{node.func.id}(..., {node.args[1].value!r}) is a private name of Textual's")
        for child in ast.iter_child_nodes(node):
            visit(child, inherited)

    visit(tree, frozenset())
    return findings


def our_modules() -> list[tuple[str, Path]]:
    package = SRC / "facilitator_tui"
    out = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        out.append((".".join(parts[:-1] if parts[-1] == "__init__" else parts), path))
    return out


def test_our_code_uses_only_textuals_public_api():
    findings: list[Finding] = []
    for module_name, path in our_modules():
        classes: dict[str, type] = {}
        if not module_name.endswith("__main__"):  # that one runs the CLI when imported
            module = importlib.import_module(module_name)
            classes = {name: obj for name, obj in vars(module).items()
                       if inspect.isclass(obj) and obj.__module__ == module_name}
        findings += check_source(path.read_text(encoding="utf-8"), str(path.relative_to(SRC)), classes)
    assert not findings, "\n".join(map(str, findings))


# -- the check itself catches what it is for ------------------------------------------


def _findings(source: str, **classes: type) -> list[str]:
    return [f.what for f in check_source(source, "example.py", classes)]


def test_the_check_knows_textuals_private_names():
    names = all_textual_privates()
    for name in ("_push_result_callback", "_bindings", "_check_disabled", "_render",
                 "_layout_required", "_repaint_required", "_parse_cache", "_display",
                 "_notifications", "_compositor"):
        assert name in names, name


def test_the_check_catches_private_imports():
    assert _findings("import textual._compositor")
    assert _findings("from textual._compositor import Compositor")
    assert _findings("from textual.widgets._option_list import Option")
    assert _findings("from textual import _border")
    assert not _findings("from textual.widgets.option_list import Option")


def test_the_check_catches_private_names_on_textual_objects():
    assert _findings("screen._push_result_callback(app, None)")
    assert _findings("live = [b for _k, b in node._bindings]")
    assert _findings("app._display = lambda *a: None")
    assert _findings("app._notifications")
    assert _findings("Stylesheet._parse_cache.clear()")
    assert _findings("getattr(app, '_display')")
    assert not _findings("store._migrate(3)")  # not a name Textual has


def test_the_check_catches_subclasses_reaching_textuals_privates():
    from textual.screen import Screen
    from textual.scroll_view import ScrollView

    source = (
        "class Bar(ScrollView):\n"
        "    @property\n"
        "    def allow_vertical_scroll(self):\n"
        "        return not self._check_disabled()\n"
    )
    assert _findings(source, Bar=type("Bar", (ScrollView,), {}))
    source = (
        "class First(Screen):\n"
        "    def on_show(self):\n"
        "        self._layout_required = self._repaint_required = False\n"
    )
    assert _findings(source, First=type("First", (Screen,), {}))
    # A plain class of ours may use any private names it likes.
    assert not _findings(source, First=type("First", (), {}))


def test_the_check_catches_a_shadowed_private_method():
    from textual.scroll_view import ScrollView

    source = (
        "class RowList(ScrollView):\n"
        "    def _render(self, line, index, width, lit):\n"
        "        return None\n"
    )
    found = _findings(source, RowList=type("RowList", (ScrollView,), {}))
    assert found == ["RowList shadows Textual's private _render"]


def test_the_tests_use_only_textuals_public_api_too():
    # `app._display`, `app._notifications` and the like: a test that reads them breaks on
    # the next release of Textual as surely as the app would.
    tests = Path(__file__).resolve().parent
    findings: list[Finding] = []
    for path in sorted(tests.rglob("*.py")):
        if path.name == Path(__file__).name:  # its examples are meant to be caught
            continue
        findings += check_source(path.read_text(encoding="utf-8"), str(path.relative_to(tests)))
    assert not findings, "\n".join(map(str, findings))
