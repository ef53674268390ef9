"""`facilitator serve` in a real headless Chromium: the page loads, shows the review's title and
current question, and follows a phase change made through the facilitator's service.

Chromium is driven through its DevTools protocol over a websocket (aiohttp, which
textual-serve already brings). What the page's terminal draws arrives over the
page's own websocket; the test reads those frames as the browser received them.
The page also counts as a mirror in the facilitator's window while it is open.
Skipped, saying why, where no Chromium can be found (Debian: apt-get install chromium).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

CHROMIUM = next((found for name in ("chromium", "chromium-browser", "google-chrome")
                 if (found := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium on this machine: the browser test needs Debian's chromium package "
           "(apt-get install -y chromium), which .ci/run installs when it runs as root")

aiohttp = pytest.importorskip("aiohttp")

ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def accepts(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Page:
    """One Chromium tab over the DevTools protocol: commands out, events in."""

    def __init__(self, socket_url: str) -> None:
        self.socket_url = socket_url
        self.ids = itertools.count(1)
        self.replies: dict[int, asyncio.Future] = {}
        self.received: list[str] = []  # what the page's own websocket brought, escapes removed

    async def __aenter__(self) -> Page:
        self.session = aiohttp.ClientSession()
        self.ws = await self.session.ws_connect(self.socket_url, max_msg_size=0)
        self.reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.reader.cancel()
        await self.ws.close()
        await self.session.close()

    async def _read(self) -> None:
        async for message in self.ws:
            data = json.loads(message.data)
            if "id" in data and data["id"] in self.replies:
                self.replies.pop(data["id"]).set_result(data)
            elif data.get("method") == "Network.webSocketFrameReceived":
                frame = data["params"]["response"]
                payload = frame["payloadData"]
                raw = base64.b64decode(payload) if frame.get("opcode") == 2 else payload.encode()
                self.received.append(ESCAPES.sub(" ", raw.decode("utf-8", "replace")))

    async def send(self, method: str, **params: object) -> dict:
        number = next(self.ids)
        reply = self.replies[number] = asyncio.get_running_loop().create_future()
        await self.ws.send_json({"id": number, "method": method, "params": params})
        return await asyncio.wait_for(reply, 30)

    def text(self, since: int = 0) -> str:
        return " ".join(" ".join(self.received[since:]).split())

    async def shows(self, *words: str, since: int = 0, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while not all(w in self.text(since) for w in words):
            missing = [w for w in words if w not in self.text(since)]
            assert time.monotonic() < deadline, f"the page never showed {missing}"
            await asyncio.sleep(0.05)


@pytest.fixture
def served(service, db_path, tmp_path):
    """`facilitator serve ID` on a free port, and a review for it; stopped with ctrl+c after."""
    review = service.create_review("Checkout <b>errors</b> during the sale")
    rid = review.id
    prompt = next(p for p in service.prompt_deck(rid) if len(p.text) < 70)
    service.show_to_room(rid, prompt_id=prompt.id)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "facilitator_tui", "--db", str(db_path), "serve", str(rid),
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True)
    try:
        wait_until(lambda: accepts(port) or server.poll() is not None, 20, "serve never listened")
        assert server.poll() is None, server.stdout.read().decode()
        yield rid, prompt, port
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.fixture
def chromium(tmp_path):
    """Headless Chromium with a fresh profile, no network beyond this machine; its DevTools port."""
    profile = tmp_path / "chromium-profile"
    browser = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--remote-debugging-port=0",
         # Only this machine: the page's web font (on a public CDN) fails at once, not after a timeout.
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
         "--window-size=1600,900", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    active = profile / "DevToolsActivePort"
    try:
        wait_until(lambda: (active.exists() and active.read_text().strip()) or browser.poll() is not None,
                   30, "Chromium never opened its DevTools port")
        assert browser.poll() is None, "Chromium ended at once"
        yield int(active.read_text().split()[0])
    finally:
        os.killpg(browser.pid, signal.SIGTERM)
        try:
            browser.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.wait()


async def page_socket(devtools: int) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{devtools}/json/list") as answer:
            targets = await answer.json()
    return next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")


async def test_the_page_shows_the_mirror_and_follows_a_phase_change(served, chromium, service, tmp_path):
    rid, prompt, port = served
    async with Page(await page_socket(chromium)) as page:
        await page.send("Network.enable")
        await page.send("Page.enable")
        await page.send("Page.navigate", url=f"http://127.0.0.1:{port}/")
        # The title as written (an HTML tag in it is text), the question the facilitator shows.
        await page.shows("Checkout <b>errors</b> during the sale", prompt.text, "MIRROR")
        started = await page.send("Runtime.evaluate",
                                  expression="document.body.classList.contains('-first-byte')")
        assert started["result"]["result"]["value"] is True  # the terminal is on the page
        # The browser's mirror is counted in the facilitator's window like any other.
        wait_until(lambda: service.mirrors_following(rid) == 1, 10, "the page's mirror was not counted")
        assert "Walk the timeline" not in page.text()
        mark = len(page.received)
        service.start_meeting(rid)
        service.step_phase(rid, 1)
        await page.shows("Walk the timeline", since=mark, seconds=10)
        shot = await page.send("Page.captureScreenshot", format="png")
        (tmp_path / "mirror-in-chromium.png").write_bytes(base64.b64decode(shot["result"]["data"]))
        await page.send("Page.navigate", url="about:blank")
    # The tab left: its mirror ended and is no longer counted.
    wait_until(lambda: service.mirrors_following(rid) == 0, 15, "the page's mirror kept running")

