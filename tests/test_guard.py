"""`@guarded` keeps the app running when a handler fails, and logs what happened."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from facilitator_tui.errors import InputError
from facilitator_tui.widgets.guard import guarded


class Fragile(App[None]):
    BINDINGS = [Binding("f2", "explode", "Explode", priority=True),
                Binding("f3", "refuse", "Refuse", priority=True)]

    def __init__(self) -> None:
        super().__init__()
        self.ticks = 0
        self.said: list[str] = []

    def notify(self, message, **kwargs) -> None:  # what the user was told, in order
        self.said.append(message)
        super().notify(message, **kwargs)

    def compose(self) -> ComposeResult:
        yield Input(id="box")

    @guarded
    def action_explode(self) -> None:
        raise RuntimeError("secret private words")

    @guarded
    def action_refuse(self) -> None:
        raise InputError("that cannot be done")

    @on(Input.Submitted)
    @guarded
    async def submitted(self, event: Input.Submitted) -> None:
        raise KeyError(event.value)

    @guarded
    def tick(self) -> None:
        self.ticks += 1
        raise ValueError("timer failed")


async def test_errors_in_actions_handlers_and_timers_do_not_end_the_app(tmp_path, monkeypatch):
    log = tmp_path / "state" / "facilitator.log"
    monkeypatch.setenv("FACILITATOR_LOG", str(log))
    app = Fragile()
    async with app.run_test() as pilot:
        await pilot.press("f2")
        await pilot.press("f3")
        app.query_one(Input).value = "typed"
        await pilot.press("enter")
        app.set_timer(0.01, app.tick)
        await pilot.pause(0.05)
        assert app.is_running
        assert app.ticks == 1
        lines = app.said
        assert len(lines) == 4
        assert "that cannot be done" in lines
        assert not any("secret private words" in line for line in lines)
    text = log.read_text()
    assert "secret private words" in text and "timer failed" in text and "KeyError" in text
    assert (log.stat().st_mode & 0o777) == 0o600
    assert (log.parent.stat().st_mode & 0o777) == 0o700
