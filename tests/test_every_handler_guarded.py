"""Every handler in the UI is wrapped, so no error in it can end the app in front of the room.

Textual ends the app on any exception escaping an action, a message handler, a
timer callback, a watcher, a dialog's result callback or a `compose`. This scan finds each
of those in screens/, widgets/ and app.py and fails when one lacks `@guarded`
(or, for a dialog's callback, `guarded_callback`); workers must not end the app
on error either.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "facilitator_tui"
UI_FILES = sorted([SRC / "app.py", SRC / "mirror_app.py", SRC / "palette_host.py", *(SRC / "screens").glob("*.py"),
                   *(SRC / "widgets").glob("*.py")])
HANDLER_PREFIXES = ("action_", "on_", "_on_", "watch_", "_watch_")
CALLBACK_TAKERS = {"set_timer": 1, "set_interval": 1, "call_later": 0, "call_after_refresh": 0,
                   "call_next": 0, "subscribe": 1}


def _decorator_names(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    names = []
    for dec in func.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        names.append(target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", ""))
    return names


def _self_attr(node: ast.AST) -> str | None:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return node.attr
    return None


def unguarded(path: Path) -> list[str]:
    """Handlers in `path` that an exception could escape from, as 'Class.method' strings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
        methods = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)}
        needs: set[str] = set()
        for name, func in methods.items():
            decorators = _decorator_names(func)
            if name.startswith(HANDLER_PREFIXES) or name == "compose" or "on" in decorators:
                needs.add(name)
            if "work" in decorators:
                work = next(d for d in func.decorator_list
                            if isinstance(d, ast.Call) and getattr(d.func, "id", "") == "work")
                keywords = {k.arg: k.value for k in work.keywords}
                value = keywords.get("exit_on_error")
                if "guarded" not in decorators and not (
                        isinstance(value, ast.Constant) and value.value is False):
                    found.append(f"{cls.name}.{name} (worker)")
        for call in [n for n in ast.walk(cls) if isinstance(n, ast.Call)]:
            attr = call.func.attr if isinstance(call.func, ast.Attribute) else None
            if attr in CALLBACK_TAKERS and len(call.args) > CALLBACK_TAKERS[attr]:
                target = _self_attr(call.args[CALLBACK_TAKERS[attr]])
                if target in methods:
                    needs.add(target)
            if attr == "push_screen":
                target = _self_attr(_dialog_callback(call) or ast.Constant(None))
                if target in methods:
                    needs.add(target)
        for name in sorted(needs):
            if "guarded" not in _decorator_names(methods[name]):
                found.append(f"{cls.name}.{name}")
    # A dialog's result callback anywhere in the file: a guarded method, or guarded_callback(...).
    for call in [n for n in ast.walk(tree) if isinstance(n, ast.Call)]:
        if not (isinstance(call.func, ast.Attribute) and call.func.attr == "push_screen"):
            continue
        callback = _dialog_callback(call)
        if callback is None or _self_attr(callback):
            continue
        if not (isinstance(callback, ast.Call) and getattr(callback.func, "id", "") == "guarded_callback"):
            found.append(f"line {call.lineno} (dialog callback)")
    return found


def _dialog_callback(call: ast.Call) -> ast.AST | None:
    if len(call.args) > 1:
        return call.args[1]
    return next((k.value for k in call.keywords if k.arg == "callback"), None)


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: p.name)
def test_every_handler_is_guarded(path):
    assert unguarded(path) == []


def test_the_scan_finds_an_unguarded_handler(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from textual import on, work\n"
        "class Pane:\n"
        "    def action_go(self): pass\n"
        "    @on(Input.Changed)\n"
        "    def typed(self): pass\n"
        "    def tick(self): pass\n"
        "    def on_mount(self):\n"
        "        self.set_interval(1, self.tick)\n"
        "        self.app.push_screen(Dialog(), lambda _: None)\n"
        "    @work(thread=True)\n"
        "    def load(self): pass\n"
    )
    assert sorted(unguarded(sample)) == sorted([
        "Pane.action_go", "Pane.typed", "Pane.tick", "Pane.on_mount",
        "line 9 (dialog callback)", "Pane.load (worker)",
    ])
