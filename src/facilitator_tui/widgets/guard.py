"""`@guarded`: an error in a key handler, a timer or a message handler never ends the app.

Textual ends the app on any exception that escapes a handler, printing a
traceback with its locals, which may hold a private note. Every action,
message handler and timer callback in our screens and widgets is wrapped in
`guarded`: the error is written to the log, the room sees one plain line, and
the meeting goes on. Errors the app phrases itself (`FacilitatorError`) show
their own text; anything else shows a generic line that never quotes user text.

A screen's `compose` and `on_mount` are guarded too: a dialog that cannot be
built (its review deleted by another process, the database refusing to be
read) says so, closes, and leaves the facilitator on the screen they were on.
"""

from __future__ import annotations

import functools
import inspect
import weakref
from collections.abc import Callable
from typing import Any, TypeVar, cast

from facilitator_tui.errors import FacilitatorError
from facilitator_tui.logfile import write_error

F = TypeVar("F", bound=Callable[..., Any])

# A screen that raises while these run is not built: it closes (see `leave_unbuilt`).
BUILDERS = ("compose", "on_mount")
UNBUILT: weakref.WeakSet[Any] = weakref.WeakSet()  # screens that failed to build


def report(node: Any, error: BaseException, where: str) -> None:
    """Log `error` and tell the user in one line, through the app `node` belongs to."""
    write_error(error, where)
    if isinstance(error, FacilitatorError):
        line = str(error)
    else:
        line = "Something went wrong there; nothing you typed was lost. Details are in the log."
    try:
        node.app.notify(line, severity="error", timeout=6, markup=False)
    except Exception:  # no app to tell (shutting down): the log has it
        pass


def leave_unbuilt(node: Any) -> None:
    """A screen that failed to build closes once the app is free, if another screen is
    under it; whatever it was to show is not shown, and nothing else of it runs."""
    from textual.screen import Screen

    if not isinstance(node, Screen) or node in UNBUILT:
        return
    UNBUILT.add(node)  # its on_mount, if compose failed, has nothing to work on

    def close() -> None:
        app = node.app
        if app.screen is node and len(app.screen_stack) > 1:
            node.dismiss(None)

    try:
        node.app.call_later(close)
    except Exception:  # no app (shutting down): nothing to close
        pass


def guarded(handler: F) -> F:
    """Wrap a handler (sync or async method, or a `compose` generator) so that no
    exception escapes it."""
    where = handler.__qualname__
    builds = handler.__name__ in BUILDERS

    if inspect.isgeneratorfunction(handler):  # compose: built lazily, as Textual asks for it

        @functools.wraps(handler)
        def compose(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                yield from handler(self, *args, **kwargs)
            except Exception as error:
                report(self, error, where)
                if builds:
                    leave_unbuilt(self)

        return cast(F, compose)

    if inspect.iscoroutinefunction(handler):

        @functools.wraps(handler)
        async def run_async(self: Any, *args: Any, **kwargs: Any) -> Any:
            if builds and self in UNBUILT:
                return None
            try:
                return await handler(self, *args, **kwargs)
            except Exception as error:
                report(self, error, where)
                if builds:
                    leave_unbuilt(self)
                return None

        return cast(F, run_async)

    @functools.wraps(handler)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        if builds and self in UNBUILT:
            return None
        try:
            return handler(self, *args, **kwargs)
        except Exception as error:
            report(self, error, where)
            if builds:
                leave_unbuilt(self)
            return None

    return cast(F, run)



def guarded_callback(node: Any, callback: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a plain callback (a dialog's result, a signal) so its errors are reported through `node`."""
    where = callback.__qualname__

    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except Exception as error:
            report(node, error, where)
            return None

    return run
