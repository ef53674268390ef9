"""`@guarded`: an error in a key handler, a timer or a message handler never ends the app.

Textual ends the app on any exception that escapes a handler, printing a
traceback with its locals, which may hold a private note. Every action,
message handler and timer callback in our screens and widgets is wrapped in
`guarded`: the error is written to the log, the room sees one plain line, and
the meeting goes on. Errors the app phrases itself (`FacilitatorError`) show
their own text; anything else shows a generic line that never quotes user text.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar, cast

from facilitator_tui.errors import FacilitatorError
from facilitator_tui.logfile import write_error

F = TypeVar("F", bound=Callable[..., Any])


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


def guarded(handler: F) -> F:
    """Wrap a handler (sync or async method) so that no exception escapes it."""
    where = handler.__qualname__

    if inspect.iscoroutinefunction(handler):

        @functools.wraps(handler)
        async def run_async(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return await handler(self, *args, **kwargs)
            except Exception as error:
                report(self, error, where)
                return None

        return cast(F, run_async)

    @functools.wraps(handler)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return handler(self, *args, **kwargs)
        except Exception as error:
            report(self, error, where)
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
